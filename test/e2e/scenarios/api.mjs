// The API-level suite (test/e2e/suite/index.js) inside code-server's extension host: the smoke-test
// driver lets the page URL name an extensionDevelopmentPath and extensionTestsPath, as
// @vscode/test-electron passes them on the command line. The development path is the installed
// vsix's own folder, so the suite exercises the packaged extension. run() writes its results to
// GMD_E2E_RESULTS; the launcher waits for that file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { e2eRoot } from '../lib/paths.mjs';

const SUITE = path.join(e2eRoot, 'suite', 'index.js');

/** `prepare` is the UI scenario's, for workspaces that need a seeded module cache. */
export function apiScenario(workspace, prepare) {
  return {
    name: `api-${workspace}`,
    workspace,
    prepare,
    timeoutMs: 60_000,
    codeServerArgs: ['--vscode-option', 'enable-smoke-test-driver'],
    url({ origin, workspaceDir, extensionDir }) {
      const remote = (p) => `vscode-remote://${new URL(origin).host}${p}`;
      const payload = JSON.stringify([
        ['extensionDevelopmentPath', remote(extensionDir)],
        ['extensionTestsPath', remote(SUITE)],
      ]);
      return `${origin}/?folder=${encodeURIComponent(workspaceDir)}&payload=${encodeURIComponent(payload)}`;
    },
    async run(wb, ctx) {
      await wb.step('extension-development-host', () => wb.page.waitForFunction(() => document.title.includes('Extension Development Host')));
      const report = await wb.step('suite-results', () => waitForFile(ctx.resultsFile, 90_000).then((t) => JSON.parse(t)));
      ctx.details = report;
      for (const t of report.tests) console.log(`     ${t.ok ? 'ok  ' : 'FAIL'} [api] ${t.name} ${t.ms ?? 0} ms${t.ok ? '' : `: ${t.error.split('\n')[0]}`}`);
      if (report.failed) throw new Error(`${report.failed} of ${report.tests.length} API tests failed`);
    },
  };
}

/** The file's text once it exists (the suite renames it into place whole). */
async function waitForFile(file, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (!fs.existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`no results in ${file} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200)); // poll interval for the file, not a wait for state
  }
  return fs.readFileSync(file, 'utf8');
}
