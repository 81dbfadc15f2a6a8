import { describe, expect, it } from 'vitest';
import { addChecksums } from './event-set-checksum.ts';
import { crc32OfText } from './snapshot-protocol.ts';
import { checksumOf } from './event-set-checksum.ts';

describe('crc32OfText', () => {
  it.each([
    ['', 0],
    ['123456789', 0xcbf43926],
    ['The quick brown fox jumps over the lazy dog', 0x414fa339],
  ])('gives the standard CRC-32 of %j', (text, crc) => {
    expect(crc32OfText(text)).toBe(crc);
  });

  it('sees a single changed or missing character', () => {
    const text = '{"rows":[{"name":"Sérgio"}]}';
    expect(crc32OfText(text.replace('é', 'e'))).not.toBe(crc32OfText(text));
    expect(crc32OfText(text.slice(0, -1))).not.toBe(crc32OfText(text));
  });

  it('encodes every code point as UTF-8 would (two, three and four bytes, lone surrogates)', () => {
    for (const text of ['Sérgio', '€ 2,50', 'Ŋ̊ 😀 名前', 'x\ud800y', '\udfff']) {
      const bytes = new TextEncoder().encode(text);
      let c = 0xffffffff;
      for (const b of bytes) {
        c ^= b;
        for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      }
      expect(crc32OfText(text)).toBe((c ^ 0xffffffff) >>> 0);
    }
  });
});

describe('addChecksums', () => {
  it('gives the checksum of the union of two disjoint sets', () => {
    const a = ['e1', 'e2', 'e3'];
    const b = ['e4', 'e5'];
    expect(addChecksums(checksumOf(a), checksumOf(b))).toEqual(checksumOf([...a, ...b]));
    expect(addChecksums(checksumOf([]), checksumOf(b))).toEqual(checksumOf(b));
  });
});
