// The replacements in effect for a view, with the go command's precedence (modload
// replacementFrom): a go.work that replaces a path at all hides every go.mod replace of that
// path; within one file the exact `P V =>` form beats the wildcard `P =>` form; a main module
// (version '') is never replaced.

import * as nodePath from 'node:path';
import type { Replace } from '../parse/ast';
import type { BuildListEntry } from './types';

export type Replacement = NonNullable<BuildListEntry['replace']>;

/** The replace statements of one go.mod or go.work, and the directory their relative targets
 * are resolved against (the module root, or the go.work directory). */
export interface ReplaceSource {
  file: string;
  baseDir: string;
  replaces: Replace[];
}

interface PathReplaces {
  exact: Map<string, Replacement>;
  wildcard?: Replacement;
}

function indexSource(src: ReplaceSource): Map<string, PathReplaces> {
  const byPath = new Map<string, PathReplaces>();
  for (const stmt of src.replaces) {
    if (!stmt.old?.path || !stmt.new?.path) continue;
    const target = { path: stmt.new.path, version: stmt.newIsDir ? undefined : stmt.new.version };
    const dir = stmt.newIsDir ? nodePath.resolve(src.baseDir, stmt.new.path) : undefined;
    const r: Replacement = { target, dir, stmt, file: src.file };
    const entry = byPath.get(stmt.old.path) ?? { exact: new Map<string, Replacement>() };
    // The first statement wins; go rejects conflicting duplicates as a view error.
    if (stmt.old.version) {
      if (!entry.exact.has(stmt.old.version)) entry.exact.set(stmt.old.version, r);
    } else if (!entry.wildcard) {
      entry.wildcard = r;
    }
    byPath.set(stmt.old.path, entry);
  }
  return byPath;
}

function lookup(index: Map<string, PathReplaces>, path: string, version: string): Replacement | undefined {
  const entry = index.get(path);
  if (!entry) return undefined;
  return entry.exact.get(version) ?? entry.wildcard;
}

export class ReplacementTable {
  private readonly work: Map<string, PathReplaces>;
  private readonly mods: Map<string, PathReplaces>[];

  constructor(work: ReplaceSource | undefined, mods: ReplaceSource[], private readonly mainPaths: ReadonlySet<string>) {
    this.work = work ? indexSource(work) : new Map();
    this.mods = mods.map(indexSource);
  }

  /** The replacement of path@version, or undefined. */
  replacementFor(path: string, version: string): Replacement | undefined {
    if (version === '' && this.mainPaths.has(path)) return undefined;
    if (this.work.has(path)) return lookup(this.work, path, version);
    for (const index of this.mods) {
      const r = lookup(index, path, version);
      if (r) return r;
    }
    return undefined;
  }
}
