// Build constraints as go/build applies them: `//go:build` expressions (go/build/constraint),
// legacy `// +build` lines, and the _GOOS/_GOARCH file-name rules (goodOSArchFile).

import type { BuildContext } from './types';
import { KNOWN_ARCH, KNOWN_OS, UNIX_OS } from './syslist';

export type ConstraintExpr =
  | { kind: 'tag'; tag: string }
  | { kind: 'not'; x: ConstraintExpr }
  | { kind: 'and' | 'or'; x: ConstraintExpr; y: ConstraintExpr };

export type ParsedConstraint = { expr: ConstraintExpr; error?: undefined } | { expr?: undefined; error: string; offset: number };

/** go/build/constraint's limit on the size of a //go:build expression. */
const MAX_SIZE = 1000;
/** The limit for legacy // +build lines. */
const MAX_OLD_SIZE = 100;

class ConstraintSyntaxError {
  constructor(readonly offset: number, readonly message: string) {}
}

const isTagChar = (c: string) => /[\p{L}\p{Nd}_.]/u.test(c);

/** Parses the expression of a //go:build line (the text after `//go:build`). */
export function parseGoBuildExpr(text: string): ParsedConstraint {
  let i = 0;
  let tok = '';
  let isTag = false;
  let pos = 0;
  let size = 0;
  const fail = (offset: number, message: string): never => {
    throw new ConstraintSyntaxError(offset, message);
  };
  const lex = () => {
    isTag = false;
    while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
    pos = i;
    if (i >= text.length) {
      tok = '';
      return;
    }
    const c = text[i]!;
    if (c === '(' || c === ')' || c === '!') {
      tok = c;
      i++;
      return;
    }
    if (c === '&' || c === '|') {
      if (text[i + 1] !== c) fail(i, `invalid syntax at ${c}`);
      tok = c + c;
      i += 2;
      return;
    }
    let j = i;
    for (const ch of text.slice(i)) {
      if (!isTagChar(ch)) break;
      j += ch.length;
    }
    if (j === i) fail(i, `invalid syntax at ${String.fromCodePoint(text.codePointAt(i)!)}`);
    tok = text.slice(i, j);
    i = j;
    isTag = true;
  };
  const or = (): ConstraintExpr => {
    let x = and();
    while (tok === '||') x = { kind: 'or', x, y: and() };
    return x;
  };
  const and = (): ConstraintExpr => {
    let x = not();
    while (tok === '&&') x = { kind: 'and', x, y: not() };
    return x;
  };
  const not = (): ConstraintExpr => {
    if (++size > MAX_SIZE) fail(pos, 'build expression too large');
    lex();
    if (tok === '!') {
      lex();
      if (tok === '!') fail(pos, 'double negation not allowed');
      return { kind: 'not', x: atom() };
    }
    return atom();
  };
  const atom = (): ConstraintExpr => {
    if (tok === '(') {
      const open = pos;
      let x: ConstraintExpr;
      try {
        x = or();
      } catch (e) {
        if (e instanceof ConstraintSyntaxError && e.message === 'unexpected end of expression') fail(e.offset, 'missing close paren');
        throw e;
      }
      if ((tok as string) !== ')') fail(open, 'missing close paren');
      lex();
      return x;
    }
    if (!isTag) fail(pos, tok === '' ? 'unexpected end of expression' : `unexpected token ${tok}`);
    const t = tok;
    lex();
    return { kind: 'tag', tag: t };
  };
  try {
    const expr = or();
    if (tok !== '') fail(pos, `unexpected token ${tok}`);
    return { expr };
  } catch (e) {
    if (e instanceof ConstraintSyntaxError) return { error: e.message, offset: e.offset };
    throw e;
  }
}

