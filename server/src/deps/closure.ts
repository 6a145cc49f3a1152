// The dependency packages go loads for a main-module import. When go builds a main-module package
// it loads every package that package imports, transitively, in dependency modules too (modload
// loadFromRoots sends every import of every loaded package through importFromModules), and fails
// when one does not load: a go.sum line missing for the module that provides a package a
// dependency imports, a go.mod the graph needs that cannot be read or verified, an import a
// replaced module cannot satisfy. So an import that resolves is still broken when a dependency
// package it reaches has an import go rejects; this finds the first such import and the chain
// of packages leading to it.
//
// Each dependency package is judged once per view (every main-module import that reaches it
// shares the answer), with what deciding it read: a verdict kept by an incremental analysis is
// redone when one of those reads changes, as for the import's own resolution.

import type { FileSystem } from '../fsys/fsys';
import { RecordingFileSystem, type DirtySet } from '../fsys/cache';
import { buildContextOf } from '../env/goenv';
import { readPackageDir } from '../scan/package';
import { resolveImport, type Importer } from '../resolve/importer';
import { isInsideExtractedModule } from '../resolve/modcache';
import { viewContent } from '../resolve/view-content';
import { diffViews } from '../resolve/view-diff';
import type { LoadedView } from '../resolve/view';
import { hasPathPrefix } from '../module/path';
import type { Broken, Resolution, Resolved, View } from '../resolve/types';
import { closureBroken } from './explain';

/** A dependency package and what loading it, and everything it imports, comes to. */
interface Loaded {
  /** The first import go rejects below this package, depth-first in import order: the import
   * paths from this package down to the importer of the failing import, and its verdict. */
  failure?: { packages: string[]; broken: Broken };
  /** What deciding it read (less the files of extracted module versions, which never change:
   * go extracts a module whole and read-only, and only the directory's coming or going matters). */
  deps: ReadonlySet<string>;
  /** The module paths of the dependency packages it reaches, and the import paths that fail: a
   * view change to a module with one of these paths (or a prefix of one) can change it. */
  reaches: ReadonlySet<string>;
}

/** Each dependency package's Loaded, per view content, kept across analyses until a change
 * reaches something it read (a parent's reads include its imports', so the chain goes too). */
export class DependencyLoads {
  private readonly byView = new Map<View, Map<string, Loaded>>();
  /** How many dependency packages were judged so far (not found kept): for logs and tests. */
  judged = 0;

  /** resolveImport, and when it resolves to a dependency package, that package's imports in
   * turn: a failure among them makes the import broken (its code and go's words are the failing
   * import's). */
  resolve(view: View, importPath: string, importer: Importer, fs: FileSystem): Resolution {
    const r = resolveImport(view, importPath, importer, fs);
    if (!r.ok || !isDependency(r)) return r;
    const loaded = this.load(view, r, fs);
    if (loaded.reaches.size === 0) return r;
    const out = loaded.failure ? closureBroken(view, r, loaded.failure.packages, loaded.failure.broken) : { ...r };
    out.reaches = loaded.reaches;
    return out;
  }

  /** Forgets what read something `dirty` invalidates. */
  invalidate(dirty: DirtySet): void {
    for (const memo of this.byView.values()) for (const [k, l] of memo) if (dirty.hits(l.deps)) memo.delete(k);
  }

  /** Forgets the views not in `views` (no longer in use). */
  retain(views: Iterable<View>): void {
    const live = new Set([...views].map((v) => viewContent(v)));
    for (const v of this.byView.keys()) if (!live.has(v)) this.byView.delete(v);
  }

  clear(): void {
    this.byView.clear();
  }

