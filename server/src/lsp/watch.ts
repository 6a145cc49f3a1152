// Which files a re-analysis depends on, and the watchers that report their changes. Two sources
// feed the same callback: the client's workspace/didChangeWatchedFiles (inside workspace folders)
// and chokidar (directories the client does not watch: replace targets and go.work `use`
// directories outside the folder, an explicit GOWORK, or everything when the client cannot watch).

import * as path from 'node:path';
import { watch as chokidarWatch } from 'chokidar';
import type { FSWatcher } from 'chokidar';
import type { Analysis } from '../analyze/types';
import type { FileChange, FileChangeKind } from '../fsys/cache';
import type { View } from '../resolve/types';
import { viewContent } from '../resolve/view-content';
import { workUseDirs } from '../resolve/discover';

/** Names whose change can change a verdict. */
export function isWatchedFile(p: string): boolean {
  const base = path.basename(p);
  if (base === 'go.mod' || base === 'go.work' || base === 'go.sum' || base === 'go.work.sum') return true;
  if (base.endsWith('.go')) return true;
  return base === 'modules.txt' && path.basename(path.dirname(p)) === 'vendor';
}

/** Glob patterns for the client's file watcher, relative to a workspace folder. */
export const WATCH_GLOBS = ['**/go.mod', '**/go.work', '**/go.sum', '**/go.work.sum', '**/vendor/modules.txt', '**/*.go'];

/** A source of file changes under a set of roots. */
export interface Watcher {
  /** Watch exactly these directories (recursively) from now on. */
  setRoots(dirs: readonly string[]): void;
  dispose(): Promise<void>;
}

export type ChangeListener = (changes: FileChange[]) => void;

const CHOKIDAR_KINDS: Record<string, FileChangeKind> = { add: 'created', addDir: 'created', change: 'changed', unlink: 'deleted', unlinkDir: 'deleted' };

/** Directories outside `folder` that the analysis read modules from: directory replacements,
 * go.work `use` directories, and the directory of a go.work outside the folder. */
export function outsideRoots(analysis: Analysis): string[] {
  const inside = (d: string) => d === analysis.folder || d.startsWith(analysis.folder + path.sep);
  const dirs = new Set<string>();
  // Every module of a workspace lists the same view: look at each once.
  for (const view of new Set(analysis.views.map((v) => v.view))) for (const d of moduleDirsOf(view)) if (!inside(d)) dirs.add(d);
  // A go.work's own directory outside the folder would make us watch a whole parent tree: watch
  // it shallowly through its use dirs instead, and keep only the roots not nested in another.
  const list = [...dirs].sort();
  return list.filter((d, i) => !list.slice(0, i).some((p) => d.startsWith(p + path.sep)));
}

const moduleDirs = new WeakMap<View, Set<string>>();

/** The directories a view reads modules from (a view does not change: kept per view). */
function moduleDirsOf(copy: View): Set<string> {
  const view = viewContent(copy);
  let dirs = moduleDirs.get(view);
  if (dirs) return dirs;
  dirs = new Set<string>();
  if (view.goWork) {
    const workDir = path.dirname(view.goWork.file);
    dirs.add(workDir);
    for (const u of workUseDirs(view.goWork.work)) dirs.add(u.dir);
    for (const r of view.goWork.work.replace) if (r.newIsDir) dirs.add(path.resolve(workDir, r.new.path));
  }
  for (const m of view.mainModules) {
    dirs.add(m.dir);
    for (const r of m.modFile.replace) if (r.newIsDir) dirs.add(path.resolve(m.dir, r.new.path));
  }
  for (const e of view.buildList.values()) if (e.replace?.dir) dirs.add(e.replace.dir);
  moduleDirs.set(view, dirs);
  return dirs;
}

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);

/** chokidar over whole directory trees (one watcher per root, so each reports when it is ready),
 * passing on only the files that matter. */
export class ChokidarWatcher implements Watcher {
  private readonly watchers = new Map<string, FSWatcher>();
  /** Roots whose initial scan is done: from then on a change under them is reported. */
  private readonly ready = new Set<string>();

  constructor(
    private readonly onChange: ChangeListener,
    /** Called when chokidar has scanned a newly watched root: changes under it are seen from then. */
    private readonly onReady: (root: string) => void = () => undefined,
  ) {}

  setRoots(dirs: readonly string[]): void {
    const next = new Set(dirs);
    for (const [root, w] of this.watchers) {
      if (next.has(root)) continue;
      void w.close();
      this.watchers.delete(root);
      this.ready.delete(root);
    }
    for (const root of next) {
      if (this.watchers.has(root)) continue;
      const w = chokidarWatch(root, {
        ignoreInitial: true,
        ignored: (p, stats) => SKIP_DIRS.has(path.basename(p)) || (stats?.isFile() === true && !isWatchedFile(p)),
      });
      w.on('all', (event, p) => {
        // A directory that appears or goes takes its packages with it.
        if (isWatchedFile(p) || event === 'addDir' || event === 'unlinkDir') this.onChange([{ path: p, kind: CHOKIDAR_KINDS[event] ?? 'created' }]);
      });
      // A directory that is unreadable or vanishes must not take the server down.
      w.on('error', () => undefined);
      w.on('ready', () => {
        if (this.watchers.get(root) !== w) return;
        this.ready.add(root);
        this.onReady(root);
      });
      this.watchers.set(root, w);
    }
  }

  /** Whether a change to p would be reported now (a ready watcher covers it). */
  covers(p: string): boolean {
    for (const r of this.ready) if (p === r || p.startsWith(r + path.sep)) return true;
    return false;
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.watchers.values()].map((w) => w.close()));
    this.watchers.clear();
    this.ready.clear();
  }
}
