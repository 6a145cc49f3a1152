// A main go.mod whose versions `go mod edit` accepts but the go command's own reading rejects
// (modload.ReadModFile passes each version through fixVersion, which looks up any that is not
// canonical, and checks retract lines against the module path): the engine's view fails exactly
// when `go list` does, with go's lines.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withWorld, gofile } from './world';

const mod = (body: string) => `module example.com/m\n\ngo 1.22\n\n${body}\n`;

const cases: { name: string; gomod: string; env?: Record<string, string> }[] = [
  { name: 'retract v1.2 alone', gomod: mod('retract v1.2') },
  { name: 'a retract interval with a short version', gomod: mod('retract [v1.0.0, v1.2]') },
  { name: 'a retract of a branch name', gomod: mod('retract (\n\tmaster // broken\n)') },
  { name: 'a retract of the other major version', gomod: 'module example.com/m/v2\n\ngo 1.22\n\nretract v1.2.3\n' },
  { name: 'a retract without a module line', gomod: 'go 1.22\n\nretract v1.2.3\n' },
  { name: 'a require of v1.2', gomod: mod('require example.com/x v1.2') },
  { name: 'an exclude of v1', gomod: mod('exclude example.com/x v1') },
  { name: 'a replace of v1.2', gomod: mod('replace example.com/x v1.2 => ../x') },
  { name: 'a replacement at v1.2', gomod: mod('replace example.com/x => example.com/y v1.2') },
  { name: 'a require and a retract, both short', gomod: mod('retract v1.2\n\nrequire example.com/x v1.2') },
  { name: 'retract v1.2 with -mod=vendor', gomod: mod('retract v1.2'), env: { GOFLAGS: '-mod=vendor' } },
  { name: 'a quoted retract holding a backquote (checked again unquoted)', gomod: mod('retract (\n\t"v1.2.`x`3"\n)') },
  { name: 'a retract block line that is the word retract', gomod: mod('retract (\n\tretract\n)') },
  { name: 'canonical retracts, quoted and not (control)', gomod: mod('retract (\n\t"v1.2.3"\n\t[v1.0.0, v1.1.0]\n\tv1.4.0+incompatible\n)') },
];

for (const c of cases) {
  test(`main go.mod with ${c.name}: the view fails exactly when go list does, with go's lines`, () =>
    withWorld(async (w) => {
      w.write({ 'm/go.mod': c.gomod, 'm/a.go': gofile('a', 'fmt') });
      const r = await w.go.run(['list', '-e', '-deps', '-json', './...'], w.p('m'), c.env ?? {});
      const view = await w.view('m', c.env ?? {});
      if (r.exitCode === 0) {
        assert.deepEqual(view.errors, [], 'go list succeeds');
        return;
      }
      assert.equal(view.errors[0]?.code, 'invalid-module-file', `go fails: ${r.stderr}\nours: ${JSON.stringify(view.errors)}`);
      // Every go.mod:N: line go prints is in our message, in go's order.
      const goLines = r.stderr.split('\n').filter((l) => /^go\.mod:\d+/.test(l));
      assert.ok(goLines.length > 0, r.stderr);
      assert.ok(view.errors[0].message.includes(goLines.join('\n')), `go: ${goLines.join('\n')}\nours: ${view.errors[0].message}`);
      assert.equal(view.errors[0].range?.start.line, Number(/^go\.mod:(\d+)/.exec(goLines[0]!)![1]) - 1);
    }));
}
