// The go.mod/go.work statement parser, after x/mod/modfile read.go (parseFile, parseStmt,
// parseLineBlock, parseLine): lines, `verb ( ... )` blocks and the comments around them.
// modfile stops at the first syntax error; this parser records it and recovers, so callers get a
// partial FileSyntax. Errors come back in the order modfile meets them.

import { LineIndex, type Pos, type Range } from '../text/position';
import type { ParseError } from './ast';
import { lex, type LexKind, type LexToken } from './lexer';
import { unquoteGoString } from './quote';
import type { Block, Comment, FileSyntax, Line, Stmt, Token } from './syntax';

export interface SyntaxResult {
  syntax: FileSyntax;
  errors: ParseError[];
  index: LineIndex;
}

const isEOL = (k: LexKind) => k === 'eol' || k === 'eof' || k === 'suffixComment';

/** Parses go.mod/go.work text into statements. Never throws. */
export function parseSyntax(text: string, fileName: string): SyntaxResult {
  const index = new LineIndex(text);
  const cursor = new PosCursor(text, index);
  const { tokens, errors: lexErrors } = lex(text);
  // `token` orders errors as modfile meets them (see LexError): a parser error about the token it
  // peeks at comes after that token's lexing and before the next one's.
  const errors: { offset: number; end: number; message: string; token: number }[] = [...lexErrors];
  const stmts: Stmt[] = [];
  let p = 0;

  const peek = (): LexKind => tokens.kind(p);
  // Like modfile, the end of the file is sticky: lexing past it returns it again.
  const next = (): LexToken => (tokens.kind(p) === 'eof' ? tokens.get(p) : tokens.get(p++));
  const range = (start: number, end: number): Range => ({ start: cursor.pos(start), end: cursor.pos(end) });
  const toToken = (t: LexToken): Token => {
    const raw = text.slice(t.start, t.end);
    return { raw, value: tokenValue(raw), range: range(t.start, t.end) };
  };
  const toComment = (t: LexToken): Comment => ({ text: text.slice(t.start, t.end), range: range(t.start, t.end) });
  const makeLine = (toks: Token[], suffix: Comment | undefined, block?: Block): Line => {
    const end = suffix ? suffix.range.end : toks[toks.length - 1]!.range.end;
    // A copy of exactly its length: the pushes left room for 16 more tokens on every line (a
    // tenth of what a go.mod of 100k requires holds).
    const line: Line = { tokens: toks.slice(), range: { start: toks[0]!.range.start, end }, before: [] };
    if (suffix) line.suffix = suffix;
    if (block) line.block = block;
    return line;
  };
  // Runs to the end of the line; the end token (newline or suffix comment) is consumed.
  const lineEnd = (toks: Token[]): Comment | undefined => {
    for (;;) {
      const t = next();
      if (t.kind === 'suffixComment') return toComment(t);
      if (isEOL(t.kind)) return undefined;
      toks.push(toToken(t));
    }
  };

  const parseLineBlock = (head: Token[], lparen: LexToken, before: Comment[]): Block => {
    const block: Block = {
      verb: head[0]!,
      args: head.slice(1),
      lparen: range(lparen.start, lparen.end),
      lines: [],
      range: range(head[0]!.range.start.offset, lparen.end),
      before,
      closing: [],
    };
    let comments: Comment[] = [];
    // modfile keeps a blank line in a block as an empty comment before the next line, when it
    // follows a line or a comment; the count of go's entries and whether the last is one.
    let goEntries = 0;
    let lastBlank = false;
    for (;;) {
      const k = peek();
      if (k === 'suffixComment') {
        next();
      } else if (k === 'eol') {
        next();
        if ((goEntries === 0 && block.lines.length > 0) || (goEntries > 0 && !lastBlank)) {
          goEntries++;
          lastBlank = true;
        }
      } else if (k === 'comment') {
        comments.push(toComment(next()));
        goEntries++;
        lastBlank = false;
      } else if (k === 'eof') {
        const start = head[0]!.range.start;
        errors.push({
          offset: text.length,
          end: text.length,
          token: p + 0.5,
          message: `syntax error (unterminated block started at ${fileName}:${start.line + 1}:${runeColumn(index, start.offset)})`,
        });
        block.closing = comments;
        block.range = range(block.range.start.offset, text.length);
        return block;
      } else if (k === ')') {
        const rparen = next();
        block.closing = comments;
        block.rparen = range(rparen.start, rparen.end);
        block.range = range(block.range.start.offset, rparen.end);
        if (!isEOL(peek())) {
          const after = tokens.get(p).end;
          errors.push({ offset: after, end: after, token: p + 0.5, message: 'syntax error (expected newline after closing paren)' });
          lineEnd([]);
        } else {
          next();
        }
        return block;
      } else {
        const toks = [toToken(next())];
        const line = makeLine(toks, lineEnd(toks), block);
        line.before = comments;
        if (goEntries > comments.length) line.blankBefore = true;
        comments = [];
        goEntries = 0;
        lastBlank = false;
        block.lines.push(line);
      }
    }
  };

  const parseStmt = (before: Comment[]) => {
    const toks = [toToken(next())];
    for (;;) {
      const t = next();
      if (isEOL(t.kind)) {
        const line = makeLine(toks, t.kind === 'suffixComment' ? toComment(t) : undefined);
        line.before = before;
        stmts.push({ kind: 'line', line });
        return;
      }
      if (t.kind === '(') {
        if (isEOL(peek())) {
          stmts.push({ kind: 'block', block: parseLineBlock(toks, t, before) });
          return;
        }
        if (peek() === ')') {
          const rparen = next();
          if (isEOL(peek())) {
            next();
            stmts.push({ kind: 'block', block: emptyBlock(toks, t, rparen, before) });
            return;
          }
          toks.push(toToken(t), toToken(rparen));
          continue;
        }
      }
      toks.push(toToken(t));
    }
  };
  const emptyBlock = (head: Token[], lparen: LexToken, rparen: LexToken, before: Comment[]): Block => ({
    verb: head[0]!,
    args: head.slice(1),
    lparen: range(lparen.start, lparen.end),
    rparen: range(rparen.start, rparen.end),
    lines: [],
    range: range(head[0]!.range.start.offset, rparen.end),
    before,
    closing: [],
  });

  let pending: Comment[] = [];
  const flush = () => {
    for (const comment of pending) stmts.push({ kind: 'comment', comment });
    pending = [];
  };
  for (;;) {
    const k = peek();
    if (k === 'eol') {
      next();
      flush();
    } else if (k === 'comment' || k === 'suffixComment') {
      pending.push(toComment(next()));
    } else if (k === 'eof') {
      flush();
      break;
    } else {
      parseStmt(pending);
      pending = [];
    }
  }

  errors.sort((a, b) => a.token - b.token || a.offset - b.offset);
  return {
    syntax: { text, stmts },
    errors: errors.map((e) => ({ range: range(e.offset, e.end), message: e.message })),
    index,
  };
}

