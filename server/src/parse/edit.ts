// Minimal edits to go.mod and go.work: each function returns TextEdits against the parsed text
// that change only what they must; every other byte, comments included, stays as it was. Where
// to put a new line follows modfile's addLine (the last statement of the same verb; a single line
// becomes a block when go would make one).

import { LineIndex } from '../text/position';
import type { TextEdit } from '../text/edit';
import type { ModFile, ModuleVersion, Replace, Use, WorkFile } from './ast';
import { isIndirect } from './directives';
import { autoQuote } from './quote';
import type { Block, FileSyntax, Line } from './syntax';

class Editor {
  readonly index: LineIndex;
  readonly nl: string;
  readonly edits: TextEdit[] = [];

  constructor(readonly syntax: FileSyntax) {
    this.index = new LineIndex(syntax.text);
    this.nl = syntax.text.includes('\r\n') ? '\r\n' : '\n';
  }

  get text(): string {
    return this.syntax.text;
  }

  replace(start: number, end: number, newText: string): void {
    this.edits.push({ range: this.index.range(start, end), newText });
  }

  /** Where a line's terminator starts (before a `\r\n`), or the end of the text. */
  lineEnd(offset: number): number {
    const nl = this.text.indexOf('\n', offset);
    if (nl < 0) return this.text.length;
    return nl > 0 && this.text[nl - 1] === '\r' ? nl - 1 : nl;
  }

  /** Adds a line of text after the source line holding `offset`. */
  insertLineAfter(offset: number, content: string): void {
    const at = this.lineEnd(offset);
    this.replace(at, at, this.nl + content);
  }

  appendLine(content: string): void {
    const t = this.text;
    const lead = t === '' || t.endsWith('\n') ? '' : this.nl;
    this.replace(t.length, t.length, lead + content + this.nl);
  }

  /** Removes a statement's source line: its indentation, tokens, suffix comment and newline. */
  deleteLine(line: Line): void {
    this.deleteSpan(line.range.start.offset, line.range.end.offset);
  }

  deleteSpan(start: number, end: number): void {
    const t = this.text;
    let s = start;
    while (s > 0 && (t[s - 1] === ' ' || t[s - 1] === '\t')) s--;
    const atLineStart = s === 0 || t[s - 1] === '\n';
    if (!atLineStart) s = start;
    const nl = t.indexOf('\n', end);
    const e = atLineStart ? (nl < 0 ? t.length : nl + 1) : end;
    this.replace(s, e, '');
  }

  /** Removes lines, and a block when all its lines go (modfile's Cleanup drops empty blocks). */
  deleteLines(lines: Line[]): void {
    const byBlock = new Map<Block | undefined, Line[]>();
    for (const l of lines) byBlock.set(l.block, [...(byBlock.get(l.block) ?? []), l]);
    for (const [block, ls] of byBlock) {
      if (block && block.rparen && ls.length === block.lines.length) this.deleteSpan(block.verb.range.start.offset, block.rparen.end.offset);
      else for (const l of ls) this.deleteLine(l);
    }
  }

  /** Replaces a line's arguments (everything after the verb of a single line) with `args`. */
  rewriteArgs(line: Line, args: string): void {
    const toks = line.block ? line.tokens : line.tokens.slice(1);
    if (toks.length === 0) {
      const end = line.tokens[0]!.range.end.offset;
      this.replace(end, end, ' ' + args);
      return;
    }
    this.replace(toks[0]!.range.start.offset, toks[toks.length - 1]!.range.end.offset, args);
  }

  /** Adds `verb args` in the place modfile's addLine would: into `target` (a block or line of
   * the same verb) or at the end. A single line becomes a block when `toBlock`. */
  addLine(verb: string, args: string, target: Block | Line | undefined, toBlock: boolean): void {
    if (!target) return this.appendLine(`${verb} ${args}`);
    if ('lparen' in target) return this.addToBlock(target, args);
    if (!toBlock || target.tokens.length < 2) return this.insertLineAfter(target.range.end.offset, `${verb} ${args}`);
    // `verb a` → `verb (` / `\ta` / `\targs` / `)`, keeping the line's own text and comment.
    const toks = target.tokens;
    this.replace(toks[0]!.range.end.offset, toks[1]!.range.start.offset, ` (${this.nl}\t`);
    this.insertLineAfter(target.range.end.offset, `\t${args}${this.nl})`);
  }

  private addToBlock(block: Block, args: string): void {
    const last = block.lines[block.lines.length - 1];
    if (last) return this.insertLineAfter(last.range.end.offset, `\t${args}`);
    const lparenEnd = block.lparen.end.offset;
    if (block.rparen && block.rparen.start.line === block.lparen.start.line) {
      return this.replace(lparenEnd, block.rparen.start.offset, `${this.nl}\t${args}${this.nl}`);
    }
    this.insertLineAfter(lparenEnd, `\t${args}`);
  }
}

/** The last statement with this verb: a single line or a block. */
function lastStmt(syntax: FileSyntax, verb: string): Block | Line | undefined {
  for (let i = syntax.stmts.length - 1; i >= 0; i--) {
    const s = syntax.stmts[i]!;
    if (s.kind === 'line' && s.line.tokens[0]!.raw === verb) return s.line;
    if (s.kind === 'block' && s.block.verb.raw === verb && s.block.args.length === 0) return s.block;
  }
  return undefined;
}

function blocks(syntax: FileSyntax, verb: string): Block[] {
  return syntax.stmts.flatMap((s) => (s.kind === 'block' && s.block.verb.raw === verb && s.block.args.length === 0 ? [s.block] : []));
}

