// The build list: which version of every module path the go command selects (spec §3), computed
// offline from the main go.mod/go.work files, go.sum and the module cache. Mirrors modload
// readModGraph: roots from the main module(s), edges from each loaded go.mod, minimal version
// selection (the maximum version of a path over all loaded edges), and graph pruning.

import type { FileSystem } from '../fsys/fsys';
import type { GoEnv } from '../env/types';
import type { ModFile, Require, WorkFile } from '../parse/ast';
import { compareSemver } from '../module/semver';
import type { SumIndex } from './gosum';
import { usableModuleDir } from './modcache';
import { ReplacementTable, type ReplaceSource } from './graph-replace';
import { loadModSummary, summaryFromModFile, type ModSummary, type ModuleVersion, type SummaryContext } from './graph-summary';
import { chainMessage } from './graph-errors';
import { findGoModUpdates, type GoModUpdate } from './graph-tidy';
import { inFindOrder, rootVersions, spotCheckRoots, type FullGraphFacts } from './graph-spot-check';
export { graphErrorEffect, type GraphErrorEffect } from './graph-errors';
import type { BuildListEntry, MainModule, ViewError } from './types';
import * as nodePath from 'node:path';

export type Pruning = 'pruned' | 'unpruned' | 'workspace';

export interface BuildListInput {
  mainModules: MainModule[];
  /** go.work replaces take precedence over go.mod replaces. */
  work?: { file: string; work: WorkFile };
  env: GoEnv;
  fs: FileSystem;
  sums: SumIndex;
  /** Single-module readonly mode (go's mustHaveSums()): every go.mod read needs its go.sum line. */
  mustHaveSums: boolean;
  pruning: Pruning;
}

export interface GraphError {
  path: string;
  version: string;
  error: ViewError;
  /** The Err `go list -e` gives an imported package of this module in a pruned single-module
   * graph; undefined where go stops instead. See graphErrorEffect. */
  importErr?: string;
}

export interface BuildListResult {
  /** Selected version per module path; dir filled when on disk (main module dir, replacement dir,
   * extracted cache dir). */
  buildList: Map<string, BuildListEntry>;
  /** Errors met while loading the graph, in the order go finds them (the first is the one it
   * reports when it needs the whole graph), each tied to the module whose go.mod could not be read
   * or verified (codes: module-not-in-cache, missing-go-sum, checksum-mismatch,
   * module-path-mismatch, replace-dir-missing, go-version-too-new, invalid-module-file).
   * Messages are go's `go list -m all` text without "go: ". How `go list -e -deps` shows them
   * (go 1.26, test/unit/graph/buildlist-errors.test.ts):
   *  - unpruned main module (go < 1.17): every one is fatal ("go: <message>", no JSON);
   *  - pruned main module: only when the module provides an imported package (go reads other
   *    go.mod files lazily, never for them). Then checksum-mismatch and go-version-too-new are
   *    fatal; the others become that package's Error at the import (importers get DepsErrors):
   *    module-not-in-cache as the bare "module lookup disabled by GOPROXY=off", replace-dir-missing
   *    as "<m>@<v>: replacement directory <dir> does not exist", the rest as the message here. */
  graphErrors: GraphError[];
  /** Single module: why go would have to rewrite go.mod ("updates to go.mod needed", fatal in
   * readonly mode for go list -e and go build alike). Empty in a workspace. No code of its own
   * yet: the resolver decides how to report it. */
  goModUpdates: GoModUpdate[];
  /** Pruned single module: whether package loading would read the full graph, and what it would
   * then find (graph-spot-check.ts). */
  fullGraph?: FullGraphFacts;
  /** go's "conflicting replacements for P[@V]" (code invalid-module-file): fatal for every go
   * command, `go list -e` included (verified with go 1.26); the resolver reports them as view errors. */
  replaceConflicts: ViewError[];
  /** The replacement in effect for path@version, with go's precedence (go.work over go.mod;
   * exact version over wildcard). */
  replacementFor(path: string, version: string): BuildListEntry['replace'] | undefined;
}

const key = (m: ModuleVersion) => `${m.path}@${m.version}`;

