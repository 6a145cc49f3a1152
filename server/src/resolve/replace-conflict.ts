// go's "conflicting replacements" names two targets and no culprit. When one replace points at a
// directory that does not hold the module (a typo: ./aip for ./api) and the other at one that
// does, the broken one is the cause: the view error moves to its line and says so.

import * as path from 'node:path';
import type { FileSystem } from '../fsys/fsys';
import { parseGoModOnce } from './parsed';
import type { ReplaceSide, ViewError } from './types';

/** Whether a replace side's target holds the module it replaces; undefined for a module version
 * (nothing local to look at). */
export function sideHoldsModule(side: ReplaceSide, fs: FileSystem): boolean | undefined {
  if (!side.dir) return undefined;
  const file = path.join(side.dir, 'go.mod');
  const text = fs.readText(file);
  if (text === undefined) return false;
  return parseGoModOnce(fs, file, text).module?.path === side.stmt.old.path;
}

/** The conflict put on the replace that cannot be right, when exactly one side holds the module. */
export function explainReplaceConflict(e: ViewError, fs: FileSystem): ViewError {
  const c = e.replaceConflict;
  if (!c || c.sides.length !== 2) return e;
  const holds = c.sides.map((s) => sideHoldsModule(s, fs));
  const bad = holds[0] === false && holds[1] === true ? 0 : holds[1] === false && holds[0] === true ? 1 : -1;
  if (bad < 0) return e;
  const wrong = c.sides[bad]!;
  const right = c.sides[1 - bad]!;
  const what = wrongTarget(wrong, fs);
  // Both files named from the directory they share (a workspace's root, as a rule).
  const base = commonDir(path.dirname(wrong.file), path.dirname(right.file));
  const name = (f: string) => path.relative(base, f).split(path.sep).join('/');
  return {
    ...e,
    headline: `${name(wrong.file)} replaces ${c.old} with ${wrong.stmt.new.path}, which ${what}; ${name(right.file)} says ${right.stmt.new.path}`,
    message: `${name(wrong.file)} replaces ${c.old} with ${wrong.stmt.new.path}, which ${what}, while ${name(right.file)} replaces it with ${right.stmt.new.path}: go stops on the conflict. go says: ${e.message}`,
    file: wrong.file,
    range: wrong.stmt.syntax.range,
    evidence: [
      { kind: 'file', file: wrong.file, range: wrong.stmt.syntax.range, note: `replaces ${c.old} with ${wrong.stmt.new.path}, which ${what}` },
      { kind: 'file', file: right.file, range: right.stmt.syntax.range, note: `replaces ${c.old} with ${right.stmt.new.path}` },
    ],
    replaceConflict: { old: c.old, sides: [wrong, right] },
  };
}

function wrongTarget(side: ReplaceSide, fs: FileSystem): string {
  if (!fs.stat(side.dir!)?.isDir) return 'does not exist';
  const file = path.join(side.dir!, 'go.mod');
  const text = fs.readText(file);
  if (text === undefined) return 'has no go.mod';
  const declared = parseGoModOnce(fs, file, text).module?.path;
  return declared ? `holds module ${declared}` : 'has a go.mod without a module line';
}

function commonDir(a: string, b: string): string {
  let d = a;
  while (d !== b && !b.startsWith(d + path.sep) && path.dirname(d) !== d) d = path.dirname(d);
  return d;
}
