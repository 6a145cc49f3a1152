// Analyses a folder the way an editor opened at it sees it: which view (go.work found from the
// folder, else each module on its own) every package belongs to, how each import resolves there,
// and — given the terminal's environment — how it resolves from the module directory in the
// terminal. Data flows one way: layout → views → verdicts → diagnostics.
//
// FolderAnalyzer does it again after changes, redoing only what a change can affect: file reads
// and package scans are kept (fsys/cache), a view is reloaded only when a file it read changed, a
// package's verdicts are kept while they still hold (records.ts), and the search for import cycles
// is skipped while no package gained a local import (PackageCycleSearch).

import * as path from 'node:path';
import { DiskFileSystem } from '../fsys/fsys';
import type { FileSystem } from '../fsys/fsys';
import { CachingFileSystem, DirtySet, RecordingFileSystem, type CachingOptions, type FileChange } from '../fsys/cache';
import type { GoEnv } from '../env/types';
import { ViewCache } from '../resolve/view';
import { DependencyLoads } from '../deps/closure';
import { folderLayout } from './layout';
import type { FolderLayout } from './layout';
import { localModules, type LocalModule } from './local-modules';
import { EditorViews, TerminalViews } from './views';
import { findPackageCycles, PackageCycleSearch, withImportCycles, type ImportCycles } from './verdicts';
import { explainedVerdicts, PackageMemory, ViewChanges, type PackageRecord } from './records';
import { unlistedProviders } from '../deps/roots';
import { fullGraphFailure } from '../deps/full-graph';
import type { Broken, Resolution, View } from '../resolve/types';
import { PackagePass, type ModuleDirs, type VisitedModule } from './pass';
import type { Analysis, AnalyzedPackage, AnalyzeOptions, ImportVerdict } from './types';
import { diagnoseAnalysis } from '../diagnose/diagnose';

/** The longest the package pass runs without giving the event loop a turn. */
const YIELD_AFTER_MS = 20;

export async function analyzeFolder(folder: string, opts: AnalyzeOptions): Promise<Analysis> {
  return new FolderAnalyzer(folder, opts.fs ?? new DiskFileSystem()).analyze(opts);
}

export interface AnalysisCounts {
  packages: number;
  /** Packages whose verdicts were kept from the previous analysis. */
  kept: number;
  /** Dependency packages (of other modules) whose imports were judged anew rather than kept. */
  dependenciesJudged: number;
}

export class FolderAnalyzer {
  readonly folder: string;
  private readonly fs: CachingFileSystem;
  private readonly editorViews: ViewCache;
  private readonly terminalViews: ViewCache;
  /** Changes since the last complete analysis. */
  private pending: FileChange[] = [];
  /** The packages of the last complete analysis, in this editor environment. */
  private readonly memory = new PackageMemory();
  private memoryEnv: GoEnv | undefined;
  private memoryLayout: FolderLayout | undefined;
  /** The last analysis's counts, for logs and tests. */
  counts: AnalysisCounts = { packages: 0, kept: 0, dependenciesJudged: 0 };
  /** The folder's shape and its modules change only with what they read. */
  private readonly layoutOnce: KeptComputation<FolderLayout>;
  private readonly modsOnce: KeptComputation<LocalModule[]>;
  private readonly cycles = new PackageCycleSearch();
  /** The dependency packages main-module imports reach, judged once per view until a change
   * reaches what they read. */
  private readonly dependencies = new DependencyLoads();

  constructor(folder: string, fs: FileSystem, caching?: CachingOptions) {
    this.folder = path.resolve(folder);
    this.fs = new CachingFileSystem(fs, caching);
    this.editorViews = new ViewCache(this.fs);
    this.terminalViews = new ViewCache(this.fs);
    this.layoutOnce = new KeptComputation(this.fs);
    this.modsOnce = new KeptComputation(this.fs);
  }

  /** Files changed (as a watcher or the editor reports them): forget what they invalidate. */
  filesChanged(changes: readonly FileChange[]): void {
    this.invalidate(changes);
    this.pending.push(...changes);
  }

  /** The caching options' keep() may answer differently now (the watched roots changed, or a
   * watcher became live). What was read while unwatched is checked first, so a change made before
   * the watcher saw it counts; returns whether anything changed. */
  keepChanged(): boolean {
    const changed = this.fs.revalidate();
    this.filesChanged(changed);
    this.fs.reclassify();
    return changed.length > 0;
  }

  /** Forget everything (a go command may have changed anything, the module cache included). */
  forget(): void {
    this.fs.clear();
    this.layoutOnce.clear();
    this.modsOnce.clear();
    this.cycles.clear();
    this.dependencies.clear();
    this.editorViews.clear();
    this.terminalViews.clear();
    this.memory.clear();
    this.memoryEnv = undefined;
    this.memoryLayout = undefined;
    this.pending = [];
  }

