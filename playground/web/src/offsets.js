// canvasc reports offsets in bytes of the UTF-8 text; the editor counts
// UTF-16 code units. One pass over the text converts a set of offsets.

const ASCII = /^[\x00-\x7f]*$/;

/**
 * A function from byte offsets to UTF-16 offsets in `text`, for exactly the
 * byte offsets given (others map to the nearest character start before).
 */
export function byteOffsets(text, offsets) {
  if (ASCII.test(text)) return (offset) => Math.min(offset, text.length);
  const wanted = [...new Set(offsets)].sort((a, b) => a - b);
  const map = new Map();
  let byte = 0;
  let unit = 0;
  let next = 0;
  while (next < wanted.length) {
    while (next < wanted.length && wanted[next] <= byte) map.set(wanted[next++], unit);
    if (unit >= text.length) break;
    const point = text.codePointAt(unit);
    byte += point < 0x80 ? 1 : point < 0x800 ? 2 : point < 0x10000 ? 3 : 4;
    unit += point >= 0x10000 ? 2 : 1;
  }
  while (next < wanted.length) map.set(wanted[next++], text.length);
  return (offset) => map.get(offset) ?? text.length;
}
