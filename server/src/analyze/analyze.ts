// Analyses a folder the way an editor opened at it sees it: which view (go.work found from the
// folder, else each module on its own) every package belongs to, how each import resolves there,
// and — given the terminal's environment — how it resolves from the module directory in the
// terminal. Data flows one way: layout → views → verdicts → diagnostics.
//
// FolderAnalyzer does it again after changes, redoing only what a change can affect: file reads
// and package scans are kept (fsys/cache), a view is reloaded only when a file it read changed, and
// a package's verdicts are kept while nothing they read changed, its environments are the same
// objects, and the views they used changed no module that could provide one of its imports
// (resolve/view-diff).

import * as path from 'node:path';
import { DiskFileSystem } from '../fsys/fsys';
import type { FileSystem } from '../fsys/fsys';
import { CachingFileSystem, DirtySet, RecordingFileSystem, type CachingOptions, type FileChange } from '../fsys/cache';
import type { GoEnv } from '../env/types';
import { ViewCache, type LoadedView } from '../resolve/view';
import { changeReaches, diffViews, type ViewChange } from '../resolve/view-diff';
import type { Resolution, View } from '../resolve/types';
import { folderLayout } from './layout';
import type { FolderLayout, ModuleLayout } from './layout';
import { localModules, type LocalModule } from './local-modules';
import { explainWithLocalModules } from './local-explain';
import { EditorViews, TerminalViews, type ViewUse } from './views';
import { importerModulePath, resolvedImports, verdictsForPackage, withImportCycles, type ResolvedImport } from './verdicts';
import type { Analysis, AnalyzeOptions, ImportVerdict } from './types';
import { diagnoseAnalysis } from '../diagnose/diagnose';

export async function analyzeFolder(folder: string, opts: AnalyzeOptions): Promise<Analysis> {
  return new FolderAnalyzer(folder, opts.fs ?? new DiskFileSystem()).analyze(opts);
}

/** What one package's verdicts were computed from, kept for the next analysis. */
interface PackageRecord {
  moduleDir: string | undefined;
  modulePath: string | undefined;
  editorView: View;
  terminalView: View | undefined;
  importPaths: Set<string>;
  /** Before local-module explanations and import cycles, which depend on the whole folder. */
  verdicts: ImportVerdict[];
  /** Every verdict resolves, in both views. */
  allResolve: boolean;
  resolved: ResolvedImport[];
  deps: Set<string>;
}

export interface AnalysisCounts {
  packages: number;
  /** Packages whose verdicts were kept from the previous analysis. */
  kept: number;
}

export class FolderAnalyzer {
  readonly folder: string;
  private readonly fs: CachingFileSystem;
  private readonly editorViews: ViewCache;
  private readonly terminalViews: ViewCache;
  /** Changes since the last complete analysis. */
  private pending: FileChange[] = [];
  private memory: { editorEnv: GoEnv; packages: Map<string, PackageRecord> } | undefined;
  /** The last analysis's counts, for logs and tests. */
  counts: AnalysisCounts = { packages: 0, kept: 0 };
  /** The folder's shape and its modules change only with what they read. */
  private readonly layoutOnce: KeptComputation<FolderLayout>;
  private readonly modsOnce: KeptComputation<LocalModule[]>;

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

  /** The caching options' keep() may answer differently now (the watched roots changed). */
  keepChanged(): void {
    this.fs.reclassify();
  }

  /** Forget everything (a go command may have changed anything, the module cache included). */
  forget(): void {
    this.fs.clear();
    this.layoutOnce.clear();
    this.modsOnce.clear();
    this.editorViews.clear();
    this.terminalViews.clear();
    this.memory = undefined;
    this.pending = [];
  }

