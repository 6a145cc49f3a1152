// resolveImport: where the go command would find one import in a view, or why it cannot (spec §4).
// Module mode follows modload.importFromModules: every build-list module whose path prefixes the
// import and whose directory holds a package candidate counts — two are ambiguous — then the
// package's files are checked (no Go files, build constraints) and the internal rule applied.

import { downloadsOff } from '../env/proxy';
import * as path from 'node:path';
import type { FileSystem, ReadFailure } from '../fsys/fsys';
import { unreadableHeadline, unreadableMessage } from '../fsys/failure';
import { buildContextOf } from '../env/goenv';
import { readPackageDir, packageFilesError, packageFilesErrorMessage } from '../scan/package';
import { checkImportPath, hasPathPrefix, isStandardImportPath, pathPrefixes, splitPathVersion } from '../module/path';
import { compareGoVersion, PRUNED_GRAPH_GO_VERSION } from '../module/gover';
import { parseGoMod } from '../parse';
import { moduleDirState } from './modcache';
import { describeSplitSearch, versionWithoutPackage } from './cached-versions';
import { flagEvidence, zipSumMismatch, type LoadedView } from './view';
import { graphErrorEffect } from './buildlist';
import { everyImportGraphError, graphErrorOf } from './graph-errors';
import { beyondRootsFailure } from './beyond-roots';
import type { Broken, BuildListEntry, Evidence, Resolution, Resolved, ResolvedVia, View } from './types';
import { hasGoFile, nearMatches, nearStdPackages, stdPackageDir, stdPackages } from './std';
import { internalImportError } from './internal';
import { resolveGopathImport } from './gopath';
import { vendoredPackageDir } from './vendor';
import { mainModuleAt, mainModuleHolding, mainModuleNamed, mainModuleOwns, mainModulesAbove } from './main-modules';
import { fileStartRange } from '../text/position';
import { editDistance } from '../text/distance';

export interface Importer {
  /** The importing package's directory. */
  dir: string;
  /** The importing package's module path, when known. */
  modulePath?: string;
  /** Set when the importer is a package of a dependency module (module cache, replacement
   * directory, vendor/), which no main module holds: its own import path and its module as the
   * build list selects it. */
  dependency?: { importPath: string; module: { path: string; version: string } };
}

const NO_MOD_ROOT = "go.mod file not found in current directory or any parent directory; see 'go help modules'";
const META_PACKAGES = new Set(['std', 'cmd', 'all', 'tool', 'work']);

function broken(importPath: string, code: Broken['code'], headline: string, message: string, evidence: Evidence[] = [], suggestions?: string[]): Broken {
  const b: Broken = { ok: false, importPath, code, headline, message, evidence };
  if (suggestions && suggestions.length) b.suggestions = suggestions;
  return b;
}

/** invalidImportError cases (spec §4.1), in go's order. */
function syntaxError(importPath: string): string | undefined {
  if (importPath.includes('@')) return `import path "${importPath}" should not have @version`;
  if (importPath === '.' || importPath === '..' || importPath.startsWith('./') || importPath.startsWith('../')) {
    return `"${importPath}" is relative, but relative import paths are not supported in module mode`;
  }
  if (path.isAbsolute(importPath)) return `"${importPath}" is not a package path; see 'go help packages'`;
  if (META_PACKAGES.has(importPath)) return `"${importPath}" is not an importable package; see 'go help packages'`;
  const bad = checkImportPath(importPath);
  if (bad) return bad;
  return undefined;
}

/** The importer's own import path: its module path plus its directory below the module root. */
function importerPath(view: View, importer: Importer): string | undefined {
  if (importer.dependency) return importer.dependency.importPath;
  const mm = mainModuleHolding(view, importer.dir, importer.modulePath);
  if (!mm || mm.path === '') return undefined;
  const rel = path.relative(mm.dir, importer.dir).split(path.sep).join('/');
  return rel === '' ? mm.path : `${mm.path}/${rel}`;
}

/** dirInModule: the package dir of `importPath` in module `modPath` rooted at `root`, if it is a
 * package candidate. In local trees, a go.mod between the dir and the root means another module. */
function dirInModule(fs: FileSystem, importPath: string, modPath: string, root: string, isLocal: boolean): { dir: string; ok: boolean; nestedGoMod?: string; failure?: ReadFailure } {
  const rest = importPath === modPath ? '' : modPath === '' ? importPath : importPath.slice(modPath.length + 1);
  const dir = rest === '' ? root : path.join(root, ...rest.split('/'));
  if (isLocal) {
    for (let d = dir; d !== root && d.length > root.length; d = path.dirname(d)) {
      const gm = path.join(d, 'go.mod');
      if (fs.stat(gm)?.isFile) return { dir, ok: false, nestedGoMod: gm };
    }
  }
  const ok = hasGoFile(fs, dir);
  // fsys.IsGoDir: a directory that cannot be listed is an error, not an absent package.
  const failure = !ok && fs.stat(dir)?.isDir ? fs.readFailure(dir) : undefined;
  return failure ? { dir, ok, failure } : { dir, ok };
}

interface Candidate {
  entry: BuildListEntry;
  dir: string;
  via: ResolvedVia;
  /** The module version whose files are there (the replacement's, when replaced by a version). */
  actual: { path: string; version: string };
}

