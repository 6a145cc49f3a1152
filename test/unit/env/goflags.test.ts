import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { quietGo as hermeticGo } from './quiet-go';
import { flagSource, parseGoFlags, withBuildFlags } from '../../../server/src/env/goflags';

test('GOFLAGS -tags forms and errors agree with go', async () => {
  const go = hermeticGo();
  try {
    const forms = [
      '-tags=a,b',
      '--tags=a,b',
      '-tags=a -tags=b',
      ' -tags=x,,y  -mod=mod ',
      "'-tags=a b'",
      '"-tags=c d" -trimpath',
      '-tags=a,b,a',
      '-tags=',
      "-tags='a b'",
      '-tags a',
      '-tags',
      '-mod',
      '-modfile',
      '-mod=bogus',
      '"-tags=a',
      '-',
    ];
    for (const goflags of forms) {
      const r = await go.run(['list', '-f', '{{context.BuildTags}}', 'runtime'], go.root, { GOFLAGS: goflags });
      const ours = parseGoFlags(goflags);
      if (r.exitCode === 0) {
        assert.equal(ours.errors, undefined, goflags);
        assert.equal(r.stdout.trim(), `[${ours.tags.join(' ')}]`, goflags);
      } else {
        assert.ok(ours.errors && r.stderr.split('\n')[0] === ours.errors[0], `${goflags}: go says ${r.stderr.split('\n')[0]}, we say ${ours.errors}`);
      }
    }
  } finally {
    go.dispose();
  }
});

test('GOFLAGS -mod and -modfile: the last one wins', () => {
  assert.deepEqual(parseGoFlags('-mod=vendor -modfile=/x/go.alt.mod --mod=mod'), {
    mod: 'mod',
    modfile: '/x/go.alt.mod',
    tags: [],
    raw: ['-mod=vendor', '-modfile=/x/go.alt.mod', '--mod=mod'],
  });
  assert.equal(parseGoFlags('-mod=readonly -mod=').mod, undefined);
  assert.deepEqual(parseGoFlags(''), { tags: [], raw: [] });
});

test('command-line build flags (gopls build.buildFlags) over GOFLAGS: the tags agree with go', async () => {
  const go = hermeticGo();
  try {
    const cases: [string, string[]][] = [
      ['-tags=a', ['-tags=b,c']],
      ['-tags=a', ['-tags', 'b']],
      ['-tags=a', ['--tags=b']],
      ['-tags=a', ['-tags=b', '-tags=c']],
      ['-tags=a', ['-trimpath', '-ldflags', '-s -w']],
      ['-tags=a -mod=mod', ['-a', '-gcflags=-N', '-tags=x']],
      ['', ['-tags', 'a b']],
      ['-tags=a', []],
    ];
    for (const [goflags, buildFlags] of cases) {
      const r = await go.run(['list', ...buildFlags, '-f', '{{context.BuildTags}}', 'runtime'], go.root, { GOFLAGS: goflags });
      assert.equal(r.exitCode, 0, r.stderr);
      const ours = withBuildFlags(parseGoFlags(goflags), buildFlags);
      assert.equal(r.stdout.trim(), `[${ours.tags.join(' ')}]`, `${goflags} + ${buildFlags.join(' ')}`);
      assert.equal(ours.errors, undefined);
    }
  } finally {
    go.dispose();
  }
});

test('command-line -mod and -modfile win over GOFLAGS; the flags say which the command line set', () => {
  const f = withBuildFlags(parseGoFlags('-mod=mod -tags=a'), ['-mod', 'vendor']);
  assert.equal(f.mod, 'vendor');
  assert.deepEqual(f.tags, ['a']);
  assert.deepEqual(f.commandLine, ['mod']);
  assert.equal(flagSource(f, 'mod'), 'gopls build.buildFlags');
  assert.equal(flagSource(f, 'tags'), 'GOFLAGS');
  assert.deepEqual(f.raw, ['-mod=mod', '-tags=a', '-mod', 'vendor']);
  assert.equal(withBuildFlags(parseGoFlags('-mod=vendor'), ['-mod=']).mod, undefined);
  assert.equal(withBuildFlags(parseGoFlags(''), ['-modfile=/x/alt.mod']).modfile, '/x/alt.mod');
  const none = parseGoFlags('-mod=mod');
  assert.equal(withBuildFlags(none, []), none);
  assert.deepEqual(withBuildFlags(parseGoFlags(''), ['-tags']).errors, ['go: flag needs an argument: -tags (from gopls build.buildFlags)']);
  assert.deepEqual(withBuildFlags(parseGoFlags(''), ['-mod=bogus']).errors, ["go: -mod=bogus not supported (can be '', 'mod', 'readonly', or 'vendor')"]);
});
