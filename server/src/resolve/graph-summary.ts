// One module's contribution to the graph: its go.mod's module path, go version and requirements
// (modload goModSummary), read offline from where the go command would read it, with the same
// checks in the same order. Every failure becomes a ViewError with go's wording.

import * as nodePath from 'node:path';
import { unreadableHeadline, unreadableMessage } from '../fsys/failure';
import type { FileSystem } from '../fsys/fsys';
import { fileStartRange } from '../text/position';
import { decodeGoBytes } from '../text/utf8';
import type { GoEnv } from '../env/types';
import type { ModFile } from '../parse/ast';
import { parseGoMod } from '../parse';
import { compareGoVersion, DEFAULT_GO_MOD_VERSION, PRUNED_GRAPH_GO_VERSION } from '../module/gover';
import type { SumIndex } from './gosum';
import { cacheFile, hashGoModText, readCachedGoMod } from './modcache';
import type { Replacement } from './graph-replace';
import type { Evidence, ViewError } from './types';

export interface ModuleVersion {
  path: string;
  version: string;
}

export interface ModSummary {
  /** The path the go.mod declares ('' when it has no module line). */
  module: string;
  goVersion: string;
  require: ModuleVersion[];
  pruned: boolean;
  /** The file the summary was read from. */
  source: string;
}

export type SummaryResult =
  | { ok: true; summary: ModSummary }
  | {
      ok: false;
      error: ViewError;
      source?: string;
      /** The Err go gives an imported package of the module when the graph is pruned; undefined
       * when go stops instead (checksum mismatch, too-new go line). */
      importErr?: string;
    };

export interface SummaryContext {
  fs: FileSystem;
  env: GoEnv;
  sums: SumIndex;
  mustHaveSums: boolean;
  /** True when any main module excludes path@version. */
  isExcluded(path: string, version: string): boolean;
}

/** gover.GoStrictVersion: from go 1.21 on a dependency's go line is enforced, and it adds a `go`
 * requirement to the graph. */
export const STRICT_GO_VERSION = '1.21';

export function modString(m: ModuleVersion): string {
  return m.version ? `${m.path}@${m.version}` : m.path;
}

/** How mvs.BuildListError ends a chain: `m: <err>` or, when replaced, `m (replaced by r): <err>`
 * (go prints the inner error without repeating r; verified with go 1.26). */
function errorPrefix(m: ModuleVersion, actual: ModuleVersion | undefined): string {
  return actual ? `${modString(m)} (replaced by ${modString(actual)})` : modString(m);
}

export function isPrunedGoVersion(goVersion: string): boolean {
  return compareGoVersion(goVersion, PRUNED_GRAPH_GO_VERSION) >= 0;
}

/** A parsed go.mod's requirements (minus excluded versions), go version and pruning. */
export function summaryFromModFile(mod: ModFile, source: string, isExcluded: (path: string, version: string) => boolean): ModSummary {
  const goVersion = mod.go?.version || DEFAULT_GO_MOD_VERSION;
  return {
    module: mod.module?.path ?? '',
    goVersion,
    require: mod.require.filter((r) => r.path && r.version && !isExcluded(r.path, r.version)).map((r) => ({ path: r.path, version: r.version })),
    pruned: isPrunedGoVersion(goVersion),
    source,
  };
}

function fail(code: ViewError['code'], headline: string, message: string, evidence: Evidence[], source?: string, importErr: string | undefined = message): SummaryResult {
  return { ok: false, error: { code, headline, message, evidence }, source, importErr };
}

/** goModSummary for a module that is not a main module. `m` is the required path@version,
 * `replacement` what replaces it (if anything). */