/** Parses the expression of a legacy `// +build` line: space means OR, comma AND, ! NOT. */
export function parsePlusBuildExpr(text: string): ParsedConstraint {
  let size = 0;
  let x: ConstraintExpr | undefined;
  const ignore: ConstraintExpr = { kind: 'tag', tag: 'ignore' };
  for (const clause of text.split(/\s+/).filter((s) => s !== '')) {
    let y: ConstraintExpr | undefined;
    for (let lit of clause.split(',')) {
      let z: ConstraintExpr;
      if (lit.startsWith('!!') || lit === '!') z = ignore;
      else {
        const neg = lit.startsWith('!');
        if (neg) lit = lit.slice(1);
        z = isValidTag(lit) ? { kind: 'tag', tag: lit } : ignore;
        if (neg) z = { kind: 'not', x: z };
      }
      if (y && ++size > MAX_OLD_SIZE) return { error: 'expression too complex for // +build lines', offset: 0 };
      y = y ? { kind: 'and', x: y, y: z } : z;
    }
    if (x && ++size > MAX_OLD_SIZE) return { error: 'expression too complex for // +build lines', offset: 0 };
    x = x ? { kind: 'or', x, y: y! } : y;
  }
  return { expr: x ?? ignore };
}

function isValidTag(word: string): boolean {
  if (word === '') return false;
  for (const c of word) if (!isTagChar(c)) return false;
  return true;
}

// Go's strings.TrimSpace: Unicode White_Space, which (unlike JS's \s) excludes the BOM.
const GO_SPACE = '[\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const LEADING_SPACE = new RegExp(`^${GO_SPACE}+`);
const TRAILING_SPACE = new RegExp(`${GO_SPACE}+$`);
export function goTrimSpace(s: string): string {
  return s.replace(LEADING_SPACE, '').replace(TRAILING_SPACE, '');
}

/** The expression of a `//go:build` line, or undefined if the line is not one (constraint.splitGoBuild). */
export function goBuildLineExpr(line: string): string | undefined {
  if (!line.startsWith('//go:build')) return undefined;
  const rest = goTrimSpace(line).slice('//go:build'.length);
  const trimmed = goTrimSpace(rest);
  if (rest.length === trimmed.length && rest !== '') return undefined;
  return trimmed;
}

/** The expression of a `// +build` line, or undefined if the line is not one (constraint.splitPlusBuild). */
export function plusBuildLineExpr(line: string): string | undefined {
  if (!line.startsWith('//')) return undefined;
  const body = goTrimSpace(line.slice(2));
  if (!body.startsWith('+build')) return undefined;
  const rest = body.slice('+build'.length);
  const trimmed = goTrimSpace(rest);
  if (rest.length === trimmed.length && rest !== '') return undefined;
  return trimmed;
}

/** The go/build file-header rules (parseFileHeader) over a file's text: the //go:build line (an
 * error when there are several) anywhere in the leading comments, and the // +build lines of the
 * leading comment block that is followed by a blank line. */
export function headerConstraints(text: string): { goBuild?: string; goBuildOffset?: number; plusBuild: string[]; multipleGoBuild?: number } {
  let goBuild: string | undefined;
  let goBuildOffset: number | undefined;
  let multipleGoBuild: number | undefined;
  let end = 0;
  let ended = false;
  let inSlashStar = false;
  let p = 0;
  const body = text.startsWith('\uFEFF') ? 1 : 0;
  p = body;
  lines: while (p < text.length) {
    const nl = text.indexOf('\n', p);
    const lineStart = p;
    const raw = nl < 0 ? text.slice(p) : text.slice(p, nl);
    p = nl < 0 ? text.length : nl + 1;
    let line = goTrimSpace(raw);
    if (line.length === 0 && !ended) {
      end = p;
      continue;
    }
    if (!line.startsWith('//')) ended = true;
    if (!inSlashStar && goBuildLineExpr(line) !== undefined) {
      if (goBuild !== undefined) multipleGoBuild ??= lineStart;
      else {
        goBuild = goBuildLineExpr(line);
        goBuildOffset = lineStart + raw.indexOf('//go:build');
      }
    }
    while (line.length > 0) {
      if (inSlashStar) {
        const i = line.indexOf('*/');
        if (i < 0) continue lines;
        inSlashStar = false;
        line = goTrimSpace(line.slice(i + 2));
        continue;
      }
      if (line.startsWith('//')) continue lines;
      if (line.startsWith('/*')) {
        inSlashStar = true;
        line = goTrimSpace(line.slice(2));
        continue;
      }
      break lines;
    }
  }
  const plusBuild: string[] = [];
  for (const raw of text.slice(body, end).split('\n')) {
    const line = goTrimSpace(raw);
    if (line.startsWith('//') && line.includes('+build') && plusBuildLineExpr(line) !== undefined) plusBuild.push(line);
  }
  return { goBuild, goBuildOffset, plusBuild, multipleGoBuild };
}

