// The editor's view is what the Go tooling in VS Code runs with: the server reads golang.go's and
// gopls' settings per folder (workspace/configuration) and reads them again when they change —
// also when our own fix writes them. Over real stdio against dist/server.js (npm test builds it).

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MAIN_GO_IMPORTING_LIB, startWorkspace, uri, writeTree, type TestWorkspace } from './lsp-client';
import type { StartOptions } from './lsp-client';
import type { CommandResult, DiagnosticData, RunFixArgs } from '../../../server/src/lsp/protocol';


/** app imports its sibling lib through the go.work at the root. */
const WORKSPACE = {
  'go.work': 'go 1.22\n\nuse (\n\t./app\n\t./lib\n)\n',
  'app/go.mod': 'module example.com/app\n\ngo 1.22\n',
  'app/main.go': MAIN_GO_IMPORTING_LIB,
  'lib/go.mod': 'module example.com/lib\n\ngo 1.22\n',
  'lib/lib.go': 'package lib\n\nfunc Hello() string { return "hi" }\n',
};

/** With terminalFile, the terminal's `env` prints the same environment as the editor's process. */
function start(files: Record<string, string>, opts: Partial<StartOptions> & { terminalFile?: boolean } = {}): Promise<TestWorkspace> {
  const { terminalFile, ...rest } = opts;
  return startWorkspace(files, { ...rest, ...(terminalFile ? { terminalEnv: (env: Record<string, string>) => env } : {}) });
}

const codes = (ds: { code?: string | number }[]) => ds.map((d) => d.code);

test('go.toolsEnvVars changes the editor’s verdict; the mismatch says where the value came from, and its fix, once applied, is read back', async () => {
  const s = await start(WORKSPACE, { terminalFile: true });
  try {
    const main = path.join(s.ws, 'app/main.go');
    await s.client.waitFor('the first analysis', () => s.client.readyCount(s.ws) > 0);
    assert.deepEqual(codes(s.client.diagnostics.get(uri(main)) ?? []), [], 'through go.work the import resolves in both');

    // The user turns workspace mode off for the Go tools of this folder only.
    writeTree(s.ws, { '.vscode/settings.json': JSON.stringify({ 'go.toolsEnvVars': { GOWORK: 'off' } }, null, 2) + '\n' });
    s.client.configurationChanged();
    const ds = await s.client.diagnosticsOf(main, 'editor-terminal-mismatch', (ds) => ds.some((d) => d.code === 'editor-terminal-mismatch'));
    const d = ds.find((x) => x.code === 'editor-terminal-mismatch')!;
    assert.equal(d.message, 'Resolves in the terminal but not in the editor: GOWORK decides it');
    const detail = String((d.data as { detail?: string }).detail);
    assert.match(detail, /^"example\.com\/lib" resolves in the terminal but not in the editor: example\.com\/lib is in the local module lib/);
    assert.match(detail, /Taking GOWORK \(editor "off" from go\.toolsEnvVars, terminal ""\) from the terminal makes it resolve\./);

    // Its preferred fix aligns the editor with the terminal in .vscode/settings.json; the editor
    // (this test client, like VS Code) reports the configuration change, and the server reads it.
    const [first] = await s.client.codeActions(main, d);
    assert.match(first.title, /^Make the editor use no GOWORK like the terminal \(go\.toolsEnvVars and gopls build\.env in \.vscode\/settings\.json\)$/);
    const ready = s.client.readyCount(s.ws);
    const args: RunFixArgs = { folderUri: uri(s.ws), fixId: (d.data as DiagnosticData).fixIds[0] };
    const result = (await s.client.executeCommand('goModuleDoctor.runFix', [args])) as CommandResult;
    assert.equal(result.ok, true, result.message);
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(s.ws, '.vscode/settings.json'), 'utf8')), { 'go.toolsEnvVars': {}, gopls: { 'build.env': { GOWORK: '' } } });
    await s.client.diagnosticsOf(main, 'no diagnostics', (ds) => ds.length === 0);
    await s.client.waitFor('an analysis after the fix', () => s.client.readyCount(s.ws) > ready);
    assert.deepEqual(codes(s.client.diagnostics.get(uri(main)) ?? []), []);
  } finally {
    await s.dispose();
  }
});

test('gopls build.buildFlags -tags makes a tagged file’s imports count in the editor; gopls build.env is over go.toolsEnvVars', async () => {
  const files = {
    ...WORKSPACE,
    'app/extra.go': '//go:build extra\n\npackage main\n\nimport _ "example.com/missing"\n',
  };
  const s = await start(files);
  try {
    const extra = path.join(s.ws, 'app/extra.go');
    const main = path.join(s.ws, 'app/main.go');
    await s.client.waitFor('the first analysis', () => s.client.readyCount(s.ws) > 0);
    assert.deepEqual(codes(s.client.diagnostics.get(uri(extra)) ?? []), [], 'without the tag the file is not built');

    writeTree(s.ws, { '.vscode/settings.json': JSON.stringify({ gopls: { 'build.buildFlags': ['-tags=extra'] } }) });
    s.client.configurationChanged();
    const ds = await s.client.diagnosticsOf(extra, 'no-required-module', (ds) => ds.some((d) => d.code === 'no-required-module'));
    assert.match(String((ds[0]!.data as { detail?: string }).detail), /example\.com\/missing/);

    // go.toolsEnvVars says GOWORK=off, gopls build.env says auto: gopls' wins, the go.work stays.
    writeTree(s.ws, { '.vscode/settings.json': JSON.stringify({ 'go.toolsEnvVars': { GOWORK: 'off' }, gopls: { 'build.env': { GOWORK: 'auto' } } }) });
    const ready = s.client.readyCount(s.ws);
    s.client.configurationChanged();
    await s.client.diagnosticsOf(extra, 'the tagged file no longer built', (ds) => ds.length === 0);
    await s.client.waitFor('an analysis after the change', () => s.client.readyCount(s.ws) > ready);
    assert.deepEqual(codes(s.client.diagnostics.get(uri(main)) ?? []), [], 'GOWORK=auto from gopls build.env: the go.work is used');
  } finally {
    await s.dispose();
  }
});

test('the server registers for changes of our settings and of those of golang.go, gopls and the terminal', async () => {
  const s = await start(WORKSPACE);
  try {
    await s.client.waitFor('the first analysis', () => s.client.readyCount(s.ws) > 0);
    const reg = s.client.registrations.find((r) => r.method === 'workspace/didChangeConfiguration');
    assert.deepEqual(reg?.registerOptions, { section: ['goModuleDoctor', 'go', 'gopls', 'terminal.integrated'] });
  } finally {
    await s.dispose();
  }
});