  /** A reloaded view (a go.mod edit, or any file beside a go.mod) keeps the judgements of the view
   * it replaces (the one of the same directory and environment) that no module it changed can
   * reach (resolve/view-diff). */
  private carriedOver(view: View): Map<string, Loaded> {
    for (const [before, memo] of this.byView) {
      if (before.cwd !== view.cwd || before.env !== view.env || before.kind !== view.kind) continue;
      const change = diffViews(before as LoadedView, view as LoadedView);
      // What go says about an import nothing provides points at the first main go.mod.
      const first = [before.mainModules[0]?.path, view.mainModules[0]?.path];
      if (change === 'all' || first.some((p) => p !== undefined && change.has(p))) return new Map();
      const kept = new Map<string, Loaded>();
      for (const [k, l] of memo) if (!reachedBy(l, change)) kept.set(k, l);
      return kept;
    }
    return new Map();
  }

  private load(viewIn: View, pkg: DependencyPackage, fs: FileSystem): Loaded {
    const view = viewContent(viewIn);
    let memo = this.byView.get(view);
    if (!memo) this.byView.set(view, (memo = this.carriedOver(view)));
    const loaded = loadIn(viewIn, memo, new Set(), pkg, fs, () => this.judged++);
    if (fs instanceof RecordingFileSystem) fs.record(loaded.deps);
    return loaded;
  }
}

type DependencyPackage = Resolved & { module: { path: string; version: string } };

/** Packages of modules other than the main modules: the ones this pass is about (a main module's
 * own packages get verdicts of their own, and std always loads). */
function isDependency(r: Resolved): r is DependencyPackage {
  return r.module !== undefined && (r.via === 'module-cache' || r.via === 'replace-dir' || r.via === 'vendor');
}

const NOTHING: ReadonlySet<string> = new Set();

function reachedBy(l: Loaded, change: ReadonlySet<string>): boolean {
  for (const c of change) for (const p of l.reaches) if (hasPathPrefix(p, c)) return true;
  return false;
}

function loadIn(view: View, memo: Map<string, Loaded>, onStack: Set<string>, pkg: DependencyPackage, fs: FileSystem, judging: () => void): Loaded {
  const key = `${pkg.dir}\x00${pkg.importPath}`;
  const kept = memo.get(key);
  if (kept) return kept;
  // An import cycle among dependency packages: go reports it on its own; nothing to add here.
  if (onStack.has(key)) return { deps: NOTHING, reaches: NOTHING };
  judging();
  onStack.add(key);
  const recorder = new RecordingFileSystem(fs);
  const deps = new Set<string>();
  const reaches = new Set<string>();
  let failure: Loaded['failure'];
  const pd = readPackageDir(recorder, pkg.dir, buildContextOf(view.env));
  const importer: Importer = { dir: pkg.dir, modulePath: pkg.module.path, dependency: { importPath: pkg.importPath, module: pkg.module } };
  for (const imp of pd ? packageImports(pd) : []) {
    const r = resolveImport(view, imp, importer, recorder);
    if (!r.ok) {
      reaches.add(imp);
      failure = { packages: [pkg.importPath], broken: r };
      break;
    }
    if (!isDependency(r)) continue;
    reaches.add(r.module.path);
    const child = loadIn(view, memo, onStack, r, fs, judging);
    for (const k of child.deps) deps.add(k);
    for (const p of child.reaches) reaches.add(p);
    if (child.failure) {
      failure = { packages: [pkg.importPath, ...child.failure.packages], broken: child.failure.broken };
      break;
    }
  }
  for (const k of recorder.deps) if (!isInsideExtractedModule(k.slice(2), view.env.gomodcache)) deps.add(k);
  onStack.delete(key);
  const loaded: Loaded = { failure, deps, reaches };
  memo.set(key, loaded);
  return loaded;
}

/** The imports of a dependency package's build files (go loads no test of a dependency), sorted
 * as go lists them; "C" is cgo's, never looked up. */
function packageImports(pd: NonNullable<ReturnType<typeof readPackageDir>>): string[] {
  const out = new Set<string>();
  for (const name of pd.goFiles) for (const imp of pd.headers.get(name)?.imports ?? []) if (imp.path !== 'C') out.add(imp.path);
  return [...out].sort();
}
