// One analysis's visit of every package directory, module by module: a module whose views changed
// nothing its packages depend on, and none of whose packages read a changed file, keeps all its
// records at once (PackageMemory.moduleKeeps); otherwise each package's record is kept (canKeep)
// or made anew (recordPackage). A synchronous step over a slice of the directories, so that the
// analysis can give the event loop a turn between slices, and the optimizing compiler sees a plain
// loop rather than one inside an async function.

import type { FileSystem } from '../fsys/fsys';
import type { DirtySet } from '../fsys/cache';
import type { View } from '../resolve/types';
import type { ModuleLayout } from './layout';
import { canKeep, recordPackage, type ModuleState, type PackageMemory, type PackageRecord, type ViewChanges } from './records';
import type { EditorViews, TerminalViews, ViewUse } from './views';
import { importerModulePath, ModuleResolutions } from './verdicts';
import type { DependencyLoads } from '../deps/closure';

/** The package directories seen through one view: a module's, or one directory outside modules. */
export interface ModuleDirs {
  moduleDir: string;
  mod: ModuleLayout | undefined;
  dirs: readonly string[];
}

/** A module's packages with their records and the views they are in now: a kept record's
 * verdicts hold in them too. */
export interface VisitedModule {
  dirs: readonly string[];
  /** The record of each of `dirs`, in the same order. */
  records: readonly PackageRecord[];
  editor: View;
  terminal: View | undefined;
}

/** Where a pass stands: the module, and the package within it. */
export interface PassCursor {
  module: number;
  dir: number;
}

export class PackagePass {
  /** The modules whose every package was visited (a cancelled pass stops within one). */
  readonly visited: VisitedModule[] = [];
  /** Each module's views, path and records, as PackageMemory keeps them for the next analysis. */
  readonly modules = new Map<string, ModuleState>();
  /** The records made anew, by directory. */
  readonly renewed = new Map<string, PackageRecord>();
  kept = 0;
  /** The packages recorded anew share their modules' resolutions. */
  private readonly shared: ModuleResolutions;
  /** The packages whose reads `dirty` reaches, when it can list them (PackageMemory.dirtied). */
  private readonly dirtied: Set<string> | undefined;
  /** The module being visited package by package, and the records so far. */
  private current: { mod: ModuleLayout | undefined; ev: ViewUse; tv: ViewUse | undefined; state: ModuleState; records: PackageRecord[] } | undefined;

  constructor(
    private readonly memory: PackageMemory,
    /** The memory holds the records of this analysis's layout: the same modules, with the same
     * package directories. */
    private readonly sameLayout: boolean,
    private readonly editor: EditorViews,
    private readonly terminal: TerminalViews | undefined,
    private readonly dirty: DirtySet,
    private readonly changes: ViewChanges,
    private readonly fs: FileSystem,
    /** The dependency packages judged so far, kept across analyses by the caller. */
    dependencies?: DependencyLoads,
  ) {
    this.dirtied = memory.dirtied(dirty);
    this.shared = new ModuleResolutions(dependencies);
  }

  /** Every package visited, with its record. */
  *records(): Iterable<[string, PackageRecord]> {
    for (const m of this.visited) for (let i = 0; i < m.dirs.length; i++) yield [m.dirs[i], m.records[i]];
  }

  /** Visits from `at` on until the modules end or `deadline` (performance.now()) passes; moves
   * `at` along and says whether the pass is complete. */
  visitUntil(modules: readonly ModuleDirs[], at: PassCursor, deadline: number): boolean {
    let visits = 0;
    while (at.module < modules.length) {
      const m = modules[at.module];
      if (at.dir === 0 && this.enter(m)) {
        at.module++;
        continue;
      }
      const c = this.current!;
      while (at.dir < m.dirs.length) {
        c.records.push(this.visit(m.dirs[at.dir++], c.mod, c.ev, c.tv));
        // Stopped after a module's last package, the pass resumes with its end (below).
        if (++visits % 50 === 0 && performance.now() >= deadline) return false;
      }
      c.state.records = c.records;
      this.visited.push({ dirs: m.dirs, records: c.records, editor: c.ev.view, terminal: c.tv?.view });
      at.module++;
      at.dir = 0;
    }
    return true;
  }

  /** Starts a module: true when all its records are kept at once. */
  private enter({ moduleDir, mod, dirs }: ModuleDirs): boolean {
    const ev = this.editor.viewFor(moduleDir, mod);
    const tv = this.terminal?.viewFor(moduleDir, mod);
    const state: ModuleState = { editorView: ev.view, terminalView: tv?.view, modulePath: importerModulePath(mod, ev, tv), records: [] };
    this.modules.set(moduleDir, state);
    const kept = this.sameLayout ? this.memory.moduleKeeps(moduleDir, state, this.dirtied, this.changes) : undefined;
    if (kept) {
      state.records = kept;
      this.kept += dirs.length;
      this.visited.push({ dirs, records: kept, editor: ev.view, terminal: tv?.view });
      return true;
    }
    this.current = { mod, ev, tv, state, records: [] };
    return false;
  }

  private visit(dir: string, mod: ModuleLayout | undefined, ev: ViewUse, tv: ViewUse | undefined): PackageRecord {
    const kept = this.memory.get(dir);
    if (kept && canKeep(dir, kept, mod, ev, tv, this.dirty, this.dirtied, this.changes, this.memory)) {
      this.kept++;
      return kept;
    }
    const record = recordPackage(dir, mod, ev, tv, this.fs, this.shared);
    this.renewed.set(dir, record);
    return record;
  }
}
