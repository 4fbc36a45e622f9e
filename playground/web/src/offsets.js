// canvasc reports offsets in bytes of the UTF-8 text; the editor counts
// positions in UTF-16 code units, with each line break one position
// whatever its separator (`\r\n` is one). One pass over the text converts a
// set of offsets.

const ASCII = /^[\x00-\x7f]*$/;

/**
 * A function from byte offsets to editor positions in `text`, whose line
 * separator is `separator`, for exactly the byte offsets given.
 */
export function byteOffsets(text, offsets, separator = '\n') {
  const crlf = separator === '\r\n';
  if (!crlf && ASCII.test(text)) return (offset) => Math.min(offset, text.length);
  const wanted = [...new Set(offsets)].sort((a, b) => a - b);
  const map = new Map();
  let byte = 0;
  let unit = 0;
  let position = 0;
  let next = 0;
  while (next < wanted.length) {
    while (next < wanted.length && wanted[next] <= byte) map.set(wanted[next++], position);
    if (unit >= text.length) break;
    if (crlf && text.startsWith('\r\n', unit)) {
      byte += 2;
      unit += 2;
      position += 1;
      continue;
    }
    const point = text.codePointAt(unit);
    const units = point >= 0x10000 ? 2 : 1;
    byte += point < 0x80 ? 1 : point < 0x800 ? 2 : point < 0x10000 ? 3 : 4;
    unit += units;
    position += units;
  }
  while (next < wanted.length) map.set(wanted[next++], position);
  return (offset) => map.get(offset) ?? position;
}
