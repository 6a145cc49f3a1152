// mvs.BuildListError wording: the chain of requirements from the main module to the module whose
// go.mod failed, "A@v1 requires\n\tB@v2 requires\n\tC@v3: <err>", main modules left out.

import type { ModuleVersion } from './graph-summary';
import type { GraphError, Pruning } from './buildlist';

const key = (m: ModuleVersion) => `${m.path}@${m.version}`;

/** `message` already starts with the failing module ("C@v3: …"); this prefixes the requirers. */
export function chainMessage(failed: ModuleVersion, requiredBy: Map<string, ModuleVersion>, message: string): string {
  const chain: ModuleVersion[] = [];
  const visited = new Set<string>([key(failed)]);
  let cur = requiredBy.get(key(failed));
  while (cur && cur.version !== '' && !visited.has(key(cur))) {
    visited.add(key(cur));
    chain.unshift(cur);
    cur = requiredBy.get(key(cur));
  }
  return chain.map((m) => `${m.path}@${m.version} requires\n\t`).join('') + message;
}

/** How the go command surfaces one graph error while loading packages (`go list -e -deps`,
 * go build), by the kind of graph (all verified with go 1.26 in test/unit/graph/buildlist-errors.test.ts,
 * except the workspace cases of checksum-mismatch and go-version-too-new, assumed fatal as elsewhere). */
export type GraphErrorEffect =
  /** go stops before loading any package and prints `text` (go list -e too: exit 1, no JSON). */
  | { kind: 'fatal'; text: string }
  /** Workspace: the whole graph is loaded first, so every imported package of a non-workspace
   * module gets Error `err` (std is unaffected). */
  | { kind: 'every-import'; err: string }
  /** Pruned single module: go reads go.mod files lazily, so only imports of packages in this very
   * module see it: as Error `err`, or go stops with `fatalText`. */
  | { kind: 'if-imported'; err?: string; fatalText?: string };

export function graphErrorEffect(e: GraphError, pruning: Pruning): GraphErrorEffect {
  const fatalText = fatalTextOf(e);
  if (pruning === 'unpruned') return { kind: 'fatal', text: fatalText ?? `go: ${e.error.message}` };
  if (fatalText !== undefined) return pruning === 'workspace' ? { kind: 'fatal', text: fatalText } : { kind: 'if-imported', fatalText };
  if (pruning === 'workspace') return { kind: 'every-import', err: e.error.message };
  return { kind: 'if-imported', err: e.importErr ?? e.error.message };
}

/** The text of the errors go reports with base.Fatal whatever the graph: a go.sum mismatch
 * (printed as is) and a too-new go line (gover.TooNewError, without the requirement chain). */
function fatalTextOf(e: GraphError): string | undefined {
  if (e.error.code === 'checksum-mismatch') return e.error.message;
  if (e.error.code === 'go-version-too-new') {
    const i = e.error.message.indexOf(`module ${e.path}@${e.version} requires go >= `);
    return `go: ${i >= 0 ? e.error.message.slice(i) : e.error.message}`;
  }
  return undefined;
}

const byModule = new WeakMap<readonly GraphError[], Map<string, GraphError>>();

/** The first graph error of path@version: one pass over the errors per list, not one per import
 * (a go.mod of 100k requires and no go.sum has 100k errors). */
export function graphErrorOf(errors: readonly GraphError[] | undefined, path: string, version: string): GraphError | undefined {
  if (!errors?.length) return undefined;
  let index = byModule.get(errors);
  if (!index) {
    index = new Map();
    for (const g of errors) if (!index.has(key(g))) index.set(key(g), g);
    byModule.set(errors, index);
  }
  return index.get(key({ path, version }));
}

const firstEveryImport = new WeakMap<readonly GraphError[], GraphError | null>();

/** The first error that strikes every import of a module outside a workspace, looked for once per list. */
export function everyImportGraphError(errors: readonly GraphError[] | undefined): GraphError | undefined {
  if (!errors?.length) return undefined;
  let g = firstEveryImport.get(errors);
  if (g === undefined) firstEveryImport.set(errors, (g = errors.find((x) => graphErrorEffect(x, 'workspace').kind === 'every-import') ?? null));
  return g ?? undefined;
}
