// The dependency packages of one view, each judged once: its own imports resolved, the first one
// go rejects (directly or further down), what judging it read and looked up. A package's record
// holds only its own reads and lookups and the packages it imports; what a whole subtree read is
// gathered when an import first needs it, so a long chain of packages costs linear time, and
// forgetting a package forgets the packages that import it (their answers included it).

import * as path from 'node:path';
import type { FileSystem } from '../fsys/fsys';
import type { Range } from '../text/position';
import { RecordingFileSystem } from '../fsys/cache';
import { buildContextOf } from '../env/goenv';
import { readPackageDir, type PackageDir } from '../scan/package';
import { resolveImport, type Importer } from '../resolve/importer';
import { isInsideExtractedModule } from '../resolve/modcache';
import type { Broken, Resolved, View } from '../resolve/types';

export type DependencyPackage = Resolved & { module: { path: string; version: string } };

/** Packages of modules other than the main modules: the ones go loads beyond the main modules' own
 * (a main module's packages get verdicts of their own, and std always loads). */
export function isDependency(r: Resolved): r is DependencyPackage {
  return r.module !== undefined && (r.via === 'module-cache' || r.via === 'replace-dir' || r.via === 'vendor');
}

/** The first import go rejects below a package, depth-first in import order: the import paths from
 * that package down to the failing import's importer, and the failing import's verdict. */
export interface Failure {
  packages: string[];
  broken: Broken;
  /** Where the last package imports it. */
  at: { file: string; range: Range };
}

interface Judged {
  failure?: Failure;
  /** What judging this package read (less the files of extracted module versions, which never
   * change: go extracts a module whole and read-only; only the directory's coming or going counts). */
  reads: ReadonlySet<string>;
  /** The module paths of the dependency packages it imports, and the import paths of the others
   * it imports outside std, or that fail. */
  looks: ReadonlySet<string>;
  /** The keys of the dependency packages it imports. */
  imports: string[];
  /** Its module as `path@version` when it comes from the module cache (go fetches it and checks
   * its checksums), else ''. */
  fetched: string;
  /** Its reads, looks and fetched modules with those of every package below it, once an import
   * asked for them. */
  whole?: Whole;
}

interface Whole {
  reads: ReadonlySet<string>;
  looks: ReadonlySet<string>;
  fetched: ReadonlySet<string>;
}

const NOTHING: ReadonlySet<string> = new Set();

export class JudgedPackages {
  private readonly judged = new Map<string, Judged>();
  /** Each package's key → the keys of the packages that import it. */
  private readonly importers = new Map<string, Set<string>>();

  /** Judges `pkg` (and what it imports) unless judged before; `judging` counts the packages
   * judged anew. Returns its failure and everything the answer depends on. */
  judge(view: View, pkg: DependencyPackage, fs: FileSystem, judging: () => void): { failure?: Failure } & Whole {
    const key = this.judgeOne(view, pkg, fs, judging, new Set());
    const j = this.judged.get(key);
    if (!j) return { reads: NOTHING, looks: NOTHING, fetched: NOTHING };
    return { failure: j.failure, ...this.whole(key, j) };
  }

  /** Forgets the packages `stale` picks (by what they read or looked up) and every package that
   * imports one of them, directly or not. */
  forget(stale: (reads: ReadonlySet<string>, looks: ReadonlySet<string>) => boolean): void {
    const gone: string[] = [];
    for (const [k, j] of this.judged) if (stale(j.reads, j.looks)) gone.push(k);
    for (let i = 0; i < gone.length; i++) {
      const k = gone[i];
      if (!this.judged.delete(k)) continue;
      for (const up of this.importers.get(k) ?? []) gone.push(up);
      this.importers.delete(k);
    }
  }

  private judgeOne(view: View, pkg: DependencyPackage, fs: FileSystem, judging: () => void, onStack: Set<string>): string {
    const key = keyOf(pkg);
    // An import cycle among dependency packages: go reports it on its own; nothing to add here.
    if (this.judged.has(key) || onStack.has(key)) return key;
    judging();
    onStack.add(key);
    const recorder = new RecordingFileSystem(fs);
    const looks = new Set<string>();
    const imports: string[] = [];
    let failure: Failure | undefined;
    const pd = readPackageDir(recorder, pkg.dir, buildContextOf(view.env));
    const importer: Importer = { dir: pkg.dir, modulePath: pkg.module.path, dependency: { importPath: pkg.importPath, module: pkg.module } };
    for (const [imp, at] of pd ? packageImports(pd) : []) {
      const r = resolveImport(view, imp, importer, recorder);
      if (!r.ok) {
        looks.add(imp);
        failure = { packages: [pkg.importPath], broken: r, at };
        break;
      }
      if (!isDependency(r)) {
        // A main module's package (of a workspace, say): a change to that module can change it.
        if (r.via !== 'std') looks.add(imp);
        continue;
      }
      looks.add(r.module.path);
      const down = this.judgeOne(view, r, fs, judging, onStack);
      imports.push(down);
      const below = this.judged.get(down)?.failure;
      if (below) {
        failure = { ...below, packages: [pkg.importPath, ...below.packages] };
        break;
      }
    }
    const reads = new Set<string>();
    for (const k of recorder.deps) if (!isInsideExtractedModule(k.slice(2), view.env.gomodcache)) reads.add(k);
    onStack.delete(key);
    const fetched = pkg.via === 'module-cache' ? `${pkg.module.path}@${pkg.module.version}` : '';
    this.judged.set(key, { failure, reads, looks, imports, fetched });
    for (const down of imports) {
      let s = this.importers.get(down);
      if (!s) this.importers.set(down, (s = new Set()));
      s.add(key);
    }
    return key;
  }

  private whole(key: string, j: Judged): Whole {
    if (j.whole) return j.whole;
    const reads = new Set<string>();
    const looks = new Set<string>();
    const fetched = new Set<string>();
    const seen = new Set<string>([key]);
    const stack = [key];
    while (stack.length) {
      const at = this.judged.get(stack.pop()!);
      if (!at) continue;
      for (const r of at.reads) reads.add(r);
      for (const l of at.looks) looks.add(l);
      if (at.fetched) fetched.add(at.fetched);
      for (const d of at.imports) if (!seen.has(d)) (seen.add(d), stack.push(d));
    }
    return (j.whole = { reads, looks, fetched });
  }
}

function keyOf(pkg: DependencyPackage): string {
  return `${pkg.dir}\x00${pkg.importPath}`;
}

/** The imports of a dependency package's build files (go loads no test of a dependency), sorted
 * as go lists them, each with its first place; "C" is cgo's, never looked up. */
function packageImports(pd: PackageDir): [string, { file: string; range: Range }][] {
  const out = new Map<string, { file: string; range: Range }>();
  for (const name of pd.goFiles) {
    for (const imp of pd.headers.get(name)?.imports ?? []) if (imp.path !== 'C' && !out.has(imp.path)) out.set(imp.path, { file: path.join(pd.dir, name), range: imp.range });
  }
  return [...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
