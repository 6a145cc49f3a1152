// go's "updates to go.mod needed" in a single module (modload commitRequirements: the loader had
// to change the roots): fatal for every command in readonly mode, `go list -e` included. The cases
// modelled here were each checked against go 1.26 (test/unit/graph/buildlist-tidy.test.ts).

import type { MainModule, Evidence } from './types';
import type { Range } from '../text/position';
import { compareSemver } from '../module/semver';
import { compareGoVersion, DEFAULT_GO_MOD_VERSION } from '../module/gover';
import { STRICT_GO_VERSION, type ModSummary } from './graph-summary';

export interface GoModUpdate {
  /** go's text without "go: " (readonly; with an explicit -mod the resolver words it). */
  message: string;
  /** Which line is out of date, in plain words. */
  detail: string;
  file: string;
  range?: Range;
  evidence: Evidence[];
  /** go meets it only once it loads the full module graph: a root below the version the graph
   * selects, or a go line below a dependency's. A pruned module's package loading reads the
   * roots' go.mod files alone unless something makes it load the graph (graph-spot-check.ts);
   * an unpruned one always loads it. A path required twice needs no graph. */
  needsFullGraph: boolean;
}

export const GO_MOD_DIRTY = 'updates to go.mod needed; to update it:\n\tgo mod tidy';

export function findGoModUpdates(main: MainModule, selected: ReadonlyMap<string, string>, loaded: Iterable<[string, ModSummary]>): GoModUpdate[] {
  const out: GoModUpdate[] = [];
  const file = main.modFile.fileName;
  const add = (detail: string, range: Range | undefined, note: string, needsFullGraph = true) =>
    out.push({ message: GO_MOD_DIRTY, detail, file, range, evidence: range ? [{ kind: 'file', file, range, note }] : [], needsFullGraph });

  // One reason per path: a path required twice is also below its selected version once.
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const r of main.modFile.require) {
    if (seen.has(r.path) && !twice.has(r.path)) {
      twice.add(r.path);
      add(`${r.path} is required more than once`, r.syntax.range, 'a second requirement on the same path', false);
    }
    seen.add(r.path);
  }
  for (const r of main.modFile.require) {
    const sel = selected.get(r.path);
    if (!twice.has(r.path) && sel && compareSemver(r.version, sel) < 0) {
      add(`the graph selects ${r.path} ${sel}, above the ${r.version} go.mod requires`, r.versionRange, `go would raise this to ${sel}`);
    }
  }

  const mainGo = main.modFile.go?.version || DEFAULT_GO_MOD_VERSION;
  let top: [string, ModSummary] | undefined;
  for (const [key, s] of loaded) {
    if (compareGoVersion(s.goVersion, STRICT_GO_VERSION) >= 0 && compareGoVersion(s.goVersion, mainGo) > 0 && (!top || compareGoVersion(s.goVersion, top[1].goVersion) > 0)) top = [key, s];
  }
  if (top) {
    add(`${top[0]} needs go ${top[1].goVersion}, above the go ${mainGo} of go.mod`, main.modFile.go?.versionRange, `go would raise this to ${top[1].goVersion}`);
  }
  return out;
}
