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
// shares the answer; judged.ts), with what deciding it read and looked up: a verdict kept by an
// incremental analysis is redone when one of those reads changes, or a view change reaches one of
// the modules looked up, as for the import's own resolution.

import type { FileSystem } from '../fsys/fsys';
import { RecordingFileSystem, type DirtySet } from '../fsys/cache';
import { resolveImport, type Importer } from '../resolve/importer';
import { viewContent } from '../resolve/view-content';
import { diffViews, sameEntry, type ViewChange } from '../resolve/view-diff';
import { mainModuleNamed } from '../resolve/main-modules';
import { sameValue } from '../same-value';
import type { LoadedView } from '../resolve/view';
import { hasPathPrefix } from '../module/path';
import type { Broken, Resolution, View } from '../resolve/types';
import { closureBroken } from './explain';
import { isDependency, JudgedPackages } from './judged';
import { lackingSums, sumlessView } from './sums';

/** The dependency packages judged in each view (by content), kept across analyses until a change
 * reaches something one read or looked up. */
export class DependencyLoads {
  private readonly byView = new Map<View, JudgedPackages>();
  /** The same, judged as if go.sum held every line (sums.ts), by the view they were asked in. */
  private readonly sumless = new Map<View, JudgedPackages>();
  /** How many dependency packages were judged so far (not found kept): for logs and tests. */
  judged = 0;

  /** resolveImport, and when it resolves to a dependency package, that package's imports in
   * turn: a failure among them makes the import broken (its code and go's words are the failing
   * import's). */
  resolve(view: View, importPath: string, importer: Importer, fs: FileSystem): Resolution {
    const r = resolveImport(view, importPath, importer, fs);
    if (!r.ok) return r.code === 'missing-go-sum' ? this.withEverySum(view, r, importer, fs) : r;
    if (!isDependency(r)) return r;
    const j = this.packagesOf(viewContent(view), this.byView).judge(view, r, fs, () => this.judged++);
    // What the answer depends on is the import's too (an incremental analysis renews it then).
    if (fs instanceof RecordingFileSystem) fs.record(j.reads);
    if (j.looks.size === 0) return r;
    const out = j.failure ? closureBroken(view, r, j.failure) : { ...r };
    out.reaches = j.looks;
    return out.ok || out.code !== 'missing-go-sum' ? out : this.withEverySum(view, out, importer, fs);
  }

  /** A missing-go-sum verdict with every module the import's load fetches whose lines go.sum
   * lacks (sums.ts), so that one fix records them all. */
  private withEverySum(view: View, b: Broken, importer: Importer, fs: FileSystem): Broken {
    const content = viewContent(view);
    const sumless = sumlessView(content);
    const r = resolveImport(sumless, b.importPath, importer, fs);
    if (!r.ok || !isDependency(r)) return b;
    const j = this.packagesOf(content, this.sumless, sumless).judge(sumless, r, fs, () => this.judged++);
    if (fs instanceof RecordingFileSystem) fs.record(j.reads);
    const named = new Set((b.missingSums ?? []).map((m) => `${m.path}@${m.version}`));
    const more = lackingSums(content, j.fetched).filter((m) => !named.has(`${m.path}@${m.version}`));
    if (more.length === 0) return b;
    const shown = more.slice(0, 3).map((m) => `${m.path}@${m.version}`).join(', ') + (more.length > 3 ? ` and ${more.length - 3} more` : '');
    // Said before go's own words, which end the message.
    const also = `The load also fetches ${shown}, whose go.sum lines are missing too.`;
    const at = b.message.indexOf(' go says: ');
    const message = at < 0 ? `${b.message} ${also}` : `${b.message.slice(0, at)} ${also}${b.message.slice(at)}`;
    return { ...b, message, missingSums: [...(b.missingSums ?? []), ...more] };
  }

  /** The judged packages of a view (by content) in `store`, made or carried over on first use. */
  private packagesOf(content: View, store: Map<View, JudgedPackages>, judgedIn: View = content): JudgedPackages {
    let packages = store.get(content);
    if (!packages) store.set(content, (packages = this.carriedOver(content, store, judgedIn)));
    return packages;
  }

  /** Forgets what read something `dirty` invalidates. */
  invalidate(dirty: DirtySet): void {
    for (const store of [this.byView, this.sumless]) for (const packages of store.values()) packages.forget((reads) => dirty.hits(reads));
  }

  /** Forgets the views not in `views` (no longer in use). */
  retain(views: Iterable<View>): void {
    const live = new Set([...views].map((v) => viewContent(v)));
    for (const store of [this.byView, this.sumless]) for (const v of store.keys()) if (!live.has(v)) store.delete(v);
  }

  clear(): void {
    this.byView.clear();
    this.sumless.clear();
  }

  /** A reloaded view (a go.mod edit, or any file beside a go.mod) keeps the judgements of the view
   * it replaces (the one of the same directory and environment) that no module it changed can
   * reach (resolve/view-diff). */
  private carriedOver(view: View, store: Map<View, JudgedPackages>, judgedIn: View): JudgedPackages {
    for (const [before, packages] of store) {
      if (before.cwd !== view.cwd || before.env !== view.env || before.kind !== view.kind) continue;
      store.delete(before);
      // Compared as the views the judgements were made in.
      const change = judgementChange((judgedIn === view ? before : sumlessView(before)) as LoadedView, judgedIn as LoadedView);
      if (change === 'all') return new JudgedPackages();
      packages.forget((_, looks) => reaches(looks, change));
      return packages;
    }
    return new JudgedPackages();
  }
}

/** What a view change can change of dependency judgements: diffViews, less what a main go.mod's
 * edit adds to it. Those judgements depend on a main module only through its path and directory,
 * the modules it requires (importFromModules tries them first) and, for the first one, where its
 * module line is (what go says about an import nothing provides points there); every change to
 * what the build list selects or replaces shows in its entries. */
function judgementChange(before: LoadedView, after: LoadedView): ViewChange {
  const change = diffViews(before, after);
  if (change === 'all') return change;
  const [b0, a0] = [before.mainModules[0], after.mainModules[0]];
  if (b0?.path !== a0?.path || !sameValue(b0?.modFile.module?.syntax.range ?? null, a0?.modFile.module?.syntax.range ?? null)) return 'all';
  const out = new Set<string>();
  for (const p of change) {
    const [bm, am] = [mainModuleNamed(before, p), mainModuleNamed(after, p)];
    if (bm || am) {
      if (!bm || !am || bm.dir !== am.dir) out.add(p);
      else {
        const [br, ar] = [new Set(bm.modFile.require.map((r) => r.path)), new Set(am.modFile.require.map((r) => r.path))];
        for (const r of br) if (!ar.has(r)) out.add(r);
        for (const r of ar) if (!br.has(r)) out.add(r);
      }
      continue;
    }
    const [be, ae] = [before.buildList.get(p), after.buildList.get(p)];
    if (!be || !ae || !sameEntry(be, ae)) out.add(p);
  }
  return out;
}

/** Whether a change to the modules `change` names can change an answer that looked up `looks`. */
function reaches(looks: ReadonlySet<string>, change: ReadonlySet<string>): boolean {
  for (const c of change) for (const p of looks) if (hasPathPrefix(p, c)) return true;
  return false;
}
