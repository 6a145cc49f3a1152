// The server's command surface, attacked over real stdio: goModuleDoctor.runFix runs only a fix the
// server planned for that folder, named by id, so an inline argv (a shell, or a destructive go
// command claimed to be harmless), an unknown id or another folder's id runs nothing and edits
// nothing; the palette commands act only inside the workspace folders. Needs dist/server.js.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { ResponseError } from 'vscode-jsonrpc/node';
import { hermeticGo } from '../../harness/goenv';
import { MAIN_GO_IMPORTING_LIB, recordingGo, TestClient, uri, writeTree } from './lsp-client';
import type { CommandResult, DiagnosticData } from '../../../server/src/lsp/protocol';

const realGo = execFileSync('sh', ['-c', 'command -v go'], { encoding: 'utf8' }).trim();

/** app imports its sibling module lib, which nothing wires in: the fixes create go.work or edit
 * app/go.mod. */
const SIBLINGS = {
  'app/go.mod': 'module example.com/app\n\ngo 1.22\n',
  'app/main.go': MAIN_GO_IMPORTING_LIB,
  'lib/go.mod': 'module example.com/lib\n\ngo 1.22\n',
  'lib/lib.go': 'package lib\n\nfunc Hello() string { return "hi" }\n',
};

/** The error code of a rejected request, or the answer of an accepted one. */
async function outcome(p: Promise<unknown>): Promise<{ code: number } | { result: CommandResult }> {
  try {
    return { result: (await p) as CommandResult };
  } catch (e) {
    if (e instanceof ResponseError) return { code: e.code };
    throw e;
  }
}

/** The go commands run, but for the `go env -json` that loads an environment. */
const goCommands = (log: string) => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '').split('\n').filter((l) => l !== '' && l !== 'go env -json');

const refusedOrFailed = (o: { code: number } | { result: CommandResult }) => ('code' in o ? o.code === -32602 : o.result.ok === false);

