// Test trees written from a map of relative path → text.

import * as fs from 'node:fs';
import * as path from 'node:path';

/** Writes a tree of files under dir, creating directories as needed. */
export function writeTree(dir: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
  }
}
