// "Compare Editor and Terminal" over real stdio against dist/server.js: the status names the
// mismatch, the command answers with a report naming what flips verdicts and the fixes, and
// applying the preferred fix makes the two agree; with the terminal off the report says how to turn
// it on. Needs dist/server.js (npm test builds it).

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startWorkspace, TestClient, uri, type TestWorkspace } from './lsp-client';
import type { CommandResult, CompareEnvironmentsResult, RunFixArgs, StatusParams } from '../../../server/src/lsp/protocol';

/** app requires its sibling lib through a replace; no vendor directory. With GOFLAGS=-mod=vendor
 * go stops with inconsistent vendoring, so no import of app loads. */
const FILES = {
  'app/go.mod': 'module example.com/app\n\ngo 1.22\n\nrequire example.com/lib v0.0.0\n\nreplace example.com/lib => ../lib\n',
  'app/main.go': 'package main\n\nimport (\n\t"fmt"\n\n\t"example.com/lib"\n)\n\nfunc main() { fmt.Println(lib.Hello()) }\n',
  'lib/go.mod': 'module example.com/lib\n\ngo 1.22\n',
  'lib/lib.go': 'package lib\n\nfunc Hello() string { return "hi" }\n',
};

/** The terminal: `env` there prints the same go environment plus GOFLAGS=-mod=vendor (or no
 * terminal at all). */
function start(terminal: 'vendor-flag' | 'off'): Promise<TestWorkspace> {
  return startWorkspace(FILES, terminal === 'vendor-flag' ? { terminalEnv: (env) => ({ ...env, GOFLAGS: '-mod=vendor' }) } : {});
}

const appStatus = (client: TestClient, ws: string): StatusParams['modules'][number] | undefined =>
  client.statuses.filter((s) => s.state === 'ready').at(-1)?.modules.find((m) => m.dir === path.join(ws, 'app'));

