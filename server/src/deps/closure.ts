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
}

/** Each dependency package's Loaded, per view content, kept across analyses until a change
 * reaches something it read (a parent's reads include its imports', so the chain goes too). */
export class DependencyLoads {
  private readonly byView = new Map<View, Map<string, Loaded>>();

  /** resolveImport, and when it resolves to a dependency package, that package's imports in
   * turn: a failure among them makes the import broken (its code and go's words are the failing
   * import's). */
  resolve(view: View, importPath: string, importer: Importer, fs: FileSystem): Resolution {
    const r = resolveImport(view, importPath, importer, fs);
    if (!r.ok || !isDependency(r)) return r;
    const loaded = this.load(view, r, fs);
    return loaded.failure ? closureBroken(view, r, loaded.failure.packages, loaded.failure.broken) : r;
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

  private load(viewIn: View, pkg: DependencyPackage, fs: FileSystem): Loaded {
    const view = viewContent(viewIn);
    let memo = this.byView.get(view);
    if (!memo) this.byView.set(view, (memo = new Map()));
    const loaded = loadIn(viewIn, memo, new Set(), pkg, fs);
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

const NOTHING_READ: ReadonlySet<string> = new Set();

function loadIn(view: View, memo: Map<string, Loaded>, onStack: Set<string>, pkg: DependencyPackage, fs: FileSystem): Loaded {
  const key = `${pkg.dir}\x00${pkg.importPath}`;
  const kept = memo.get(key);
  if (kept) return kept;
  // An import cycle among dependency packages: go reports it on its own; nothing to add here.
  if (onStack.has(key)) return { deps: NOTHING_READ };
  onStack.add(key);
  const recorder = new RecordingFileSystem(fs);
  const deps = new Set<string>();
  let failure: Loaded['failure'];
  const pd = readPackageDir(recorder, pkg.dir, buildContextOf(view.env));
  const importer: Importer = { dir: pkg.dir, modulePath: pkg.module.path, dependency: { importPath: pkg.importPath, module: pkg.module } };
  for (const imp of pd ? packageImports(pd) : []) {
    const r = resolveImport(view, imp, importer, recorder);
    if (!r.ok) {
      failure = { packages: [pkg.importPath], broken: r };
      break;
    }
    if (!isDependency(r)) continue;
    const child = loadIn(view, memo, onStack, r, fs);
    for (const k of child.deps) deps.add(k);
    if (child.failure) {
      failure = { packages: [pkg.importPath, ...child.failure.packages], broken: child.failure.broken };
      break;
    }
  }
  for (const k of recorder.deps) if (!isInsideExtractedModule(k.slice(2), view.env.gomodcache)) deps.add(k);
  onStack.delete(key);
  const loaded: Loaded = { failure, deps };
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
