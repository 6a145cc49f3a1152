// go's "updates to go.mod needed" when a pruned single module's go.mod does not list a module the
// build loads a package from (modload updatePrunedRoots): with graph pruning (go ≥ 1.17) every
// module providing a package that the main module's packages or tests import, directly or
// through dependency packages, must be a requirement of the main go.mod. When one is not, go
// would add it, -mod=readonly forbids that, and go stops for the whole module: `go build` and
// `go list -e` alike print only "go: updates to go.mod needed" (verified with go 1.26: a
// dependency package importing from a module only its own go.mod requires). So every import of
// the module is broken, with the modules to require named.

import type { ImportVerdict } from '../analyze/types';
import type { LoadedView } from '../resolve/view';
import type { Broken, Resolution, View } from '../resolve/types';
import { GO_MOD_DIRTY } from '../resolve/graph-tidy';
import { fileStartRange } from '../text/position';

/** The failure every import of a module gets when `verdicts` (all its packages', as `side` gives
 * them) load packages from modules its go.mod does not require; undefined when none do or the
 * rule does not apply (a workspace, an unpruned or vendored module, -mod=mod, a view that fails
 * already). */
export function unlistedProviders(view: View, verdicts: Iterable<ImportVerdict>, side: (v: ImportVerdict) => Resolution | undefined): Omit<Broken, 'importPath'> | undefined {
  const v = view as LoadedView;
  const main = v.mainModules[0];
  if (v.kind !== 'module' || v.pruning !== 'pruned' || v.buildMod !== 'readonly' || v.errors.length > 0 || !main) return undefined;
  const roots = new Set(main.modFile.require.map((r) => r.path));
  /** Each unlisted module → how the build loads a package of it. */
  const unlisted = new Map<string, string>();
  const note = (modulePath: string, how: string) => {
    if (!roots.has(modulePath) && !unlisted.has(modulePath)) unlisted.set(modulePath, how);
  };
  for (const verdict of verdicts) {
    const r = side(verdict);
    if (!r?.ok) continue;
    if (r.module) note(r.module.path, `imported as ${verdict.importPath}`);
    // What its dependency packages load: the build-list modules among what they looked up.
    for (const p of r.reaches ?? []) {
      const e = v.buildList.get(p);
      if (e && e.version !== '') note(p, `loaded through the import of ${verdict.importPath}`);
    }
  }
  if (unlisted.size === 0) return undefined;
  const mods = [...unlisted.keys()].sort().map((p) => ({ path: p, version: v.buildList.get(p)?.version ?? '' }));
  const named = mods.map((m) => `${m.path} ${m.version}`.trim());
  const via = mods.map((m) => `${m.path} (${unlisted.get(m.path)})`);
  const file = main.modFile.fileName;
  const range = main.modFile.module?.syntax.range ?? fileStartRange();
  return {
    ok: false,
    code: 'invalid-module-file',
    headline: `go.mod must require ${mods.length === 1 ? named[0] : `${mods.length} modules`}: the build loads packages from ${mods.length === 1 ? 'it' : 'them'}`,
    message:
      `go.mod does not require ${named.join(', ')}, yet the build loads packages from ${mods.length === 1 ? 'it' : 'them'}: ${via.join('; ')}. ` +
      `With graph pruning (go ≥ 1.17) go.mod must list every module that provides a package the build loads, so go would have to update it, which -mod=readonly forbids, and it stops for the whole module. go says: go: ${GO_MOD_DIRTY}`,
    evidence: [{ kind: 'file', file, range, note: `does not require ${named.join(', ')}` }],
    unlisted: mods,
    wholeView: true,
  };
}