  async analyze(opts: Omit<AnalyzeOptions, 'fs'>): Promise<Analysis> {
    const { editorEnv, terminalEnv, signal } = opts;
    const unwatched = this.fs.revalidate();
    this.invalidate(unwatched);
    const consumed = this.pending.length;
    const dirty = new DirtySet([...this.pending, ...unwatched]);
    let memory = this.memory;
    if (memory && memory.editorEnv !== editorEnv) {
      memory = undefined;
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
    const terminal = terminalEnv ? new TerminalViews(terminalEnv, this.terminalViews, moduleTerminalEnvs) : undefined;
    const changes = new ViewChanges();
    const packages = new Map<string, PackageRecord>();
    const verdicts: ImportVerdict[] = [];
    let kept = 0;
    // A package's files share their resolutions; explaining each once keeps that sharing, which
    // diagnose relies on to plan each cause's fixes once.
    const explained = new Map<Resolution, Resolution>();
    const explain = (r: Resolution, view: View): Resolution => {
      if (r.ok) return r;
      let e = explained.get(r);
      if (!e) explained.set(r, (e = explainWithLocalModules(r, view, mods, folder, fs)));
      return e;
    };

    const packageDirs = [...layout.modules.flatMap((m) => m.packageDirs.map((d) => ({ dir: d, mod: m as ModuleLayout | undefined }))), ...layout.outsideModules.map((d) => ({ dir: d, mod: undefined }))];
    let sinceYield = 0;
    for (const { dir, mod } of packageDirs) {
      if (signal?.aborted) break;
      if (++sinceYield >= 200) {
        // Let a language server answer requests (and notice cancellation) during long analyses.
        sinceYield = 0;
        await new Promise((r) => setImmediate(r));
      }
      const ev = editor.viewFor(dir, mod);
      const tv = terminal?.viewFor(dir, mod);
      let record = memory?.packages.get(dir);
      if (record && canKeep(record, mod, ev, tv, dirty, changes)) kept++;
      else record = recordPackage(dir, mod, ev, tv, fs);
      packages.set(dir, record);
      if (record.allResolve) {
        for (const v of record.verdicts) verdicts.push(v);
        continue;
      }
      for (const v of record.verdicts) {
        // Only a verdict that no build-list module provides can be explained by the folder's other modules.
        if (v.editor.ok && v.terminal?.ok !== false) verdicts.push(v);
        else
          verdicts.push({
            ...v,
            editor: explain(v.editor, ev.view),
            terminal: v.terminal && tv ? explain(v.terminal, tv.view) : v.terminal,
          });
      }
    }
    if (!signal?.aborted) {
      this.memory = { editorEnv, packages };
      this.pending.splice(0, consumed);
      this.counts = { packages: packages.size, kept };
    }

    const views: Analysis['views'] = [
      ...editor.all().map((v) => ({ role: 'editor' as const, moduleDir: v.moduleDir, view: v.view })),
      ...(terminal?.all().map((v) => ({ role: 'terminal' as const, moduleDir: v.moduleDir, view: v.view })) ?? []),
    ];
    const packageViews = new Map<string, { editor: View; terminal?: View }>();
    for (const [dir, r] of packages) packageViews.set(dir, { editor: r.editorView, terminal: r.terminalView });
    const imports = withImportCycles(verdicts, [...packages].map(([dir, r]) => [dir, r.resolved] as [string, ResolvedImport[]]));
    const analysis: Analysis = { folder, views, imports, diagnostics: [], packageViews };
    analysis.diagnostics = diagnoseAnalysis(analysis, { mods, fs });
    return analysis;
  }

  private invalidate(changes: readonly FileChange[]): void {
    if (changes.length === 0) return;
    const dirty = new DirtySet(changes);
    this.fs.invalidate(dirty);
    this.editorViews.invalidate(dirty);
    this.terminalViews.invalidate(dirty);
  }
}

function recordPackage(dir: string, mod: ModuleLayout | undefined, ev: ViewUse, tv: ViewUse | undefined, fs: FileSystem): PackageRecord {
  const recorder = new RecordingFileSystem(fs);
  const verdicts = verdictsForPackage(dir, mod, ev, tv, recorder);
  return {
    moduleDir: mod?.root,
    modulePath: importerModulePath(mod, ev, tv),
    editorView: ev.view,
    terminalView: tv?.view,
    importPaths: new Set(verdicts.map((v) => v.importPath)),
    verdicts,
    allResolve: verdicts.every((v) => v.editor.ok && v.terminal?.ok !== false),
    resolved: resolvedImports(verdicts),
    deps: recorder.deps,
  };
}

/** Whether a package's verdicts still hold: it is in the same module, nothing it read changed, and
 * its views are the same or changed no module its imports or its own module depend on (a view in
 * another environment changed everything: diffViews). */
function canKeep(r: PackageRecord, mod: ModuleLayout | undefined, ev: ViewUse, tv: ViewUse | undefined, dirty: DirtySet, changes: ViewChanges): boolean {
  if (r.moduleDir !== mod?.root || !tv !== !r.terminalView) return false;
  if (dirty.hits(r.deps)) return false;
  const modulePath = importerModulePath(mod, ev, tv);
  if (modulePath !== r.modulePath) return false;
  return viewKeeps(r, r.editorView, ev.view, modulePath, changes) && viewKeeps(r, r.terminalView, tv?.view, modulePath, changes);
}

function viewKeeps(r: PackageRecord, before: View | undefined, after: View | undefined, modulePath: string | undefined, changes: ViewChanges): boolean {
  if (before === after || !before || !after) return true;
  const change = changes.between(before as LoadedView, after as LoadedView);
  if (change === 'all') return false;
  if (change.size === 0) return true;
  if (modulePath !== undefined && change.has(modulePath)) return false;
  for (const p of r.importPaths) if (changeReaches(change, p)) return false;
  return true;
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

/** diffViews, once per pair of views in an analysis. */
class ViewChanges {
  private readonly memo = new Map<View, Map<View, ViewChange>>();

  between(before: LoadedView, after: LoadedView): ViewChange {
    let m = this.memo.get(before);
    if (!m) this.memo.set(before, (m = new Map()));
    let c = m.get(after);
    if (!c) m.set(after, (c = diffViews(before, after)));
    return c;
  }
}
