// goModuleDoctor.terminalEnv "auto" over real stdio against dist/server.js, with bash as the login
// shell and a profile hook that reads a directory's .envrc (as direnv would): the terminal's
// environment is captured in each module directory, so only the module whose .envrc sets
// GOFLAGS=-mod=vendor disagrees with the editor; a module whose shell fails is compared with the
// folder's environment, warned about once; Refresh terminal environment reads every directory
// again. Needs dist/server.js (npm test builds it).

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findOnPath } from '../../../server/src/env/path';
import { hermeticGo } from '../../harness/goenv';
import { TestClient, uri, writeTree } from './lsp-client';
import type { CommandResult, CompareEnvironmentsResult, StatusParams } from '../../../server/src/lsp/protocol';

const BASH = findOnPath('bash', process.env.PATH);

/** Two modules of the same shape requiring the sibling lib through a replace, no vendor
 * directory: with -mod=vendor go stops with inconsistent vendoring. */
const FILES = {
  'lib/go.mod': 'module example.com/lib\n\ngo 1.22\n',
  'lib/lib.go': 'package lib\n\nfunc Hello() string { return "hi" }\n',
  'app/go.mod': 'module example.com/app\n\ngo 1.22\n\nrequire example.com/lib v0.0.0\n\nreplace example.com/lib => ../lib\n',
  'app/main.go': 'package main\n\nimport (\n\t"fmt"\n\n\t"example.com/lib"\n)\n\nfunc main() { fmt.Println(lib.Hello()) }\n',
  'app/.envrc': 'export GOFLAGS=-mod=vendor\n',
  'other/go.mod': 'module example.com/other\n\ngo 1.22\n\nrequire example.com/lib v0.0.0\n\nreplace example.com/lib => ../lib\n',
  'other/main.go': 'package main\n\nimport (\n\t"fmt"\n\n\t"example.com/lib"\n)\n\nfunc main() { fmt.Println(lib.Hello()) }\n',
  'broken/go.mod': 'module example.com/broken\n\ngo 1.22\n',
  'broken/b.go': 'package broken\n\nimport "fmt"\n\nvar _ = fmt.Sprint\n',
  'broken/.envrc': 'exit 3\n',
};

test('"auto": each module directory gets its own terminal environment; a failing one falls back, warned once; refresh reads them again', { skip: !BASH }, async () => {
  const go = hermeticGo();
  const ws = path.join(go.root, 'ws');
  writeTree(ws, FILES);
  const goBin = path.dirname(findOnPath('go', go.env.PATH)!);
  fs.writeFileSync(path.join(go.env.HOME!, '.bash_profile'), `export PATH="${goBin}:$PATH"\nif [ -f .envrc ]; then . ./.envrc; fi\n`);
  const { client } = await TestClient.start({ folders: [ws], env: { ...go.env, SHELL: BASH! }, trusted: true, settings: { terminalEnv: 'auto' } });
  try {
    const modules = () => client.statuses.filter((s) => s.state === 'ready').at(-1)?.modules ?? [];
    const mod = (name: string): StatusParams['modules'][number] | undefined => modules().find((m) => m.dir === path.join(ws, name));
    await client.waitFor('a mismatch in app', () => mod('app')?.mismatch === true);
    assert.deepEqual(mod('app')!.mismatchInputs, ['GOFLAGS']);
    assert.equal(mod('other')?.mismatch, false);
    assert.equal(mod('broken')?.mismatch, false);
    assert.equal(mod('lib')?.mismatch, false);
    const brokenWarnings = () => client.logs.filter((l) => l.includes('in the module directory') && l.includes(path.join(ws, 'broken')));
    assert.equal(brokenWarnings().length, 1, client.logs.join('\n'));
    assert.match(brokenWarnings()[0]!, /exited \(code 3\) without printing its environment/);

    // The report's variable table is app's own terminal environment.
    const r = (await client.executeCommand('goModuleDoctor.compareEnvironments', [{ uri: uri(path.join(ws, 'app/main.go')) }])) as CompareEnvironmentsResult;
    assert.equal(r.ok, true, r.message);
    assert.deepEqual(r.blamed, ['GOFLAGS']);
    assert.match(r.markdown!, /\| ≠ \| GOFLAGS \| `\(unset\)` \| `-mod=vendor` \|/);
    const other = (await client.executeCommand('goModuleDoctor.compareEnvironments', [{ uri: uri(path.join(ws, 'other/main.go')) }])) as CompareEnvironmentsResult;
    assert.equal(other.mismatch, false);
    assert.match(other.markdown!, /\| {2}\| GOFLAGS \| `\(unset\)` \| `\(unset\)` \|/);

    // Another analysis (an edit in a buffer) runs no shell again and warns no more.
    const ready = client.readyCount(ws);
    const main = path.join(ws, 'other/main.go');
    client.open(main, 'go');
    client.change(main, 2, FILES['other/main.go'].replace('"fmt"', '"fmt"\n\t"os"').replace('lib.Hello())', 'lib.Hello(), os.Args)'));
    await client.waitFor('the analysis after the edit', () => client.readyCount(ws) > ready);
    assert.equal(brokenWarnings().length, 1);

    // The .envrc is gone: Refresh terminal environment (the client then reports a configuration
    // change) and app agrees with the editor.
    fs.rmSync(path.join(ws, 'app/.envrc'));
    const refreshed = (await client.executeCommand('goModuleDoctor.refreshTerminalEnv', [{}])) as CommandResult;
    assert.equal(refreshed.ok, true, refreshed.message);
    client.configurationChanged();
    await client.waitFor('app without a mismatch', () => mod('app')?.mismatch === false);
  } finally {
    await client.stop();
    go.dispose();
  }
});
