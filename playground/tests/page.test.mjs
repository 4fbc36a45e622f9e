// Unit tests of the page's pure modules, under Node's test runner:
//   node --test playground/tests/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byteOffsets } from '../web/src/offsets.js';
import { encode, decode, ShareError, PREFIX } from '../web/src/share.js';

/** Editor positions by brute force: UTF-16 units, a `\r\n` separator counted once. */
function positionOfByte(text, byte, separator) {
  const bytes = new TextEncoder().encode(text);
  const prefix = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.slice(0, byte));
  return separator === '\r\n' ? prefix.replaceAll('\r\n', '\n').length : prefix.length;
}

/** A deterministic random text from pieces that stress offsets and compression. */
function randomText(seed, length) {
  const pieces = ['a', 'segment', ' ', '\n', '\r\n', 'é', '☕', '👩‍💻', '日本', '\uFEFF', '"', '#', '\r'];
  let state = seed;
  let text = '';
  for (let i = 0; i < length; i += 1) {
    state = (state * 1103515245 + 12345) % 2147483648;
    text += pieces[state % pieces.length];
  }
  return text;
}

test('byte offsets become editor positions, CRLF counted once', () => {
  for (let seed = 1; seed < 60; seed += 1) {
    const text = randomText(seed, 40).replace(/\r(?!\n)/g, '');
    const separator = text.includes('\r\n') ? '\r\n' : '\n';
    const bytes = new TextEncoder().encode(text);
    // Every character boundary, as canvasc's spans only ever are.
    const boundaries = [0];
    for (let unit = 0, byte = 0; unit < text.length; ) {
      const point = text.codePointAt(unit);
      byte += new TextEncoder().encode(String.fromCodePoint(point)).length;
      unit += point >= 0x10000 ? 2 : 1;
      boundaries.push(byte);
    }
    assert.equal(boundaries.at(-1), bytes.length);
    const at = byteOffsets(text, boundaries, separator);
    for (const byte of boundaries) {
      // A boundary inside `\r\n` has no position of its own; skip it.
      if (separator === '\r\n' && byte > 0 && bytes[byte - 1] === 13 && bytes[byte] === 10) continue;
      assert.equal(at(byte), positionOfByte(text, byte, separator), `${JSON.stringify(text)} at byte ${byte}`);
    }
  }
});

test('share links round-trip any text exactly', async () => {
  for (let seed = 1; seed < 40; seed += 1) {
    const text = randomText(seed, seed * 7);
    const fragment = await encode(text);
    assert.ok(fragment.startsWith(PREFIX));
    assert.match(fragment.slice(PREFIX.length), /^[A-Za-z0-9_-]*$/);
    assert.equal(await decode(fragment), text);
  }
});

test('no fragment is no shared canvas', async () => {
  assert.equal(await decode(''), null);
  assert.equal(await decode('#'), null);
});

test('invalid fragments are a ShareError that says why', async () => {
  for (const fragment of ['#x', '#c=a*b', '#c=AAAAAAAA', '#c=A', '#canvas=abc']) {
    await assert.rejects(decode(fragment), ShareError, fragment);
  }
  // Not UTF-8 once unpacked.
  const packed = await new Response(new Blob([new Uint8Array([0xff, 0xfe, 0x00])]).stream().pipeThrough(new CompressionStream('deflate-raw'))).arrayBuffer();
  const base64 = Buffer.from(packed).toString('base64url');
  await assert.rejects(decode(PREFIX + base64), /not UTF-8/);
});

test('a link that unpacks to more than the limit is refused, not unpacked', async () => {
  const fragment = await encode('a'.repeat(5 * 1024 * 1024));
  assert.ok(fragment.length < 20_000, 'a repetitive text packs small');
  await assert.rejects(decode(fragment), /more than 4 MB/);
});
