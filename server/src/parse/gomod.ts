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
    // modfile parses the line's tokens again as its first parse left them: each version token
    // is now its unquoted value (`"v1.`x`"` is v1.`x`, an unquoted string with a quote), and a
    // first token `retract` is dropped, even inside a block where it was the version.
    const toks = r.syntax.tokens.map((t) => t.raw);
    const at = r.syntax.block ? 0 : 1;
    if (toks[at] === '[') [toks[at + 1], toks[at + 3]] = [r.low, r.high];
    else toks[at] = r.low;
    const iv = versionInterval(toks[0] === 'retract' ? toks.slice(1) : toks, (v) => {
      const t = stringVersion('retract', path, v);
      return t instanceof DirectiveError ? t : fixVersion('retract', path, t, fix);
    });
    if (iv instanceof DirectiveError) {
      report(iv.message, iv.ours);
      continue;
    }
    const { low, high } = iv;
    r.low = low;
    r.high = high;
  }
}

/** modfile's retract case. Like modfile.Parse, retract versions are kept as written (unquoted,
 * never made canonical): modfile checks them only through a version fixer, after the parse. */
function parseRetract(mod: ModFile, line: Line, args: Token[], block: Block | undefined, strict: boolean, report: (m: string) => void): void {
  const rationale = directiveComment(line, block);
  const raw = args.map((t) => t.raw);
  const iv = versionInterval(raw, (v) => stringVersion('retract', '', v));
  if (iv instanceof DirectiveError) return report(iv.message);
  if (raw.length > iv.rest && strict) return report(`unexpected token after version: ${goQuote(raw[iv.rest]!)}`);
  mod.retract.push({ low: iv.low, high: iv.high, rationale, syntax: line });
}

/** modfile.parseVersionInterval over tokens as written: the interval and the tokens it took. */
function versionInterval(raw: string[], version: (raw: string) => string | DirectiveError): { low: string; high: string; rest: number } | DirectiveError {
  if (raw.length === 0 || raw[0] === '(') return new DirectiveError("expected '[' or version");
  if (raw[0] !== '[') {
    const v = version(raw[0]!);
    return v instanceof DirectiveError ? v : { low: v, high: v, rest: 1 };
  }
  if (raw.length < 2) return new DirectiveError("expected version after '['");
  const low = version(raw[1]!);
  if (low instanceof DirectiveError) return low;
  if (raw[2] !== ',') return new DirectiveError("expected ',' after version");
  if (raw.length < 4) return new DirectiveError("expected version after ','");
  const high = version(raw[3]!);
  if (high instanceof DirectiveError) return high;
  if (raw[4] !== ']') return new DirectiveError("expected ']' after version");
  return { low, high, rest: 5 };
}
