// Finding executables the way the go command and shells do: the first match on PATH.

import * as fs from 'node:fs';
import * as path from 'node:path';

/** Absolute path of the first executable regular file `name` on `pathList` (PATH), or undefined.
 * On Windows the PATHEXT extensions are tried too. */
export function findOnPath(name: string, pathList: string | undefined, platform: NodeJS.Platform = process.platform): string | undefined {
  if (!pathList) return undefined;
  const sep = platform === 'win32' ? ';' : ':';
  const exts = platform === 'win32' ? ['', '.exe', '.bat', '.cmd'] : [''];
  for (const dir of pathList.split(sep)) {
    if (dir === '' || !path.isAbsolute(dir)) continue; // like exec.LookPath, skip relative entries
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  return undefined;
}

export function isExecutableFile(file: string): boolean {
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return false;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
