// An import of the importing module's own package under another path. go.mod says
// `module example.com/ap`, the code imports example.com/app/util, and util/ sits right here in the
// module: the module line was edited (or `go mod init` was given a short name). go only says that
// no module provides the package, or that the module it does require lacks it.

import * as path from 'node:path';
import type { FileSystem } from '../fsys/fsys';
import type { LocalModule } from './local-modules';
import { hasGoFile } from '../resolve/std';
import { editDistance } from '../text/distance';
import { splitPathVersion } from '../module/path';

export interface OwnPackageElsewhere {
  /** The module the import is made in, and whose directory holds the package. */
  mod: LocalModule;
  /** The module path under which the import names the package. */
  expectedPath: string;
  packageDir: string;
}

/** The package of `mod` that importPath names under another module path, if any. That other path
 * must look like this module's: ending in its directory's name (…/tools/goctl for tools/goctl), or
 * a typo away from its module line. The package directory must hold Go files and not sit in a
 * nested module. The longest such directory wins. */
export function ownPackageElsewhere(mod: LocalModule, mods: readonly LocalModule[], importPath: string, fs: FileSystem): OwnPackageElsewhere | undefined {
  if (!mod.path || importPath === mod.path || importPath.startsWith(mod.path + '/')) return undefined;
  // Another major version of the same module (a v2 importing v1) is a module of its own.
  const family = splitPathVersion(mod.path)?.prefix ?? mod.path;
  const parts = importPath.split('/');
  const dirName = path.basename(mod.root);
  for (let i = 1; i <= parts.length; i++) {
    const expectedPath = parts.slice(0, i).join('/');
    if (parts[i - 1] !== dirName && editDistance(expectedPath, mod.path) > 2) continue;
    if ((splitPathVersion(expectedPath)?.prefix ?? expectedPath) === family) continue;
    const packageDir = path.join(mod.root, ...parts.slice(i));
    if (!fs.stat(packageDir)?.isDir || !hasGoFile(fs, packageDir)) continue;
    if (mods.some((m) => m !== mod && m.root.startsWith(mod.root + path.sep) && (packageDir === m.root || packageDir.startsWith(m.root + path.sep)))) continue;
    return { mod, expectedPath, packageDir };
  }
  return undefined;
}
