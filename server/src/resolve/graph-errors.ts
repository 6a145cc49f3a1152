// mvs.BuildListError wording: the chain of requirements from the main module to the module whose
// go.mod failed, "A@v1 requires\n\tB@v2 requires\n\tC@v3: <err>", main modules left out.

import type { ModuleVersion } from './graph-summary';

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