  async analyze(opts: Omit<AnalyzeOptions, 'fs'>): Promise<Analysis> {
    const { editorEnv, signal } = opts;
    // A terminal with no go builds nothing: no verdict is made up for it (the environment loader
    // says once that it has no go, and how to give it one).
    const terminalEnv = opts.terminalEnv?.goBinary ? opts.terminalEnv : undefined;
    const unwatched = this.fs.revalidate();
    this.invalidate(unwatched);
    const consumed = this.pending.length;
    const dirty = new DirtySet([...this.pending, ...unwatched]);
    const memory = this.memory;
    if (this.memoryEnv !== editorEnv) {
      memory.clear();
      this.memoryLayout = undefined;
      this.editorViews.clear();
    }

    const fs = this.fs;
    const folder = this.folder;
    const layout = this.layoutOnce.get(dirty, (rec) => folderLayout(folder, rec));
    const mods = this.modsOnce.get(dirty, (rec) => localModules(layout, rec), layout);
    // The terminal's environment may differ per module; a package whose environment is another
    // object than last time is resolved again (canKeep), and views of environments no longer in
    // use are dropped.
    const moduleTerminalEnvs = terminalEnv && opts.terminalEnvFor ? await opts.terminalEnvFor(layout.modules.map((m) => m.root)) : undefined;
    this.terminalViews.retainEnvs(new Set(terminalEnv ? [terminalEnv, ...(moduleTerminalEnvs?.values() ?? [])] : []));
    const editor = new EditorViews(folder, editorEnv, fs, this.editorViews);
    // A terminal environment that reads as the editor's sees the editor's views (resolutionDifference).
    const terminal = terminalEnv ? new TerminalViews(terminalEnv, this.terminalViews, moduleTerminalEnvs, { env: editorEnv, cache: this.editorViews }) : undefined;
    const modules = moduleDirsOf(layout);
    // The same layout has the same package directories as the records kept: only the records made
    // anew need looking at when the memory and the cycle search are brought up to date.
    const sameDirs = this.memoryLayout === layout;
    const judgedBefore = this.dependencies.judged;
    const pass = new PackagePass(memory, sameDirs, editor, terminal, dirty, new ViewChanges(), fs, this.dependencies);
    // Let a language server answer requests (and notice cancellation) during long analyses; an
    // analysis that keeps most packages finishes before it would yield.
    for (const at = { module: 0, dir: 0 }; !signal?.aborted && !pass.visitUntil(modules, at, performance.now() + YIELD_AFTER_MS); ) {
      await new Promise((r) => setImmediate(r));
    }
    const { renewed, kept } = pass;
    const complete = !signal?.aborted;
    if (complete) {
      if (sameDirs) memory.update(renewed, pass.modules);
      else memory.replace(new Map(pass.records()), pass.modules);
      this.memoryEnv = editorEnv;
      this.memoryLayout = layout;
      this.pending.splice(0, consumed);
      this.counts = { packages: memory.all().size, kept, dependenciesJudged: this.dependencies.judged - judgedBefore };
    }

    const views: Analysis['views'] = [
      ...editor.all().map((v) => ({ role: 'editor' as const, moduleDir: v.moduleDir, view: v.view })),
      ...(terminal?.all().map((v) => ({ role: 'terminal' as const, moduleDir: v.moduleDir, view: v.view })) ?? []),
    ];
    if (complete) this.dependencies.retain(views.map((v) => v.view));
    // A partial analysis (cancelled) must not become the cycle search's baseline.
    const cycles = complete ? this.cycles.find(memory.all(), sameDirs ? renewed.keys() : undefined) : findPackageCycles([...pass.records()].map(([d, r]) => [d, r.localImports]));
    const packages = analyzedPackages(pass.visited, cycles, mods, folder, fs);
    const analysis = analysisOf(folder, views, packages);
    // The import index describes the records of a complete analysis.
    const importsUnder = complete ? (modulePath: string) => indexedImportsUnder(memory, packages, modulePath) : undefined;
    analysis.diagnostics = diagnoseAnalysis(analysis, { mods, fs, importsUnder, nonUtf8Dirs: layout.nonUtf8Dirs });
    return analysis;
  }

  private invalidate(changes: readonly FileChange[]): void {
    if (changes.length === 0) return;
    const dirty = new DirtySet(changes);
    this.fs.invalidate(dirty);
    this.dependencies.invalidate(dirty);
    this.editorViews.invalidate(dirty);
    this.terminalViews.invalidate(dirty);
  }
}

/** Each package's verdicts as the analysis gives them: explained by the folder's local modules
 * and with import cycles marked. */
