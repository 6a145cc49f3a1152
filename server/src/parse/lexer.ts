// The go.mod/go.work lexer, after x/mod/modfile read.go (readToken). Where modfile stops at the
// first error, this lexer records it and goes on, so the parser still sees the rest of the file.

import { isGoPrint, isGoSpace, quoteGoRune } from './quote';
import { escapedByte } from '../text/utf8';

export type LexKind = 'eol' | 'eof' | 'comment' | 'suffixComment' | '(' | ')' | '[' | ']' | '{' | '}' | ',' | 'string' | 'ident';

export interface LexToken {
  kind: LexKind;
  /** Offsets into the text; for comments `end` excludes the line terminator. */
  start: number;
  end: number;
}

const KINDS: LexKind[] = ['eol', 'eof', 'comment', 'suffixComment', '(', ')', '[', ']', '{', '}', ',', 'string', 'ident'];
const KIND_CODE = new Map(KINDS.map((k, i) => [k, i]));

/** The tokens of a text, packed in typed arrays: a 50 MB go.mod has millions of them. */
export class TokenList {
  count = 0;
  private kinds = new Uint8Array(256);
  private starts = new Int32Array(256);
  private ends = new Int32Array(256);

  push(kind: LexKind, start: number, end: number): void {
    if (this.count === this.kinds.length) {
      const grow = <T extends Uint8Array | Int32Array>(a: T, make: (n: number) => T): T => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      this.kinds = grow(this.kinds, (n) => new Uint8Array(n));
      this.starts = grow(this.starts, (n) => new Int32Array(n));
      this.ends = grow(this.ends, (n) => new Int32Array(n));
    }
    this.kinds[this.count] = KIND_CODE.get(kind)!;
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.count++;
  }

  kind(i: number): LexKind {
    return KINDS[this.kinds[i]!]!;
  }

  get(i: number): LexToken {
    return { kind: this.kind(i), start: this.starts[i]!, end: this.ends[i]! };
  }
}

export interface LexError {
  offset: number;
  end: number;
  message: string;
  /** The index of the token being read when the error was met: modfile stops at the first
   * error, and its parser asks for a token (lexing it) before it has judged the previous one. */
  token: number;
}

const PUNCT = new Set([...'()[]{},'].map((c) => c.charCodeAt(0)));
const COMMENTS_MESSAGE = 'mod files must use // comments (not /* */ comments)';

/** Splits a go.mod or go.work text into tokens. Never throws. */
export function lex(text: string): { tokens: TokenList; errors: LexError[] } {
  const tokens = new TokenList();
  const errors: LexError[] = [];
  const n = text.length;
  let i = 0;
  // Whether the current line has had a token: a `//` after one is a suffix comment.
  let lineHasContent = false;

  const push = (kind: LexKind, start: number, end: number) => tokens.push(kind, start, end);
  const fail = (offset: number, end: number, message: string) => errors.push({ offset, end, message, token: tokens.count });

  while (i < n) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '\n') {
      push('eol', i, i + 1);
      i++;
      lineHasContent = false;
      continue;
    }
    if (text.startsWith('//', i)) {
      let end = text.indexOf('\n', i);
      const next = end < 0 ? n : end + 1;
      if (end < 0) end = n;
      const textEnd = end > i && text[end - 1] === '\r' && end < n ? end - 1 : end;
      // A comment after something on its line is that line's suffix (modfile's TrimSpace test).
      push(lineHasContent ? 'suffixComment' : 'comment', i, textEnd);
      i = next;
      lineHasContent = false;
      continue;
    }
    if (text.startsWith('/*', i)) {
      fail(i, i + 2, COMMENTS_MESSAGE);
      i = skipToEol(text, i);
      continue;
    }
    lineHasContent = true;
    if ('()[]{},'.includes(c)) {
      push(c as LexKind, i, i + 1);
      i++;
      continue;
    }
    if (c === '"' || c === '`') {
      i = lexString(text, i, fail, push);
      continue;
    }
    const ch = String.fromCodePoint(text.codePointAt(i)!);
    if (!isIdentChar(ch)) {
      fail(i, i + ch.length, `unexpected input character ${quoteForError(ch)}`);
      i += ch.length;
      continue;
    }
    const start = i;
    while (i < n) {
      const code = text.charCodeAt(i);
      if (code === 0x2f /* / */ && (text[i + 1] === '/' || text[i + 1] === '*')) {
        if (text[i + 1] === '*') fail(i, i + 2, COMMENTS_MESSAGE);
        break;
      }
      // Printable ASCII other than punctuation is the common case; the rest asks Unicode.
      if (code > 0x20 && code < 0x7f) {
        if (PUNCT.has(code)) break;
        i++;
        continue;
      }
      const d = String.fromCodePoint(text.codePointAt(i)!);
      if (!isIdentChar(d)) break;
      i += d.length;
    }
    push('ident', start, i);
    if (text.startsWith('/*', i)) i = skipToEol(text, i);
  }
  push('eof', n, n);
  return { tokens, errors };
}

function lexString(text: string, start: number, fail: (offset: number, end: number, message: string) => void, push: (kind: LexKind, s: number, e: number) => void): number {
  const quote = text[start]!;
  let i = start + 1;
  for (;;) {
    if (i >= text.length) {
      fail(start, start, 'unexpected EOF in string');
      break;
    }
    if (text[i] === '\n') {
      fail(i, i, 'unexpected newline in string');
      break;
    }
    const c = text[i++];
    if (c === quote) break;
    if (c === '\\' && quote !== '`') {
      if (i >= text.length) {
        fail(start, start, 'unexpected EOF in string');
        break;
      }
      i++; // like modfile, even an escaped newline
    }
  }
  push('string', start, i);
  return i;
}

function skipToEol(text: string, i: number): number {
  const nl = text.indexOf('\n', i);
  return nl < 0 ? text.length : nl;
}

/** modfile's isIdent: printable, not space, not punctuation. A byte that is not UTF-8 decodes to
 * utf8.RuneError in go, which is printable. */
function isIdentChar(ch: string): boolean {
  if (ch === ' ' || '()[]{},'.includes(ch)) return false;
  if (escapedByte(ch) !== undefined) return true;
  return !isGoSpace(ch) && isGoPrint(ch);
}

function quoteForError(ch: string): string {
  // fmt's %#q of a rune is its quoted Go literal; a lone surrogate is Go's RuneError.
  const cp = ch.codePointAt(0)!;
  if (cp >= 0xd800 && cp < 0xe000) return "'�'";
  return quoteGoRune(ch);
}
