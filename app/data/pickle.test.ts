import { describe, expect, it } from 'vitest';
import { unpickle } from './pickle';

/** A protocol-2 pickle of one str: PROTO 2, BINUNICODE (length, UTF-8 bytes), STOP. */
function pickledStr(s: string): Uint8Array {
  const utf8 = Buffer.from(s, 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32LE(utf8.length);
  return Uint8Array.from([0x80, 2, 0x58, ...len, ...utf8, 0x2e]);
}

describe('unpickle', () => {
  it('decodes a str of one- to four-byte UTF-8 characters', () => {
    const s = 'a\u00e9\u20ac\u{1f600}z'; // a, é (2 bytes), € (3), 😀 (4: a surrogate pair), z
    const r = unpickle(pickledStr(s), 's.pkl');
    if (!r.ok) throw new Error(r.error);
    expect(r.value).toBe(s);
  });

  it('decodes a long latin-1 str (numpy bytes through _codecs.encode) whole', () => {
    const s = String.fromCharCode(...Array.from({ length: 20_000 }, (_, i) => (i * 7) % 256));
    const r = unpickle(pickledStr(s), 'big.pkl');
    if (!r.ok) throw new Error(r.error);
    expect(r.value).toBe(s);
  });
});
