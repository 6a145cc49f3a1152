// Fixes for an ambiguous import. `go mod tidy` is no fix: it loads the same build list and stops
// on the same error. The usual cause is a module split — an old version of a monolith
// (example.com/lib v1.0.0) still holds the package that now lives in a module of its own
// (example.com/lib/sub) — so the fixes change the monolith's requirement:
//  - drop it, when nothing in the main module imports from it (a minimal go.mod edit);
//  - `go get MONOLITH@VERSION` of the first version in the module cache that no longer holds the
//    package (resolve/cached-versions.ts);
//  - when the cache holds no later version to look at and a proxy is set, download the latest
//    one: analysis reads no network, so the proxy is asked when this fix runs, and the next
//    analysis offers the go get if that version dropped the package.
// Each is offered only when the build list it leaves makes every import it touches resolve to
// exactly one module: the build list is computed again offline (resolve/buildlist.ts), as go
// would after the edit, and the packages are looked up in the cache as importFromModules does.

import * as path from 'node:path';
import type { FileSystem } from '../fsys/fsys';
import type { Fix } from '../diagnose/types';
import type { ModFile, Require } from '../parse/ast';
import { dropRequire } from '../parse/edit';
import { pathPrefixes } from '../module/path';
import { computeBuildList, type BuildListResult } from '../resolve/buildlist';
import { SumIndex } from '../resolve/gosum';
import { versionHoldsDir, versionWithoutPackage, type SplitSearch } from '../resolve/cached-versions';
import { mainModuleHolding } from '../resolve/main-modules';
import { hasGoFile } from '../resolve/std';
import type { LoadedView } from '../resolve/view';
import type { BuildListEntry, MainModule } from '../resolve/types';
import { importerModule, type ImportFixContext } from './context';
import { goGet, goModDownload } from './commands';

export function ambiguousImportFixes(ctx: ImportFixContext): Fix[] {
  const view = ctx.view as LoadedView;
  const main = importerModule(ctx);
  // go get and the go.mod edit change the importing module's go.mod (in a workspace too: go get
  // edits the module it runs in); with vendor/ the packages come from elsewhere.
  if (!main || (view.kind !== 'module' && view.kind !== 'workspace') || view.buildMod === 'vendor') return [];
  const importPath = ctx.verdict.importPath;
  const providers = providersOf(view.buildList, importPath, ctx.fs, view.env.gomodcache);
  if (providers.some((p) => p.holds === undefined)) return [];
  // Longest path first: the module the package lives in now; the others held it before the split.
  const holders = providers.filter((p) => p.holds).map((p) => p.entry);
  const monoliths = holders.slice(1).filter((e) => e.version !== '');
  if (holders.length < 2 || monoliths.length !== holders.length - 1) return [];
  const simulate = simulator(ctx, view, main);
  const drop = dropUnusedFix(main, monoliths, simulate);
  // A replace of every version of a monolith follows it to any version: no upgrade gets past it.
  if (monoliths.some((m) => m.replace && !m.replace.stmt.old.version)) return drop ? [drop] : [];
  const searches = monoliths.map((m) => ({ monolith: m, search: versionWithoutPackage(ctx.fs, view.env.gomodcache, m.path, m.version, importPath) }));
  return [drop, upgradePastSplitFix(importPath, view, main, searches, simulate) ?? downloadLatestFix(importPath, view, main, searches)].filter((f): f is Fix => f !== undefined);
}

type MonolithSearch = { monolith: BuildListEntry; search: SplitSearch };

type Simulate = (requires: Require[]) => { result: BuildListResult; works: boolean };

/** Remove the monoliths' requirements, when they are all the main go.mod's and no import needs them. */
function dropUnusedFix(main: MainModule, monoliths: BuildListEntry[], simulate: Simulate): Fix | undefined {
  const mod = main.modFile;
  const required = monoliths.map((m) => mod.require.find((r) => r.path === m.path));
  if (required.some((r) => r === undefined)) return undefined;
  const drop = new Set(monoliths.map((m) => m.path));
  const { result, works } = simulate(mod.require.filter((r) => !drop.has(r.path)));
  // go build (-mod=readonly) stops when go.mod would need updating afterwards.
  if (!works || result.goModUpdates.length > 0) return undefined;
  const lines = required.map((r) => `${r!.path} ${r!.version}`).join(', ');
  return {
    title: `Remove the unused requirement ${lines} from ${path.basename(mod.fileName)} (no package of ${main.path} imports from it)`,
    destructive: false,
    edits: [{ file: mod.fileName, edits: monoliths.flatMap((m) => dropRequire(mod, m.path)) }],
  };
}

/** go get each monolith at its first cached version without the package. */
function upgradePastSplitFix(importPath: string, view: LoadedView, main: MainModule, searches: MonolithSearch[], simulate: Simulate): Fix | undefined {
  const targets: { path: string; from: string; to: string }[] = [];
  for (const { monolith: m, search } of searches) {
    if (!search.version) return undefined;
    targets.push({ path: m.path, from: m.version, to: search.version });
  }
  const raised = new Map(targets.map((t) => [t.path, t.to]));
  const requires = main.modFile.require.map((r) => (raised.has(r.path) ? { ...r, version: raised.get(r.path)! } : r));
  // A monolith only required further down gets a requirement of its own, as go get writes; the
  // graph reads only its path and version, so it has no syntax.
  for (const t of targets) if (!requires.some((r) => r.path === t.path)) requires.push({ path: t.path, version: t.to, indirect: false } as Require);
  const { result, works } = simulate(requires);
  if (!works) return undefined;
  const also = [...result.buildList.values()]
    .filter((e) => !raised.has(e.path) && e.version !== '' && view.buildList.get(e.path)?.version !== e.version)
    .map((e) => `${e.path} ${view.buildList.get(e.path)?.version ?? '(new)'} → ${e.version}`);
  const args = targets.map((t) => `${t.path}@${t.to}`);
  const what = targets.map((t) => `${t.path} from ${t.from} to ${t.to}`).join(' and ');
  return {
    title: `Upgrade ${what}, the first version in the module cache without ${importPath}: go get ${args.join(' ')}${also.length ? ` (it also selects ${also.join(', ')})` : ''}`,
    destructive: false,
    commands: [goGet(main.dir, ...args)],
  };
}

