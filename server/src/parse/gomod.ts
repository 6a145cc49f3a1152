// parseGoMod: go.mod text to ModFile, after x/mod/modfile rule.go (parseToFile, File.add).
// Strict mode is modfile.Parse (main modules); lax mode is modfile.ParseLax (dependencies'
// go.mod files), which keeps only module, go, retract, require and ignore. Without a fixer,
// versions must be canonical as `go mod edit` needs them; with one, each goes through it, as the
// go command's own reading of a main go.mod does (resolve/version-fixer.ts).

import type { ModFile, ParseError, PathStmt } from './ast';
import {
  checkMajor,
  deprecation,
  directiveComment,
  DirectiveError,
  isIndirect,
  LineErrors,
  modulePathMajor,
  parseGodebugLine,
  parseGoLine,
  parseReplaceLine,
  parseString,
  parseToolchainLine,
  parseVersion,
  fixVersion,
  stringVersion,
  type VersionFixer,
} from './directives';
import { goQuote } from '../module';
import { forEachDirective } from './walk';
import { parseSyntax } from './syntax-parser';
import type { Block, Line, Token } from './syntax';

const MOD_BLOCKS = new Set(['module', 'godebug', 'require', 'exclude', 'replace', 'retract', 'tool', 'ignore']);
const LAX_VERBS = new Set(['go', 'module', 'retract', 'require', 'ignore']);

/** Parses a go.mod. Never throws: problems come back in `errors`, with what could be read. */
export function parseGoMod(text: string, fileName: string, opts: { lax?: boolean; fix?: VersionFixer } = {}): ModFile {
  const strict = !opts.lax;
  const { syntax, errors: syntaxErrors } = parseSyntax(text, fileName);
  const errors: ParseError[] = [...syntaxErrors];
  const mod: ModFile = { fileName, syntax, godebug: [], require: [], exclude: [], replace: [], retract: [], tool: [], ignore: [], errors };

  forEachDirective(syntax, MOD_BLOCKS, strict, errors, (line, verb, args, block) => {
    if (!strict && !LAX_VERBS.has(verb)) return;
    const report = (m: string, ours?: boolean) => new LineErrors(errors, line, verb).report(m, ours);
    const fail = (e: DirectiveError) => report(e.message, e.ours);
    switch (verb) {
      default:
        return report(`unknown directive: ${verb}`);
      case 'go': {
        if (mod.go) return report('repeated go statement');
        const go = parseGoLine(line, args, report, !strict);
        if (go) mod.go = go;
        return;
      }
      case 'toolchain': {
        if (mod.toolchain) return report('repeated toolchain statement');
        const tc = parseToolchainLine(line, args, report);
        if (tc) mod.toolchain = tc;
        return;
      }
      case 'module': {
        if (mod.module) return report('repeated module statement');
        // Like modfile, a malformed module line still counts as the module statement.
        mod.module = { path: '', pathRange: line.range, syntax: line };
        const dep = deprecation(line, block);
        if (dep !== '') mod.module.deprecated = dep;
        if (args.length !== 1) return report('usage: module module/path');
        const s = parseString(args[0]!);
        if (s instanceof DirectiveError) return fail(s);
        mod.module.path = s;
        mod.module.pathRange = args[0]!.range;
        return;
      }
      case 'godebug': {
        const g = parseGodebugLine(line, args, report);
        if (g) mod.godebug.push(g);
        return;
      }
      case 'require':
      case 'exclude': {
        if (args.length !== 2) return report(`usage: ${verb} module/path v1.2.3`);
        const s = parseString(args[0]!);
        if (s instanceof DirectiveError) return fail(s);
        const v = parseVersion(verb, s, args[1]!, opts.fix);
        if (v instanceof DirectiveError) return fail(v);
        const pathMajor = modulePathMajor(s);
        if (pathMajor instanceof DirectiveError) return fail(pathMajor);
        const major = checkMajor(verb, s, v, pathMajor);
        if (major) return fail(major);
        const [pathRange, versionRange] = [args[0]!.range, args[1]!.range];
        if (verb === 'require') mod.require.push({ path: s, version: v, indirect: isIndirect(line), pathRange, versionRange, syntax: line });
        else mod.exclude.push({ path: s, version: v, pathRange, versionRange, syntax: line });
        return;
      }
      case 'replace': {
        const r = parseReplaceLine(line, verb, args, report, opts.fix);
        if (r) mod.replace.push(r);
        return;
      }
      case 'retract':
        return parseRetract(mod, line, args, block, strict, strict ? report : () => undefined);
      case 'tool':
      case 'ignore': {
        if (args.length !== 1) return report(`${verb} directive expects exactly one argument`);
        const s = parseString(args[0]!);
        if (s instanceof DirectiveError) return fail(s);
        const stmt: PathStmt = { path: s, pathRange: args[0]!.range, syntax: line };
        (verb === 'tool' ? mod.tool : mod.ignore).push(stmt);
        return;
      }
    }
  });
  if (opts.fix) fixRetract(mod, opts.fix, errors);
  return mod;
}

/** modfile's fixRetract: after the parse (the module line may come last), each retract's versions
 * go through the fixer with the module's path; its errors follow all others. */
function fixRetract(mod: ModFile, fix: VersionFixer, errors: ParseError[]): void {
  const path = mod.module?.path ?? '';
  for (const r of mod.retract) {
    const report = (m: string, ours?: boolean) => new LineErrors(errors, r.syntax, 'retract').report(m, ours);
    if (path === '') return report('no module directive found, so retract cannot be used');
    const args = r.syntax.block ? r.syntax.tokens : r.syntax.tokens.slice(1);
    const interval = args[0]?.raw === '[';
    const low = fixVersion('retract', path, r.low, fix);
    if (low instanceof DirectiveError) {
      report(low.message, low.ours);
      continue;
    }
    const high = interval ? fixVersion('retract', path, r.high, fix) : low;
    if (high instanceof DirectiveError) {
      report(high.message, high.ours);
      continue;
    }
    r.low = low;
    r.high = high;
  }
}

/** modfile's retract case and parseVersionInterval. Like modfile.Parse, retract versions are kept
 * as written (unquoted, never made canonical): modfile checks them only through the go command's
 * version fixer, after the parse (see resolve/retract-versions.ts). */
function parseRetract(mod: ModFile, line: Line, args: Token[], block: Block | undefined, strict: boolean, report: (m: string) => void): void {
  const rationale = directiveComment(line, block);
  const raw = args.map((t) => t.raw);
  const version = (i: number) => stringVersion('retract', '', args[i]!);
  let low: string;
  let high: string;
  let rest: number;
  if (raw.length === 0 || raw[0] === '(') return report("expected '[' or version");
  if (raw[0] !== '[') {
    const v = version(0);
    if (v instanceof DirectiveError) return report(v.message);
    low = high = v;
    rest = 1;
  } else {
    if (raw.length < 2) return report("expected version after '['");
    const lo = version(1);
    if (lo instanceof DirectiveError) return report(lo.message);
    if (raw[2] !== ',') return report("expected ',' after version");
    if (raw.length < 4) return report("expected version after ','");
    const hi = version(3);
    if (hi instanceof DirectiveError) return report(hi.message);
    if (raw[4] !== ']') return report("expected ']' after version");
    low = lo;
    high = hi;
    rest = 5;
  }
  if (raw.length > rest && strict) return report(`unexpected token after version: ${goQuote(raw[rest]!)}`);
  mod.retract.push({ low, high, rationale, syntax: line });
}

