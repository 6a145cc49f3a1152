// Finding the files that decide a view: the go.work and go.mod the go command would pick up from a
// directory (modload.FindGoWork / findModuleRoot / Init), and every module root under a folder.

import * as path from 'node:path';
import type { FileSystem } from '../fsys/fsys';
import type { GoEnv } from '../env/types';
import type { WorkFile } from '../parse/ast';

/** go's test for a go.mod or go.work (findModuleRoot, findWorkspaceFile): it exists and is not a
 * directory. A FIFO or a device counts: go then fails on it, and so does the view. */
export function isModuleFile(fs: FileSystem, p: string): boolean {
  const st = fs.stat(p);
  return st !== undefined && !st.isDir;
}

/** The go.work in effect for a go command run in `startDir` (spec §1.2): none with GOWORK=off, the
 * setting itself when it is a path, else the first go.work walking up, never crossing into GOROOT.
 * A relative GOWORK is returned as is; loadView reports it ("invalid GOWORK: not an absolute path"). */
export function findGoWork(startDir: string, env: GoEnv, fs: FileSystem): string | undefined {
  const setting = env.gowork === 'auto' ? '' : env.gowork;
  if (setting === 'off') return undefined;
  if (setting !== '') return setting;
  const goroot = env.goroot ? path.resolve(env.goroot) : '';
  let dir = path.resolve(startDir);
  for (;;) {
    const f = path.join(dir, 'go.work');
    if (isModuleFile(fs, f)) return f;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    // As go does: don't cross GOROOT to find a go.work (std always uses its own vendoring).
    if (goroot && parent === goroot) return undefined;
    dir = parent;
  }
}

export interface ModuleRootSearch {
  /** The module root go would use, or undefined when none (or the one found is ignored). */
  root?: string;
  /** The go.mod directory found walking up, even when go ignores it. */
  found?: string;
  /** go's stderr warnings ("go: warning: ignoring go.mod in ..."): data for messages. */
  warnings: string[];
}

/** The system temp dir as os.TempDir() sees it in `env`. */
export function osTempDir(env: GoEnv): string {
  const t = env.processEnv.TMPDIR;
  return path.resolve(t && t !== '' ? t : '/tmp');
}

/** findModuleRoot plus Init's special cases (spec §1.3): a go.mod in the system temp root is
 * ignored; a $GOPATH/go.mod only earns a warning (and makes GO111MODULE=auto stay in GOPATH mode,
 * which loadView decides). */
export function searchModuleRoot(dir: string, env: GoEnv, fs: FileSystem): ModuleRootSearch {
  const warnings: string[] = [];
  let found: string | undefined;
  let d = path.resolve(dir);
  for (;;) {
    if (isModuleFile(fs, path.join(d, 'go.mod'))) {
      found = d;
      break;
    }
    const parent = path.dirname(d);
    if (parent === d) break;
    d = parent;
  }
  let root = found;
  if (found !== undefined && found === osTempDir(env)) {
    warnings.push(`go: warning: ignoring go.mod in system temp root ${osTempDir(env)}`);
    root = undefined;
  }
  const gopath0 = env.gopath[0];
  if (gopath0 && fs.stat(path.join(gopath0, 'go.mod'))) warnings.push(`go: warning: ignoring go.mod in $GOPATH ${gopath0}`);
  return { root, found, warnings };
}

/** The module root for a go command run in `dir`, or undefined (spec §1.3). */
export function findModuleRoot(dir: string, env: GoEnv, fs: FileSystem): string | undefined {
  return searchModuleRoot(dir, env, fs).root;
}

const MAX_DIRS = 20000;
const MAX_DEPTH = 64;

/** Every directory under `folder` (itself included) that holds a go.mod, sorted, skipping what the
 * go command's ./... skips (vendor, testdata, names starting with . or _) and node_modules.
 * Bounded, and safe against symlink loops (each real directory is visited once). */
export function listModuleRoots(folder: string, fs: FileSystem): string[] {
  const roots: string[] = [];
  const seen = new Set<string>();
  let visited = 0;
  const walk = (dir: string, depth: number) => {
    if (visited++ >= MAX_DIRS || depth > MAX_DEPTH) return;
    const real = fs.realpath(dir) ?? dir;
    if (seen.has(real)) return;
    seen.add(real);
    const entries = fs.readDir(dir);
    if (!entries) return;
    if (entries.some((e) => e.name === 'go.mod' && (e.isFile || (!e.isDir && isModuleFile(fs, path.join(dir, e.name)))))) roots.push(dir);
    for (const e of [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (e.name === 'vendor' || e.name === 'testdata' || e.name === 'node_modules') continue;
      if (e.name.startsWith('.') || e.name.startsWith('_')) continue;
      const child = path.join(dir, e.name);
      if (e.isDir || (e.isSymlink && fs.stat(child)?.isDir)) walk(child, depth + 1);
    }
  };
  walk(path.resolve(folder), 0);
  return roots.sort();
}

/** base.ShortPath: the path relative to cwd when that is shorter (how go names files in messages). */
export function shortPath(cwd: string, p: string): string {
  const rel = path.relative(cwd, p);
  return rel !== '' && rel.length < p.length && !rel.startsWith('..') ? rel : p;
}

/** A directory a go.work uses, with the files a view reads there. */
export interface UseDir {
  dir: string;
  goMod: string;
  goSum: string;
}

const useDirs = new WeakMap<WorkFile, UseDir[]>();

/** The directory each `use` line of a go.work names, absolute, in the order of the lines: once
 * per parse (a workspace view is reloaded after every edit to one of its 200 go.mod files). */
export function workUseDirs(work: WorkFile): UseDir[] {
  let dirs = useDirs.get(work);
  if (!dirs) {
    const workDir = path.dirname(work.fileName);
    dirs = work.use.map((u) => {
      const dir = path.resolve(workDir, u.path);
      return { dir, goMod: path.join(dir, 'go.mod'), goSum: path.join(dir, 'go.sum') };
    });
    useDirs.set(work, dirs);
  }
  return dirs;
}
