// What the analysis of one package directory is kept as between analyses, and when it still
// holds: nothing it read changed, and the views it was resolved in changed no module that could
// provide one of its imports or its own module (resolve/view-diff).

import type { FileSystem } from '../fsys/fsys';
import { RecordingFileSystem, type DirtySet } from '../fsys/cache';
import type { LoadedView } from '../resolve/view';
import { diffViews, type ViewChange } from '../resolve/view-diff';
import type { Resolution, View } from '../resolve/types';
import type { ModuleLayout } from './layout';
import type { LocalModule } from './local-modules';
import { explainWithLocalModules } from './local-explain';
import type { ViewUse } from './views';
import { importerModulePath, localImports, verdictsForPackage, type LocalImport, type ModuleResolutions } from './verdicts';
import type { ImportVerdict } from './types';
import { pathPrefixes } from '../module/path';

/** What one package's verdicts were computed from, kept for the next analysis. */
export interface PackageRecord {
  moduleDir: string | undefined;
  modulePath: string | undefined;
  /** The views its verdicts were computed in (later views are compared with these). */
  editorView: View;
  terminalView: View | undefined;
  importPaths: Set<string>;
  /** Before local-module explanations and import cycles, which depend on the whole folder. */
  verdicts: ImportVerdict[];
  /** Every verdict resolves, in both views. */
  allResolve: boolean;
  /** Some verdict resolves with a warning. */
  warns: boolean;
  localImports: LocalImport[];
  deps: Set<string>;
  /** The verdicts with local-module explanations, for the local modules and views they were made
   * with (only for a package some of whose imports do not resolve). */
  explained?: { mods: LocalModule[]; editorView: View; terminalView: View | undefined; verdicts: ImportVerdict[] };
}

export function recordPackage(dir: string, mod: ModuleLayout | undefined, ev: ViewUse, tv: ViewUse | undefined, fs: FileSystem, shared: ModuleResolutions): PackageRecord {
  const recorder = new RecordingFileSystem(fs);
  const verdicts = verdictsForPackage(dir, mod, ev, tv, recorder, shared);
  return {
    moduleDir: mod?.root,
    modulePath: importerModulePath(mod, ev, tv),
    editorView: ev.view,
    terminalView: tv?.view,
    importPaths: importPathsOf(verdicts),
    verdicts,
    allResolve: verdicts.every((v) => v.editor.ok && v.terminal?.ok !== false),
    warns: verdicts.some((v) => v.editor.ok && v.editor.warnings !== undefined),
    localImports: localImports(verdicts),
    deps: recorder.deps,
  };
}

/** The import paths a package's verdicts depend on: its imports, and what loading the dependency
 * packages they reach looked up (Resolution.reaches), so that a view change to those modules
 * reaches the package too. */
function importPathsOf(verdicts: readonly ImportVerdict[]): Set<string> {
  const out = new Set<string>();
  for (const v of verdicts) {
    out.add(v.importPath);
    for (const p of v.editor.reaches ?? []) out.add(p);
    for (const p of v.terminal?.reaches ?? []) out.add(p);
  }
  return out;
}

/** A package's verdicts with what only the folder's other modules can tell (explainWithLocalModules)
 * in the views it is in now, kept with the record while the local modules and those views are the
 * same. A verdict that a build-list module provides is left as it is. */
export function explainedVerdicts(r: PackageRecord, editorView: View, terminalView: View | undefined, mods: LocalModule[], folder: string, fs: FileSystem): ImportVerdict[] {
  const e = r.explained;
  if (e && e.mods === mods && e.editorView === editorView && e.terminalView === terminalView) return e.verdicts;
  // A package's files share their resolutions; explaining each once keeps that sharing, which
  // diagnose relies on to plan each cause's fixes once.
  const memo = new Map<Resolution, Resolution>();
  const explain = (res: Resolution, view: View): Resolution => {
    if (res.ok) return res;
    let x = memo.get(res);
    if (!x) memo.set(res, (x = explainWithLocalModules(res, view, mods, folder, fs, r.moduleDir)));
    return x;
  };
  const verdicts = r.verdicts.map((v) =>
    v.editor.ok && v.terminal?.ok !== false ? v : { ...v, editor: explain(v.editor, editorView), terminal: v.terminal && terminalView ? explain(v.terminal, terminalView) : v.terminal },
  );
  r.explained = { mods, editorView, terminalView, verdicts };
  return verdicts;
}