export function loadModSummary(ctx: SummaryContext, m: ModuleVersion, replacement: Replacement | undefined): SummaryResult {
  if (replacement?.dir !== undefined) return loadDirReplacement(ctx, m, replacement);
  const actual: ModuleVersion = replacement ? { path: replacement.target.path, version: replacement.target.version ?? '' } : m;
  const prefix = errorPrefix(m, replacement ? actual : undefined);

  // go checks go.sum before it opens the file (modload goModSummary: mustHaveSums()).
  if (ctx.mustHaveSums && !ctx.sums.has(actual.path, actual.version, true)) {
    return fail(
      'missing-go-sum',
      `go.sum lacks the go.mod checksum of ${actual.path}@${actual.version}, which the module graph needs`,
      `${prefix}: missing go.sum entry for go.mod file; to add it:\n\tgo mod download ${m.path}`,
      ctx.sums.mainSumFile
        ? [{ kind: 'file', file: ctx.sums.mainSumFile, range: fileStartRange(), note: `has no line "${actual.path} ${actual.version}/go.mod h1:…"; in readonly mode every go.mod of the graph needs one` }]
        : [{ kind: 'env', name: 'GOFLAGS', value: ctx.env.vars.GOFLAGS ?? '', note: 'readonly mode: every go.mod of the graph needs its go.sum line, and there is no go.sum' }],
    );
  }

  const file = cacheFile(ctx.env.gomodcache, actual.path, actual.version, 'mod');
  const data = readCachedGoMod(ctx.fs, ctx.env.gomodcache, actual.path, actual.version);
  if (data === undefined) {
    const why = ctx.env.goproxy === 'off' ? 'module lookup disabled by GOPROXY=off' : `not in the module cache (${file}); the go command would download it from GOPROXY=${ctx.env.goproxy}`;
    // modfetch's lookup error is not a module.ModuleError, so go prints `m: <err>` even when m is
    // replaced (verified with go 1.26), and package loading shows the bare <err>.
    return fail('module-not-in-cache', `The go.mod of ${modString(m)}, in the module graph, is not in the module cache`, `${modString(m)}: ${why}`, [
      { kind: 'dir', dir: nodePath.dirname(file), note: `no ${nodePath.basename(file)} in the module cache` },
      { kind: 'env', name: 'GOPROXY', value: ctx.env.goproxy, note: 'where the go command would download it from' },
    ], file, why);
  }

  // modfetch checkGoMod: a go.sum line for the go.mod must match what is in the cache. go treats a
  // mismatch as fatal (base.Fatalf): `go list -e -deps` exits 1 with this text and no JSON when the
  // module provides an imported package (verified with go 1.26).
  const check = ctx.sums.check(actual.path, actual.version, true, hashGoModText(data));
  if (check.status === 'mismatch') {
    return {
      ok: false,
      error: {
        code: 'checksum-mismatch',
        headline: `The cached go.mod of ${actual.path}@${actual.version} does not match its go.sum checksum`,
        message: check.message.trimEnd(),
        file: check.entry.file,
        range: check.entry.line.range,
        evidence: [
          { kind: 'file', file: check.entry.file, range: check.entry.line.range, note: `records ${check.recorded}` },
          { kind: 'dir', dir: nodePath.dirname(file), note: `${nodePath.basename(file)} in the module cache hashes differently` },
        ],
      },
      source: file,
    };
  }

  // go names a cached go.mod just "go.mod" in parse errors (modload rawGoModData).
  const parsed = parseDependencyGoMod(ctx, decodeGoBytes(data), file, 'go.mod', prefix, modString(m));
  if (!parsed.ok) return parsed;
  const summary = parsed.summary;
  if (summary.module === '') {
    return fail('invalid-module-file', `The go.mod of ${modString(m)} has no module line`, `${prefix}: parsing go.mod: missing module line`, [
      { kind: 'dir', dir: nodePath.dirname(file), note: `${file} has no module line` },
    ], file);
  }
  if (summary.module !== m.path && summary.module !== actual.path) {
    return fail(
      'module-path-mismatch',
      `${modString(m)} declares its path as ${summary.module}, not ${m.path}`,
      `${prefix}: parsing go.mod:\n\tmodule declares its path as: ${summary.module}\n\t        but was required as: ${m.path}`,
      [{ kind: 'dir', dir: nodePath.dirname(file), note: `${file} declares module ${summary.module}` }],
      file,
    );
  }
  return checkGoVersion(ctx, m, summary);
}

