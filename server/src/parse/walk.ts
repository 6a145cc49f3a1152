// The directive walk shared by go.mod and go.work: every line with its verb and arguments, block
// lines under their block's verb; blocks of other kinds are errors (modfile's parseToFile).

import type { ParseError } from './ast';
import type { Block, FileSyntax, Line, Token } from './syntax';

export type DirectiveVisitor = (line: Line, verb: string, args: Token[], block: Block | undefined) => void;

export function forEachDirective(syntax: FileSyntax, blockVerbs: ReadonlySet<string>, strict: boolean, errors: ParseError[], visit: DirectiveVisitor): void {
  for (const stmt of syntax.stmts) {
    if (stmt.kind === 'line') {
      visit(stmt.line, stmt.line.tokens[0]!.raw, stmt.line.tokens.slice(1), undefined);
    } else if (stmt.kind === 'block') {
      const b = stmt.block;
      if (b.args.length > 0 || !blockVerbs.has(b.verb.raw)) {
        if (strict) {
          const head = [b.verb, ...b.args].map((t) => t.raw).join(' ');
          errors.push({ range: { start: b.verb.range.start, end: b.lparen.end }, message: `unknown block type: ${head}`, verb: b.verb.raw });
        }
        continue;
      }
      for (const line of b.lines) visit(line, b.verb.raw, line.tokens, b);
    }
  }
}