type Fetched = { ok: true; root: string; isLocal: boolean; via: ResolvedVia; actual: { path: string; version: string } } | { ok: false; kind: 'sum' | 'error'; error?: Broken };

/** modload.fetch for one build-list module, offline. */
function fetchModule(view: LoadedView, entry: BuildListEntry, importPath: string, fs: FileSystem): Fetched {
  const mm = mainModuleNamed(view, entry.path);
  if (mm) return { ok: true, root: mm.dir, isLocal: true, via: view.kind === 'workspace' ? 'workspace-module' : 'main-module', actual: { path: entry.path, version: '' } };
  const rep = entry.replace;
  const mv = `${entry.path}@${entry.version}`;
  if (rep && rep.dir !== undefined) {
    if (!fs.stat(rep.dir)) {
      // A workspace reads every replaced go.mod while loading its graph, so go reports the failed
      // read (named relative to where it runs: only the tail is the same from everywhere); a
      // single module fetches the replacement lazily and says the directory does not exist.
      const goText =
        view.kind === 'workspace'
          ? `open ${path.join(rep.dir, 'go.mod')}: no such file or directory`
          : `${mv}: replacement directory ${rep.stmt.new.path} does not exist`;
      return {
        ok: false,
        kind: 'error',
        error: broken(importPath, 'replace-dir-missing', `The replacement directory ${rep.stmt.new.path} of ${entry.path} does not exist`, `${entry.path} is replaced by the directory ${rep.stmt.new.path}, which does not exist (${rep.dir}). go says: ${goText}`, [
          { kind: 'file', file: rep.file, range: rep.stmt.syntax.range, note: 'the replace directive', cause: true },
          { kind: 'dir', dir: rep.dir, note: 'missing' },
        ]),
      };
    }
    return { ok: true, root: rep.dir, isLocal: true, via: 'replace-dir', actual: { path: entry.path, version: entry.version } };
  }
  const actual = rep ? { path: rep.target.path, version: rep.target.version ?? '' } : { path: entry.path, version: entry.version };
  if (view.kind === 'module' && view.buildMod === 'readonly' && view.sums && !view.sums.has(actual.path, actual.version, false)) {
    return { ok: false, kind: 'sum' };
  }
  const mismatch = zipSumMismatch(view, fs, entry);
  if (mismatch) return { ok: false, kind: 'error', error: broken(importPath, mismatch.code, mismatch.headline, mismatch.message, mismatch.evidence) };
  const state = moduleDirState(fs, view.env.gomodcache, actual.path, actual.version);
  if (state.ok) return { ok: true, root: state.dir, isLocal: false, via: 'module-cache', actual };
  // go repairs a partial or unhashed extraction from the cached zip, offline.
  if (state.zipAvailable) return { ok: true, root: state.dir, isLocal: false, via: 'module-cache', actual };
  const av = `${actual.path}@${actual.version}`;
  const proxy = view.env.goproxy;
  const proxyOff = downloadsOff(proxy);
  // With a proxy go would try to download it; what it then says depends on the network, so it is
  // said in our words rather than quoted.
  const fetched = proxyOff ? ' go says: module lookup disabled by GOPROXY=off' : ` go would download it from ${proxy || 'the proxy'} (go mod download fetches it now).`;
  const evidence: Evidence[] = [{ kind: 'dir', dir: state.dir, note: state.reason === 'missing' ? 'not in the module cache' : state.detail }, { kind: 'env', name: 'GOPROXY', value: proxy, note: proxyOff ? 'downloads disabled' : 'downloads needed' }];
  if (state.reason === 'missing') {
    return { ok: false, kind: 'error', error: broken(importPath, 'module-not-in-cache', `${av.length > 60 ? actual.path : av} is not in the module cache, and ${proxyOff ? 'GOPROXY=off forbids downloading it' : 'must be downloaded first'}`, `${av} is in the build list but not in the module cache (${view.env.gomodcache}).${fetched}`, evidence) };
  }
  return { ok: false, kind: 'error', error: broken(importPath, 'cache-corrupt', `The module cache's copy of ${av} is incomplete, with no zip to repair it from`, `The module cache holds an incomplete copy of ${av} (${state.detail}) and no zip to repair it from.${fetched}`, evidence) };
}

/** Resolves one import as the go command would in `view`. Never throws. */
export function resolveImport(viewIn: View, importPath: string, importer: Importer, fs: FileSystem): Resolution {
  const view = viewIn as LoadedView;
  try {
    return resolveImportUnsafe(view, importPath, importer, fs);
  } catch (e) {
    return broken(importPath, 'invalid-module-file', `Internal error while resolving this import`, `Internal error while resolving ${importPath}: ${(e as Error).message}`);
  }
}

