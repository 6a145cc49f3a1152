// One analysis's visit of every package directory: each package's record is kept (canKeep) or
// made anew (recordPackage). A synchronous step over a slice of the directories, so that the
// analysis can give the event loop a turn between slices, and the optimizing compiler sees a
// plain loop rather than one inside an async function.

import type { FileSystem } from '../fsys/fsys';
import type { DirtySet } from '../fsys/cache';
import type { View } from '../resolve/types';
import type { ModuleLayout } from './layout';
import { canKeep, recordPackage, type PackageMemory, type PackageRecord, type ViewChanges } from './records';
import type { EditorViews, TerminalViews } from './views';
import { ModuleResolutions } from './verdicts';

export interface PackageDir {
  dir: string;
  mod: ModuleLayout | undefined;
}

/** A package with the views it is in now: a kept record's verdicts hold in them too. */
export interface VisitedPackage {
  dir: string;
  record: PackageRecord;
  editor: View;
  terminal: View | undefined;
}

export class PackagePass {
  readonly records = new Map<string, PackageRecord>();
  readonly visited: VisitedPackage[] = [];
  /** The directories whose record was made anew. */
  readonly renewed: string[] = [];
  kept = 0;
  /** The packages recorded anew share their modules' resolutions. */
  private readonly shared = new ModuleResolutions();

  /** The packages whose reads `dirty` reaches, when it can list them (PackageMemory.dirtied). */
  private readonly dirtied: Set<string> | undefined;

  constructor(
    private readonly memory: PackageMemory,
    private readonly editor: EditorViews,
    private readonly terminal: TerminalViews | undefined,
    private readonly dirty: DirtySet,
    private readonly changes: ViewChanges,
    private readonly fs: FileSystem,
  ) {
    this.dirtied = memory.dirtied(dirty);
  }

  /** Visits dirs[from…] until the list ends or `deadline` (performance.now()) passes; returns the
   * index to go on from. */
  visitUntil(dirs: readonly PackageDir[], from: number, deadline: number): number {
    let i = from;
    while (i < dirs.length) {
      this.visit(dirs[i++]);
      if (i % 50 === 0 && performance.now() >= deadline) break;
    }
    return i;
  }

  private visit({ dir, mod }: PackageDir): void {
    const ev = this.editor.viewFor(dir, mod);
    const tv = this.terminal?.viewFor(dir, mod);
    let record = this.memory.get(dir);
    if (record && canKeep(dir, record, mod, ev, tv, this.dirty, this.dirtied, this.changes, this.memory)) this.kept++;
    else {
      record = recordPackage(dir, mod, ev, tv, this.fs, this.shared);
      this.renewed.push(dir);
    }
    this.records.set(dir, record);
    this.visited.push({ dir, record, editor: ev.view, terminal: tv?.view });
  }
}
