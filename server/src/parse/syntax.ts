// The syntax layer shared by go.mod and go.work (x/mod/modfile's FileSyntax): tokens keep their
// exact source range and raw text, lines keep their comments, blocks keep their parentheses.

import type { Range } from '../text/position';

export interface Token {
  /** The token as written, quotes included. */
  raw: string;
  /** The token's value: for a quoted or raw string, the unquoted text. */
  value: string;
  range: Range;
}

export interface Comment {
  /** The comment including its leading `//`. */
  text: string;
  range: Range;
}

/** One statement: `require a v1` on its own, or one line inside a block (then `block` is set and
 * `tokens` do not repeat the block's verb). */
export interface Line {
  tokens: Token[];
  /** From the first token to the end of the last token or suffix comment. */
  range: Range;
  /** Comment lines directly above the statement. */
  before: Comment[];
  /** A comment after the statement on the same line (`// indirect`). */
  suffix?: Comment;
  /** In a block, a blank line before this one that modfile keeps among its comments (so the
   * block's comments are not this line's, though it has none of its own). */
  blankBefore?: true;
  block?: Block;
}

export interface Block {
  verb: Token;
  /** Tokens between the verb and `(`: normally none (`require x (` is an unknown block type). */
  args: Token[];
  lparen: Range;
  /** Undefined when the block is not closed before the end of the file. */
  rparen?: Range;
  lines: Line[];
  range: Range;
  /** Comment lines directly above the block (`// Deprecated:` on a `module (` block). */
  before: Comment[];
  /** Comment lines after the last line, before `)`. */
  closing: Comment[];
}

export type Stmt = { kind: 'line'; line: Line } | { kind: 'block'; block: Block } | { kind: 'comment'; comment: Comment };

export interface FileSyntax {
  text: string;
  stmts: Stmt[];
}
