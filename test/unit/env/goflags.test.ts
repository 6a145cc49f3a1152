import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { quietGo as hermeticGo } from './quiet-go';
import { parseGoFlags } from '../../../server/src/env/goflags';

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
