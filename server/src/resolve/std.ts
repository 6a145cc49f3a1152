// The standard library as the go command sees it: a std-like import path (no dot in its first
// element) is a package iff $GOROOT/src/<path> holds a *.go entry (spec §4.2). The package list
// (for "did you mean") is read once per GOROOT.

import * as path from 'node:path';
import type { FileSystem, DirEntry } from '../fsys/fsys';
import { editDistance } from '../text/distance';

/** fsys.IsGoDir: some regular file (or symlink to one) named *.go, any name. */
export function hasGoFile(fs: FileSystem, dir: string, entries?: DirEntry[]): boolean {
  const list = entries ?? fs.readDir(dir);
  if (!list) return false;
  return list.some((e) => e.name.endsWith('.go') && (e.isFile || (e.isSymlink && fs.stat(path.join(dir, e.name))?.isFile === true)));
}

/** The directory of std package `importPath` when GOROOT/src has it, else undefined. */
export function stdPackageDir(goroot: string, importPath: string, fs: FileSystem): string | undefined {
  if (!goroot) return undefined;
  const dir = path.join(goroot, 'src', ...importPath.split('/'));
  return hasGoFile(fs, dir) ? dir : undefined;
}

const stdListCache = new Map<string, string[]>();

/** Every importable std package path under GOROOT/src (cmd, vendor, internal trees, testdata and
 * dot/underscore names left out), cached per GOROOT. */
export function stdPackages(goroot: string, fs: FileSystem): string[] {
  const cached = stdListCache.get(goroot);
  if (cached) return cached;
  const out: string[] = [];
  const src = path.join(goroot, 'src');
  const walk = (dir: string, rel: string, depth: number) => {
    if (depth > 12 || out.length > 5000) return;
    const entries = fs.readDir(dir);
    if (!entries) return;
    if (rel && hasGoFile(fs, dir, entries)) out.push(rel);
    for (const e of entries) {
      if (!e.isDir) continue;
      const n = e.name;
      if (n === 'testdata' || n === 'vendor' || n === 'internal' || n.startsWith('.') || n.startsWith('_')) continue;
      if (!rel && n === 'cmd') continue;
      walk(path.join(dir, n), rel ? `${rel}/${n}` : n, depth + 1);
    }
  };
  if (goroot) walk(src, '', 0);
  out.sort();
  stdListCache.set(goroot, out);
  return out;
}

const nearStd = new WeakMap<readonly string[], Map<string, string[]>>();

/** nearMatches among a GOROOT's packages (stdPackages), kept per import path: every analysis
 * explains a missing standard package again, and measuring it against 300 names costs more than
 * resolving it. */
export function nearStdPackages(wanted: string, std: readonly string[]): string[] {
  let byPath = nearStd.get(std);
  if (!byPath) nearStd.set(std, (byPath = new Map()));
  let near = byPath.get(wanted);
  if (!near) byPath.set(wanted, (near = nearMatches(wanted, std)));
  return near;
}

/** Near matches of `wanted` among `candidates`: small edit distance, or the same last element. */
export function nearMatches(wanted: string, candidates: readonly string[], max = 3): string[] {
  const last = wanted.slice(wanted.lastIndexOf('/') + 1);
  const limit = Math.max(1, Math.min(3, Math.floor(wanted.length / 3)));
  const scored: { c: string; d: number }[] = [];
  for (const c of candidates) {
    if (c === wanted) continue;
    const d = editDistance(wanted, c);
    if (d <= limit) scored.push({ c, d });
    else if (c.slice(c.lastIndexOf('/') + 1) === last) scored.push({ c, d: limit + 1 });
  }
  scored.sort((x, y) => x.d - y.d || (x.c < y.c ? -1 : x.c > y.c ? 1 : 0));
  return scored.slice(0, max).map((s) => s.c);
}
