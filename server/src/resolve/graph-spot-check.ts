// When a pruned single main module's package loading reads the full module graph. Loading
// packages reads only the go.mod files of the main go.mod's requirements (the roots) and of the
// modules providing packages. It loads the full graph (modload Requirements.Graph →
// readModGraph: every root's go.mod, and below an unpruned (go < 1.17) root every go.mod it
// requires, transitively, selected or not) in two situations:
//  - an import no root provides (importFromModules looks beyond the roots); the graph's error is
//    then that import's error (resolve/importer.ts);
//  - after loading, updatePrunedRoots spot-checks the roots that provide loaded packages
//    (spotCheckRoots): when one of them requires more than the roots give — a version above the
//    root's, the main module itself (its version "" is below every version), or a go version
//    above the main go line — go loads the full graph, and its first error stops go for the
//    whole module (deps/full-graph.ts); without one, roots below what the graph selects are
//    "updates to go.mod needed".
// All verified with go 1.26 (test/unit/graph/full-graph.test.ts and the fixture cases
// full-graph-go-mod-sum-missing, spot-check-passes).

import { compareGoVersion, DEFAULT_GO_MOD_VERSION } from '../module/gover';
import { compareSemver } from '../module/semver';
import { STRICT_GO_VERSION, type ModSummary, type ModuleVersion } from './graph-summary';
import type { GraphError } from './buildlist';
import type { GoModUpdate } from './graph-tidy';
import type { BuildListEntry, MainModule } from './types';

/** What the full graph holds for go that the roots alone do not (pruned single module). */
export interface FullGraphFacts {
  /** The roots whose go.mod fails go's spot check, by module path; the others pass. */
  spotCheck: Map<string, SpotCheckFailure>;
  /** The go.mod updates go needs once it has the full graph. */
  updates: GoModUpdate[];
  /** The roots the full graph selects above the version go.mod requires, at that version:
   * package loading takes a root's packages from there (importFromModules asks rootSelected
   * first), and when it does read the full graph such a root is an update go.mod needs. */
  rootEntries: BuildListEntry[];
}

export interface SpotCheckFailure {
  /** The root, at its highest version in the main go.mod (modload rootSelected). */
  root: ModuleVersion;
  /** Why, in plain words: "example.com/a v1.0.0 requires example.com/app, the main module itself". */
  reason: string;
}

const key = (m: ModuleVersion) => `${m.path}@${m.version}`;

/** Each root path's version as go's loader sees it before reading the full graph (modload
 * rootSelected): the highest the main go.mod requires. */
export function rootVersions(roots: readonly ModuleVersion[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of roots) {
    const v = out.get(r.path);
    if (v === undefined || compareSemver(v, r.version) < 0) out.set(r.path, r.version);
  }
  return out;
}

/** spotCheckRoots for every root whose go.mod was read: does it require a module path at a
 * version above what the roots select (rootSelected), the main module, or a newer go? */
export function spotCheckRoots(main: MainModule, rootVersion: ReadonlyMap<string, string>, summaries: ReadonlyMap<string, ModSummary | undefined>): Map<string, SpotCheckFailure> {
  const mainGo = main.modFile.go?.version || DEFAULT_GO_MOD_VERSION;
  const out = new Map<string, SpotCheckFailure>();
  for (const [path, version] of rootVersion) {
    const root = { path, version };
    // A go.mod go could not read fails its packages' imports already; go never spot-checks it.
    const summary = summaries.get(key(root));
    if (!summary) continue;
    const reason = spotCheckReason(root, summary, main.path, rootVersion, mainGo);
    if (reason) out.set(path, { root, reason });
  }
  return out;
}

function spotCheckReason(root: ModuleVersion, summary: ModSummary, mainPath: string, rootVersion: ReadonlyMap<string, string>, mainGo: string): string | undefined {
  const who = `${root.path} ${root.version}`;
  for (const r of summary.require) {
    if (r.path === mainPath) return `${who} requires ${r.path} ${r.version}, the main module itself`;
    const v = rootVersion.get(r.path);
    if (v !== undefined && compareSemver(v, r.version) < 0) return `${who} requires ${r.path} ${r.version}, above the ${v} go.mod requires`;
  }
  // From go 1.21 on a go line is a requirement on the module "go".
  if (compareGoVersion(summary.goVersion, STRICT_GO_VERSION) >= 0 && compareGoVersion(summary.goVersion, mainGo) > 0) {
    return `${who} needs go ${summary.goVersion}, above the go ${mainGo} of go.mod`;
  }
  return undefined;
}

/** The graph errors in the order go finds them (mvs Graph.FindPath, breadth-first from the main
 * modules over their requirements; a single module's roots sorted by path and version, as
 * modload keeps them): the first is the one go reports. */
export function inFindOrder(errors: GraphError[], mainKeys: readonly string[], required: ReadonlyMap<string, ModuleVersion[]>, sortRoots: boolean): GraphError[] {
  if (errors.length < 2) return errors;
  const rank = new Map<string, number>();
  const mains = new Set(mainKeys);
  const seen = new Set<string>(mainKeys);
  const queue = [...mainKeys];
  for (let i = 0; i < queue.length; i++) {
    rank.set(queue[i], i);
    let reqs = required.get(queue[i]) ?? [];
    if (sortRoots && mains.has(queue[i])) reqs = [...reqs].sort(byPathThenVersion);
    for (const r of reqs) {
      const k = key(r);
      if (seen.has(k)) continue;
      seen.add(k);
      queue.push(k);
    }
  }
  // Ranked once each, not once per comparison (100k errors are sorted in a go.mod of 100k requires).
  const ranked = errors.map((e) => ({ e, at: rank.get(key(e)) ?? Number.MAX_SAFE_INTEGER }));
  return ranked.sort((a, b) => a.at - b.at).map((r) => r.e);
}

function byPathThenVersion(a: ModuleVersion, b: ModuleVersion): number {
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  return compareSemver(a.version, b.version);
}
