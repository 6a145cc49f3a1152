// Which versions of a module the module cache holds, and which of them still hold a given package
// directory. An ambiguous import is most often a module split: an old version of a "monolith"
// (example.com/lib v1.0.0) still holds a package that now lives in a module of its own
// (example.com/lib/sub); a later version of the monolith without that directory ends the
// ambiguity. Read from the cache only — no go command, no network — so the resolver can say what
// it looked at and the fix planner can offer `go get MONOLITH@VERSION` that works offline.

import * as path from 'node:path';
import type { FileSystem } from '../fsys/fsys';
import { escapeModulePath, unescapeVersion } from '../module/path';
import { compareSemver, isValidSemver, semverPrerelease } from '../module/semver';
import { cacheDownloadDir, cacheFile, moduleDirState } from './modcache';
import { readZipNames } from './modzip';
import { hasGoFile } from './std';

/** Every version of modPath the cache knows of: the download directory's list file, its
 * .mod/.info/.zip files and the extracted trees; valid semantic versions only, lowest first. */
export function cachedVersions(fs: FileSystem, gomodcache: string, modPath: string): string[] {
  const found = new Set<string>();
  const add = (v: string | undefined) => {
    if (v && isValidSemver(v)) found.add(v);
  };
  const vdir = cacheDownloadDir(gomodcache, modPath);
  for (const line of (fs.readText(path.join(vdir, 'list')) ?? '').split('\n')) add(line.trim());
  for (const e of fs.readDir(vdir) ?? []) {
    const m = /^(.*)\.(mod|info|zip)$/.exec(e.name);
    if (m) add(unescapeVersion(m[1]));
  }
  const esc = escapeModulePath(modPath).split('/');
  const prefix = esc.pop() + '@';
  for (const e of fs.readDir(path.join(gomodcache, ...esc)) ?? []) {
    if (e.isDir && e.name.startsWith(prefix)) add(unescapeVersion(e.name.slice(prefix.length)));
  }
  return [...found].sort(compareSemver);
}

/** Whether modPath@version holds Go files in its directory `rel` ('' for the module root), read
 * from the complete extracted tree or else the cached zip's file list; undefined when the cache
 * has neither. A module zip leaves nested modules out, so no go.mod check is needed. */
export function versionHoldsDir(fs: FileSystem, gomodcache: string, modPath: string, version: string, rel: string): boolean | undefined {
  const tree = moduleDirState(fs, gomodcache, modPath, version);
  if (tree.ok) return hasGoFile(fs, rel ? path.join(tree.dir, ...rel.split('/')) : tree.dir);
  const zip = fs.readBytes(cacheFile(gomodcache, modPath, version, 'zip'));
  const names = zip && readZipNames(zip);
  if (!names) return undefined;
  const dirPrefix = `${modPath}@${version}/${rel ? rel + '/' : ''}`;
  return names.some((n) => n.startsWith(dirPrefix) && n.endsWith('.go') && !n.slice(dirPrefix.length).includes('/'));
}

/** One cached version of a monolith, as the search saw it: holds the package, does not, or
 * cannot tell (only its go.mod or .info is cached). */
export interface LookedAtVersion {
  version: string;
  holds: boolean | undefined;
}

export interface SplitSearch {
  /** Every cached version above the current one, lowest first. */
  looked: LookedAtVersion[];
  /** The version to move to: the lowest release above the current one without the package (a
   * pre-release only when no release qualifies). */
  version?: string;
}

/** The version of modPath, above `current`, that no longer holds package importPath. */
export function versionWithoutPackage(fs: FileSystem, gomodcache: string, modPath: string, current: string, importPath: string): SplitSearch {
  const rel = importPath === modPath ? '' : importPath.slice(modPath.length + 1);
  const looked = cachedVersions(fs, gomodcache, modPath)
    .filter((v) => compareSemver(v, current) > 0)
    .map((version) => ({ version, holds: versionHoldsDir(fs, gomodcache, modPath, version, rel) }));
  const without = looked.filter((l) => l.holds === false);
  const release = without.find((l) => semverPrerelease(l.version) === '');
  return { looked, version: (release ?? without[0])?.version };
}

/** How many looked-at versions a message names before "and N more". */
const NAMED_VERSIONS = 8;

/** Plain words for what the search found, for a diagnostic's message: the version it chose, or
 * every version it looked at and why none will do. */
export function describeSplitSearch(modPath: string, current: string, importPath: string, search: SplitSearch): string {
  const before = search.version ? search.looked.filter((l) => compareSemver(l.version, search.version!) < 0) : search.looked;
  const named = before.slice(0, NAMED_VERSIONS).map((l) => `${l.version} (${l.holds ? 'still holds it' : l.holds === false ? 'a pre-release' : 'its files are not cached'})`);
  if (before.length > NAMED_VERSIONS) named.push(`${before.length - NAMED_VERSIONS} more`);
  const seen = named.length ? `looked at ${named.join(', ')}` : '';
  if (search.version) return `In the module cache, ${modPath} ${search.version} is the first version above ${current} without ${importPath}${seen ? ` (${seen})` : ''}.`;
  if (!seen) return `The module cache has no version of ${modPath} above ${current}, so none known to drop ${importPath}.`;
  return `No version of ${modPath} in the module cache above ${current} is known to drop ${importPath}: ${seen}.`;
}