/** What every package of a module was analysed with: all its records hold in these views. */
export interface ModuleState {
  editorView: View;
  terminalView: View | undefined;
  /** Its path as its packages import it (importerModulePath). */
  modulePath: string | undefined;
  /** The record of each of its package directories, in the layout's order. */
  records: readonly PackageRecord[];
}

/** The records of the last complete analysis, with an index of their imports: a view change
 * names module paths, and the index finds the few packages they reach without visiting the
 * others' imports. */
export class PackageMemory {
  private records = new Map<string, PackageRecord>();
  /** By module directory (a package's own directory outside modules). */
  private modules = new Map<string, ModuleState>();
  private readonly index = new ImportIndex();
  /** Each dependency key of the records → the directories of the packages that read it. */
  private readonly readers = new Map<string, Set<string>>();
  private readonly reached = new WeakMap<ReadonlySet<string>, Set<string>>();
  /** reachedBy and dirtied, as the module directories of the packages they list. */
  private readonly modulesOf = new WeakMap<ReadonlySet<string>, Set<string>>();

  get(dir: string): PackageRecord | undefined {
    return this.records.get(dir);
  }

  /** Every record, by directory. */
  all(): ReadonlyMap<string, PackageRecord> {
    return this.records;
  }

  /** A module's records, when every one still holds, judged for the module as a whole: none of its
   * packages read what changed (`dirtied`, which must list them), it has the same path, and its
   * views are the same or changed no module its packages' imports or its own path depend on.
   * canKeep asks the same of one package. */
  moduleKeeps(moduleDir: string, now: ModuleState, dirtied: Set<string> | undefined, changes: ViewChanges): readonly PackageRecord[] | undefined {
    const before = this.modules.get(moduleDir);
    if (!before || !dirtied || before.modulePath !== now.modulePath || !before.terminalView !== !now.terminalView) return undefined;
    if (this.moduleDirsOf(dirtied).has(moduleDir)) return undefined;
    const reaches = (change: ReadonlySet<string>) => this.moduleDirsOf(this.reachedBy(change)).has(moduleDir);
    const keeps = viewKeeps(before.editorView, now.editorView, now.modulePath, changes, reaches) && viewKeeps(before.terminalView, now.terminalView, now.modulePath, changes, reaches);
    return keeps ? before.records : undefined;
  }

  /** The module directories of the packages in `dirs`. */
  private moduleDirsOf(dirs: ReadonlySet<string>): Set<string> {
    let mods = this.modulesOf.get(dirs);
    if (!mods) {
      mods = new Set();
      for (const d of dirs) mods.add(this.records.get(d)?.moduleDir ?? d);
      this.modulesOf.set(dirs, mods);
    }
    return mods;
  }

  /** The directories of the packages that read something `dirty` invalidates; undefined when it
   * cannot list its keys (a tree was created or deleted): then ask each record (canKeep). */
  dirtied(dirty: DirtySet): Set<string> | undefined {
    if (!dirty.enumerable) return undefined;
    const dirs = new Set<string>();
    for (const k of dirty.listKeys()) for (const d of this.readers.get(k) ?? []) dirs.add(d);
    return dirs;
  }

  /** The directories of the packages one of whose imports the change reaches. */
  reachedBy(change: ReadonlySet<string>): Set<string> {
    let dirs = this.reached.get(change);
    if (!dirs) {
      dirs = new Set();
      for (const p of change) for (const [, importers] of this.index.under(p)) for (const d of importers) dirs.add(d);
      this.reached.set(change, dirs);
    }
    return dirs;
  }

  /** The import paths equal to or under `prefix` (element-wise), each with its importers' directories. */
  importsUnder(prefix: string): Iterable<[string, ReadonlySet<string>]> {
    return this.index.under(prefix);
  }

  /** The records become those of a complete analysis. */
  replace(next: Map<string, PackageRecord>, modules: Map<string, ModuleState>): void {
    for (const [dir, r] of this.records) if (!next.has(dir)) this.reindex(dir, r, undefined);
    for (const [dir, n] of next) this.reindex(dir, this.records.get(dir), n);
    this.records = next;
    this.modules = modules;
  }

  /** The records become those of a complete analysis of the same package directories, which
   * kept every record but those `renewed` gives anew. */
  update(renewed: ReadonlyMap<string, PackageRecord>, modules: Map<string, ModuleState>): void {
    for (const [dir, r] of renewed) {
      this.reindex(dir, this.records.get(dir), r);
      this.records.set(dir, r);
    }
    this.modules = modules;
  }