function resolveImportUnsafe(view: LoadedView, importPath: string, importer: Importer, fs: FileSystem): Resolution {
  // cgo's pseudo-package: no directory, never looked up.
  if (importPath === 'C') return { ok: true, importPath, via: 'std', dir: '' };
  if (view.kind === 'gopath') return finish(view, resolveGopathImport(view, importPath, importer, fs), importer, fs, false);

  const bad = syntaxError(importPath);
  if (bad) return broken(importPath, 'no-required-module', `Not a valid import path in module mode`, `"${importPath}" is not a valid import path in module mode. go says: ${bad}`);
  if (importPath.startsWith('mod/')) return broken(importPath, 'no-required-module', `Import paths starting with mod/ are reserved: go refuses them`, `go says: disallowed import path "${importPath}"`);

  const ownRoot = view.kind === 'workspace' && !importer.dependency ? nearestModuleRoot(importer.dir, fs) : undefined;
  if (ownRoot !== undefined && !mainModuleAt(view, ownRoot)) return notInWorkspace(view, importPath, importer, ownRoot);

  const isStd = isStandardImportPath(importPath);
  const stdDir = isStd ? stdPackageDir(view.env.goroot, importPath, fs) : undefined;

  if (view.kind === 'no-module') {
    if (stdDir) return finish(view, { ok: true, importPath, via: 'std', dir: stdDir }, importer, fs, false);
    if (isStd) return notInStd(view, importPath, fs);
    return broken(importPath, 'no-main-module', `No go.mod here or in any parent directory, so only the standard library resolves`, `There is no go.mod in ${view.cwd} or any parent, so only the standard library resolves. go says: no required module provides package ${importPath}: ${NO_MOD_ROOT}`, [
      { kind: 'dir', dir: view.cwd, note: 'no go.mod here or above' },
      { kind: 'env', name: 'GO111MODULE', value: view.env.go111module, note: 'module mode' },
    ]);
  }

  if (view.buildMod === 'vendor') return resolveVendored(view, importPath, importer, fs, stdDir);

  // Module mode: the std candidate and every build-list module that provides the path.
  const found: Candidate[] = [];
  const stdCandidate = stdDir ? { dir: stdDir } : undefined;
  let sumMissing: BuildListEntry[] = [];
  const passes = rootPasses(view);
  for (const onlyRoots of passes) {
    found.length = 0;
    sumMissing = [];
    if (!onlyRoots && passes.length > 1) {
      const failure = beyondRootsFailure(view, importPath);
      if (failure) return failure;
    }
    for (let prefix = importPath; prefix !== '.' && prefix !== ''; prefix = parentPath(prefix)) {
      if (prefix === 'go' || prefix === 'toolchain') continue;
      if (onlyRoots && !onlyRoots.has(prefix)) continue;
      const entry = view.buildList.get(prefix);
      if (!entry || entry.version === 'none') continue;
      const f = fetchModule(view, entry, importPath, fs);
      if (!f.ok) {
        if (f.kind === 'sum') {
          sumMissing.push(entry);
          continue;
        }
        return f.error!;
      }
      const d = dirInModule(fs, importPath, entry.path, f.root, f.isLocal);
      if (d.failure) return broken(importPath, 'unreadable-file', unreadableHeadline(d.dir, d.failure), unreadableMessage(d.dir, d.failure, `so the go command cannot tell whether ${importPath} is there`, ''), [{ kind: 'dir', dir: d.dir, note: d.failure.what }]);
      if (d.ok) found.push({ entry, dir: d.dir, via: f.via, actual: f.actual });
    }
    if (found.length + (stdCandidate ? 1 : 0) > 0 || sumMissing.length) break;
  }

  if (found.length + (stdCandidate ? 1 : 0) > 1) {
    const list = [...(stdCandidate ? [{ path: '', version: '', dir: stdCandidate.dir }] : []), ...[...found].reverse().map((c) => ({ path: c.entry.path, version: c.entry.version, dir: c.dir }))];
    const goText = `ambiguous import: found package ${importPath} in multiple modules:` + list.map((m) => `\n\t${m.path}${m.version ? ` ${m.version}` : ''} (${m.dir})`).join('');
    // Each shorter-path module is a monolith the package moved out of: say what the cache has of it.
    const splitNotes = found.slice(1).filter((c) => c.via === 'module-cache' && !c.entry.replace).map((c) => describeSplitSearch(c.entry.path, c.entry.version, importPath, versionWithoutPackage(fs, view.env.gomodcache, c.entry.path, c.entry.version, importPath)) + ' ');
    return broken(
      importPath,
      'ambiguous-import',
      `Two modules provide this package: ${list.map((m) => m.path || 'std').join(' and ')}`,
      `More than one module in the build list provides ${importPath}: ${list.map((m) => m.path || 'std').join(' and ')}. ${splitNotes.join('')}go says: ${goText}`,
      list.map((m) => ({ kind: 'dir' as const, dir: m.dir, note: m.path ? `${m.path}${m.version ? ` ${m.version}` : ''}` : 'standard library' })),
    );
  }
  if (sumMissing.length) {
    const mods = sumMissing.map((e) => e.path);
    // ImportMissingSumError: go names the importer, and a dependency importer's module version.
    const goText = missingSumText(importPath, importerPath(view, importer), found.length > 0, mods, importer.dependency?.module.version);
    const mm = view.mainModules[0];
    const b = broken(importPath, 'missing-go-sum', `go.sum lacks the checksum of ${sumMissing.length === 1 ? `${sumMissing[0].path}@${sumMissing[0].version}` : `${sumMissing.length} modules`}, which provides this package`, `go.sum has no checksum for ${sumMissing.map((e) => `${e.path}@${e.version}`).join(', ')}, which provides ${importPath}, so the go command (readonly) refuses it. go says: ${goText}`, [
      { kind: 'dir', dir: mm ? path.join(mm.dir, 'go.sum') : view.cwd, note: 'go.sum lacks the line' },
    ]);
    b.missingSums = sumMissing.map((e) => ({ path: e.path, version: e.version }));
    return b;
  }
  if (stdCandidate) return finish(view, { ok: true, importPath, via: 'std', dir: stdCandidate.dir }, importer, fs, false);
  if (found.length === 1) {
    const c = found[0];
    const graphErr = graphErrorOf(view.graphErrors, c.entry.path, c.entry.version);
    if (graphErr) {
      const effect = graphErrorEffect(graphErr, view.pruning ?? 'pruned');
      const goText = effect.kind === 'fatal' ? effect.text : effect.kind === 'every-import' ? effect.err : (effect.fatalText ?? effect.err ?? graphErr.error.message);
      const b = broken(importPath, graphErr.error.code, graphErr.error.headline, `${graphErr.error.message.split('\n')[0]} go says: ${goText}`, graphErr.error.evidence);
      if (b.code === 'missing-go-sum') b.missingSums = [{ path: c.entry.path, version: c.entry.version }];
      return b;
    }
    // Workspace: go loads the whole graph first, so one graph error strikes every import of a
    // module outside the workspace.
    if (view.kind === 'workspace' && !mainModuleNamed(view, c.entry.path)) {
      const g = workspaceGraphFailure(view, importPath);
      if (g) return g;
    }
    const r: Resolved = { ok: true, importPath, via: c.via, dir: c.dir };
    if (!mainModuleNamed(view, c.entry.path)) r.module = { path: c.entry.path, version: c.entry.version };
    const w = c.via === 'replace-dir' ? replacePathWarning(c.entry, fs) : undefined;
    if (w) r.warnings = [w];
    return finish(view, r, importer, fs, c.via !== 'std');
  }
  // Workspace: a package the roots do not provide makes go load the whole graph, whose error it
  // then reports (a replacement directory without go.mod, whatever the directory holds).
  if (view.kind === 'workspace') {
    const g = workspaceGraphFailure(view, importPath);
    if (g) return g;
  }
  return explainMissing(view, importPath, importer, fs);
}

