// Whether two environments are the same in every value: the editor's and the terminal's often
// are, and then the terminal sees exactly what the editor sees.

import type { GoEnv } from './types';

const compared = new WeakMap<GoEnv, WeakMap<GoEnv, boolean>>();

/** Every variable, setting and origin equal (key order aside). Kept per pair: analyses ask again
 * with the same objects. */
export function equalGoEnvs(a: GoEnv, b: GoEnv): boolean {
  if (a === b) return true;
  let byB = compared.get(a);
  if (!byB) compared.set(a, (byB = new WeakMap()));
  let same = byB.get(b);
  if (same === undefined) byB.set(b, (same = sameData(a, b)));
  return same;
}

/** Plain data compared by value; an absent key and an undefined one are alike. */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameData(x, b[i]));
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = (o: Record<string, unknown>) => Object.keys(o).filter((k) => o[k] !== undefined);
  const kx = keys(x);
  return kx.length === keys(y).length && kx.every((k) => sameData(x[k], y[k]));
}