test('runFix runs only fixes the server planned for that folder, by id', async () => {
  const go = hermeticGo();
  const one = path.join(go.root, 'one');
  const two = path.join(go.root, 'two');
  writeTree(one, SIBLINGS);
  writeTree(two, SIBLINGS);
  const goLog = path.join(go.root, 'go-invocations.log');
  const bin = path.join(go.root, 'bin');
  recordingGo(bin, goLog, realGo);
  const marker = path.join(go.root, 'pwned');
  const questions: string[] = [];
  const { client } = await TestClient.start({
    folders: [one, two],
    env: { ...go.env, PATH: `${bin}${path.delimiter}${go.env.PATH}` },
    trusted: true,
    answer: (q) => (questions.push(q), 'Continue'),
  });
  try {
    const main = path.join(one, 'app/main.go');
    const d = (await client.diagnosticsOf(main, 'no-required-module', (ds) => ds.some((x) => x.code === 'no-required-module'))).find((x) => x.code === 'no-required-module')!;
    const data = d.data as DiagnosticData;
    await client.diagnosticsOf(path.join(two, 'app/main.go'), 'no-required-module', (ds) => ds.some((x) => x.code === 'no-required-module'));
    const runFix = (arg: unknown) => outcome(client.executeCommand('goModuleDoctor.runFix', [arg]));
    const cwd = path.join(one, 'app');

    // A shell with any script, by name and by path.
    for (const sh of ['sh', '/bin/sh']) {
      const fix = { title: 'Innocent fix', destructive: false, commands: [{ argv: [sh, '-c', `echo pwned > '${marker}'`], cwd }] };
      assert.ok(refusedOrFailed(await runFix({ folderUri: data.folderUri, fix })), `inline ${sh} fix accepted`);
    }
    // An inline fix next to a real id is not taken either.
    const shell = { title: 'x', destructive: false, commands: [{ argv: ['sh', '-c', `echo pwned > '${marker}'`], cwd }] };
    const both = await runFix({ folderUri: data.folderUri, fixId: 'no-such-fix', fix: shell });
    assert.ok(refusedOrFailed(both));
    // go itself, destructive, sent as harmless: neither run nor asked about.
    const clean = { title: 'Tidy up', destructive: false, commands: [{ argv: ['go', 'clean', '-modcache'], cwd }] };
    assert.ok(refusedOrFailed(await runFix({ folderUri: data.folderUri, fix: clean })), 'inline go clean -modcache accepted');
    // The go binary named by path, with an environment that would run code.
    const envFix = { title: 'Build', destructive: false, commands: [{ argv: [realGo, 'env'], cwd, env: { GOFLAGS: '-toolexec=/bin/sh' } }] };
    assert.ok(refusedOrFailed(await runFix({ folderUri: data.folderUri, fix: envFix })));
    // Unknown ids, ids of the wrong type, and no folder.
    assert.ok(refusedOrFailed(await runFix({ folderUri: data.folderUri, fixId: 'no-such-fix' })));
    // Said to the user too: a quick fix's command result is shown nowhere.
    assert.ok(questions.includes('That fix is gone: the files changed since it was offered. Try the quick fixes again.'), JSON.stringify(questions));
    assert.ok(refusedOrFailed(await runFix({ folderUri: data.folderUri, fixId: 42 })));
    assert.ok(refusedOrFailed(await runFix({ fixId: data.fixIds[0] })), 'a fix id without its folder');
    // Another folder's fix (folder one's go.work) asked of folder two.
    const goWorkFix = data.fixIds[0]!;
    assert.ok(refusedOrFailed(await runFix({ folderUri: uri(two), fixId: goWorkFix })), "folder one's fix run as folder two's");
    assert.ok(refusedOrFailed(await runFix({ folderUri: uri(path.join(go.root, 'elsewhere')), fixId: goWorkFix })));

    assert.equal(fs.existsSync(marker), false, 'the shell ran');
    assert.deepEqual(goCommands(goLog), [], 'a go command ran');
    assert.deepEqual(questions.filter((q) => q.endsWith('Continue?')), [], 'a confirmation was asked');
    assert.equal(fs.existsSync(path.join(one, 'go.work')), false);
    assert.equal(fs.existsSync(path.join(two, 'go.work')), false);
    assert.equal(fs.readFileSync(path.join(two, 'app/go.mod'), 'utf8'), SIBLINGS['app/go.mod']);

    // The same id, asked of its own folder, is the server's fix and runs.
    const ran = await runFix({ folderUri: data.folderUri, fixId: goWorkFix });
    assert.ok('result' in ran && ran.result.ok, JSON.stringify(ran));
    assert.ok(fs.existsSync(path.join(one, 'go.work')) || fs.readFileSync(path.join(one, 'app/go.mod'), 'utf8') !== SIBLINGS['app/go.mod']);
  } finally {
    await client.stop();
    go.dispose();
  }
});

test('the palette commands act only inside the workspace folders', async () => {
  const go = hermeticGo();
  const ws = path.join(go.root, 'ws');
  const outside = path.join(go.root, 'outside');
  writeTree(ws, SIBLINGS);
  const outsideGoMod = 'module example.com/outside\n\ngo 1.22\n\nrequire example.com/unused v1.0.0\n';
  writeTree(outside, { 'go.mod': outsideGoMod, 'x.go': 'package x\n' });
  const goLog = path.join(go.root, 'go-invocations.log');
  const bin = path.join(go.root, 'bin');
  recordingGo(bin, goLog, realGo);
  const { client } = await TestClient.start({ folders: [ws], env: { ...go.env, PATH: `${bin}${path.delimiter}${go.env.PATH}` }, trusted: true, answer: () => 'Continue' });
  try {
    await client.waitFor('first analysis', () => client.readyCount(ws) > 0);
    const run = (command: string, arg: unknown) => outcome(client.executeCommand(command, [arg]));
    // go mod tidy of a module outside every folder, named by a file in it.
    assert.ok(refusedOrFailed(await run('goModuleDoctor.runGoModTidy', { uri: uri(path.join(outside, 'x.go')) })));
    // Generate go.work for a folder that is not one.
    assert.ok(refusedOrFailed(await run('goModuleDoctor.generateGoWork', { folderUri: uri(outside) })));
    assert.ok(refusedOrFailed(await run('goModuleDoctor.clearModuleCache', { folderUri: uri(outside) })));
    assert.deepEqual(goCommands(goLog), [], 'a go command ran');
    assert.equal(fs.readFileSync(path.join(outside, 'go.mod'), 'utf8'), outsideGoMod);
    assert.equal(fs.existsSync(path.join(outside, 'go.work')), false);
  } finally {
    await client.stop();
    go.dispose();
  }
});
