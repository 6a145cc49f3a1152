// What only a view of the whole folder can tell: an import that no build-list module provides
// but that names a module sitting right here — either one whose go.mod declares another path
// (`go mod init auth-module`), or one that nothing wires into the build (no go.work, no replace) —
// or that names a package of the importing module itself under another module path.

import * as path from 'node:path';
import type { FileSystem } from '../fsys/fsys';
import type { Broken, Resolution, View } from '../resolve/types';
import type { LocalModule } from './local-modules';
import { localModuleProviding, mismatchedLocalModule } from './local-modules';
import { mainModuleAt } from '../resolve/main-modules';
import { ownPackageElsewhere } from './own-path';
import { splitGoSays } from '../text/sentence';
import { hasPathPrefix, pathPrefixes } from '../module/path';

/** importerModule: the directory of the module the import is made in. */
export function explainWithLocalModules(r: Resolution, view: View, mods: readonly LocalModule[], folder: string, fs: FileSystem, importerModule: string | undefined): Resolution {
  // A failure inside the dependency packages an import reaches is about that deeper import.
  if (r.ok || r.chain || r.wholeView) return r;
  const goText = goSays(r.message);
  const own = OWN_PATH_CODES.has(r.code) && importerModule ? ownPackageOf(mods, importerModule, r.importPath, fs) : undefined;
  if (own && (!NOT_LOOKED_INSIDE_CODES.has(r.code) || isPublishedCopy(view, r.importPath, own.expectedPath))) {
    const modFile = own.mod.modFile;
    const rel = path.relative(own.mod.root, own.packageDir);
    return {
      ...r,
      code: 'module-path-mismatch',
      headline: `This module's go.mod declares "module ${own.mod.path}", not ${own.expectedPath}`,
      message: `${r.importPath} is this module's own ${rel ? `package ${rel}/` : 'root package'}, but its go.mod declares "module ${own.mod.path}", not ${own.expectedPath}.${goText}`,
      evidence: [
        { kind: 'file', file: modFile.fileName, range: modFile.module!.syntax.range, note: `declares ${own.mod.path}`, cause: true },
        { kind: 'dir', dir: own.packageDir, note: `the package, in module ${own.mod.path}` },
        ...r.evidence.filter((e) => e.kind !== 'file' || e.file !== modFile.fileName),
      ],
    };
  }
  if (r.code !== 'no-required-module') return r;
  const wired = localModuleProviding(mods, r.importPath);
  if (wired) {
    if (mainModuleAt(view, wired.root)) return r;
    const rel = path.relative(folder, wired.root) || '.';
    const how = view.goWork ? `${path.relative(folder, view.goWork.file) || 'go.work'} does not use it` : 'no go.work uses it and this go.mod neither requires nor replaces it';
    return withMessage(r, `${wired.path} is a module in this folder (${rel}) that ${view.goWork ? 'go.work does not use' : 'nothing wires into this build'}`, `${r.importPath} is in the local module ${rel} (${wired.path}), but nothing wires that module into this build: ${how}.${goText}`, [
      { kind: 'dir', dir: wired.root, note: `the module ${wired.path}` },
    ]);
  }
  const found = mismatchedLocalModule(mods, r.importPath, fs);
  if (!found || !found.mod.modFile.module) return r;
  const rel = path.relative(folder, found.mod.root) || '.';
  return {
    ...r,
    code: 'module-path-mismatch',
    headline: `The local module ${rel} declares "module ${found.mod.path}", not ${found.expectedPath}`,
    message:
      `${r.importPath} looks like a package of the local module ${rel}, but its go.mod declares "module ${found.mod.path}", not ${found.expectedPath}: ` +
      `imports must use the path a go.mod declares.${goText}`,
    evidence: [{ kind: 'file', file: found.mod.modFile.fileName, range: found.mod.modFile.module.syntax.range, note: `declares ${found.mod.path}`, cause: true }, ...r.evidence],
  };
}

// What go says when a module imports its own package under a path its go.mod does not declare:
// nothing provides it, the module required under that path lacks it (or its checksum or files
// are missing: a published copy of the module is in the build list), or (no dot) it is not std.
const OWN_PATH_CODES: ReadonlySet<string> = new Set(['no-required-module', 'package-not-in-module', 'package-not-in-std', 'missing-go-sum', 'module-not-in-cache']);

// go stopped before looking inside the module that provides the import: its checksum or its files
// are missing, so that module may well hold the package.
const NOT_LOOKED_INSIDE_CODES: ReadonlySet<string> = new Set(['missing-go-sum', 'module-not-in-cache']);

/** Whether the build-list module that provides importPath is a published copy of the module the
 * import names as expectedPath (its own path, or one below it). A dependency that merely holds a
 * package named like the importing module's directory (github.com/prometheus/client_golang/prometheus
 * imported from exporters/prometheus) is the dependency it seems. */
function isPublishedCopy(view: View, importPath: string, expectedPath: string): boolean {
  const provider = pathPrefixes(importPath).find((p) => view.buildList.has(p));
  return provider !== undefined && hasPathPrefix(provider, expectedPath);
}

function ownPackageOf(mods: readonly LocalModule[], importerModule: string, importPath: string, fs: FileSystem) {
  const mod = mods.find((m) => m.root === importerModule);
  return mod?.modFile.module ? ownPackageElsewhere(mod, mods, importPath, fs) : undefined;
}

function withMessage(r: Broken, headline: string, message: string, evidence: Broken['evidence']): Broken {
  return { ...r, headline, message, evidence: [...evidence, ...r.evidence] };
}

/** The go command's own words from a resolver message, as they end ours (" go says: …"). */
function goSays(message: string): string {
  const go = splitGoSays(message).go;
  return go === undefined ? '' : ` go says: ${go}`;
}