/** The workspace graph's error that fails every import beyond the workspace modules, if any. */
function workspaceGraphFailure(view: LoadedView, importPath: string): Broken | undefined {
  const g = everyImportGraphError(view.graphErrors);
  return g && broken(importPath, g.error.code, g.error.headline, `${g.error.message.split('\n')[0]} go says: ${g.error.message}`, g.error.evidence);
}

/** modload.ImportMissingSumError as go 1.26 words it: with the importing package known, the advice
 * is `go get` of that package (which records what it needs); else `go mod download` of the modules. */
function missingSumText(importPath: string, importerPath: string | undefined, found: boolean, mods: string[], importerVersion?: string): string {
  const by = importerPath ? ` (imported by ${importerPath})` : '';
  const what = found ? `missing go.sum entry needed to verify package ${importPath}${by} is provided by exactly one module` : `missing go.sum entry for module providing package ${importPath}${by}`;
  return `${what}; to add:\n\t${importerPath ? `go get ${importerPath}${importerVersion ? `@${importerVersion}` : ''}` : `go mod download ${mods.join(' ')}`}`;
}

function parentPath(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '.' : p.slice(0, i);
}

/** importFromModules' passes: for pruned and workspace graphs the roots first, then the full graph. */
const passesOf = new WeakMap<LoadedView, (Set<string> | undefined)[]>();

function rootPasses(view: LoadedView): (Set<string> | undefined)[] {
  let passes = passesOf.get(view);
  if (!passes) passesOf.set(view, (passes = computeRootPasses(view)));
  return passes;
}

function computeRootPasses(view: LoadedView): (Set<string> | undefined)[] {
  const goVersion = view.mainModules[0]?.modFile.go?.version ?? '';
  const pruned = view.kind === 'workspace' || (goVersion !== '' && compareGoVersion(goVersion, PRUNED_GRAPH_GO_VERSION) >= 0);
  if (!pruned) return [undefined];
  const roots = new Set<string>(view.mainModules.map((m) => m.path));
  for (const m of view.mainModules) for (const r of m.modFile.require) roots.add(r.path);
  return [roots, undefined];
}

/** The importer's module (rooted at ownRoot) is not a `use` of go.work. go words it by where the
 * package directory is — inside a workspace module's tree (a nested module) or outside every one —
 * and names directories relative to where it runs (the view's cwd). */
export function notInWorkspace(view: View, importPath: string, importer: Importer, ownRoot: string): Broken {
  const work = view.goWork!;
  const fromCwd = (d: string) => path.relative(view.cwd, d) || '.';
  const useArg = fromCwd(ownRoot);
  const outer = mainModuleHolding(view, importer.dir);
  const goText = outer
    ? `main module (${outer.path}) does not contain package ${[outer.path, ...path.relative(outer.dir, importer.dir).split(path.sep)].filter(Boolean).join('/')}`
    : `${importer.dir === view.cwd ? 'current directory' : `directory ${fromCwd(importer.dir)}`} is contained in a module that is not one of the workspace modules listed in go.work. You can add the module to the workspace using:\n\tgo work use ${useArg}`;
  const range = work.work.use[0]?.syntax.range ?? work.work.go?.syntax.range ?? fileStartRange();
  // go's words depend on how it is asked (a package, ./..., files): said in ours, go's in evidence.
  const b = broken(importPath, 'not-in-workspace', `This module (${useArg}) is not in go.work's use list, so go ignores it`, `The module at ${ownRoot} is not used by ${work.file}, so the go command ignores it and none of its imports resolve (go work use ${useArg} adds it). Asked for this package, go reports: ${goText}`, [
    { kind: 'file', file: work.file, range, note: 'the go.work in effect' },
    { kind: 'dir', dir: ownRoot, note: 'module not in the workspace' },
  ]);
  b.wholeView = true;
  return b;
}

