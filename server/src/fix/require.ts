// Adding a requirement with `go get PACKAGE`: offered only where go get can find the module. With
// GOPROXY=off go get looks up nothing, cached or not, so the module cache is served to it as a
// file:// proxy when some prefix of the path is there.

import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkImportPath, isStandardImportPath, pathPrefixes } from '../module/path';
import { cacheDownloadDir } from '../resolve/modcache';
import type { FileSystem } from '../fsys/fsys';
import type { Fix } from '../diagnose/types';
import type { View } from '../resolve/types';
import { goGet } from './commands';

/** Where `go get importPath` can find the module: the proxy, the module cache (GOPROXY=off, some
 * prefix cached), or nowhere (also for a path go refuses as malformed: no dot in its first
 * element). */
export function goGetSource(view: View, importPath: string, fs: FileSystem): 'proxy' | 'cache' | undefined {
  if (checkImportPath(importPath) !== undefined || isStandardImportPath(importPath)) return undefined;
  if (!view.env.goproxy.split(/[,|]/).every((p) => p.trim() === 'off')) return 'proxy';
  return pathPrefixes(importPath).some((p) => fs.stat(cacheDownloadDir(view.env.gomodcache, p))?.isDir) ? 'cache' : undefined;
}

/** `go get importPath` in moduleRoot, or undefined where it cannot find the module. `what` begins
 * the title. */
export function requirePackageFix(view: View, moduleRoot: string, importPath: string, fs: FileSystem, what: string): Fix | undefined {
  const source = goGetSource(view, importPath, fs);
  if (!source) return undefined;
  const cmd = goGet(moduleRoot, importPath);
  if (source === 'cache') cmd.env = { GOPROXY: pathToFileURL(path.join(view.env.gomodcache, 'cache', 'download')).href };
  return { title: `${what}: go get ${importPath}${source === 'cache' ? ' (from the module cache, as GOPROXY=off)' : ''}`, destructive: false, commands: [cmd] };
}
