// Environment variables as data: one order for keys, so two environments compare (and key caches)
// by content.

/** The entries of an environment sorted by name. */
export function sortedEntries<T>(env: Record<string, T>): [string, T][] {
  return Object.entries(env).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