/** A replace directory whose go.mod declares another module path: go accepts it (directory
 * replacements skip the path check), but it is almost always a mistake. */
function replacePathWarning(entry: BuildListEntry, fs: FileSystem): NonNullable<Resolved['warnings']>[number] | undefined {
  const rep = entry.replace;
  if (!rep?.dir) return undefined;
  const file = path.join(rep.dir, 'go.mod');
  const text = fs.readText(file);
  if (text === undefined) return undefined;
  const mod = parseGoMod(text, file, { lax: true });
  const declared = mod.module?.path;
  if (!declared || declared === entry.path) return undefined;
  return {
    code: 'replace-path-mismatch',
    headline: editDistance(declared, entry.path) <= 2
      ? `${rep.stmt.new.path} declares module ${declared}: a mistyped module line?`
      : `${entry.path} is replaced by ${rep.stmt.new.path}, which holds another module (${declared})`,
    message: editDistance(declared, entry.path) <= 2
      ? `${entry.path} is replaced by ${rep.stmt.new.path}, whose go.mod declares module ${declared}, a near miss of ${entry.path}: its module line looks mistyped. The go command accepts a directory replacement with another path.`
      : `${entry.path} is replaced by ${rep.stmt.new.path}, whose go.mod declares module ${declared}. The go command accepts a directory replacement with another path, but the replacement is probably pointing at the wrong module.`,
    evidence: [
      { kind: 'file', file: rep.file, range: rep.stmt.syntax.range, note: 'the replace directive', cause: true },
      { kind: 'file', file, range: mod.module!.syntax.range, note: `module ${declared}` },
    ],
  };
}

/** The directory of the nearest go.mod at or above `dir`, if any. */
function nearestModuleRoot(dir: string, fs: FileSystem): string | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (fs.stat(path.join(d, 'go.mod'))?.isFile) return d;
    if (path.dirname(d) === d) return undefined;
  }
}

function notInStd(view: View, importPath: string, fs: FileSystem): Broken {
  const dir = path.join(view.env.goroot, 'src', ...importPath.split('/'));
  const suggestions = nearStdPackages(importPath, stdPackages(view.env.goroot, fs));
  const hint = suggestions.length ? ` Did you mean ${suggestions.map((s) => `"${s}"`).join(' or ')}?` : '';
  return broken(
    importPath,
    'package-not-in-std',
    `${importPath} is not a standard library package`,
    `${importPath} has no dot in its first element, so it must be a standard library package, and Go ${view.env.goVersion ?? ''} has none by that name.${hint} go says: package ${importPath} is not in std (${dir})`,
    [{ kind: 'dir', dir, note: 'not in GOROOT' }],
    suggestions,
  );
}

/** Vendor mode (spec §4.3): main modules and vendor/<path>; nothing is looked up elsewhere. */
function resolveVendored(view: LoadedView, importPath: string, importer: Importer, fs: FileSystem, stdDir: string | undefined): Resolution {
  const dirs: { dir: string; via: ResolvedVia; module?: { path: string; version: string } }[] = [];
  if (stdDir) dirs.push({ dir: stdDir, via: 'std' });
  for (const mm of view.mainModules) {
    if (!hasPathPrefix(importPath, mm.path) || mm.path === '') continue;
    const d = dirInModule(fs, importPath, mm.path, mm.dir, true);
    if (d.ok) dirs.push({ dir: d.dir, via: view.kind === 'workspace' ? 'workspace-module' : 'main-module' });
  }
  let note = '';
  if (view.vendor) {
    const goVersion = view.kind === 'workspace' ? (view.goWork?.work.go?.version ?? '') : (view.mainModules[0]?.modFile.go?.version ?? '');
    const v = vendoredPackageDir(fs, view.vendor.dir, view.vendor.modulesTxt, goVersion, importPath);
    if (v.dir) {
      const owner = view.vendor.modulesTxt?.modules.find((m) => m.packages.includes(importPath));
      dirs.push({ dir: v.dir, via: 'vendor', module: owner?.version ? { path: owner.path, version: owner.version } : undefined });
    } else if (v.ignoredNote) note = ` (${v.ignoredNote})`;
  }
  const nonStd = dirs.filter((d) => d.via !== 'std');
  if (nonStd.length > 1) {
    const goText = `ambiguous import: found package ${importPath} in multiple directories:` + nonStd.map((d) => `\n\t${d.dir}`).join('');
    return broken(importPath, 'ambiguous-import', `Both the main module and vendor/ hold this package`, `Both the main module and vendor/ hold ${importPath}. go says: ${goText}`, nonStd.map((d) => ({ kind: 'dir' as const, dir: d.dir, note: d.via })));
  }
  if (dirs.length === 0) {
    if (isStandardImportPath(importPath)) return notInStd(view, importPath, fs);
    const reason = view.buildModReason ? `\n\t(${view.buildModReason})` : '';
    const goText = `cannot find module providing package ${importPath}: import lookup disabled by -mod=vendor${reason}`;
    return broken(importPath, 'vendor-missing-package', `Vendor mode is on, and vendor/ does not hold this package`, `Vendor mode is on and vendor/ has no ${importPath}${note}; run go mod vendor after adding the requirement. go says: ${goText}`, [
      { kind: 'dir', dir: path.join(view.vendor?.dir ?? path.join(view.cwd, 'vendor'), ...importPath.split('/')), note: 'not vendored' },
      view.buildModReason ? { kind: 'env', name: '-mod', value: 'vendor', note: view.buildModReason } : flagEvidence(view.env, 'mod', '-mod=vendor set explicitly'),
    ]);
  }
  const d = dirs.find((x) => x.via !== 'std') ?? dirs[0];
  const r: Resolved = { ok: true, importPath, via: d.via, dir: d.dir };
  if (d.module) r.module = d.module;
  return finish(view, r, importer, fs, d.via !== 'std' && d.via !== 'vendor');
}