/** mvs cmpVersion: a main module's version '' is above every version. */
function cmpVersion(a: string, b: string): number {
  if (a === b) return 0;
  if (a === '') return 1;
  if (b === '') return -1;
  return compareSemver(a, b);
}

function makeReplacements(input: BuildListInput, mainPaths: ReadonlySet<string>): ReplacementTable {
  const work: ReplaceSource | undefined = input.work
    ? { file: input.work.file, baseDir: nodePath.dirname(input.work.file), replaces: input.work.work.replace }
    : undefined;
  const mods: ReplaceSource[] = input.mainModules.map((mm) => ({ file: mm.modFile.fileName, baseDir: mm.dir, replaces: mm.modFile.replace }));
  return new ReplacementTable(work, mods, mainPaths);
}

export function computeBuildList(input: BuildListInput): BuildListResult {
  const mainPaths = new Set(input.mainModules.map((m) => m.path).filter((p) => p !== ''));
  const replacements = makeReplacements(input, mainPaths);
  const excluded = new Set<string>();
  for (const mm of input.mainModules) for (const e of mm.modFile.exclude) excluded.add(`${e.path}@${e.version}`);
  const ctx: SummaryContext = {
    fs: input.fs,
    env: input.env,
    sums: input.sums,
    mustHaveSums: input.mustHaveSums,
    isExcluded: (path, version) => excluded.has(`${path}@${version}`),
  };

  // The graph: selected (max) version per path, edges of every loaded module, and the first
  // module that required each node (for go's "A requires B requires C: err" chains).
  // A main module's version '' is above every version, so requirements on its path never select
  // another one; their go.mod files are still read, as go does (in a workspace, a module that
  // requires another workspace module at v0.0.0 fails go's graph load when v0.0.0 is not in the cache).
  const selected = new Map<string, string>([...mainPaths].map((p) => [p, '']));
  const required = new Map<string, ModuleVersion[]>();
  const requiredBy = new Map<string, ModuleVersion>();
  const summaries = new Map<string, ModSummary | undefined>();
  const sources = new Map<string, string>();
  const errors: GraphError[] = [];

  const addEdges = (from: ModuleVersion, reqs: ModuleVersion[]) => {
    required.set(key(from), reqs);
    for (const r of reqs) {
      const k = key(r);
      if (!requiredBy.has(k)) requiredBy.set(k, from);
      const cur = selected.get(r.path);
      if (cur === undefined || cmpVersion(cur, r.version) < 0) selected.set(r.path, r.version);
    }
  };

  const mainByPath = new Map(input.mainModules.map((mm) => [mm.path, mm]));
  const loadOne = (m: ModuleVersion): ModSummary | undefined => {
    const k = key(m);
    if (summaries.has(k)) return summaries.get(k);
    let summary: ModSummary | undefined;
    const mm = m.version === '' ? mainByPath.get(m.path) : undefined;
    if (mm) {
      summary = mainSummary(mm.modFile, excluded);
    } else {
      const r = loadModSummary(ctx, m, replacements.replacementFor(m.path, m.version));
      if (r.ok) summary = r.summary;
      else errors.push({ path: m.path, version: m.version, error: r.error, importErr: r.importErr });
      const source = r.ok ? r.summary.source : r.source;
      if (source) sources.set(k, source);
    }
    summaries.set(k, summary);
    if (summary) addEdges(m, summary.require);
    return summary;
  };

  // readModGraph's enqueue: below a pruned module only its own go.mod is read; below an unpruned
  // one (go < 1.17) everything is read, unpruned.
  const loadedPruned = new Set<string>();
  const loadedUnpruned = new Set<string>();
  const queue: (() => void)[] = [];
  const enqueue = (m: ModuleVersion, pruning: Pruning) => {
    if (m.version === 'none') return;
    const seen = pruning === 'unpruned' ? loadedUnpruned : loadedPruned;
    const k = key(m);
    if (seen.has(k)) return;
    seen.add(k);
    queue.push(() => {
      const summary = loadOne(m);
      if (!summary) return;
      const next: Pruning = pruning === 'unpruned' || !summary.pruned ? 'unpruned' : 'pruned';
      for (const r of summary.require) {
        if (pruning !== 'pruned' || !summary.pruned) enqueue(r, next);
      }
    });
  };
  const drain = () => {
    for (let i = 0; i < queue.length; i++) queue[i]();
    queue.length = 0;
  };

  if (input.pruning === 'workspace') {
    for (const mm of input.mainModules) enqueue({ path: mm.path, version: '' }, 'workspace');
    drain();
    reloadSelectedInWorkspace(input.mainModules, selected, required, enqueue, drain);
  } else {
    const main = input.mainModules[0];
    if (main) {
      const roots = mainSummary(main.modFile, excluded).require;
      addEdges({ path: main.path, version: '' }, roots);
      summaries.set(key({ path: main.path, version: '' }), undefined);
      for (const r of roots) enqueue(r, input.pruning);
      drain();
    }
  }
  const ordered =
    input.pruning === 'workspace'
      ? inFindOrder(errors, input.mainModules.map((mm) => key({ path: mm.path, version: '' })), required, false)
      : inFindOrder(errors, input.mainModules[0] ? [key({ path: input.mainModules[0].path, version: '' })] : [], required, true);

  const rootLines = rootLineIndex(input.mainModules);
  for (const e of ordered) {
    // A go.sum mismatch is printed as is (base.Fatalf in modfetch), never inside a chain.
    if (e.error.code !== 'checksum-mismatch') e.error.message = chainMessage({ path: e.path, version: e.version }, requiredBy, e.error.message);
    attachRootLine(e, requiredBy, rootLines);
  }

  const goModUpdates =
    input.pruning !== 'workspace' && input.mainModules[0]
      ? findGoModUpdates(input.mainModules[0], selected, [...summaries].filter((e): e is [string, ModSummary] => e[1] !== undefined && !e[0].endsWith('@')))
      : [];

  const buildList = new Map<string, BuildListEntry>();
  for (const mm of input.mainModules) {
    buildList.set(mm.path, { path: mm.path, version: '', dir: mm.dir, goModSource: mm.modFile.fileName });
  }
  const entryFor = (path: string, version: string): BuildListEntry => {
    const replace = replacements.replacementFor(path, version);
    const entry: BuildListEntry = { path, version, goModSource: sources.get(key({ path, version })) };
    if (replace) entry.replace = replace;
    entry.dir = moduleDir(input, path, version, replace);
    return entry;
  };
  for (const [path, version] of [...selected].filter(([p]) => !mainPaths.has(p)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    buildList.set(path, entryFor(path, version));
  }

  const main = input.mainModules[0];
  let fullGraph: FullGraphFacts | undefined;
  if (input.pruning === 'pruned' && main) {
    const roots = rootVersions(mainSummary(main.modFile, excluded).require);
    const behind = [...roots].filter(([path, version]) => selected.get(path) !== version).map(([path, version]) => entryFor(path, version));
    fullGraph = { spotCheck: spotCheckRoots(main, roots, summaries), updates: goModUpdates.filter((u) => u.needsFullGraph), rootEntries: behind };
  }

  return {
    buildList,
    graphErrors: ordered,
    fullGraph,
    replaceConflicts: replacements.conflicts,
    goModUpdates,
    replacementFor: (p, v) => replacements.replacementFor(p, v),
  };
}

const mainSummaries = new WeakMap<ModFile, { excluded: ReadonlySet<string>; summary: ModSummary }>();

/** A main go.mod's summary, kept per parse while the exclusions are the same (a workspace of 200
 * modules summarizes every go.mod again after an edit to one). */
function mainSummary(mod: ModFile, excluded: ReadonlySet<string>): ModSummary {
  const kept = mainSummaries.get(mod);
  if (kept && kept.excluded.size === excluded.size && [...excluded].every((e) => kept.excluded.has(e))) return kept.summary;
  const summary = summaryFromModFile(mod, mod.fileName, (path, version) => excluded.has(`${path}@${version}`));
  mainSummaries.set(mod, { excluded, summary });
  return summary;
}

/** Where a selected module's files are: the replacement directory, or the complete extracted
 * copy in the module cache (of the replacement's path@version when replaced by a version). */
function moduleDir(input: BuildListInput, path: string, version: string, replace: BuildListEntry['replace']): string | undefined {
  if (replace?.dir !== undefined) return input.fs.stat(replace.dir)?.isDir ? replace.dir : undefined;
  const actual = replace ? { path: replace.target.path, version: replace.target.version ?? '' } : { path, version };
  return usableModuleDir(input.fs, input.env.gomodcache, actual.path, actual.version);
}

/** readModGraph's workspace loop: the main modules' requirements are not pruned-consistent with
 * each other, so re-read the go.mod of every selected version (of paths reachable from the main
 * modules) until nothing new is selected. */
function reloadSelectedInWorkspace(
  mainModules: MainModule[],
  selected: Map<string, string>,
  required: Map<string, ModuleVersion[]>,
  enqueue: (m: ModuleVersion, pruning: Pruning) => void,
  drain: () => void,
): void {
  const hasDepsInAll = new Set(mainModules.map((mm) => mm.path));
  // The main modules were enqueued (and loaded) before.
  const seen = new Set(mainModules.map((mm) => key({ path: mm.path, version: '' })));
  const mainPaths = new Set(mainModules.map((mm) => mm.path));
  const selectedOf = (path: string) => (mainPaths.has(path) ? '' : selected.get(path) ?? 'none');
  for (;;) {
    const needs = new Map<string, ModuleVersion>();
    for (const p of hasDepsInAll) {
      const m = { path: p, version: selectedOf(p) };
      if (!seen.has(key(m))) {
        needs.set(key(m), m);
        continue;
      }
      for (const r of required.get(key(m)) ?? []) {
        const s = { path: r.path, version: selectedOf(r.path) };
        if (cmpVersion(s.version, r.version) > 0 && !seen.has(key(s))) needs.set(key(s), s);
      }
    }
    for (const m of needs.values()) hasDepsInAll.add(m.path);
    if (needs.size === 0) break;
    for (const m of needs.values()) {
      enqueue(m, 'workspace');
      seen.add(key(m));
    }
    drain();
  }
}

type RootLines = (mainPath: string, m: ModuleVersion) => { mm: MainModule; req: Require } | undefined;

/** The main go.mod line requiring path@version, looked up in maps built on first use: one scan of
 * each main module's requires, however many graph errors there are (a go.mod with 100k
 * requires, none in the cache, has 100k). The first line wins, as a scan would find it. */
function rootLineIndex(mainModules: MainModule[]): RootLines {
  const mains = new Map<string, MainModule>();
  for (const mm of mainModules) if (!mains.has(mm.path)) mains.set(mm.path, mm);
  const lines = new Map<MainModule, Map<string, Require>>();
  return (mainPath, m) => {
    const mm = mains.get(mainPath);
    if (!mm) return undefined;
    let byKey = lines.get(mm);
    if (!byKey) {
      lines.set(mm, (byKey = new Map()));
      for (const r of mm.modFile.require) if (!byKey.has(key(r))) byKey.set(key(r), r);
    }
    const req = byKey.get(key(m));
    return req && { mm, req };
  };
}

/** Points a graph error at the main go.mod line that requires the chain's first module. */
function attachRootLine(e: GraphError, requiredBy: Map<string, ModuleVersion>, rootLines: RootLines): void {
  let cur: ModuleVersion = { path: e.path, version: e.version };
  for (let guard = 0; guard < 1000; guard++) {
    const parent = requiredBy.get(key(cur));
    if (!parent) return;
    if (parent.version === '') {
      const line = rootLines(parent.path, cur);
      if (line) {
        const { mm, req } = line;
        // Errors that point at their own line (a go.sum line) keep it.
        if (!e.error.file) {
          e.error.file = mm.modFile.fileName;
          e.error.range = req.versionRange;
        }
        // A new array, not unshift: that leaves room for 16 more entries in each of 100k errors.
        e.error.evidence = [{ kind: 'file', file: mm.modFile.fileName, range: req.syntax.range, note: `requires ${cur.path} ${cur.version}` }, ...e.error.evidence];
      }
      return;
    }
    cur = parent;
  }
}
