// Every checksum a load needs, not only the first go stops at. With go.sum deleted, go fails on
// the first module whose line is missing; recording only that one and trying again takes as many
// rounds as there are modules. Judging the closure in the view as if go.sum held every line finds
// every module the load fetches, and the lines of those that go.sum lacks are what to record.

import type { LoadedView } from '../resolve/view';
import type { View } from '../resolve/types';

const sumless = new WeakMap<View, View>();

/** `view` as if its go.sum files held every line go asks for: no missing-sum errors, in the
 * graph or when fetching (a checksum that is there and differs still fails: that is not
 * what this view asks). */
export function sumlessView(view: View): View {
  let v = sumless.get(view);
  if (!v) {
    const lv = view as LoadedView;
    const copy: LoadedView = { ...lv, sums: undefined, graphErrors: lv.graphErrors?.filter((g) => g.error.code !== 'missing-go-sum') };
    sumless.set(view, (v = copy));
  }
  return v;
}

/** The modules among `fetched` (`path@version`) whose zip or go.mod line the view's go.sum lacks,
 * sorted. */
export function lackingSums(view: View, fetched: Iterable<string>): { path: string; version: string }[] {
  const sums = (view as LoadedView).sums;
  if (!sums) return [];
  const out: { path: string; version: string }[] = [];
  for (const mv of fetched) {
    const at = mv.lastIndexOf('@');
    const m = { path: mv.slice(0, at), version: mv.slice(at + 1) };
    if (!sums.has(m.path, m.version, false) || !sums.has(m.path, m.version, true)) out.push(m);
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
