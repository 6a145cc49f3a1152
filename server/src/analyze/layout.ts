// The shape of a folder as the go command's `./...` sees it: module roots, and the package
// directories that belong to each (a nested go.mod starts another module). Walked once per analysis.

import * as path from 'node:path';
import type { FileSystem, NonUtf8Name } from '../fsys/fsys';
import { isModuleFile } from '../resolve/discover';

export interface ModuleLayout {
  /** Absolute module root (holds go.mod). */
  root: string;
  /** Directories under root (root included) that hold .go files, excluding nested modules. */
  packageDirs: string[];
}

export interface FolderLayout {
  folder: string;
  modules: ModuleLayout[];
  /** Directories with .go files that are in no module under the folder (their go.mod, if any, is above the folder). */
  outsideModules: string[];
  /** Directories ./... would walk whose names are not UTF-8 and that hold packages: no path names
   * them, so they are not walked; go refuses each package there (malformed import path). */
  nonUtf8Dirs: { parent: string; name: NonUtf8Name; module?: ModuleLayout }[];
}

/** Upper bound on directories walked, so a huge or looping tree cannot stall an analysis. */
const MAX_DIRS = 200_000;

/** Directory names the go command's `./...` pattern never enters. */
export function isIgnoredDirName(name: string): boolean {
  return name === 'vendor' || name === 'testdata' || name === 'node_modules' || name.startsWith('.') || name.startsWith('_');
}

export function folderLayout(folder: string, fs: FileSystem): FolderLayout {
  const layout: FolderLayout = { folder, modules: [], outsideModules: [], nonUtf8Dirs: [] };
  let walked = 0;
  // Symlinked directories are not followed (like `./...`), which also rules out loops.
  const walk = (dir: string, current: ModuleLayout | undefined) => {
    if (++walked > MAX_DIRS) return;
    const entries = fs.readDir(dir);
    if (!entries) return;
    let mod = current;
    if (entries.some((e) => e.name === 'go.mod' && (e.isFile || (!e.isDir && isModuleFile(fs, path.join(dir, e.name)))))) {
      mod = { root: dir, packageDirs: [] };
      layout.modules.push(mod);
    }
    if (entries.some((e) => e.name.endsWith('.go') && (e.isFile || e.isSymlink))) {
      if (mod) mod.packageDirs.push(dir);
      else layout.outsideModules.push(dir);
    }
    for (const e of entries) {
      if (!e.isDir || isIgnoredDirName(e.name)) continue;
      if (e.nonUtf8) {
        if (e.nonUtf8.goDirs.length) layout.nonUtf8Dirs.push({ parent: dir, name: e.nonUtf8, module: mod });
        continue;
      }
      walk(path.join(dir, e.name), mod);
    }
  };
  walk(folder, undefined);
  return layout;
}

/** The module whose tree holds dir (the innermost root that is dir or an ancestor). */
export function moduleOf(layout: FolderLayout, dir: string): ModuleLayout | undefined {
  return innermost(layout.modules, dir, (m) => m.root);
}

/** Of items that each stand for a directory tree, the innermost whose tree holds dir. */
export function innermost<T>(items: Iterable<T>, dir: string, rootOf: (item: T) => string): T | undefined {
  let best: T | undefined;
  let bestLength = -1;
  for (const item of items) {
    const root = rootOf(item);
    if ((dir === root || dir.startsWith(root + path.sep)) && root.length > bestLength) (best = item), (bestLength = root.length);
  }
  return best;
}
