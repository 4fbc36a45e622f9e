// Share links: the canvas, compressed, in the URL's fragment. The fragment
// never reaches a server, so sharing sends nothing anywhere.
//
// Format: `#c=` then the text's UTF-8 bytes, compressed with raw DEFLATE
// (the browser's CompressionStream), in base64url without padding. The text
// round-trips exactly: line endings, a byte-order mark, any Unicode.

/** The prefix of a fragment that holds a canvas. */
export const PREFIX = '#c=';

/** The largest canvas a link may unpack to (canvasc's own file limit is far larger; a link is for sharing, not for storage). */
export const MAX_SHARED_BYTES = 4 * 1024 * 1024;

/** Why a fragment could not be read. */
export class ShareError extends Error {}

async function pipe(bytes, transform, limit) {
  const stream = new Blob([bytes]).stream().pipeThrough(transform);
  const reader = stream.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      throw new ShareError(`it unpacks to more than ${limit / (1024 * 1024)} MB`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

function toBase64Url(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new ShareError('it has characters that are not base64url');
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  let binary;
  try {
    binary = atob(padded);
  } catch {
    throw new ShareError('it is not valid base64url');
  }
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** The fragment (with its `#c=`) that holds `text`. */
export async function encode(text) {
  const bytes = new TextEncoder().encode(text);
  const packed = await pipe(bytes, new CompressionStream('deflate-raw'), Infinity);
  return PREFIX + toBase64Url(packed);
}

/**
 * The text a fragment holds: `null` for an empty fragment (no shared
 * canvas), the text, or a ShareError saying why it cannot be read.
 */
export async function decode(fragment) {
  if (fragment === '' || fragment === '#') return null;
  if (!fragment.startsWith(PREFIX)) throw new ShareError('it does not start with #c=');
  const packed = fromBase64Url(fragment.slice(PREFIX.length));
  let bytes;
  try {
    bytes = await pipe(packed, new DecompressionStream('deflate-raw'), MAX_SHARED_BYTES);
  } catch (error) {
    if (error instanceof ShareError) throw error;
    throw new ShareError('its data is not a compressed canvas (it may have been cut short)');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new ShareError('its text is not UTF-8');
  }
}
