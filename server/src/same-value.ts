// Whether two plain values are the same data, as JSON.stringify would write them, without writing
// them: for comparing what was parsed or loaded again (a view after a reload, an environment read
// twice) where most parts are the very same objects.

/** Whether two values would stringify alike, syntax trees without their line → block
 * back-pointers (which make them cyclic). Identity decides most comparisons without walking: an
 * unchanged file is parsed once (resolve/parsed.ts). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i] ?? null, b[i] ?? null)) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  // Counted in place: a view diff compares hundreds of build-list entries after every edit.
  let n = 0;
  for (const k in x) {
    if (!counts(x, k)) continue;
    n++;
    if (!sameValue(x[k], y[k])) return false;
  }
  for (const k in y) if (counts(y, k)) n--;
  return n === 0;
}

/** Whether JSON.stringify would write the key (and so whether it is compared). */
function counts(o: Record<string, unknown>, k: string): boolean {
  const v = o[k];
  return k !== 'block' && v !== undefined && typeof v !== 'function' && Object.prototype.hasOwnProperty.call(o, k);
}