/** After the directory is found: the package's files in the view's build context, then the
 * internal rule. `byModule` applies the internal rule by import path (module packages). */
function finish(view: View, r: Resolution, importer: Importer, fs: FileSystem, byModule: boolean): Resolution {
  if (!r.ok) return r;
  const pd = readPackageDir(fs, r.dir, buildContextOf(view.env));
  if (pd?.readError) {
    const file = path.join(r.dir, pd.readError.name);
    return broken(r.importPath, 'unreadable-file', unreadableHeadline(file, pd.readError.failure), unreadableMessage(file, pd.readError.failure, `so the package ${r.importPath} cannot be loaded`, ''), [{ kind: 'dir', dir: r.dir, note: `${pd.readError.name} ${pd.readError.failure.what}` }]);
  }
  if (pd) {
    const code = packageFilesError(pd);
    if (code) {
      const goText = packageFilesErrorMessage(pd) ?? '';
      const tags = view.env.flags.tags.join(',');
      const evidence: Evidence[] = [
        { kind: 'dir', dir: r.dir, note: code === 'no-go-files' ? 'no Go files' : `${pd.ignoredGoFiles.length} Go file(s), all excluded` },
        { kind: 'env', name: 'GOOS', value: view.env.goos, note: 'target OS' },
        { kind: 'env', name: 'GOARCH', value: view.env.goarch, note: 'target architecture' },
      ];
      if (tags) evidence.push(flagEvidence(view.env, 'tags', `build tags ${tags}`));
      const plain =
        code === 'no-go-files'
          ? `${r.dir} holds no Go files the build uses.`
          : `Every Go file in ${r.dir} is excluded by build constraints for GOOS=${view.env.goos} GOARCH=${view.env.goarch}${tags ? ` -tags=${tags}` : ''}${view.env.cgoEnabled ? '' : ' CGO_ENABLED=0'}.`;
      const headline =
        code === 'no-go-files'
          ? `${path.basename(r.dir)}/ holds no Go files the build uses`
          : `Build constraints exclude every Go file of ${path.basename(r.dir)}/ (GOOS=${view.env.goos} GOARCH=${view.env.goarch}${tags ? ` -tags=${tags}` : ''})`;
      return broken(r.importPath, code, headline, `${plain} go says: ${goText}`, evidence);
    }
  }
  const internalErr = internalImportError(r.importPath, { dir: r.dir, byModule: byModule && r.via !== 'gopath' }, { dir: importer.dir, importPath: importerPath(view, importer) });
  if (internalErr) {
    return broken(r.importPath, 'internal-import', `An internal package, importable only from within the tree rooted at its parent`, `${r.importPath} is an internal package, importable only from within the tree rooted at its parent. go says: ${internalErr}`, [{ kind: 'dir', dir: r.dir, note: 'the internal package' }]);
  }
  return r;
}