/** Whether a build tag is satisfied in ctx (go/build Context.matchTag). */
export function matchTag(ctx: BuildContext, name: string): boolean {
  if (ctx.cgoEnabled && name === 'cgo') return true;
  if (name === ctx.goos || name === ctx.goarch || name === ctx.compiler) return true;
  if (ctx.goos === 'android' && name === 'linux') return true;
  if (ctx.goos === 'illumos' && name === 'solaris') return true;
  if (ctx.goos === 'ios' && name === 'darwin') return true;
  if (name === 'unix' && UNIX_OS.has(ctx.goos)) return true;
  if (name === 'boringcrypto') name = 'goexperiment.boringcrypto';
  return ctx.tags.includes(name) || (ctx.toolTags ?? []).includes(name) || releaseTagMatches(ctx.goVersion, name);
}

/** Release tags go1.1 … go1.N for a toolchain of version 1.N(.x). */
function releaseTagMatches(goVersion: string, tag: string): boolean {
  const t = /^go1\.([1-9][0-9]*)$/.exec(tag);
  const v = /^(?:go)?1\.([0-9]+)/.exec(goVersion);
  return !!t && !!v && Number(t[1]) <= Number(v[1]);
}

export function evalConstraint(x: ConstraintExpr, ctx: BuildContext): boolean {
  switch (x.kind) {
    case 'tag':
      return matchTag(ctx, x.tag);
    case 'not':
      return !evalConstraint(x.x, ctx);
    case 'and':
      return evalConstraint(x.x, ctx) && evalConstraint(x.y, ctx);
    case 'or':
      return evalConstraint(x.x, ctx) || evalConstraint(x.y, ctx);
  }
}

/** Whether a file's header constraints admit it in ctx (go/build shouldBuild). The //go:build
 * line, when present, decides alone; otherwise every // +build line must be satisfied (lines that
 * do not parse are skipped, as go/build does). A //go:build syntax error is returned, not thrown. */
export function constraintsAllow(goBuild: string | undefined, plusBuild: readonly string[], ctx: BuildContext): { ok: boolean; error?: string } {
  if (goBuild !== undefined) {
    const parsed = parseGoBuildExpr(goBuild);
    if (parsed.error !== undefined) return { ok: false, error: `parsing //go:build line: ${parsed.error}` };
    return { ok: evalConstraint(parsed.expr, ctx) };
  }
  for (const line of plusBuild) {
    const expr = plusBuildLineExpr(line);
    if (expr === undefined) continue;
    const parsed = parsePlusBuildExpr(expr);
    if (parsed.expr && !evalConstraint(parsed.expr, ctx)) return { ok: false };
  }
  return { ok: true };
}

/** go/build goodOSArchFile: false when the name's _GOOS, _GOARCH or _GOOS_GOARCH suffix (before an
 * optional _test) does not match ctx. Only names with a non-empty prefix before the first _ count. */
export function goodOSArchFile(name: string, ctx: BuildContext): boolean {
  let base = name;
  const dot = base.indexOf('.');
  if (dot >= 0) base = base.slice(0, dot);
  const us = base.indexOf('_');
  if (us < 0) return true;
  const parts = base.slice(us).split('_');
  if (parts.length > 0 && parts[parts.length - 1] === 'test') parts.pop();
  const n = parts.length;
  if (n >= 2 && KNOWN_OS.has(parts[n - 2]!) && KNOWN_ARCH.has(parts[n - 1]!)) {
    return matchTag(ctx, parts[n - 1]!) && matchTag(ctx, parts[n - 2]!);
  }
  if (n >= 1 && (KNOWN_OS.has(parts[n - 1]!) || KNOWN_ARCH.has(parts[n - 1]!))) return matchTag(ctx, parts[n - 1]!);
  return true;
}
