// A pruned single module's import that no requirement of go.mod provides: go looks for it in the
// full module graph, which it loads for that (modload importFromModules → Requirements.Graph),
// and when that graph has an error, the error is the import's, whichever module would have
// provided the package (verified with go 1.26: a package of a module only a dependency requires,
// with a go.mod checksum missing below an unpruned root, gets the graph's "missing go.sum entry
// for go.mod file"). go's words are the graph error's, without "go: " unless go stops with it.

import { pathPrefixes } from '../module/path';
import { graphErrorEffect } from './buildlist';
import type { LoadedView } from './view';
import type { Broken } from './types';

/** The import's failure when it is looked up beyond the roots of `view` and the full graph fails;
 * undefined when no module of the graph could provide it (then go's not-found explanation is the
 * more useful one) or the graph is fine. */
export function beyondRootsFailure(view: LoadedView, importPath: string): Broken | undefined {
  const g = view.kind === 'module' ? view.graphErrors?.[0] : undefined;
  if (!g) return undefined;
  const owner = pathPrefixes(importPath).map((p) => view.buildList.get(p)).find((e) => e && e.version !== '' && e.version !== 'none');
  if (!owner) return undefined;
  const effect = graphErrorEffect(g, 'pruned');
  const goText = effect.kind === 'if-imported' && effect.fatalText !== undefined ? effect.fatalText : g.error.message;
  const plain = g.error.code === 'missing-go-sum' ? `go.sum lacks the go.mod checksum of ${g.path} ${g.version}.` : `${g.error.message.split('\n').pop()!.trim()}.`;
  const b: Broken = {
    ok: false,
    importPath,
    code: g.error.code,
    headline: `Only a dependency requires ${owner.path}, and go fails reading the full graph`,
    message: `No requirement of go.mod provides ${importPath} (${owner.path} ${owner.version} is in the module graph, required by a dependency only), so go reads the full module graph to find it, and fails there: ${plain} go says: ${goText}`,
    evidence: g.error.evidence,
  };
  if (g.error.code === 'missing-go-sum') {
    b.missingGoModSums = (view.graphErrors ?? []).filter((x) => x.error.code === 'missing-go-sum').map((x) => ({ path: x.path, version: x.version }));
  }
  return b;
}