/** Nothing provides the import: find the most useful explanation (spec §4.5 plus local clues). */
function explainMissing(view: LoadedView, importPath: string, importer: Importer, fs: FileSystem): Broken {
  if (isStandardImportPath(importPath) && !view.buildList.has(importPath.split('/')[0])) {
    // A dotless path that no main module owns.
    if (!mainModuleOwns(view, importPath)) return notInStd(view, importPath, fs);
  }
  // A pruned module whose graph has an error: looking beyond its roots for a provider makes go
  // load the whole graph, and it reports that error instead — said in our words, not as its quote.
  const graphErr = view.kind === 'module' ? view.graphErrors?.[0] : undefined;
  const goSays = graphErr
    ? `go reports another problem first, met while loading this module's requirements: ${graphErr.error.message.split(' go says:')[0]!.replace(/\.?\s*$/, '')}.`
    : `go says: ${noRequiredText(view, importPath, importer)}`;

  // A nested module under a main module whose go.mod declares another path ("go mod init auth-module").
  for (const mm of mainModulesAbove(view, importPath)) {
    const d = dirInModule(fs, importPath, mm.path, mm.dir, true);
    if (!d.nestedGoMod) continue;
    const nestedDir = path.dirname(d.nestedGoMod);
    const expected = mm.path + '/' + path.relative(mm.dir, nestedDir).split(path.sep).join('/');
    const lookup = view.buildList.get(expected);
    if (lookup) continue;
    const nested = parseGoMod(fs.readText(d.nestedGoMod) ?? '', d.nestedGoMod, { lax: true });
    const declared = nested.module?.path ?? '';
    if (declared === expected) {
      return broken(importPath, 'no-required-module', `${expected} is a nested module that ${mm.path} does not require`, `${nestedDir} is a separate module (${expected}, with its own go.mod) that ${mm.path} does not require, so its packages are not in the build list. ${goSays}`, [
        { kind: 'file', file: d.nestedGoMod, range: nested.module!.syntax.range, note: 'the nested module' },
      ]);
    }
    if (declared && declared !== expected) {
      return broken(
        importPath,
        'module-path-mismatch',
        `The nested module at ${path.relative(mm.dir, nestedDir)}/ declares its path as ${declared}, not ${expected}`,
        `${nestedDir} is a separate module (it has its own go.mod) that declares its path as ${declared}, not ${expected}, so ${importPath} is not part of ${mm.path} and no required module provides it. ${goSays}`,
        [{ kind: 'file', file: d.nestedGoMod, range: nested.module!.syntax.range, note: `module ${declared}`, cause: true }],
        [expected],
      );
    }
  }

  // A v2+ module imported without (or with the wrong) /vN suffix.
  for (const { entry: e, pathMajor } of buildListUnder(view.buildList, importPath)) {
    const rest = importPath.slice(e.path.length - pathMajor.length);
    const m = /^\/v[0-9]+(?=\/|$)/.exec(rest);
    const tail = m ? rest.slice(m[0].length) : rest;
    const suggestion = e.path + tail;
    if (suggestion === importPath) continue;
    if (pathMajor === '' && !m) continue;
    return broken(importPath, 'major-version-suffix', `Wrong major version suffix: the build list has ${e.path}; import "${suggestion}"`, `${importPath} matches module ${e.path}@${e.version} but with the wrong major version suffix; import "${suggestion}". ${goSays}`, [{ kind: 'env', name: 'build list', value: `${e.path} ${e.version}`, note: 'the module that is required' }], [suggestion]);
  }

  // The module that owns the path is required but has no such package.
  let owner: BuildListEntry | undefined;
  for (const p of pathPrefixes(importPath)) if ((owner = view.buildList.get(p))) break;
  if (owner) {
    const root = mainModuleNamed(view, owner.path)?.dir ?? owner.dir;
    const suggestions = root ? siblingPackages(fs, root, owner.path, importPath) : [];
    const mv = owner.version ? `${owner.path}@${owner.version}` : owner.path;
    const isMain = mainModuleNamed(view, owner.path) !== undefined;
    const want = root ? path.join(root, ...importPath.slice(owner.path.length).split('/').filter(Boolean)) : undefined;
    // A directory with a go.mod between it and the module root belongs to that nested module (a
    // module zip leaves such directories out; a local tree keeps them).
    const nestedGoMod = root ? dirInModule(fs, importPath, owner.path, root, true).nestedGoMod : undefined;
    if (want && nestedGoMod) {
      const nestedDir = path.dirname(nestedGoMod);
      return broken(
        importPath,
        'package-not-in-module',
        `This directory belongs to the nested module at ${path.relative(root!, nestedDir)}/, not to ${owner.path}`,
        `${want} is in the nested module ${nestedDir} (it has its own go.mod), not in ${mv}. ${goSays}`,
        [{ kind: 'dir', dir: nestedDir, note: 'a module of its own' }],
        suggestions.filter((s) => s !== importPath),
      );
    }
    if (want && fs.stat(want)?.isDir) {
      return broken(importPath, 'no-go-files', `${path.relative(root!, want) || '.'}/ in ${owner.path} holds no .go files, so it is no package`, `${want} exists in ${mv} but holds no .go files, so it is not a package. ${goSays}`, [{ kind: 'dir', dir: want, note: 'no .go files' }], suggestions);
    }
    return broken(
      importPath,
      'package-not-in-module',
      `${isMain ? 'The main module' : `Module ${mv}`} has no package ${importPath.slice(owner.path.length + 1) || '.'}`,
      `${isMain ? `The main module ${owner.path}` : `Module ${mv}`} owns the path but has no package ${importPath}${root ? ` (no Go files in ${path.join(root, ...importPath.slice(owner.path.length).split('/').filter(Boolean))})` : ''}. ${goSays}`,
      root ? [{ kind: 'dir', dir: root, note: `root of ${mv}` }] : [],
      suggestions,
    );
  }

  // The go.mod a require would go in: the importing package's module (in a workspace, not the
  // first use line's).
  const requirer = mainModuleHolding(view, importer.dir, importer.modulePath) ?? view.mainModules[0];
  const evidence: Evidence[] = requirer ? [{ kind: 'file', file: requirer.modFile.fileName, range: requirer.modFile.module?.syntax.range ?? fileStartRange(), note: 'no require provides it' }] : [];
  return broken(importPath, 'no-required-module', `No required module provides this package`, `No module in the build list provides ${importPath}. ${goSays}`, evidence);
}

interface VersionedEntry {
  entry: BuildListEntry;
  /** Its major version suffix ("/v2", ".v2" or ""); the entry's path without it is its base. */
  pathMajor: string;
}

const entriesByBase = new WeakMap<ReadonlyMap<string, BuildListEntry>, { size: number; byBase: Map<string, (VersionedEntry & { order: number })[]> }>();

/** The build-list modules whose path without its major version suffix is `importPath` or a parent
 * of it, in build-list order: the modules a missing import may have meant with another suffix. */
