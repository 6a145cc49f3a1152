// A view's main modules looked up by directory and by path. A workspace has one per use line (200
// in a large one), and resolution asks about them for every import of every package.

import * as path from 'node:path';
import { pathPrefixes } from '../module/path';
import type { MainModule, View } from './types';
import { viewContent } from './view-content';

interface MainModuleIndex {
  /** How many main modules the index was built from (a view still loading may add more). */
  count: number;
  /** The first listed of each directory and of each path, as a search of the list finds them. */
  byDir: Map<string, MainModule>;
  byPath: Map<string, MainModule>;
  /** Every main module of each path, in list order (a workspace may list two of one path). */
  allByPath: Map<string, MainModule[]>;
  /** Each main module's place in the list. */
  order: Map<MainModule, number>;
}

const indexes = new WeakMap<View, MainModuleIndex>();

function indexOf(copy: View): MainModuleIndex {
  const view = viewContent(copy);
  let ix = indexes.get(view);
  if (ix && ix.count === view.mainModules.length) return ix;
  ix = { count: view.mainModules.length, byDir: new Map(), byPath: new Map(), allByPath: new Map(), order: new Map() };
  for (const m of view.mainModules) {
    if (!ix.byDir.has(m.dir)) ix.byDir.set(m.dir, m);
    if (!ix.byPath.has(m.path)) ix.byPath.set(m.path, m);
    const same = ix.allByPath.get(m.path);
    if (same) same.push(m);
    else ix.allByPath.set(m.path, [m]);
    ix.order.set(m, ix.order.size);
  }
  indexes.set(view, ix);
  return ix;
}

/** The main module rooted at `dir`. */
export function mainModuleAt(view: View, dir: string): MainModule | undefined {
  return indexOf(view).byDir.get(dir);
}

/** The main module whose go.mod declares `modulePath`. */
export function mainModuleNamed(view: View, modulePath: string): MainModule | undefined {
  return indexOf(view).byPath.get(modulePath);
}

/** The main module that contains `dir` (the deepest root); given the importer's module path, the
 * main module of that path if it contains `dir`. */
export function mainModuleHolding(view: View, dir: string, modulePath?: string): MainModule | undefined {
  const ix = indexOf(view);
  if (modulePath !== undefined) {
    const named = ix.byPath.get(modulePath);
    if (named && within(dir, named.dir)) return named;
  }
  for (let d = dir; ; d = path.dirname(d)) {
    const m = ix.byDir.get(d);
    if (m) return m;
    if (path.dirname(d) === d) return undefined;
  }
}

/** Whether some main module's path (other than "") is `importPath` or a prefix of it. */
export function mainModuleOwns(view: View, importPath: string): boolean {
  const ix = indexOf(view);
  return pathPrefixes(importPath).some((p) => ix.byPath.has(p));
}

/** The main modules whose path (other than "") is a parent of `importPath` on "/" boundaries
 * (not `importPath` itself), in list order. */
export function mainModulesAbove(view: View, importPath: string): MainModule[] {
  const ix = indexOf(view);
  const out: MainModule[] = [];
  for (const p of pathPrefixes(importPath)) if (p !== importPath) out.push(...(ix.allByPath.get(p) ?? []));
  return out.length > 1 ? out.sort((a, b) => ix.order.get(a)! - ix.order.get(b)!) : out;
}

function within(dir: string, root: string): boolean {
  return dir === root || dir.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}
