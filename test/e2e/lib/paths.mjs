// Where things are: the repository, the tools scripts/e2e-setup.sh installed, the artifacts folder.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const e2eRoot = path.join(repoRoot, 'test', 'e2e');
export const workspacesRoot = path.join(e2eRoot, 'workspaces');
export const artifactsRoot = path.join(repoRoot, 'test-artifacts', 'e2e');
const installRoot = process.env.E2E_DIR ?? path.join(repoRoot, '.e2e');

/** The tools e2e-setup.sh installed, as it recorded them in .e2e/paths.json. */
export function tools() {
  const file = path.join(installRoot, 'paths.json');
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run scripts/e2e-setup.sh first`);
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** playwright-core from the repository's devDependencies when it is there, else from .e2e/. */
export async function loadPlaywright() {
  const require = createRequire(path.join(repoRoot, 'package.json'));
  try {
    return require('playwright-core');
  } catch {
    return require(tools().playwrightCore);
  }
}
