// The internal-import rule (load/pkg.go disallowInternal; spec §6 #14): a path with an "internal"
// element may be imported only from the tree rooted at that element's parent — by import path for
// module packages, by directory for std and GOPATH packages.

import * as path from 'node:path';
import { hasPathPrefix } from '../module/path';

/** The index in `importPath` where the parent of its last "internal" element ends, or -1. */
export function internalParentEnd(importPath: string): number {
  if (importPath.endsWith('/internal')) return importPath.length - '/internal'.length;
  const i = importPath.lastIndexOf('/internal/');
  if (i >= 0) return i;
  if (importPath === 'internal' || importPath.startsWith('internal/')) return 0;
  return -1;
}

/**
 * go's text when the import is not allowed, else undefined. `byPath` is set for module packages
 * (the importer's import path must lie under the parent path); `byDir` for std/GOPATH packages
 * (the importer's directory must lie under the parent directory).
 */
export function internalImportError(
  importPath: string,
  target: { dir: string; byModule: boolean },
  importer: { dir: string; importPath?: string },
): string | undefined {
  const end = internalParentEnd(importPath);
  if (end < 0) return undefined;
  if (target.byModule) {
    const parent = importPath.slice(0, end);
    if (importer.importPath !== undefined && (parent === '' || hasPathPrefix(importer.importPath, parent))) return undefined;
  } else {
    // The parent directory: the package dir minus the import path's tail after the parent.
    const tail = importPath.slice(end).split('/').filter(Boolean);
    const parentDir = path.resolve(target.dir, ...tail.map(() => '..'));
    const rel = path.relative(parentDir, path.resolve(importer.dir));
    if (rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel))) return undefined;
  }
  return `use of internal package ${importPath} not allowed`;
}