function buildListUnder(buildList: ReadonlyMap<string, BuildListEntry>, importPath: string): VersionedEntry[] {
  let ix = entriesByBase.get(buildList);
  if (!ix || ix.size !== buildList.size) {
    ix = { size: buildList.size, byBase: new Map() };
    let order = 0;
    for (const entry of buildList.values()) {
      const sp = splitPathVersion(entry.path);
      if (!sp) continue;
      const list = ix.byBase.get(sp.prefix);
      const v = { entry, pathMajor: sp.pathMajor, order: order++ };
      if (list) list.push(v);
      else ix.byBase.set(sp.prefix, [v]);
    }
    entriesByBase.set(buildList, ix);
  }
  const out: (VersionedEntry & { order: number })[] = [];
  for (const p of pathPrefixes(importPath)) out.push(...(ix.byBase.get(p) ?? []));
  return out.length > 1 ? out.sort((a, b) => a.order - b.order) : out;
}

/** ImportMissingError's text for readonly mode (spec §4.5 step 4). */
function noRequiredText(view: View, importPath: string, importer: Importer): string {
  // ImportMissingError words every std-like path (no dot in the first element) this way, even
  // under a dotless main module path.
  if (isStandardImportPath(importPath)) return `package ${importPath} is not in std (${path.join(view.env.goroot, 'src', ...importPath.split('/'))})`;
  if (view.buildMod === 'mod') {
    // -mod=mod queries the proxy for the package; offline that lookup fails.
    const proxyOff = downloadsOff(view.env.goproxy);
    return `cannot find module providing package ${importPath}${proxyOff ? ': module lookup disabled by GOPROXY=off' : ''}`;
  }
  if (view.env.flags.mod) return `cannot find module providing package ${importPath}: import lookup disabled by -mod=${view.env.flags.mod}`;
  const msg = `no required module provides package ${importPath}`;
  const importing = importer.dependency ? undefined : mainModuleHolding(view, importer.dir, importer.modulePath);
  const cwdModule = mainModuleHolding(view, view.cwd);
  if (importing && cwdModule && importing !== cwdModule) return `${msg}; to add it:\n\tcd ${importing.dir}\n\tgo get ${importPath}`;
  return `${msg}; to add it:\n\tgo get ${importPath}`;
}

/** Package directories next to the wanted one in a module tree, as "did you mean" material. */
function siblingPackages(fs: FileSystem, root: string, modPath: string, importPath: string): string[] {
  const rest = importPath.slice(modPath.length).split('/').filter(Boolean);
  const parentRel = rest.slice(0, -1);
  const parentDir = path.join(root, ...parentRel);
  const entries = fs.readDir(parentDir) ?? [];
  const out: string[] = [];
  for (const e of entries) {
    if (!e.isDir || e.name.startsWith('.') || e.name.startsWith('_') || e.name === 'testdata' || e.name === 'vendor') continue;
    if (hasGoFile(fs, path.join(parentDir, e.name))) out.push([modPath, ...parentRel, e.name].join('/'));
  }
  const near = nearMatches(importPath, out, 3);
  return near.length ? near : out.slice(0, 3);
}

/** Package import cycles in a directed graph of import paths: one cycle per strongly connected
 * component (a self-import counts), as [a, b, c] meaning a → b → c → a. Deterministic. */
export function findImportCycles(edges: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const sccs: string[][] = [];
  let counter = 0;
  // The components do not depend on the order they are found in, and each cycle starts at its
  // component's least member, so no sorting is needed for a stable answer.
  const nodes = new Set([...edges.keys(), ...[...edges.values()].flat()]);
  const strong = (v: string) => {
    // Iterative Tarjan, so deep graphs cannot overflow the call stack.
    const work: { v: string; i: number }[] = [{ v, i: 0 }];
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    while (work.length) {
      const top = work[work.length - 1];
      const succ = edges.get(top.v) ?? [];
      if (top.i < succ.length) {
        const w = succ[top.i++];
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push({ v: w, i: 0 });
        } else if (onStack.has(w)) low.set(top.v, Math.min(low.get(top.v)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].v;
        low.set(parent, Math.min(low.get(parent)!, low.get(top.v)!));
      }
      if (low.get(top.v) === index.get(top.v)) {
        const comp: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.push(w);
        } while (w !== top.v);
        sccs.push(comp);
      }
    }
  };
  for (const n of nodes) if (!index.has(n)) strong(n);

  const cycles: string[][] = [];
  for (const comp of sccs) {
    if (comp.length === 1) {
      if ((edges.get(comp[0]) ?? []).includes(comp[0])) cycles.push([comp[0]]);
      continue;
    }
    const members = new Set(comp);
    const start = [...comp].sort()[0];
    // Shortest cycle through `start` inside the component (BFS back to start).
    const prev = new Map<string, string>();
    const queue = [start];
    let closing: string | undefined;
    for (let qi = 0; qi < queue.length && !closing; qi++) {
      const v = queue[qi];
      for (const w of edges.get(v) ?? []) {
        if (!members.has(w)) continue;
        if (w === start) {
          closing = v;
          break;
        }
        if (!prev.has(w)) {
          prev.set(w, v);
          queue.push(w);
        }
      }
    }
    if (!closing) continue;
    const cycle: string[] = [];
    for (let v: string | undefined = closing; v !== undefined && v !== start; v = prev.get(v)) cycle.push(v);
    cycle.push(start);
    cycles.push(cycle.reverse());
  }
  return cycles.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}
