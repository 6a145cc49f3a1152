// "updates to go.mod needed": the engine's goModUpdates against go itself, which fails every
// command with it in readonly mode (go list -e and go build included).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { GraphWorld } from './graph-world';

const mod = (p: string, go: string, ...reqs: string[]) => `module ${p}\n\ngo ${go}\n` + reqs.map((r) => `require ${r}\n`).join('');

const CASES: { name: string; goMod: string; imports: string; dirty: RegExp | undefined }[] = [
  { name: 'a root below its selected version (pruned)', goMod: mod('example.com/main', '1.21', 'example.com/a v1.0.0', 'example.com/c v1.0.0'), imports: 'example.com/a', dirty: /example\.com\/c v1\.1\.0/ },
  { name: 'a root below its selected version (unpruned)', goMod: mod('example.com/main', '1.16', 'example.com/a16 v1.0.0', 'example.com/c v1.0.0'), imports: 'example.com/a16', dirty: /example\.com\/c v1\.1\.0/ },
  { name: 'the go line below a dependency’s (pruned)', goMod: mod('example.com/main', '1.21', 'example.com/g v1.0.0'), imports: 'example.com/g', dirty: /go 1\.22/ },
  { name: 'the go line below a dependency’s (unpruned)', goMod: mod('example.com/main', '1.16', 'example.com/g v1.0.0'), imports: 'example.com/g', dirty: /go 1\.22/ },
  { name: 'a path required twice', goMod: mod('example.com/main', '1.21', 'example.com/c v1.0.0', 'example.com/c v1.1.0'), imports: 'example.com/c', dirty: /more than once/ },
  { name: 'a pruned graph without its indirect requirements is fine', goMod: mod('example.com/main', '1.21', 'example.com/a v1.0.0'), imports: 'example.com/a', dirty: undefined },
  { name: 'a dependency go line of 1.17–1.20 above go 1.16 is fine', goMod: mod('example.com/main', '1.16', 'example.com/g20 v1.0.0'), imports: 'example.com/g20', dirty: undefined },
];

for (const c of CASES) {
  test(`goModUpdates: ${c.name}`, async () => {
    const w = new GraphWorld();
    try {
      w.addModule('example.com/a', 'v1.0.0', mod('example.com/a', '1.21', 'example.com/c v1.1.0'));
      w.addModule('example.com/a16', 'v1.0.0', mod('example.com/a16', '1.16', 'example.com/c v1.1.0'));
      w.addModule('example.com/c', 'v1.0.0', mod('example.com/c', '1.16'));
      w.addModule('example.com/c', 'v1.1.0', mod('example.com/c', '1.16'));
      w.addModule('example.com/g', 'v1.0.0', mod('example.com/g', '1.22'));
      w.addModule('example.com/g20', 'v1.0.0', mod('example.com/g20', '1.20'));
      w.write({ 'main/go.mod': c.goMod, 'main/main.go': `package main\n\nimport _ "${c.imports}"\n\nfunc main() {}\n` });
      await w.seed();
      w.writeSums('main');
      const engine = await w.engineModule('main');
      const deps = await w.go.run(['list', '-e', '-deps', '-json', './...'], path.join(w.work, 'main'));
      if (c.dirty) {
        assert.equal(deps.exitCode, 1);
        assert.equal(engine.goModUpdates.length, 1, JSON.stringify(engine.goModUpdates));
        assert.equal(`go: ${engine.goModUpdates[0].message}`, deps.stderr.trim());
        assert.match(engine.goModUpdates[0].detail, c.dirty);
      } else {
        assert.equal(deps.exitCode, 0, deps.stderr);
        assert.deepEqual(engine.goModUpdates, []);
      }
    } finally {
      w.dispose();
    }
  });
}