  private reindex(dir: string, before: PackageRecord | undefined, after: PackageRecord | undefined): void {
    if (before?.importPaths !== after?.importPaths) {
      for (const p of before?.importPaths ?? []) this.index.remove(p, dir);
      for (const p of after?.importPaths ?? []) this.index.add(p, dir);
    }
    if (before?.deps !== after?.deps) {
      for (const k of before?.deps ?? []) removeFrom(this.readers, k, dir);
      for (const k of after?.deps ?? []) addTo(this.readers, k, dir);
    }
  }

  clear(): void {
    this.records = new Map();
    this.modules = new Map();
    this.index.clear();
    this.readers.clear();
  }
}

function addTo(m: Map<string, Set<string>>, key: string, value: string): void {
  let s = m.get(key);
  if (!s) m.set(key, (s = new Set()));
  s.add(value);
}

function removeFrom(m: Map<string, Set<string>>, key: string, value: string): void {
  const s = m.get(key);
  if (s?.delete(value) && s.size === 0) m.delete(key);
}

/** Import path → the directories of the packages importing it; and each element-wise prefix of an
 * import path ("example.com", "example.com/m", "example.com/m/pkg") → the import paths under it. */
class ImportIndex {
  private readonly importers = new Map<string, Set<string>>();
  private readonly byPrefix = new Map<string, Set<string>>();

  add(importPath: string, dir: string): void {
    if (!this.importers.has(importPath)) for (const p of pathPrefixes(importPath)) addTo(this.byPrefix, p, importPath);
    addTo(this.importers, importPath, dir);
  }

  remove(importPath: string, dir: string): void {
    removeFrom(this.importers, importPath, dir);
    if (!this.importers.has(importPath)) for (const p of pathPrefixes(importPath)) removeFrom(this.byPrefix, p, importPath);
  }

  *under(prefix: string): Iterable<[string, ReadonlySet<string>]> {
    for (const p of this.byPrefix.get(prefix) ?? []) yield [p, this.importers.get(p)!];
  }

  clear(): void {
    this.importers.clear();
    this.byPrefix.clear();
  }
}

/** Whether a package's verdicts still hold: it is in the same module, nothing it read changed, and
 * its views are the same or changed no module its imports or its own module depend on (a view in
 * another environment changed everything: diffViews). */
export function canKeep(dir: string, r: PackageRecord, mod: ModuleLayout | undefined, ev: ViewUse, tv: ViewUse | undefined, dirty: DirtySet, dirtied: Set<string> | undefined, changes: ViewChanges, memory: PackageMemory): boolean {
  if (r.moduleDir !== mod?.root || !tv !== !r.terminalView) return false;
  if (dirtied ? dirtied.has(dir) : dirty.hits(r.deps)) return false;
  const modulePath = importerModulePath(mod, ev, tv);
  if (modulePath !== r.modulePath) return false;
  const reaches = (change: ReadonlySet<string>) => memory.reachedBy(change).has(dir);
  return viewKeeps(r.editorView, ev.view, modulePath, changes, reaches) && viewKeeps(r.terminalView, tv?.view, modulePath, changes, reaches);
}

/** Whether verdicts made in `before` hold in `after` for a package (or a module) of `modulePath`:
 * the views are the same, or the modules that changed are neither its own nor any that `reaches`
 * says its imports depend on. */
function viewKeeps(before: View | undefined, after: View | undefined, modulePath: string | undefined, changes: ViewChanges, reaches: (change: ReadonlySet<string>) => boolean): boolean {
  if (before === after || !before || !after) return true;
  const change = changes.between(before as LoadedView, after as LoadedView);
  if (change === 'all') return false;
  if (change.size === 0) return true;
  if (modulePath !== undefined && change.has(modulePath)) return false;
  return !reaches(change);
}

/** diffViews, once per pair of views in an analysis. */
export class ViewChanges {
  private readonly memo = new Map<View, Map<View, ViewChange>>();

  between(before: LoadedView, after: LoadedView): ViewChange {
    let m = this.memo.get(before);
    if (!m) this.memo.set(before, (m = new Map()));
    let c = m.get(after);
    if (!c) m.set(after, (c = diffViews(before, after)));
    return c;
  }
}
