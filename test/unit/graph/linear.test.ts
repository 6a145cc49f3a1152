// Work that must grow linearly with the size of a go.mod or go.work, checked by counting how often
// the engine looks at each input (timings are too noisy to assert on): a graph error per require
// must not scan the requires again.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DiskFileSystem } from '../../../server/src/fsys/fsys';
import { computeGoEnv } from '../../../server/src/env/compute';
import { parseGoMod } from '../../../server/src/parse/gomod';
import { computeBuildList } from '../../../server/src/resolve/buildlist';
import { SumIndex } from '../../../server/src/resolve/gosum';
import type { Require } from '../../../server/src/parse/ast';
import { analyzeFolder } from '../../../server/src/analyze/analyze';
import { loadGoEnv } from '../../../server/src/env/goenv';
import { hermeticGo } from '../../harness/goenv';

/** The array with a count of element reads (by index or iteration) in `reads.n`. */
function counted<T>(items: T[], reads: { n: number }): T[] {
  return new Proxy(items, {
    get(target, prop, receiver) {
      if (typeof prop === 'string' && /^\d+$/.test(prop)) reads.n++;
      return Reflect.get(target, prop, receiver);
    },
  });
}

test('a go.mod of N requires, none in the cache: N graph errors, each on its require line, in O(N) reads of the requires', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gmd-linear-'));
  try {
    const n = 3000;
    const dir = path.join(root, 'big');
    const file = path.join(dir, 'go.mod');
    const text = `module example.com/big\n\ngo 1.22\n\nrequire (\n${Array.from({ length: n }, (_, i) => `\texample.com/dep${i} v1.0.${i % 7}\n`).join('')})\n`;
    const modFile = parseGoMod(text, file);
    assert.equal(modFile.require.length, n);
    const reads = { n: 0 };
    modFile.require = counted<Require>(modFile.require, reads);
    const env = computeGoEnv({ HOME: path.join(root, 'home'), GOMODCACHE: path.join(root, 'modcache'), GOPROXY: 'off', GOFLAGS: '', GOTOOLCHAIN: 'local' });
    const result = computeBuildList({
      mainModules: [{ dir, path: 'example.com/big', modFile }],
      env,
      fs: new DiskFileSystem(),
      sums: new SumIndex([]),
      mustHaveSums: true,
      pruning: 'pruned',
    });
    assert.equal(result.graphErrors.length, n);
    for (const g of result.graphErrors) {
      const line = g.error.evidence.find((e) => e.kind === 'file');
      assert.ok(line && line.kind === 'file' && line.file === file, `${g.path}: no require line`);
      assert.equal(text.slice(line.range.start.offset, line.range.end.offset), `${g.path} ${g.version}`);
    }
    // A scan of the requires per error reads about n²/2 = 4.5M elements; one pass per use, a few n.
    assert.ok(reads.n <= 20 * n, `${reads.n} reads of ${n} requires`);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('N imports of N modules whose go.mod go cannot read: each import finds its graph error without a scan of all of them', async () => {
  const go = hermeticGo();
  const buildlist = require('../../../server/src/resolve/buildlist') as { computeBuildList: typeof computeBuildList };
  const original = buildlist.computeBuildList;
  try {
    const n = 800;
    const cache = go.env.GOMODCACHE!;
    const hash = 'h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
    const sums: string[] = [];
    for (let i = 0; i < n; i++) {
      // An extracted tree and its ziphash, but no .mod file: go cannot read the module's go.mod.
      const mod = `example.com/g/d${i}`;
      fs.mkdirSync(path.join(cache, `${mod}@v1.0.0`), { recursive: true });
      fs.writeFileSync(path.join(cache, `${mod}@v1.0.0`, 'go.mod'), `module ${mod}\n`);
      fs.writeFileSync(path.join(cache, `${mod}@v1.0.0`, 'd.go'), `package d${i}\n`);
      fs.mkdirSync(path.join(cache, 'cache', 'download', mod, '@v'), { recursive: true });
      fs.writeFileSync(path.join(cache, 'cache', 'download', mod, '@v', 'v1.0.0.ziphash'), hash);
      sums.push(`${mod} v1.0.0 ${hash}`, `${mod} v1.0.0/go.mod ${hash}`);
    }
    const ws = path.join(go.root, 'ws');
    fs.mkdirSync(ws);
    fs.writeFileSync(path.join(ws, 'go.mod'), `module example.com/main\n\ngo 1.22\n\nrequire (\n${Array.from({ length: n }, (_, i) => `\texample.com/g/d${i} v1.0.0\n`).join('')})\n`);
    fs.writeFileSync(path.join(ws, 'go.sum'), sums.join('\n') + '\n');
    fs.writeFileSync(path.join(ws, 'main.go'), `package main\n\nimport (\n${Array.from({ length: n }, (_, i) => `\t_ "example.com/g/d${i}"\n`).join('')})\n\nfunc main() {}\n`);
    const reads = { n: 0 };
    buildlist.computeBuildList = (input) => {
      const r = original(input);
      return { ...r, graphErrors: counted(r.graphErrors, reads) };
    };
    const analysis = await analyzeFolder(ws, { editorEnv: await loadGoEnv(go.env) });
    const flagged = analysis.diagnostics.filter((d) => d.code === 'module-not-in-cache' && d.importPath?.startsWith('example.com/g/'));
    assert.equal(flagged.length, n, analysis.diagnostics.slice(0, 3).map((d) => `${d.code} ${d.message}`).join('\n'));
    // A scan of the graph errors per import reads about n²/2 = 320k of them; an index, a few n.
    assert.ok(reads.n <= 20 * n, `${reads.n} reads of ${n} graph errors`);
  } finally {
    buildlist.computeBuildList = original;
    go.dispose();
  }
});
