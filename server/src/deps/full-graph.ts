// A pruned single module whose loaded packages make go read its full module graph, and fail
// there (resolve/graph-spot-check.ts). After loading the packages of `go build ./...`, go
// spot-checks the go.mod of each root that provides one of them (modload spotCheckRoots); when
// one requires more than the roots give — the main module itself (a replaced submodule that
// requires its parent, as go.opentelemetry.io/otel/trace does), a version above a root's, a
// newer go — go loads the full graph, reading every go.mod below an unpruned (go < 1.17) root,
// at versions it will not even select. The first error there stops go for the whole module
// (`go list -e` too: no package is listed): typically "missing go.sum entry for go.mod file" of
// such a version, after go.sum was rebuilt from the imported modules only. Without an error,
// a root below what the graph selects is "updates to go.mod needed". Verified with go 1.26.
//
// Test files do not count: `go build` and `go list -deps` load no test, so a root only a test
// imports is never spot-checked by them (`go test` and `go vet` would check it).

import { lowerFirst } from '../text/sentence';
import type { ImportVerdict } from '../analyze/types';
import type { LoadedView } from '../resolve/view';
import type { Broken, Evidence, Resolution, View } from '../resolve/types';
import type { SpotCheckFailure } from '../resolve/graph-spot-check';
import { graphErrorEffect, type GraphError } from '../resolve/buildlist';
import type { GoModUpdate } from '../resolve/graph-tidy';

/** The failure every import of a module gets when loading its packages makes go read the full
 * graph and that graph fails it; undefined when nothing does, or the rule does not apply (a
 * workspace, an unpruned or vendored module, -mod=mod, a view that fails already). */
export function fullGraphFailure(view: View, verdicts: Iterable<ImportVerdict>, side: (v: ImportVerdict) => Resolution | undefined): Omit<Broken, 'importPath'> | undefined {
  const v = view as LoadedView;
  const facts = v.fullGraph;
  if (!facts || facts.spotCheck.size === 0 || v.kind !== 'module' || v.pruning !== 'pruned' || v.buildMod !== 'readonly' || v.errors.length > 0) return undefined;
  const firstError = v.graphErrors?.[0];
  const update = facts.updates[0];
  if (!firstError && !update) return undefined;
  const trigger = spotCheckedFailure(facts.spotCheck, verdicts, side);
  if (!trigger) return undefined;
  const evidence = triggerEvidence(v, trigger.failure, trigger.importPath);
  return firstError ? graphFailure(v, firstError, trigger.failure, evidence) : updateFailure(v, update!, trigger.failure, evidence);
}

/** The first root that provides a package the build loads (an import's, or one its dependency
 * packages reach) and fails the spot check. */
function spotCheckedFailure(spotCheck: ReadonlyMap<string, SpotCheckFailure>, verdicts: Iterable<ImportVerdict>, side: (v: ImportVerdict) => Resolution | undefined): { failure: SpotCheckFailure; importPath: string } | undefined {
  for (const verdict of verdicts) {
    if (verdict.file.endsWith('_test.go')) continue;
    const r = side(verdict);
    if (!r) continue;
    const loaded = r.ok ? [...(r.module ? [r.module.path] : []), ...(r.reaches ?? [])] : r.chain ? [...(r.reaches ?? [])].filter((p) => p !== r.chain!.failingImport) : [];
    for (const p of loaded) {
      const failure = spotCheck.get(p);
      if (failure) return { failure, importPath: verdict.importPath };
    }
  }
  return undefined;
}

function triggerEvidence(view: LoadedView, failure: SpotCheckFailure, importPath: string): Evidence {
  const mod = view.mainModules[0].modFile;
  const req = mod.require.find((r) => r.path === failure.root.path && r.version === failure.root.version);
  const note = `${failure.reason}; it provides what the import of ${importPath} loads, so go checks its requirements, and this one makes it load the full module graph`;
  return req ? { kind: 'file', file: mod.fileName, range: req.syntax.range, note } : { kind: 'env', name: 'go.mod', value: `require ${failure.root.path} ${failure.root.version}`, note };
}

const WHY_FULL = 'go reads the full module graph of this module';

function graphFailure(view: LoadedView, e: GraphError, trigger: SpotCheckFailure, triggerNote: Evidence): Omit<Broken, 'importPath'> {
  const effect = graphErrorEffect(e, 'unpruned');
  const goText = effect.kind === 'fatal' ? effect.text : `go: ${e.error.message}`;
  const why = `${WHY_FULL} (${trigger.reason}, more than go.mod's requirements give), and stops for the whole module at its first error`;
  if (e.error.code !== 'missing-go-sum') {
    return { ok: false, code: e.error.code, headline: `In the full module graph, which its dependencies make go read: ${lowerFirst(e.error.headline)}`, message: `${why}: ${e.error.message.split('\n').pop()!.trim()}. go says: ${goText}`, evidence: [...e.error.evidence, triggerNote], wholeView: true };
  }
  const missing = (view.graphErrors ?? []).filter((g) => g.error.code === 'missing-go-sum').map((g) => ({ path: g.path, version: g.version }));
  const named = missing.map((m) => `${m.path} ${m.version}${view.buildList.get(m.path)?.version === m.version ? '' : ' (a version the graph reads but does not select)'}`);
  return {
    ok: false,
    code: 'missing-go-sum',
    headline: `go.sum lacks the go.mod checksum${missing.length === 1 ? ` of ${missing[0].path}@${missing[0].version}` : `s of ${missing.length} modules`}, needed by the full module graph`,
    message:
      `${why}: go.sum lacks the go.mod checksum of ${named.join(', ')}. ` +
      `go's advice, go mod download of the module path, records no such line; go mod download without arguments, which reads the full graph, does. go says: ${goText}`,
    evidence: [...e.error.evidence, triggerNote],
    missingGoModSums: missing,
    wholeView: true,
  };
}

function updateFailure(view: LoadedView, u: GoModUpdate, trigger: SpotCheckFailure, triggerNote: Evidence): Omit<Broken, 'importPath'> {
  const goText = view.env.flags.mod ? u.message.replace('updates to go.mod needed', `updates to go.mod needed, disabled by -mod=${view.env.flags.mod}`) : u.message;
  return {
    ok: false,
    code: 'invalid-module-file',
    headline: `The full module graph, which its dependencies make go read, needs go.mod updated: ${u.detail}`,
    message: `${WHY_FULL} (${trigger.reason}, more than go.mod's requirements give), and there ${u.detail}: go would have to update go.mod, which -mod=readonly forbids, so it stops for the whole module. go says: go: ${goText}`,
    evidence: [...u.evidence, triggerNote],
    wholeView: true,
  };
}
