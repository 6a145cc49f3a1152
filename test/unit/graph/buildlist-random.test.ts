// Differential test: random module graphs (cycles, mixed pruned/unpruned go lines, several
// versions per path, excludes) built for real; the engine's build list must equal
// `go list -m -json all` for each. Seeds are fixed so a failure reproduces.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GraphWorld, goVersions, engineVersions } from './graph-world';

/** A small deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VERSIONS = ['v1.0.0', 'v1.1.0', 'v1.2.0'];

function goMod(p: string, go: string | undefined, reqs: string[]): string {
  return `module ${p}\n` + (go ? `\ngo ${go}\n` : '') + (reqs.length ? `\nrequire (\n${reqs.map((r) => `\t${r}\n`).join('')})\n` : '');
}

for (const seed of [1, 2, 3, 4]) {
  for (const mainGo of ['1.16', '1.21']) {
    test(`random graph seed ${seed}, main go ${mainGo}: engine build list equals go list -m all`, async () => {
      const rand = prng(seed * 7919 + (mainGo === '1.16' ? 1 : 0));
      const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
      const n = 16;
      const paths = Array.from({ length: n }, (_, i) => `example.com/r${seed}/m${i}`);
      const w = new GraphWorld();
      try {
        for (const p of paths) {
          for (const v of VERSIONS) {
            const reqs = new Map<string, string>();
            const count = Math.floor(rand() * 4);
            for (let k = 0; k < count; k++) {
              const q = pick(paths);
              if (q !== p) reqs.set(q, pick(VERSIONS));
            }
            // Under a go 1.16 main module every dependency stays at or below 1.16, or go raises the main
            // go line (and the graph is pruned after all).
            const goLines = mainGo === '1.16' ? ['1.16', '1.14', undefined] : ['1.16', '1.21', '1.21', undefined];
            w.addModule(p, v, goMod(p, pick(goLines), [...reqs].map(([q, qv]) => `${q} ${qv}`)));
          }
        }
        const roots = new Map<string, string>();
        for (let k = 0; k < 4; k++) roots.set(pick(paths), pick(VERSIONS));
        const excluded = rand() < 0.5 ? `\nexclude ${pick(paths)} ${pick(VERSIONS)}\n` : '';
        w.write({ 'main/go.mod': goMod('example.com/main', mainGo, [...roots].map(([q, qv]) => `${q} ${qv}`)) + excluded });
        await w.seed();
        // As written, go may need to update go.mod: the engine must say so exactly when go does.
        w.writeSums('main');
        const before = await w.go.run(['list', '-m', 'all'], path.join(w.work, 'main'));
        const untidy = await w.engineModule('main');
        assert.equal(untidy.goModUpdates.length > 0, before.exitCode !== 0, `${before.stderr}\n${JSON.stringify(untidy.goModUpdates.map((u) => u.detail))}`);
        await w.tidyRoots('main');
        w.writeSums('main');
        const truth = await w.goList('main');
        assert.equal(truth.exitCode, 0, truth.stderr);
        const engine = await w.engineModule('main');
        assert.deepEqual(engine.graphErrors, []);
        assert.deepEqual(engine.goModUpdates, []);
        assert.deepEqual(engineVersions(engine), goVersions(truth.modules));
        assert.match(fs.readFileSync(path.join(w.work, 'main', 'go.mod'), 'utf8'), new RegExp(`go ${mainGo.replace('.', '\\.')}\\n`));
      } finally {
        w.dispose();
      }
    });
  }
}

for (const seed of [5, 6, 7]) {
  test(`random workspace seed ${seed}: engine build list equals go list -m all`, async () => {
    const rand = prng(seed * 104729);
    const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
    const paths = Array.from({ length: 16 }, (_, i) => `example.com/w${seed}/m${i}`);
    const w = new GraphWorld();
    try {
      for (const p of paths) {
        for (const v of VERSIONS) {
          const reqs = new Map<string, string>();
          for (let k = Math.floor(rand() * 4); k > 0; k--) {
            const q = pick(paths);
            if (q !== p) reqs.set(q, pick(VERSIONS));
          }
          w.addModule(p, v, goMod(p, pick(['1.16', '1.21', '1.21', undefined]), [...reqs].map(([q, qv]) => `${q} ${qv}`)));
        }
      }
      const files: Record<string, string> = { 'ws/go.work': 'go 1.21\n\nuse (\n\t./a\n\t./b\n)\n' };
      for (const name of ['a', 'b']) {
        const roots = new Map<string, string>();
        for (let k = 0; k < 3; k++) roots.set(pick(paths), pick(VERSIONS));
        files[`ws/${name}/go.mod`] = goMod(`example.com/ws/${name}`, pick(['1.16', '1.21']), [...roots].map(([q, qv]) => `${q} ${qv}`));
      }
      w.write(files);
      await w.seed();
      const truth = await w.goList('ws');
      assert.equal(truth.exitCode, 0, truth.stderr);
      const engine = await w.engineWorkspace('ws');
      assert.deepEqual(engine.graphErrors, []);
      assert.deepEqual(engineVersions(engine), goVersions(truth.modules));
    } finally {
      w.dispose();
    }
  });
}