test('compareEnvironments reports what flips verdicts, and its preferred fix makes editor and terminal agree', async () => {
  const s = await start('vendor-flag');
  try {
    const main = path.join(s.ws, 'app/main.go');
    await s.client.waitFor('a mismatch in the status', () => appStatus(s.client, s.ws)?.mismatch === true);
    const status = appStatus(s.client, s.ws)!;
    assert.deepEqual(status.mismatchInputs, ['GOFLAGS']);
    assert.equal(status.mismatchImports, 2);
    assert.equal(appStatus(s.client, s.ws) && s.client.statuses.at(-1)!.modules.find((m) => m.dir === path.join(s.ws, 'lib'))?.mismatch, false);

    const r = (await s.client.executeCommand('goModuleDoctor.compareEnvironments', [{ uri: uri(main) }])) as CompareEnvironmentsResult;
    assert.equal(r.ok, true, r.message);
    assert.equal(r.terminalCompared, true);
    assert.equal(r.mismatch, true);
    assert.equal(r.moduleDir, path.join(s.ws, 'app'));
    assert.equal(r.folderUri, uri(s.ws));
    assert.deepEqual(r.blamed, ['GOFLAGS']);
    assert.match(r.message, /2 import\(s\): GOFLAGS decides it/);
    const md = r.markdown!;
    if (process.env.GMD_PRINT_REPORT) console.log(md);
    const section = (title: string) => md.split(`## ${title}\n`)[1]!.split('\n## ')[0]!;
    assert.match(section('Inputs that flip verdicts'), /\*\*GOFLAGS\*\* — flips 2 imports: GOFLAGS: editor `\(unset\)`, terminal `-mod=vendor`/);
    assert.doesNotMatch(section('Different, without mattering here'), /GOFLAGS/);
    assert.match(section('Go'), /\| go\.work in effect \| none \(found from the workspace folder\) \| none \(found from the module directory\) \|/);
    assert.match(section('Go'), /\| go stops with \| — \| .*inconsistent vendoring/);
    const imports = section('Imports that differ');
    assert.match(imports, /`fmt` \| app\/main\.go:4 \| resolves \(std\)/);
    assert.match(imports, /`example\.com\/lib` \| app\/main\.go:6 \| resolves \(replace-dir/);
    assert.match(section('How to align them'), /go mod vendor/);
    assert.match(section('Every variable that can change resolution (env-diff)'), /\| ≠ \| GOFLAGS \| `\(unset\)` \| `-mod=vendor` \|/);
    assert.match(section('Every variable that can change resolution (env-diff)'), /\| {2}\| GOWORK \| `\(unset\)` \| `\(unset\)` \|/);

    // The fixes, in the diagnostics' order: remove the cause, align the terminal, align the editor.
    assert.equal(r.fixes.length, 3, JSON.stringify(r.fixes.map((f) => f.title)));
    const vendor = r.fixes[0]!;
    assert.equal(vendor.preferred, true);
    assert.deepEqual(vendor.commands?.map((c) => c.argv), [['go', 'mod', 'vendor']]);
    // The terminal's GOFLAGS comes from its shell (not the go env file).
    assert.equal(r.fixes[1]!.copyText, 'unset GOFLAGS');
    assert.ok(r.fixes[2]!.edits?.some((e) => e.file === path.join(s.ws, '.vscode', 'settings.json')));

    const ready = s.client.readyCount(s.ws);
    // The client sends the fix's id: the server runs only the fixes it planned.
    assert.equal(r.fixIds.length, r.fixes.length);
    const done = (await s.client.executeCommand('goModuleDoctor.runFix', [{ folderUri: r.folderUri!, fixId: r.fixIds[0]! } satisfies RunFixArgs])) as CommandResult;
    assert.equal(done.ok, true, done.message);
    assert.ok(fs.existsSync(path.join(s.ws, 'app/vendor/modules.txt')));
    await s.client.waitFor('the status after the fix', () => s.client.readyCount(s.ws) > ready && appStatus(s.client, s.ws)?.mismatch === false);
    assert.equal(appStatus(s.client, s.ws)!.mode, 'vendor');
    assert.equal(appStatus(s.client, s.ws)!.mismatchInputs, undefined);

    const after = (await s.client.executeCommand('goModuleDoctor.compareEnvironments', [{ uri: uri(main) }])) as CompareEnvironmentsResult;
    assert.equal(after.ok, true);
    assert.equal(after.mismatch, false);
    assert.deepEqual(after.fixes, []);
    // GOFLAGS still differs, but flips nothing now that vendor/ is consistent.
    assert.match(after.markdown!, /## Different, without mattering here\n\n- \*\*GOFLAGS\*\*: /);
  } finally {
    await s.dispose();
  }
});

test('compareEnvironments picks the module by directory, and refuses a folder of several modules without one', async () => {
  const s = await start('vendor-flag');
  try {
    await s.client.waitFor('the first analysis', () => s.client.readyCount(s.ws) > 0);
    const several = (await s.client.executeCommand('goModuleDoctor.compareEnvironments', [{ folderUri: uri(s.ws) }])) as CompareEnvironmentsResult;
    assert.equal(several.ok, false);
    assert.match(several.message, /has 2 modules/);
    const lib = (await s.client.executeCommand('goModuleDoctor.compareEnvironments', [{ uri: uri(path.join(s.ws, 'lib')) }])) as CompareEnvironmentsResult;
    assert.equal(lib.ok, true, lib.message);
    assert.equal(lib.moduleDir, path.join(s.ws, 'lib'));
    // lib requires nothing: vendor mode has nothing to be inconsistent with, so nothing flips.
    assert.equal(lib.mismatch, false);
    assert.deepEqual(lib.blamed, []);
    const outside = (await s.client.executeCommand('goModuleDoctor.compareEnvironments', [{ uri: uri('/nowhere/main.go') }])) as CompareEnvironmentsResult;
    assert.equal(outside.ok, false);
  } finally {
    await s.dispose();
  }
});

test('compareEnvironments with the terminal off says so and how to turn it on', async () => {
  const s = await start('off');
  try {
    await s.client.waitFor('the first analysis', () => s.client.readyCount(s.ws) > 0);
    const r = (await s.client.executeCommand('goModuleDoctor.compareEnvironments', [{ uri: uri(path.join(s.ws, 'app/main.go')) }])) as CompareEnvironmentsResult;
    assert.equal(r.ok, true, r.message);
    assert.equal(r.terminalCompared, false);
    assert.equal(r.mismatch, false);
    assert.match(r.message, /not compared/);
    assert.match(r.markdown!, /## The terminal is not compared/);
    assert.match(r.markdown!, /\*\*goModuleDoctor\.terminalEnv\*\* is `off`/);
    assert.match(r.markdown!, /Set \*\*goModuleDoctor\.terminalEnv\*\* to `auto`/);
    assert.match(r.markdown!, /\| go binary \| `\/.*go` \|/);
  } finally {
    await s.dispose();
  }
});

// goModuleDoctor.showWhenGoplsReports is applied by the client (client/src/client.ts), the only
// side that sees gopls' diagnostics; the e2e API suite tests that filter in a real VS Code. The
// server's part of the contract: it publishes every diagnostic whatever the setting says.
test('the server publishes its import diagnostics with showWhenGoplsReports off (the client filters)', async () => {
  const s = await startWorkspace(
    { 'go.mod': 'module example.com/app\n\ngo 1.22\n', 'main.go': 'package main\n\nimport _ "example.com/missing"\n\nfunc main() {}\n' },
    { settings: { terminalEnv: 'off', showWhenGoplsReports: false } },
  );
  try {
    const ds = await s.client.diagnosticsOf(path.join(s.ws, 'main.go'), 'the import diagnostic', (ds) => ds.length > 0);
    assert.equal(ds[0]!.source, 'go-module-doctor');
    assert.equal(ds[0]!.range.start.line, 2);
  } finally {
    await s.dispose();
  }
});
