// Every module found under the analysed folder, with the path its go.mod declares: the candidates
// for "did you mean", for wiring a local module in (go.work, replace) and for correcting paths.

import * as path from 'node:path';
import type { FileSystem } from '../fsys/fsys';
import { parseGoModOnce } from '../resolve/parsed';
import type { ModFile } from '../parse/ast';
import type { FolderLayout, ModuleLayout } from './layout';
import { pathPrefixes } from '../module/path';

export interface LocalModule {
  root: string;
  /** The path its go.mod declares ('' when it has no module line). */
  path: string;
  modFile: ModFile;
}

const kept = new WeakMap<ModuleLayout, { file: string; text?: string; local?: LocalModule }>();

export function localModules(layout: FolderLayout, fs: FileSystem): LocalModule[] {
  const out: LocalModule[] = [];
  for (const m of layout.modules) {
    let k = kept.get(m);
    if (!k) kept.set(m, (k = { file: path.join(m.root, 'go.mod') }));
    const text = fs.readText(k.file);
    if (text === undefined) continue;
    // A module whose go.mod reads as before is the same object (after an edit to one of 200).
    if (k.text !== text || !k.local) {
      const modFile = parseGoModOnce(fs, k.file, text);
      k.text = text;
      k.local = { root: m.root, path: modFile.module?.path ?? '', modFile };
    }
    out.push(k.local);
  }
  return out;
}

/** The local module whose declared path is the longest prefix of importPath (the first listed,
 * when two declare it). */
export function localModuleProviding(mods: readonly LocalModule[], importPath: string): LocalModule | undefined {
  const named = modulesByPath(mods);
  for (const p of pathPrefixes(importPath)) {
    const m = named.get(p);
    if (m) return m;
  }
  return undefined;
}

const byPath = new WeakMap<readonly LocalModule[], Map<string, LocalModule>>();

/** The first module declaring each path (every import of a broken package asks). */
function modulesByPath(mods: readonly LocalModule[]): Map<string, LocalModule> {
  let m = byPath.get(mods);
  if (!m) {
    m = new Map();
    for (const mod of mods) if (mod.path && !m.has(mod.path)) m.set(mod.path, mod);
    byPath.set(mods, m);
  }
  return m;
}

/** A local module that the import would name, were its go.mod's module line the import's prefix:
 * `go mod init auth-module` in …/auth-module, imported as github.com/company/auth-module/jwt. */
export function mismatchedLocalModule(mods: readonly LocalModule[], importPath: string, fs: FileSystem): { mod: LocalModule; expectedPath: string } | undefined {
  const parts = importPath.split('/');
  const named = modulesByDirName(mods);
  // In the order of mods, as the first module that fits wins.
  const candidates = [...new Set(parts.flatMap((p) => named.get(p) ?? []))].sort((a, b) => mods.indexOf(a) - mods.indexOf(b));
  for (const mod of candidates) {
    if (!mod.path || importPath === mod.path || importPath.startsWith(mod.path + '/')) continue;
    for (let i = parts.length; i >= 1; i--) {
      if (parts[i - 1] !== path.basename(mod.root)) continue;
      const rest = parts.slice(i);
      const dir = path.join(mod.root, ...rest);
      if (rest.length === 0 || fs.stat(dir)?.isDir) return { mod, expectedPath: parts.slice(0, i).join('/') };
    }
  }
  return undefined;
}

const byDirName = new WeakMap<readonly LocalModule[], Map<string, LocalModule[]>>();

/** The modules by the name of their root directory (what an import path would call them). */
function modulesByDirName(mods: readonly LocalModule[]): Map<string, LocalModule[]> {
  let m = byDirName.get(mods);
  if (!m) {
    m = new Map();
    for (const mod of mods) {
      const name = path.basename(mod.root);
      const list = m.get(name);
      if (list) list.push(mod);
      else m.set(name, [mod]);
    }
    byDirName.set(mods, m);
  }
  return m;
}

/** The innermost local module holding dir. */
export function localModuleHolding(mods: readonly LocalModule[], dir: string): LocalModule | undefined {
  let found: LocalModule | undefined;
  for (const m of mods) if ((dir === m.root || dir.startsWith(m.root + path.sep)) && (!found || m.root.length > found.root.length)) found = m;
  return found;
}
