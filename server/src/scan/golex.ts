// The Go tokens a file head is made of, with Go's automatic semicolons (a newline after an
// identifier, a string or `)` ends the statement). Everything else is an 'other' token: the head
// scanner stops at it.

export interface GoToken {
  kind: 'ident' | 'string' | ';' | '(' | ')' | '.' | 'other' | 'eof';
  /** Source text; an automatic semicolon's is "\n". */
  text: string;
  start: number;
  end: number;
  /** A string literal's value. */
  value?: string;
  /** What is wrong with a string literal. */
  error?: string;
}

export interface GoLexer {
  next(): GoToken;
  /** Whether the lexer has looked at the end of the text (a longer text could lex differently). */
  readonly reachedEnd: boolean;
}

// ASCII answered by code, the rest by Unicode class: a regular expression per character was a
// quarter of a cold check's scanning time.
const isLetter = (c: string) => {
  const k = c.charCodeAt(0);
  if (k < 0x80) return (k >= 97 && k <= 122) || (k >= 65 && k <= 90) || k === 95;
  return /\p{L}/u.test(c);
};
const isDigit = (c: string) => {
  const k = c.charCodeAt(0);
  if (k < 0x80) return k >= 48 && k <= 57;
  return /\p{Nd}/u.test(c);
};
/** An ASCII letter, digit or underscore: the characters of nearly every identifier. */
const isAsciiIdentPart = (k: number) => (k >= 97 && k <= 122) || (k >= 65 && k <= 90) || (k >= 48 && k <= 57) || k === 95;

/** An interpreted string literal without escapes, matched at lastIndex. */
const PLAIN_STRING = /"([^"\\\n]*)"/y;