/** Download the latest version of each monolith whose cache has no version without the package
 * and whose highest cached version cannot be looked into (or none is above the current one):
 * once the latest is downloaded and still holds the package, this is not offered again. It ends
 * no ambiguity itself, so its title says what it is for. */
function downloadLatestFix(importPath: string, view: LoadedView, main: MainModule, searches: MonolithSearch[]): Fix | undefined {
  if (proxyOff(view)) return undefined;
  const unseen = searches.filter((s) => !s.search.version && s.search.looked.at(-1)?.holds === undefined).map((s) => `${s.monolith.path}@latest`);
  if (unseen.length === 0) return undefined;
  return {
    title: `Download ${unseen.join(' and ')} from ${view.env.goproxy} into the module cache, to look for a version without ${importPath}: go mod download ${unseen.join(' ')}`,
    destructive: false,
    commands: [goModDownload(main.dir, unseen)],
  };
}

function proxyOff(view: LoadedView): boolean {
  return view.env.goproxy.split(/[,|]/).every((p) => p.trim() === 'off');
}

/** Computes the build list with the main go.mod's requirements replaced, as go would select it
 * offline, and whether every import it touches then resolves to exactly one module. */
function simulator(ctx: ImportFixContext, view: LoadedView, main: MainModule): Simulate {
  const offline = proxyOff(view);
  return (requires) => {
    const modFile: ModFile = { ...main.modFile, require: requires };
    const result = computeBuildList({
      mainModules: view.mainModules.map((m) => (m === main ? { ...m, modFile } : m)),
      work: view.goWork,
      env: view.env,
      fs: ctx.fs,
      sums: view.sums ?? new SumIndex([]),
      // go get and the edit's first build record the checksums they need; a missing one is no bar.
      mustHaveSums: false,
      pruning: view.pruning ?? 'pruned',
    });
    // A go.mod not in the cache is fetched by go get when a proxy is on; any other graph error
    // stops go.
    const graphOk = result.graphErrors.every((g) => g.error.code === 'missing-go-sum' || (g.error.code === 'module-not-in-cache' && !offline));
    return { result, works: graphOk && importsToCheck(ctx, view, result).every((p) => resolvesUniquely(result.buildList, p, ctx.fs, view.env.gomodcache)) };
  };
}

/** The ambiguous import and every import of the main modules (they share the build list) that
 * resolves, or is ambiguous, under a module path the change adds, moves or removes. */
function importsToCheck(ctx: ImportFixContext, view: LoadedView, after: BuildListResult): string[] {
  const out = new Set([ctx.verdict.importPath]);
  const paths = new Set([...view.buildList.keys(), ...after.buildList.keys()]);
  for (const p of paths) {
    if (view.buildList.get(p)?.version === after.buildList.get(p)?.version) continue;
    for (const v of ctx.importsUnder(p)) {
      const r = v.editor;
      const counts = r.ok ? r.via !== 'std' : r.code === 'ambiguous-import';
      if (counts && mainModuleHolding(view, v.packageDir)) out.add(v.importPath);
    }
  }
  return [...out];
}

function resolvesUniquely(buildList: Map<string, BuildListEntry>, importPath: string, fs: FileSystem, gomodcache: string): boolean {
  const providers = providersOf(buildList, importPath, fs, gomodcache);
  return providers.every((p) => p.holds !== undefined) && providers.filter((p) => p.holds).length === 1;
}

/** importFromModules' candidates: each build-list module whose path prefixes importPath, longest
 * first, and whether its files hold the package (undefined when the cache cannot tell). */
function providersOf(buildList: Map<string, BuildListEntry>, importPath: string, fs: FileSystem, gomodcache: string): { entry: BuildListEntry; holds: boolean | undefined }[] {
  const out: { entry: BuildListEntry; holds: boolean | undefined }[] = [];
  for (const prefix of pathPrefixes(importPath)) {
    const entry = buildList.get(prefix);
    if (!entry || entry.version === 'none') continue;
    const rel = importPath === prefix ? '' : importPath.slice(prefix.length + 1);
    const localRoot = entry.version === '' ? entry.dir : entry.replace?.dir;
    let holds: boolean | undefined;
    if (localRoot !== undefined) holds = localDirHolds(fs, localRoot, rel);
    else if (entry.replace) holds = entry.replace.target.version ? versionHoldsDir(fs, gomodcache, entry.replace.target.path, entry.replace.target.version, rel) : undefined;
    else holds = versionHoldsDir(fs, gomodcache, entry.path, entry.version, rel);
    out.push({ entry, holds });
  }
  return out;
}

/** dirInModule for a local tree: Go files in the directory, and no go.mod between it and the root. */
function localDirHolds(fs: FileSystem, root: string, rel: string): boolean {
  const dir = rel ? path.join(root, ...rel.split('/')) : root;
  for (let d = dir; d !== root && d.length > root.length; d = path.dirname(d)) if (fs.stat(path.join(d, 'go.mod'))?.isFile) return false;
  return hasGoFile(fs, dir);
}
