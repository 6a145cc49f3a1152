// The fix for a checksum missing deep in the closure, as a user runs it: `fix --yes` records
// exactly the missing module versions in every module that needs them, all of them at once, then
// check finds nothing and go builds each module.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { prepareCase } from '../../harness/cases';

const CLI = path.resolve(__dirname, '../../../..', 'dist', 'cli.js');

test('fix --yes records the transitive checksum in each module that lacks it, and go builds them', async () => {
  const c = await prepareCase('transitive-go-sum-missing-two-modules');
  try {
    const env = { ...c.env, GOPROXY: c.proxyUrl };
    const fix = spawnSync(process.execPath, [CLI, 'fix', '--yes', c.dir], { env, encoding: 'utf8' });
    assert.equal(fix.status, 0, fix.stdout + fix.stderr);
    for (const m of ['api', 'worker']) {
      assert.match(fix.stdout, new RegExp(`ran go mod download -- example\\.com/logkit@v1\\.0\\.0 \\(in ${path.join(c.dir, m).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)`));
      const build = await c.go.run(['build', './...'], path.join(c.dir, m), c.env);
      assert.equal(build.exitCode, 0, `${m}: ${build.stderr}`);
    }
    const check = spawnSync(process.execPath, [CLI, 'check', c.dir], { env: c.env, encoding: 'utf8' });
    assert.equal(check.status, 0, check.stdout);
  } finally {
    c.dispose();
  }
});

test('with go.sum deleted, one fix records the checksums of every module the load fetches', async () => {
  const c = await prepareCase('go-sum-deleted');
  try {
    const env = { ...c.env, GOPROXY: c.proxyUrl };
    const fix = spawnSync(process.execPath, [CLI, 'fix', '--yes', c.dir], { env, encoding: 'utf8' });
    assert.equal(fix.status, 0, fix.stdout + fix.stderr);
    assert.equal(fix.stdout.match(/^fixing /gm)?.length, 1, fix.stdout);
    assert.match(fix.stdout, /ran go mod download -- example\.com\/webkit@v1\.0\.0 example\.com\/logkit@v1\.0\.0 /);
    const build = await c.go.run(['build', './...'], c.dir, c.env);
    assert.equal(build.exitCode, 0, build.stderr);
  } finally {
    c.dispose();
  }
});
