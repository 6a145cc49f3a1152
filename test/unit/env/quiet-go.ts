// hermeticGo() for the scan and env tests (telemetry is off there for every test), and a helper
// to age files (see ageTree).

import * as fs from 'node:fs';
import * as path from 'node:path';
import { hermeticGo, type HermeticGo } from '../../harness/goenv';

export function quietGo(opts: Parameters<typeof hermeticGo>[0] = {}): HermeticGo {
  return hermeticGo(opts);
}

/** Sets every file under dir an hour into the past. The go command reads packages through its
 * index only when no file changed in the last 2 seconds (otherwise through go/build, which differs
 * in corner cases); aged files make it take the index path, as it does for files not being edited. */
export function ageTree(dir: string): void {
  const past = new Date(Date.now() - 3_600_000);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) ageTree(p);
    else if (entry.isFile()) fs.utimesSync(p, past, past);
  }
}
