// What a reloaded view changed, in terms an import can be checked against. An edit to one go.mod of
// a 200-module workspace reloads the one workspace view every package shares; most imports do not
// care. An import's resolution depends on the view as a whole only through what is listed under
// "global" below; otherwise on the modules whose paths are prefixes of it (the candidates that may
// provide it) and on its importer's own main module. So a diff names the module paths whose part
// of the view changed, or says that everything may have.

import type { LoadedView } from './view';
import type { BuildListEntry, MainModule } from './types';
import { viewContent } from './view-content';
import { sameValue } from '../same-value';

/** Everything, or the module paths whose part of the view changed: a change reaches an import
 * whose path equals one of them or lies under it (element-wise). */
export type ViewChange = 'all' | ReadonlySet<string>;

interface Fingerprint {
  global: string;
  /** Per module path: the main module, or the build list entry. */
  mains: Map<string, MainModule>;
  entries: Map<string, BuildListEntry>;
}

const prints = new WeakMap<LoadedView, Fingerprint>();

function fingerprint(copy: LoadedView): Fingerprint {
  // A copy of a view for another environment (viewWithEnv) has its content's fingerprint.
  const v = viewContent(copy);
  let f = prints.get(v);
  if (f) return f;
  // Keyed by path: a module whose path changes is a removal and an addition.
  const mains = new Map(v.mainModules.map((m) => [m.path, m]));
  // vendor/modules.txt, the go.work, -mod, the errors and the graph decide for all imports at once
  // (and so do go.sum lines, compared in diffViews).
  const global = stringify([
    v.kind,
    v.cwd,
    v.goWork?.file ?? null,
    v.buildMod,
    v.buildModReason,
    v.vendor ?? null,
    v.errors,
    v.graphErrors ?? null,
    v.pruning ?? null,
    v.warnings ?? null,
    // The first main module's go line decides graph pruning, and its dir is where go.sum advice points.
    v.mainModules[0]?.dir ?? null,
    v.mainModules[0]?.modFile.go?.version ?? null,
  ]);
  f = { global, mains, entries: v.buildList };
  prints.set(v, f);
  return f;
}

/** JSON of syntax trees, without the line → block back-pointers (which make them cyclic). */
function stringify(x: unknown): string {
  return JSON.stringify(x, (k, v: unknown) => (k === 'block' ? undefined : v));
}

/** sameValue for build-list entries, field by field (a diff compares hundreds after every edit). */
export function sameEntry(a: BuildListEntry | undefined, b: BuildListEntry): boolean {
  if (!a) return false;
  return a.path === b.path && a.version === b.version && a.dir === b.dir && a.goModSource === b.goModSource && (a.replace === b.replace || sameValue(a.replace ?? null, b.replace ?? null));
}

function sameMain(a: MainModule | undefined, b: MainModule | undefined): boolean {
  if (!a || !b) return a === b;
  return a.dir === b.dir && sameValue(a.modFile, b.modFile);
}

/** The module paths whose part of the view differs between `before` and `after`, or 'all'. */
export function diffViews(before: LoadedView, after: LoadedView): ViewChange {
  if (before === after) return new Set();
  if (before.env !== after.env) return 'all';
  const a = fingerprint(before);
  const b = fingerprint(after);
  if (a.global !== b.global) return 'all';
  // go.sum lines serve every module of a workspace; the go.work's text decides for every import.
  if (before.mainModules.length !== after.mainModules.length || before.mainModules.some((m, i) => !sameValue(m.sum ?? null, after.mainModules[i].sum ?? null))) return 'all';
  if (!sameValue(before.goWork?.work ?? null, after.goWork?.work ?? null)) return 'all';
  const changed = new Set<string>();
  for (const [p, m] of a.mains) if (!sameMain(m, b.mains.get(p))) changed.add(p);
  for (const p of b.mains.keys()) if (!a.mains.has(p)) changed.add(p);
  for (const [p, x] of a.entries) if (!sameEntry(b.entries.get(p), x)) changed.add(p);
  for (const p of b.entries.keys()) if (!a.entries.has(p)) changed.add(p);
  // A main go.mod's requirements are roots of the graph for every import (importFromModules looks
  // at roots first): what a changed main module requires, replaces or excludes changed too.
  for (const v of [before, after]) {
    for (const m of v.mainModules) {
      if (!changed.has(m.path)) continue;
      for (const r of m.modFile.require) changed.add(r.path);
      for (const r of m.modFile.replace) changed.add(r.old.path);
      for (const e of m.modFile.exclude) changed.add(e.path);
    }
  }
  return changed;
}
