// The replacements in effect for a view, with the go command's precedence (modload
// replacementFrom): a go.work that replaces a path at all hides every go.mod replace of that
// path; within one file the exact `P V =>` form beats the wildcard `P =>` form; a main module
// (version '') is never replaced.

import * as nodePath from 'node:path';
import type { Replace } from '../parse/ast';
import type { BuildListEntry, ReplaceSide, ViewError } from './types';

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

/** module.Version.String of a replace side: "path@version", or "path". */
function versionString(path: string, version: string | undefined): string {
  return version ? `${path}@${version}` : path;
}

interface Stated {
  target: string;
  side: ReplaceSide;
}

function conflict(old: Replace['old'], first: Stated, second: Stated, workspaceHint: boolean): ViewError {
  const oldStr = versionString(old.path, old.version);
  const hint = workspaceHint ? `\nuse "go work edit -replace ${oldStr}=[override]" to resolve` : '';
  const { file, stmt } = second.side;
  return {
    code: 'invalid-module-file',
    headline: `Two replaces of ${oldStr} disagree: ${first.target} and ${second.target}`,
    message: `conflicting replacements for ${oldStr}:\n\t${first.target}\n\t${second.target}${hint}`,
    file,
    range: stmt.syntax.range,
    evidence: [
      { kind: 'file', file, range: stmt.syntax.range, note: `replaces ${oldStr} with ${second.target}` },
      { kind: 'file', file: first.side.file, range: first.side.stmt.syntax.range, note: `replaces ${oldStr} with ${first.target}` },
    ],
    replaceConflict: { old: oldStr, sides: [second.side, first.side] },
  };
}

function sideOf(src: ReplaceSource, stmt: Replace): ReplaceSide {
  return { file: src.file, stmt, dir: stmt.newIsDir ? nodePath.resolve(src.baseDir, stmt.new.path) : undefined };
}

/** go's fatal "conflicting replacements": the same old path@version replaced twice with different
 * targets in one file (modload toReplaceMap, targets as written), or by two workspace modules'
 * go.mod files (makeMainModules, relative directories made absolute; go.work-replaced paths exempt). */
function findConflicts(work: ReplaceSource | undefined, mods: ReplaceSource[]): ViewError[] {
  const out: ViewError[] = [];
  for (const src of work ? [work, ...mods] : mods) {
    const seen = new Map<string, Stated>();
    for (const r of src.replaces) {
      if (!r.old?.path || !r.new?.path) continue;
      const k = versionString(r.old.path, r.old.version);
      const here: Stated = { target: versionString(r.new.path, r.new.version), side: sideOf(src, r) };
      const prev = seen.get(k);
      if (prev !== undefined && prev.target !== here.target) out.push(conflict(r.old, prev, here, false));
      seen.set(k, here);
    }
  }
  if (!work) return out;
  const byWork = new Set(work.replaces.map((r) => r.old?.path));
  const across = new Map<string, Stated>();
  for (const src of mods) {
    const mine = new Set<string>();
    for (const r of src.replaces) {
      if (!r.old?.path || !r.new?.path || byWork.has(r.old.path)) continue;
      const k = versionString(r.old.path, r.old.version);
      const target = r.newIsDir && !nodePath.isAbsolute(r.new.path) ? nodePath.join(src.baseDir, r.new.path) : versionString(r.new.path, r.new.version);
      const here: Stated = { target, side: sideOf(src, r) };
      const prev = across.get(k);
      if (prev !== undefined && !mine.has(k) && prev.target !== target) out.push(conflict(r.old, prev, here, true));
      mine.add(k);
      across.set(k, here);
    }
  }
  return out;
}

export class ReplacementTable {
  private readonly work: Map<string, PathReplaces>;
  private readonly mods: Map<string, PathReplaces>[];
  /** Conflicting replacements: fatal for the go command before any import is resolved. */
  readonly conflicts: ViewError[];

  constructor(work: ReplaceSource | undefined, mods: ReplaceSource[], private readonly mainPaths: ReadonlySet<string>) {
    this.work = work ? indexSource(work) : new Map();
    this.mods = mods.map(indexSource);
    this.conflicts = findConflicts(work, mods);
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
