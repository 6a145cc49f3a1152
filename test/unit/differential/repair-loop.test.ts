// The repair loop as users run it, on every fixture case whose fixes are proven to build
// (`fixBuilds`): red import → the one fix → go build ./... passes. Once through the CLI
// (`fix --yes`, which also says per fix whether go agrees), once through the language server
// (the preferred code action of each diagnostic: its workspace edit applied as an editor that saves
// would, or its command executed). The engine-level loop is in engine.test.ts.
//
// Fixes may download: both run with GOPROXY set to the file:// proxy over the fixture modules.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import type { CodeAction, Diagnostic as LspDiagnostic } from 'vscode-languageserver/node';
import { editorEnvWithSettings, fixBuildDirs, listCases, loadCase, prepareCase, type PreparedCase } from '../../harness/cases';
import { applyWorkspaceEdit, repoRoot, TestClient } from '../lsp/lsp-client';
import type { DiagnosticData } from '../../../server/src/lsp/protocol';

const cli = path.join(repoRoot, 'dist', 'cli.js');

for (const name of listCases().filter((n) => loadCase(n).fixBuilds)) {
  test(`case ${name}: fix --yes in the CLI makes go build pass, and go agrees after each fix`, async () => {
    const c = await prepareCase(name);
    try {
      const env = withProxy(c);
      const terminal = c.terminalEnv ? ['--terminal-env', envFile(c, { ...c.terminalEnv, GOPROXY: c.proxyUrl })] : [];
      const r = spawnSync(process.execPath, [cli, 'fix', '--yes', ...terminal, c.dir], { env, encoding: 'utf8', timeout: 300_000 });
      assert.ok(r.status === 0 || r.status === 1, `fix exited ${r.status}: ${r.stderr}`);
      assert.match(r.stdout, /^fixing /m, `the CLI applied no fix:\n${r.stdout}`);
      assert.doesNotMatch(r.stdout, /go DISAGREES/, r.stdout);
      await assertBuilds(c, env, r.stdout);
    } finally {
      c.dispose();
    }
  });

  test(`case ${name}: the preferred code actions of the language server make go build pass`, async () => {
    const c = await prepareCase(name);
    const env = withProxy(c);
    const settings = c.terminalEnv ? { terminalEnv: envFile(c, { ...c.terminalEnv, GOPROXY: c.proxyUrl }) } : undefined;
    // Destructive fixes ask first: the user says yes.
    const { client } = await TestClient.start({ folders: [c.dir], env, trusted: true, settings, answer: (m) => (/\?/.test(m) ? 'Continue' : undefined) });
    const log: string[] = [];
    try {
      await client.waitFor('the first analysis', () => client.readyCount(c.dir) > 0, 60_000);
      const tried = new Set<string>();
      for (let round = 0; round < 10; round++) {
        const next = await nextPreferredAction(client, tried);
        if (!next) break;
        tried.add(next.key);
        log.push(`[${next.diagnostic.code}] ${next.action.title}`);
        const before = client.readyCount(c.dir);
        if (next.action.edit) {
          const files = applyWorkspaceEdit(next.action.edit);
          if (files.some((f) => path.basename(f) === 'settings.json')) client.configurationChanged();
        }
        if (next.action.command?.command === 'goModuleDoctor.runFix') {
          const done = (await client.executeCommand(next.action.command.command, next.action.command.arguments ?? [])) as { ok: boolean; message: string };
          log.push(`  ${done.ok ? 'ok' : 'FAILED'}: ${done.message}`);
        }
        await client.waitFor(`the analysis after "${next.action.title}"`, () => client.readyCount(c.dir) > before, 60_000);
      }
      assert.ok(log.length > 0, 'the server offered no preferred fix');
      await assertBuilds(c, env, log.join('\n'));
    } finally {
      await client.stop();
      c.dispose();
    }
  });
}

function withProxy(c: PreparedCase): Record<string, string> {
  return { ...c.env, GOPROXY: c.proxyUrl };
}

function envFile(c: PreparedCase, vars: Record<string, string>): string {
  const file = path.join(c.go.root, 'terminal.env');
  fs.writeFileSync(file, Object.entries(vars).map(([k, v]) => `${k}=${v}\n`).join(''));
  return file;
}

/** go build ./... passes in every module the case's fixes promise, in the editor's environment with
 * the settings a fix wrote read back. */
async function assertBuilds(c: PreparedCase, env: Record<string, string>, log: string): Promise<void> {
  const buildEnv = editorEnvWithSettings(c.dir, env);
  for (const dir of fixBuildDirs(c)) {
    const r = await c.go.run(['build', './...'], dir, buildEnv);
    assert.equal(r.exitCode, 0, `go build ./... in ${path.relative(c.dir, dir) || '.'} fails after the fixes:\n${r.stderr}\nfixes:\n${log}`);
  }
}

/** The first diagnostic (by file, then position) with a preferred quick fix not tried yet. */
async function nextPreferredAction(client: TestClient, tried: Set<string>): Promise<{ diagnostic: LspDiagnostic; action: CodeAction; key: string } | undefined> {
  const files = [...client.diagnostics.keys()].sort();
  for (const u of files) {
    for (const d of client.diagnostics.get(u) ?? []) {
      if (!(d.data as DiagnosticData | undefined)?.fixIds?.length) continue;
      const actions = await client.codeActions(new URL(u).pathname, d);
      const action = actions.find((a) => a.isPreferred);
      if (!action) continue;
      const key = `${action.title}\x00${JSON.stringify(action.edit ?? action.command?.arguments)}`;
      if (!tried.has(key)) return { diagnostic: d, action, key };
    }
  }
  return undefined;
}

