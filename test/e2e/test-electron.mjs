#!/usr/bin/env node
// The same API suite (suite/index.js) under @vscode/test-electron, for machines that can download
// VS Code (this one cannot: see test/e2e/README.md; there the launcher runs it in code-server).
// Each workspace is copied into a temp folder with a hermetic go environment, like the launcher does.
//
//   npm run build && node test/e2e/test-electron.mjs [workspace ...]   (default: all three)
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { e2eRoot, repoRoot, workspacesRoot } from './lib/paths.mjs';
import { goBinaryOnPath, harness } from './lib/run-folder.mjs';
import { SCENARIOS } from './scenarios/index.mjs';

const workspaces = process.argv.slice(2).length ? process.argv.slice(2) : ['generate-go-work', 'fix-replace-path', 'clear-module-cache'];
const h = harness();
const { goenv } = h;
let failed = 0;
for (const name of workspaces) {
  const go = goenv.hermeticGo();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `gmd-e2e-electron-${name}-`));
  try {
    const workspace = path.join(root, name);
    fs.cpSync(path.join(workspacesRoot, name), workspace, { recursive: true });
    const results = path.join(root, 'api-results.json');
    // A workspace that needs a seeded module cache brings the UI scenario's preparation.
    const prepared = (await SCENARIOS[name]?.prepare?.({ dirs: { root }, go, harness: h })) ?? {};
    // VS Code may take PATH from the login shell, so name the go binary (as the launcher does).
    fs.mkdirSync(path.join(root, 'user-data', 'User'), { recursive: true });
    fs.writeFileSync(path.join(root, 'user-data', 'User', 'settings.json'), JSON.stringify({ 'goModuleDoctor.goPath': goBinaryOnPath(process.env.PATH ?? '') }));
    try {
      await runTests({
        version: process.env.VSCODE_VERSION ?? 'stable',
        extensionDevelopmentPath: repoRoot,
        extensionTestsPath: path.join(e2eRoot, 'suite', 'index.js'),
        extensionTestsEnv: { ...go.env, ...prepared.env, GMD_E2E_RESULTS: results },
        launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', '--user-data-dir', path.join(root, 'user-data')],
      });
    } catch (e) {
      failed++;
      console.error(`FAIL ${name}: ${e?.message ?? e}`);
    }
    if (fs.existsSync(results)) for (const t of JSON.parse(fs.readFileSync(results, 'utf8')).tests) console.log(`${t.ok ? 'ok  ' : 'FAIL'} [${name}] ${t.name}`);
  } finally {
    go.dispose();
    goenv.removeTree(root);
  }
}
console.log(`test-electron: ${workspaces.length - failed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