function loadDirReplacement(ctx: SummaryContext, m: ModuleVersion, replacement: Replacement): SummaryResult {
  const dir = replacement.dir!;
  const written = replacement.target.path;
  const prefix = `${modString(m)} (replaced by ${written})`;
  const goModPath = nodePath.join(dir, 'go.mod');
  const evidence: Evidence[] = [{ kind: 'file', file: replacement.file, range: replacement.stmt.newPathRange, note: `replaced by the directory ${written}`, cause: true }];
  const text = ctx.fs.readText(goModPath);
  const at = { file: replacement.file, range: replacement.stmt.newPathRange };
  // go reads <dir>/go.mod without a stat of the directory first: a missing directory and a
  // directory without go.mod give the same graph error (verified with go 1.26). Package loading
  // words the missing directory differently: "<m>@<v>: replacement directory <dir> does not exist".
  const failure = text === undefined ? ctx.fs.readFailure(goModPath) : undefined;
  if (failure) {
    // There but unreadable (no permission, a FIFO, too large): said in our words.
    const r = fail('unreadable-file', `The replacement ${written}: ${unreadableHeadline(goModPath, failure)}`, `${prefix}: ${unreadableMessage(goModPath, failure, 'so the go command cannot load the module graph')}`, evidence, goModPath);
    if (!r.ok) Object.assign(r.error, at);
    return r;
  }
  if (text === undefined) {
    const dirExists = ctx.fs.stat(dir)?.isDir === true;
    const message = `${prefix}: reading ${nodePath.join(written, 'go.mod')}: open ${goModPath}: no such file or directory`;
    const r = fail(
      'replace-dir-missing',
      dirExists ? `The replacement directory ${written} of ${m.path} has no go.mod` : `The replacement directory ${written} of ${m.path} does not exist`,
      message,
      [...evidence, { kind: 'dir', dir, note: dirExists ? 'holds no go.mod' : 'does not exist' }],
      goModPath,
      // Package loading stats the directory first (modload import.go fetch); for a directory
      // without go.mod it reads that go.mod as the module `written` (rawGoModData), a
      // module.ModuleError without version (both verified with go 1.26).
      dirExists ? `module ${written}: reading ${nodePath.join(written, 'go.mod')}: open ${goModPath}: no such file or directory` : `${modString(m)}: replacement directory ${written} does not exist`,
    );
    // Point at the replace target rather than at a require line.
    if (!r.ok) Object.assign(r.error, at);
    return r;
  }
  // Directory replacements skip the module-line and declared-path checks.
  const parsed = parseDependencyGoMod(ctx, text, goModPath, nodePath.join(written, 'go.mod'), prefix, written);
  if (!parsed.ok) return parsed;
  return checkGoVersion(ctx, m, parsed.summary);
}

function parseDependencyGoMod(ctx: SummaryContext, text: string, file: string, shownName: string, prefix: string, whose: string): SummaryResult {
  // Dependency go.mod files are parsed lax: unknown directives and most semantic errors are ignored.
  const mod = parseGoMod(text, file, { lax: true });
  if (mod.errors.length > 0) {
    const e = mod.errors[0];
    const message = `${prefix}: parsing ${shownName}: ${shownName}:${e.range.start.line + 1}: ${e.message}`;
    return { ok: false, error: { code: 'invalid-module-file', headline: `The go.mod of ${whose} cannot be parsed (line ${e.range.start.line + 1})`, message, file, range: e.range, evidence: [] }, source: file, importErr: message };
  }
  return { ok: true, summary: summaryFromModFile(mod, file, ctx.isExcluded) };
}

function checkGoVersion(ctx: SummaryContext, m: ModuleVersion, summary: ModSummary): SummaryResult {
  const local = ctx.env.goVersion;
  if (local && compareGoVersion(summary.goVersion, STRICT_GO_VERSION) >= 0 && compareGoVersion(summary.goVersion, local) > 0) {
    const toolchain = ctx.env.gotoolchain && ctx.env.gotoolchain !== 'auto' ? `; GOTOOLCHAIN=${ctx.env.gotoolchain}` : '';
    return fail(
      'go-version-too-new',
      `${modString(m)} needs go ${summary.goVersion}; this go is ${local}`,
      `${modString(m)}: module ${modString(m)} requires go >= ${summary.goVersion} (running go ${local}${toolchain})`,
      [{ kind: 'env', name: 'GOTOOLCHAIN', value: ctx.env.gotoolchain, note: `the installed go is ${local}` }],
      summary.source,
      undefined,
    );
  }
  return { ok: true, summary };
}
