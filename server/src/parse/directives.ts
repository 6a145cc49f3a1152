// Directive rules shared by go.mod and go.work, after x/mod/modfile rule.go: strings, versions,
// go/toolchain/godebug lines, replace, and the comments that carry `// indirect`, deprecation
// notices and retraction rationales. Messages are modfile's, so they read like the go command's.

import { canonicalSemver, checkPathMajor, goQuote, isDirectoryPath, splitPathVersion } from '../module';
import type { Range } from '../text/position';
import type { Godebug, GoStmt, ParseError, Replace, ToolchainStmt } from './ast';
import { isGoSpace, unquoteGoString } from './quote';
import type { Block, Comment, Line, Token } from './syntax';

export const GO_VERSION_RE = /^([1-9][0-9]*)\.(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))?([a-z]+[0-9]+)?$/;
const LAX_GO_VERSION_RE = /^v?(([1-9][0-9]*)\.(0|[1-9][0-9]*))([^0-9].*)$/;
const TOOLCHAIN_RE = /^default$|^go1($|\.)/;

/** A directive's failure: the message, as modfile words it after the position (`ours` when a
 * version fixer put it in our words). */
export class DirectiveError {
  constructor(
    readonly message: string,
    readonly ours = false,
  ) {}
}

/** Reports problems of one line: errors point at the line's tokens, as modfile's at line.Start. */
export class LineErrors {
  constructor(
    private readonly errors: ParseError[],
    private readonly line: Line,
    private readonly verb: string,
  ) {}

  report(message: string, ours = false): void {
    const toks = this.line.tokens;
    const range: Range = { start: toks[0]!.range.start, end: toks[toks.length - 1]!.range.end };
    this.errors.push({ range, message, verb: this.verb, ...(ours ? { ours } : {}) });
  }
}