export function lexGo(text: string): GoLexer {
  let i = text.startsWith('\uFEFF') ? 1 : 0;
  let insertSemi = false;
  let reachedEnd = false;

  const at = (k: number): string | undefined => {
    if (k >= text.length) {
      reachedEnd = true;
      return undefined;
    }
    return text[k];
  };
  const semi = (start: number, end: number): GoToken => {
    insertSemi = false;
    return { kind: ';', text: '\n', start, end };
  };

  const next = (): GoToken => {
    for (;;) {
      const c = at(i);
      if (c === undefined) {
        if (insertSemi) return semi(i, i);
        return { kind: 'eof', text: '', start: i, end: i };
      }
      if (c === '\n') {
        if (insertSemi) {
          i++;
          return semi(i - 1, i);
        }
        i++;
        continue;
      }
      if (c === ' ' || c === '\t' || c === '\r') {
        i++;
        continue;
      }
      if (c === '/' && at(i + 1) === '/') {
        const nl = text.indexOf('\n', i);
        if (nl < 0) reachedEnd = true;
        i = nl < 0 ? text.length : nl; // the newline itself may be a semicolon
        continue;
      }
      if (c === '/' && at(i + 1) === '*') {
        const close = text.indexOf('*/', i + 2);
        const start = i;
        if (close < 0) {
          reachedEnd = true;
          i = text.length;
          return { kind: 'other', text: '/*', start, end: i, error: 'comment not terminated' };
        }
        i = close + 2;
        if (insertSemi && text.slice(start, i).includes('\n')) return semi(start, i);
        continue;
      }
      return token(c);
    }
  };

  const token = (c: string): GoToken => {
    const start = i;
    if (isLetter(c)) {
      for (;;) {
        const k = text.charCodeAt(i);
        if (k < 0x80) {
          if (!isAsciiIdentPart(k)) break;
          i++;
          continue;
        }
        const cp = text.codePointAt(i);
        if (cp === undefined) {
          reachedEnd = true;
          break;
        }
        const ch = String.fromCodePoint(cp);
        if (!isLetter(ch) && !isDigit(ch)) break;
        i += ch.length;
      }
      insertSemi = true;
      return { kind: 'ident', text: text.slice(start, i), start, end: i };
    }
    if (isDigit(c) || (c === '.' && isDigit(text[i + 1] ?? ''))) {
      // A number literal: like an identifier, it ends a statement at a newline.
      while (i < text.length && /[\p{L}\p{Nd}_.]/u.test(text[i]!)) i++;
      if (i >= text.length) reachedEnd = true;
      insertSemi = true;
      return { kind: 'other', text: text.slice(start, i), start, end: i };
    }
    if (c === '"') return interpreted(start);
    if (c === '`') return raw(start);
    i++;
    insertSemi = c === ')' || c === ']' || c === '}';
    if (c === ';' || c === '(' || c === ')') return { kind: c, text: c, start, end: i };
    if (c === '.' && !isDigit(at(i) ?? '')) return { kind: '.', text: c, start, end: i };
    return { kind: 'other', text: c, start, end: i };
  };

  const raw = (start: number): GoToken => {
    const close = text.indexOf('`', start + 1);
    insertSemi = true;
    if (close < 0) {
      reachedEnd = true;
      i = text.length;
      return { kind: 'string', text: text.slice(start), start, end: i, value: text.slice(start + 1).replace(/\r/g, ''), error: 'raw string literal not terminated' };
    }
    i = close + 1;
    return { kind: 'string', text: text.slice(start, i), start, end: i, value: text.slice(start + 1, close).replace(/\r/g, '') };
  };

  const interpreted = (start: number): GoToken => {
    // Nearly every literal (an import path) has no escape: its value is the text between the quotes.
    PLAIN_STRING.lastIndex = start;
    const m = PLAIN_STRING.exec(text);
    if (m) {
      i = start + m[0].length;
      insertSemi = true;
      return { kind: 'string', text: m[0], start, end: i, value: m[1] };
    }
    const bytes: number[] = [];
    let error: string | undefined;
    i++;
    for (;;) {
      const c = at(i);
      if (c === undefined || c === '\n') {
        error = 'string literal not terminated';
        break;
      }
      if (c === '"') {
        i++;
        break;
      }
      if (c !== '\\') {
        const cp = text.codePointAt(i)!;
        const ch = String.fromCodePoint(cp);
        bytes.push(...Buffer.from(ch, 'utf8'));
        i += ch.length;
        continue;
      }
      const e = escape(i);
      if (e.error) error ??= e.error;
      bytes.push(...e.bytes);
      i = e.end;
    }
    insertSemi = true;
    return { kind: 'string', text: text.slice(start, i), start, end: i, value: Buffer.from(bytes).toString('utf8'), error };
  };

  // One escape sequence starting at the backslash at k (Go spec: rune and string literals).
  const escape = (k: number): { bytes: number[]; end: number; error?: string } => {
    const c = at(k + 1);
    const simple: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92, '"': 34 };
    if (c !== undefined && c in simple) return { bytes: [simple[c]!], end: k + 2 };
    const digits = (n: number, base: number, from: number) => {
      const s = text.slice(from, from + n);
      if (from + n > text.length) reachedEnd = true;
      const re = base === 8 ? /^[0-7]+$/ : /^[0-9a-fA-F]+$/;
      return s.length === n && re.test(s) ? parseInt(s, base) : undefined;
    };
    if (c !== undefined && c >= '0' && c <= '7') {
      const v = digits(3, 8, k + 1);
      if (v === undefined || v > 255) return { bytes: [], end: k + 2, error: 'invalid octal escape in string literal' };
      return { bytes: [v], end: k + 4 };
    }
    if (c === 'x') {
      const v = digits(2, 16, k + 2);
      return v === undefined ? { bytes: [], end: k + 2, error: 'invalid hex escape in string literal' } : { bytes: [v], end: k + 4 };
    }
    if (c === 'u' || c === 'U') {
      const n = c === 'u' ? 4 : 8;
      const v = digits(n, 16, k + 2);
      if (v === undefined || v > 0x10ffff || (v >= 0xd800 && v < 0xe000)) {
        return { bytes: [], end: k + 2, error: 'escape sequence is invalid Unicode code point' };
      }
      return { bytes: [...Buffer.from(String.fromCodePoint(v), 'utf8')], end: k + 2 + n };
    }
    return { bytes: [], end: k + 2, error: 'unknown escape sequence' };
  };

  return {
    next,
    get reachedEnd() {
      return reachedEnd;
    },
  };
}
