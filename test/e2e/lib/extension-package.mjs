// The .vsix under test: a given one (--vsix / E2E_VSIX), else a fresh build packaged with
// vsce exactly as `npm run package` does, into the run's own folder.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './paths.mjs';

export function packageExtension(outDir, given) {
  if (given) {
    if (!fs.existsSync(given)) throw new Error(`no such vsix: ${given}`);
    return path.resolve(given);
  }
  const vsix = path.join(outDir, 'ext.vsix');
  const run = (cmd, args) => execFileSync(cmd, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
  run('npm', ['run', '--silent', 'build']);
  run('npx', ['--no-install', 'vsce', 'package', '--no-dependencies', '-o', vsix]);
  return vsix;
}