function moduleVersionText(m: ModuleVersion): string {
  return m.version ? `${autoQuote(m.path)} ${m.version}` : autoQuote(m.path);
}

/** Points a replace at another module or directory (a version only for modules). */
export function setReplaceTarget(file: ModFile | WorkFile, r: Replace, newPath: string, newVersion?: string): TextEdit[] {
  const ed = new Editor(file.syntax);
  const pathEnd = r.newPathRange.end.offset;
  if (r.newVersionRange) {
    if (newVersion) ed.replace(r.newVersionRange.start.offset, r.newVersionRange.end.offset, newVersion);
    else ed.replace(pathEnd, r.newVersionRange.end.offset, '');
  } else if (newVersion) {
    ed.replace(pathEnd, pathEnd, ' ' + newVersion);
  }
  ed.replace(r.newPathRange.start.offset, pathEnd, autoQuote(newPath));
  return ed.edits;
}

/** Sets the version of an existing go line (go.mod or go.work). */
export function setGoVersion(file: ModFile | WorkFile, version: string): TextEdit[] {
  if (!file.go) return [];
  const ed = new Editor(file.syntax);
  ed.replace(file.go.versionRange.start.offset, file.go.versionRange.end.offset, version);
  return ed.edits;
}

/** Sets the module path, adding a module line at the top when there is none. */
export function setModulePath(mod: ModFile, path: string): TextEdit[] {
  const ed = new Editor(mod.syntax);
  if (mod.module) ed.rewriteArgs(mod.module.syntax, autoQuote(path));
  else ed.replace(0, 0, `module ${autoQuote(path)}${ed.nl}`);
  return ed.edits;
}

/** modfile's AddReplace: updates the replace of `old` if there is one (dropping duplicates),
 * else adds one to the last replace block, after the last replace line, or at the end. */
export function addReplace(file: ModFile | WorkFile, old: ModuleVersion, target: ModuleVersion): TextEdit[] {
  const ed = new Editor(file.syntax);
  const args = `${moduleVersionText(old)} => ${moduleVersionText(target)}`;
  const same = file.replace.filter((r) => r.old.path === old.path && (!old.version || r.old.version === old.version));
  if (same.length > 0) {
    ed.rewriteArgs(same[0]!.syntax, args);
    ed.deleteLines(same.slice(1).map((r) => r.syntax));
    return ed.edits;
  }
  const block = blocks(file.syntax, 'replace').pop();
  ed.addLine('replace', args, block ?? lastStmt(file.syntax, 'replace'), false);
  return ed.edits;
}

/** modfile's AddRequire: sets the version of an existing requirement (dropping duplicates), or
 * adds one to the require block that holds requirements of the same kind (direct or indirect). */
export function addRequire(mod: ModFile, path: string, version: string, indirect = false): TextEdit[] {
  const ed = new Editor(mod.syntax);
  const same = mod.require.filter((r) => r.path === path);
  if (same.length > 0) {
    const r = same[0]!;
    ed.replace(r.versionRange.start.offset, r.versionRange.end.offset, version);
    if (indirect && !r.syntax.suffix) ed.replace(r.versionRange.end.offset, r.versionRange.end.offset, ' // indirect');
    ed.deleteLines(same.slice(1).map((x) => x.syntax));
    return ed.edits;
  }
  const args = `${autoQuote(path)} ${version}${indirect ? ' // indirect' : ''}`;
  const all = blocks(mod.syntax, 'require');
  const sameKind = all.filter((b) => b.lines.some((l) => isIndirect(l) === indirect));
  const target = sameKind.pop() ?? all.pop() ?? lastStmt(mod.syntax, 'require');
  ed.addLine('require', args, target, true);
  return ed.edits;
}

/** modfile's DropRequire: removes every requirement of `path`. */
export function dropRequire(mod: ModFile, path: string): TextEdit[] {
  const ed = new Editor(mod.syntax);
  ed.deleteLines(mod.require.filter((r) => r.path === path).map((r) => r.syntax));
  return ed.edits;
}

/** `go mod edit -toolchain=none` (`go work edit -toolchain=none`): removes the toolchain line. */
export function dropToolchain(file: ModFile | WorkFile): TextEdit[] {
  if (!file.toolchain) return [];
  const ed = new Editor(file.syntax);
  ed.deleteLines([file.toolchain.syntax]);
  return ed.edits;
}

/** `go work use dir`: adds a use line (nothing when the directory is already used). The module
 * path, when given, goes in a trailing comment. */
export function addUse(work: WorkFile, dir: string, modulePath?: string): TextEdit[] {
  if (work.use.some((u) => u.path === dir)) return [];
  const ed = new Editor(work.syntax);
  const args = autoQuote(dir) + (modulePath ? ` // ${modulePath}` : '');
  ed.addLine('use', args, lastStmt(work.syntax, 'use'), true);
  return ed.edits;
}

/** Removes one use line (and its block when it was the last). */
export function dropUse(work: WorkFile, use: Use): TextEdit[] {
  const ed = new Editor(work.syntax);
  ed.deleteLines([use.syntax]);
  return ed.edits;
}

/** The go.work `go work init` followed by `go work use` of `dirs` writes. */
export function formatNewGoWork(goVersion: string, dirs: string[]): string {
  // go sorts a block's lines by their tokens as written (modfile's SortBlocks), quotes included.
  dirs = [...new Set(dirs.map(autoQuote))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let out = `go ${goVersion}\n`;
  if (dirs.length === 1) out += `\nuse ${dirs[0]!}\n`;
  else if (dirs.length > 1) out += `\nuse (\n${dirs.map((d) => `\t${d}\n`).join('')})\n`;
  return out;
}
