// Bytes to text the way Go sees them. Go keeps a file's bytes: each byte that does not start a
// valid UTF-8 sequence is one rune of its own (utf8.RuneError) and %q shows it as \xNN. The
// WHATWG decoder instead folds a broken sequence into one U+FFFD and loses the byte. So each such
// byte b becomes the lone surrogate U+DC00+b here (as Python's surrogateescape does): one rune
// per byte, and the byte stays known for messages that quote it (parse/quote.ts).

import { isUtf8 } from 'node:buffer';

const ESCAPE_BASE = 0xdc00;

/** The text of `bytes`, with every byte that is not valid UTF-8 kept as U+DC80..U+DCFF. */
export function decodeGoBytes(bytes: Uint8Array): string {
  if (isUtf8(bytes)) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  let out = '';
  let start = 0;
  let i = 0;
  const flush = (end: number) => {
    if (end > start) out += Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('utf8');
  };
  while (i < bytes.length) {
    const n = validSequenceLength(bytes, i);
    if (n > 0) {
      i += n;
      continue;
    }
    flush(i);
    out += String.fromCharCode(ESCAPE_BASE + bytes[i]!);
    i++;
    start = i;
  }
  flush(i);
  return out;
}

/** The byte an escaped character stands for, or undefined for any other character. */
export function escapedByte(ch: string): number | undefined {
  const c = ch.charCodeAt(0);
  return ch.length === 1 && c >= ESCAPE_BASE + 0x80 && c <= ESCAPE_BASE + 0xff ? c - ESCAPE_BASE : undefined;
}

/** The length of the valid UTF-8 sequence at i (as utf8.DecodeRune accepts it), or 0. */
function validSequenceLength(b: Uint8Array, i: number): number {
  const c = b[i]!;
  if (c < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => i + k < b.length && b[i + k]! >= lo && b[i + k]! <= hi;
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    const [lo, hi] = c === 0xe0 ? [0xa0, 0xbf] : c === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
    return cont(1, lo, hi) && cont(2) ? 3 : 0;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    const [lo, hi] = c === 0xf0 ? [0x90, 0xbf] : c === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/** The bytes of a text from decodeGoBytes: UTF-8, with each escaped byte written back as itself. */
export function encodeGoText(text: string): Buffer {
  const parts: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const b = escapedByte(text[i]!);
    // The second half of a surrogate pair is never in the escape range's position alone.
    if (b === undefined || (i > 0 && text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) < 0xdc00)) continue;
    parts.push(Buffer.from(text.slice(start, i), 'utf8'), Buffer.from([b]));
    start = i + 1;
  }
  parts.push(Buffer.from(text.slice(start), 'utf8'));
  return Buffer.concat(parts);
}
