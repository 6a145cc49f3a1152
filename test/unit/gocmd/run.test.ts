// runGo is the one way a go command runs: these tests use stand-in "go" scripts to prove the time
// limit, cancellation, the pinned GOTOOLCHAIN and that arguments never pass through a shell.

import { after, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runGo, describeGoFailure } from '../../../server/src/gocmd/run';

const fakeDirs: string[] = [];
after(() => {
  for (const d of fakeDirs) fs.rmSync(d, { recursive: true, force: true });
});

function fakeGo(body: string): { bin: string; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gmd-fakego-'));
  fakeDirs.push(dir);
  const bin = path.join(dir, 'go');
  fs.writeFileSync(bin, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return { bin, dir };
}

const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', GOTOOLCHAIN: 'auto' };

test('a go command that hangs is killed at its time limit and reported', async () => {
  const { bin, dir } = fakeGo('sleep 30');
  const t0 = Date.now();
  const r = await runGo(['list'], { cwd: dir, env, goBinary: bin, timeoutMs: 300 });
  assert.equal(r.timedOut, true);
  assert.ok(Date.now() - t0 < 10_000, 'killed well before the sleep ends');
  assert.match(describeGoFailure(r), /killed after its time limit/);
});

test('a go command that ignores SIGINT is killed after the grace period', async () => {
  const { bin, dir } = fakeGo("trap '' INT\nsleep 30");
  const r = await runGo(['list'], { cwd: dir, env, goBinary: bin, timeoutMs: 200 });
  assert.equal(r.timedOut, true);
  assert.notEqual(r.exitCode, 0);
});

test('cancellation stops a running go command', async () => {
  const { bin, dir } = fakeGo('sleep 30');
  const ac = new AbortController();
  setTimeout(() => ac.abort(), 200);
  const r = await runGo(['mod', 'download'], { cwd: dir, env, goBinary: bin, signal: ac.signal });
  assert.equal(r.cancelled, true);
  assert.equal(r.timedOut, false);
});

test('GOTOOLCHAIN is pinned to local unless the user opted in', async () => {
  const { bin, dir } = fakeGo('echo "$GOTOOLCHAIN"');
  assert.equal((await runGo([], { cwd: dir, env, goBinary: bin })).stdout.trim(), 'local');
  assert.equal((await runGo([], { cwd: dir, env, goBinary: bin, allowToolchainSwitch: true })).stdout.trim(), 'auto');
});

test('arguments reach go verbatim: no shell expands them', async () => {
  const { bin, dir } = fakeGo('for a in "$@"; do printf "%s\\n" "$a"; done');
  const tricky = ['get', '--', '$(touch pwned)', '`id`', 'a b;c', "'q'"];
  const r = await runGo(tricky, { cwd: dir, env, goBinary: bin });
  assert.deepEqual(r.stdout.trimEnd().split('\n'), tricky);
  assert.equal(fs.existsSync(path.join(dir, 'pwned')), false);
});

test('a missing go binary is reported, not thrown', async () => {
  const r = await runGo(['version'], { cwd: os.tmpdir(), env, goBinary: '/nonexistent/bin/go' });
  assert.ok(r.spawnError);
  assert.match(describeGoFailure(r), /not found/);
});

test('the real go runs and its output is captured', async () => {
  const r = await runGo(['env', 'GOTOOLCHAIN'], { cwd: os.tmpdir(), env: { ...env, HOME: os.tmpdir() } });
  assert.equal(r.exitCode, 0);
  assert.equal(r.stdout.trim(), 'local');
});