function analyzedPackages(visited: readonly VisitedModule[], cycles: ImportCycles | undefined, mods: LocalModule[], folder: string, fs: FileSystem): Map<string, AnalyzedPackage> {
  const packages = new Map<string, AnalyzedPackage>();
  for (const { dirs, records, editor, terminal } of visited) {
    const failure = wholeModuleFailure(records, editor, terminal);
    for (let i = 0; i < dirs.length; i++) {
      const dir = dirs[i];
      const r = records[i];
      const explained = r.allResolve ? r.verdicts : explainedVerdicts(r, editor, terminal, mods, folder, fs);
      const imports = withWholeModuleFailure(withImportCycles(explained, dir, cycles), failure);
      const clean = r.allResolve && !r.warns && imports === r.verdicts;
      packages.set(dir, { editor, terminal, imports, clean });
    }
  }
  return packages;
}

/** Per module's records (kept records keep their array): what fails the whole module in its
 * editor and terminal views, when something does (deps/roots). */
const moduleFailures = new WeakMap<readonly PackageRecord[], { editor: View; terminal: View | undefined; failure: ModuleFailure }>();

interface ModuleFailure {
  editor?: Omit<Broken, 'importPath'>;
  terminal?: Omit<Broken, 'importPath'>;
}

function wholeModuleFailure(records: readonly PackageRecord[], editor: View, terminal: View | undefined): ModuleFailure {
  const kept = moduleFailures.get(records);
  if (kept && kept.editor === editor && kept.terminal === terminal) return kept.failure;
  // Read only where the rule applies (a single pruned module).
  function* verdicts(): Iterable<ImportVerdict> {
    for (const r of records) yield* r.verdicts;
  }
  // go adds the unlisted roots before it spot-checks the others (modload updatePrunedRoots).
  const failing = (view: View, side: (v: ImportVerdict) => Resolution | undefined) => unlistedProviders(view, verdicts(), side) ?? fullGraphFailure(view, verdicts(), side);
  const failure: ModuleFailure = {
    editor: failing(editor, (v) => v.editor),
    terminal: terminal ? failing(terminal, (v) => v.terminal) : undefined,
  };
  moduleFailures.set(records, { editor, terminal, failure });
  return failure;
}

/** A package's verdicts with every import broken in a view whose module fails as a whole; the same
 * array when none does. */
function withWholeModuleFailure(verdicts: readonly ImportVerdict[], failure: ModuleFailure): readonly ImportVerdict[] {
  const { editor, terminal } = failure;
  if (!editor && !terminal) return verdicts;
  return verdicts.map((v) => ({
    ...v,
    editor: editor ? { ...editor, importPath: v.importPath } : v.editor,
    terminal: terminal && v.terminal ? { ...terminal, importPath: v.importPath } : v.terminal,
  }));
}

function* indexedImportsUnder(memory: PackageMemory, packages: ReadonlyMap<string, AnalyzedPackage>, modulePath: string): Iterable<ImportVerdict> {
  for (const [importPath, dirs] of memory.importsUnder(modulePath)) {
    for (const dir of dirs) for (const v of packages.get(dir)?.imports ?? []) if (v.importPath === importPath) yield v;
  }
}

const moduleDirLists = new WeakMap<FolderLayout, ModuleDirs[]>();

/** The package directories of a layout by the view they are seen through (each module's, and each
 * directory's outside modules), in the layout's order. */
function moduleDirsOf(layout: FolderLayout): ModuleDirs[] {
  let list = moduleDirLists.get(layout);
  if (!list) {
    list = [
      ...layout.modules.map((m): ModuleDirs => ({ moduleDir: m.root, mod: m, dirs: m.packageDirs })),
      ...layout.outsideModules.map((dir): ModuleDirs => ({ moduleDir: dir, mod: undefined, dirs: [dir] })),
    ];
    moduleDirLists.set(layout, list);
  }
  return list;
}

/** An analysis whose `imports` are gathered from its packages when first read: the language server
 * reads packages (diagnose skips clean ones), and gathering 60,000 verdicts after every edit costs
 * more than the edit's analysis. */
function analysisOf(folder: string, views: Analysis['views'], packages: Map<string, AnalyzedPackage>): Analysis {
  let imports: ImportVerdict[] | undefined;
  return {
    folder,
    views,
    packages,
    get imports() {
      if (!imports) {
        imports = [];
        for (const p of packages.values()) for (const v of p.imports) imports.push(v);
      }
      return imports;
    },
    diagnostics: [],
  };
}

/** A value computed from files, kept until a change reaches what it read (and, if given, while
 * its input is the same object). */
class KeptComputation<T> {
  private kept: { value: T; deps: Set<string>; input: unknown } | undefined;

  constructor(private readonly fs: FileSystem) {}

  get(dirty: DirtySet, compute: (fs: FileSystem) => T, input?: unknown): T {
    if (this.kept && this.kept.input === input && !dirty.hits(this.kept.deps)) return this.kept.value;
    return this.computeWith(compute, input);
  }

  clear(): void {
    this.kept = undefined;
  }

  private computeWith(compute: (fs: FileSystem) => T, input: unknown): T {
    const recorder = new RecordingFileSystem(this.fs);
    const value = compute(recorder);
    this.kept = { value, deps: recorder.deps, input };
    return value;
  }
}