/** A token's value: the unquoted text of a "quoted" or `raw` string, else the text itself. */
function tokenValue(raw: string): string {
  if (raw.length >= 2 && raw[0] === '`' && raw.endsWith('`')) return raw.slice(1, -1);
  if (raw[0] === '"') return unquoteGoString(raw) ?? raw;
  return raw;
}

/** The 1-based column in runes (code points; an escaped byte is one), as go prints positions. */
export function runeColumn(index: LineIndex, offset: number): number {
  const pos = index.pos(offset);
  const lineStart = offset - pos.character;
  let n = 1;
  const text = index.text;
  for (let i = lineStart; i < offset; i++) {
    // The second half of a surrogate pair is the same rune; a lone one is an escaped byte.
    const c = text.charCodeAt(i);
    const prev = i > lineStart ? text.charCodeAt(i - 1) : 0;
    if (!(c >= 0xdc00 && c <= 0xdfff && prev >= 0xd800 && prev <= 0xdbff)) n++;
  }
  return n;
}

/** Positions for offsets that mostly come in increasing order (token after token): walks forward
 * from the last one instead of searching, and asks the LineIndex only when asked to go back. */
class PosCursor {
  private offset = 0;
  private line = 0;
  private lineStart = 0;

  constructor(
    private readonly text: string,
    private readonly index: LineIndex,
  ) {}

  pos(offset: number): Pos {
    if (offset < this.offset) return this.index.pos(offset);
    for (let nl = this.text.indexOf('\n', this.offset); nl >= 0 && nl < offset; nl = this.text.indexOf('\n', nl + 1)) {
      this.line++;
      this.lineStart = nl + 1;
    }
    this.offset = Math.min(offset, this.text.length);
    return { offset: this.offset, line: this.line, character: this.offset - this.lineStart };
  }
}