/** modfile.parseString: the value of a path-like token, or why it is not one. */
export function parseString(tok: Pick<Token, 'raw'>): string | DirectiveError {
  if (tok.raw.startsWith('"')) return unquoteGoString(tok.raw) ?? new DirectiveError('invalid quoted string: invalid syntax');
  if (/["'`]/.test(tok.raw)) return new DirectiveError('invalid quoted string: unquoted string cannot contain quote');
  return tok.raw;
}

function directivePrefix(verb: string, path: string): string {
  return path !== '' ? `${verb} ${path}: ` : verb !== '' ? `${verb}: ` : '';
}

/** modfile.VersionFixer: what a caller does with each version as written (the go command
 * looks up every one that is not canonical in a main go.mod: resolve/version-fixer.ts). */
export type VersionFixer = (path: string, version: string) => string | VersionFixError;

/** A fixer's failure. `ofModule` is module.ModuleError's case, which modfile prefixes with the
 * directive and path; `ours` marks words that are not the go command's. */
export class VersionFixError {
  constructor(
    readonly message: string,
    readonly ofModule: boolean,
    readonly ours = false,
  ) {}
}

/** modfile.parseVersion: the version the fixer gives or, without one, the canonical version. */
export function parseVersion(verb: string, path: string, tok: Token, fix?: VersionFixer): string | DirectiveError {
  const t = stringVersion(verb, path, tok.raw);
  if (t instanceof DirectiveError) return t;
  if (fix) return fixVersion(verb, path, t, fix);
  const cv = canonicalSemver(t);
  if (cv === '') return new DirectiveError(`${directivePrefix(verb, path)}version ${goQuote(t)} invalid: must be of the form v1.2.3`);
  return cv;
}

/** A fixer's answer for one version, its failure worded as modfile's parseVersion wraps it. */
export function fixVersion(verb: string, path: string, version: string, fix: VersionFixer): string | DirectiveError {
  const r = fix(path, version);
  if (!(r instanceof VersionFixError)) return r;
  return new DirectiveError(r.ofModule ? directivePrefix(verb, path) + r.message : r.message, r.ours);
}

/** modfile.parseVersion's string step alone (all its dontFixRetract fixer leaves for retract
 * versions): the token's value as written, or why it is not a string. */
export function stringVersion(verb: string, path: string, raw: string): string | DirectiveError {
  const t = parseString({ raw });
  if (t instanceof DirectiveError) {
    return new DirectiveError(`${directivePrefix(verb, path)}version ${goQuote(raw)} invalid: ${t.message.replace(/^invalid quoted string: /, '')}`);
  }
  return t;
}

/** The major-version suffix of a module path, or the error modfile gives. */
export function modulePathMajor(path: string): string | DirectiveError {
  const split = splitPathVersion(path);
  return split ? split.pathMajor : new DirectiveError('invalid module path');
}

/** module.CheckPathMajor as modfile wraps it. */
export function checkMajor(verb: string, path: string, version: string, pathMajor: string): DirectiveError | undefined {
  const reason = checkPathMajor(version, pathMajor);
  return reason === undefined ? undefined : new DirectiveError(`${directivePrefix(verb, path)}version ${goQuote(version)} invalid: ${reason}`);
}

export function parseGoLine(line: Line, args: Token[], report: (m: string) => void, lax: boolean): GoStmt | undefined {
  if (args.length !== 1) return void report('go directive expects exactly one argument');
  let version = args[0]!.raw;
  if (!GO_VERSION_RE.test(version)) {
    const m = lax ? LAX_GO_VERSION_RE.exec(version) : null;
    if (!m) return void report(`invalid go version '${version}': must match format 1.23.0`);
    version = m[1]!;
  }
  return { version, versionRange: args[0]!.range, syntax: line };
}

export function parseToolchainLine(line: Line, args: Token[], report: (m: string) => void): ToolchainStmt | undefined {
  if (args.length !== 1) return void report('toolchain directive expects exactly one argument');
  const name = args[0]!.raw;
  if (!TOOLCHAIN_RE.test(name)) return void report(`invalid toolchain version '${name}': must match format go1.23.0 or default`);
  return { name, nameRange: args[0]!.range, syntax: line };
}

export function parseGodebugLine(line: Line, args: Token[], report: (m: string) => void): Godebug | undefined {
  if (args.length !== 1 || /["`',]/.test(args[0]!.raw)) return void report('usage: godebug key=value');
  const raw = args[0]!.raw;
  const eq = raw.indexOf('=');
  if (eq < 0) return void report('usage: godebug key=value');
  return { key: raw.slice(0, eq), value: raw.slice(eq + 1), syntax: line };
}

/** modfile.parseReplace (Go 1.26 wording). */
export function parseReplaceLine(line: Line, verb: string, args: Token[], report: (m: string, ours?: boolean) => void, fix?: VersionFixer): Replace | undefined {
  const arrow = args.length >= 2 && args[1]!.raw === '=>' ? 1 : 2;
  if (args.length < arrow + 2 || args.length > arrow + 3 || args[arrow]!.raw !== '=>') {
    return void report(`usage: ${verb} module/path [v1.2.3] => other/module v1.4\n\t or ${verb} module/path [v1.2.3] => ../local/directory`);
  }
  const fail = (e: DirectiveError) => void report(e.message, e.ours);
  const s = parseString(args[0]!);
  if (s instanceof DirectiveError) return fail(s);
  const pathMajor = modulePathMajor(s);
  if (pathMajor instanceof DirectiveError) return void report(`${verb} ${s}: ${pathMajor.message}`);
  let v: string | undefined;
  if (arrow === 2) {
    const pv = parseVersion(verb, s, args[1]!, fix);
    if (pv instanceof DirectiveError) return fail(pv);
    const major = checkMajor(verb, s, pv, pathMajor);
    if (major) return fail(major);
    v = pv;
  }
  const ns = parseString(args[arrow + 1]!);
  if (ns instanceof DirectiveError) return fail(ns);
  let nv: string | undefined;
  if (args.length === arrow + 2) {
    if (!isDirectoryPath(ns)) {
      if (ns.includes('@')) return void report("replacement module must match format 'path version', not 'path@version'");
      return void report('replacement module without version must be directory path (rooted or starting with . or ..)');
    }
    if (ns.includes('\\')) return void report('replacement directory appears to be Windows path (on a non-windows system)');
  } else {
    const pv = parseVersion(verb, ns, args[arrow + 2]!, fix);
    if (pv instanceof DirectiveError) return fail(pv);
    if (isDirectoryPath(ns)) return void report(`replacement module directory path ${goQuote(ns)} cannot have version`);
    nv = pv;
  }
  const r: Replace = {
    old: v === undefined ? { path: s } : { path: s, version: v },
    new: nv === undefined ? { path: ns } : { path: ns, version: nv },
    oldPathRange: args[0]!.range,
    newPathRange: args[arrow + 1]!.range,
    newIsDir: nv === undefined,
    syntax: line,
  };
  if (arrow === 2) r.oldVersionRange = args[1]!.range;
  if (nv !== undefined) r.newVersionRange = args[arrow + 2]!.range;
  return r;
}

/** modfile.parseDirectiveComment: the line's comments (or, with none and no blank line kept
 * before it, its block's), joined. */
export function directiveComment(line: Line, block: Block | undefined): string {
  let comments: Comment[] = [...line.before, ...(line.suffix ? [line.suffix] : [])];
  if (block && comments.length === 0 && !line.blankBefore) comments = block.before;
  return comments.map((c) => goTrimSpace(c.text.slice(2))).join('\n');
}

const DEPRECATED_RE = /(?:^|\n\n)Deprecated: *([\s\S]*?)(?:$|\n\n)/;

/** modfile.parseDeprecation: the text of a `Deprecated:` paragraph, or ''. */
export function deprecation(line: Line, block: Block | undefined): string {
  const m = DEPRECATED_RE.exec(directiveComment(line, block));
  return m ? m[1]! : '';
}

/** modfile.isIndirect: the suffix comment's first field is `indirect` (alone) or `indirect;`. */
export function isIndirect(line: Line): boolean {
  if (!line.suffix) return false;
  const f = goFields(line.suffix.text.replace(/^\/\//, ''));
  return (f.length === 1 && f[0] === 'indirect') || (f.length > 1 && f[0] === 'indirect;');
}

function goFields(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (const ch of s) {
    if (isGoSpace(ch)) {
      if (cur) out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

function goTrimSpace(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isGoSpace(s[a]!)) a++;
  while (b > a && isGoSpace(s[b - 1]!)) b--;
  return s.slice(a, b);
}
