// Go's string quoting rules, as far as go.mod and go.work need them: strconv.Unquote for "..."
// tokens, unicode.IsPrint for the lexer's identifier characters, and %q of a string or a rune
// for messages. Bytes that are not UTF-8 are escaped characters (text/utf8.ts), quoted as \xNN.

import { decodeGoBytes, escapedByte } from '../text/utf8';

/** strconv.Unquote of a double-quoted Go string; undefined when Go would reject it. */
export function unquoteGoString(s: string): string | undefined {
  if (s.length < 2 || s[0] !== '"' || s[s.length - 1] !== '"') return undefined;
  const inner = s.slice(1, -1);
  // Without escapes the value is the text itself (strconv's fast path), bytes that are not UTF-8
  // each turned into U+FFFD as its slow path does.
  if (!/["\\\n]/.test(inner)) return inner.replace(/(?<![\ud800-\udbff])[\udc80-\udcff]/g, '\ufffd');
  const bytes: number[] = [];
  // A byte that is not UTF-8 written as such becomes U+FFFD (strconv decodes it as RuneError);
  // only \x and octal escapes give such bytes.
  const pushText = (t: string) => bytes.push(...Buffer.from(escapedByte(t) === undefined ? t : '\ufffd', 'utf8'));
  for (let i = 1; i < s.length - 1; ) {
    const c = s[i]!;
    if (c === '"' || c === '\n') return undefined;
    if (c !== '\\') {
      const cp = s.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      pushText(ch);
      i += ch.length;
      continue;
    }
    const e = s[i + 1];
    i += 2;
    const simple: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92, '"': 34 };
    if (e === undefined) return undefined;
    if (e in simple) {
      bytes.push(simple[e]!);
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = s.slice(i, i + n);
      if (hex.length !== n || !/^[0-9a-fA-F]+$/.test(hex) || i + n > s.length - 1) return undefined;
      const v = parseInt(hex, 16);
      i += n;
      if (e === 'x') bytes.push(v);
      else if (v > 0x10ffff || (v >= 0xd800 && v < 0xe000)) return undefined;
      else pushText(String.fromCodePoint(v));
    } else if (e >= '0' && e <= '7') {
      const oct = s.slice(i - 1, i + 2);
      if (!/^[0-7]{3}$/.test(oct) || i + 2 > s.length - 1) return undefined;
      const v = parseInt(oct, 8);
      if (v > 255) return undefined;
      bytes.push(v);
      i += 2;
    } else {
      return undefined;
    }
  }
  return decodeGoBytes(Buffer.from(bytes));
}

/** Go's strconv.Quote of a string: the form modfile.AutoQuote and go mod edit write. */
export function quoteGoString(s: string): string {
  let out = '"';
  for (const ch of s) out += escapeChar(ch, '"');
  return out + '"';
}

/** Go's %q of a rune ('\x00', 'é'). */
export function quoteGoRune(ch: string): string {
  return "'" + escapeChar(ch, "'") + "'";
}

function escapeChar(ch: string, quote: string): string {
  const named: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '\\': '\\\\' };
  if (ch === quote) return '\\' + ch;
  if (named[ch]) return named[ch]!;
  if (isGoPrint(ch)) return ch;
  const b = escapedByte(ch);
  if (b !== undefined) return '\\x' + b.toString(16);
  const cp = ch.codePointAt(0)!;
  if (cp < 0x80) return '\\x' + cp.toString(16).padStart(2, '0');
  if (cp < 0x10000) return '\\u' + cp.toString(16).padStart(4, '0');
  return '\\U' + cp.toString(16).padStart(8, '0');
}

const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
export function isGoPrint(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c < 0x80) return c >= 0x20 && c < 0x7f;
  return printable.test(ch);
}

const space = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/u;

/** unicode.IsSpace. */
export function isGoSpace(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c < 0x80) return c === 32 || (c >= 9 && c <= 13);
  return space.test(ch);
}

/** modfile.MustQuote: whether a token must be quoted to survive the lexer. */
export function mustQuote(s: string): boolean {
  for (const ch of s) {
    if (' "\'`'.includes(ch)) return true;
    if ('()[]{},'.includes(ch)) {
      if (s.length > 1) return true;
    } else if (!isGoPrint(ch)) return true;
  }
  return s === '' || s.includes('//') || s.includes('/*');
}

/** modfile.AutoQuote: s as a token, quoted only when it must be. */
export function autoQuote(s: string): string {
  return mustQuote(s) ? quoteGoString(s) : s;
}
