// computeBuildList against the real go command: each scenario builds fixture modules, downloads
// them into a hermetic cache, and compares the engine's path → version (and replacements) with
// `go list -m -json all`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GraphWorld, goVersions, engineVersions } from './graph-world';

const mod = (p: string, go: string, ...reqs: string[]) =>
  `module ${p}\n\ngo ${go}\n` + (reqs.length ? `\nrequire (\n${reqs.map((r) => `\t${r}\n`).join('')})\n` : '');

async function compareSingle(w: GraphWorld, rel: string) {
  const truth = await w.goList(rel);
  assert.equal(truth.exitCode, 0, truth.stderr);
  const engine = await w.engineModule(rel);
  assert.deepEqual(engine.graphErrors, []);
  // go accepted this go.mod as it is, so no update may be reported.
  assert.deepEqual(engine.goModUpdates, []);
  assert.deepEqual(engineVersions(engine), goVersions(truth.modules));
  return { truth, engine };
}

test('plain chain under an unpruned (go 1.16) main module: every go.mod is read', async () => {
  const w = new GraphWorld();
  try {
    w.addModule('example.com/a', 'v1.0.0', mod('example.com/a', '1.16', 'example.com/b v1.0.0'));
    w.addModule('example.com/b', 'v1.0.0', mod('example.com/b', '1.16', 'example.com/c v1.0.0'));
    w.addModule('example.com/c', 'v1.0.0', mod('example.com/c', '1.16'));
    w.write({ 'main/go.mod': mod('example.com/main', '1.16', 'example.com/a v1.0.0') });
    await w.seed();
    await w.tidyRoots('main');
    w.writeSums('main');
    const { engine } = await compareSingle(w, 'main');
    assert.equal(engine.buildList.get('example.com/c')?.version, 'v1.0.0');
    assert.ok(engine.buildList.get('example.com/c')?.dir?.endsWith(path.join('example.com', 'c@v1.0.0')));
  } finally {
    w.dispose();
  }
});

test('diamond: MVS picks the highest version any loaded go.mod requires', async () => {
  const w = new GraphWorld();
  try {
    w.addModule('example.com/a', 'v1.0.0', mod('example.com/a', '1.21', 'example.com/c v1.1.0'));
    w.addModule('example.com/b', 'v1.0.0', mod('example.com/b', '1.21', 'example.com/c v1.2.0'));
    w.addModule('example.com/c', 'v1.1.0', mod('example.com/c', '1.21'));
    w.addModule('example.com/c', 'v1.2.0', mod('example.com/c', '1.21'));
    w.write({ 'main/go.mod': mod('example.com/main', '1.21', 'example.com/a v1.0.0', 'example.com/b v1.0.0', 'example.com/c v1.1.0 // indirect') });
    await w.seed();
    await w.tidyRoots('main');
    w.writeSums('main');
    const { engine } = await compareSingle(w, 'main');
    assert.equal(engine.buildList.get('example.com/c')?.version, 'v1.2.0');
  } finally {
    w.dispose();
  }
});

test('pruned graph: a go 1.17+ dependency’s own requirements are edges, their go.mod files are not read', async () => {
  const w = new GraphWorld();
  try {
    w.addModule('example.com/p', 'v1.0.0', mod('example.com/p', '1.21', 'example.com/q v1.0.0'));
    w.addModule('example.com/q', 'v1.0.0', mod('example.com/q', '1.21', 'example.com/r v1.0.0'));
    w.addModule('example.com/r', 'v1.0.0', mod('example.com/r', '1.21'));
    w.write({ 'main/go.mod': mod('example.com/main', '1.21', 'example.com/p v1.0.0') });
    await w.seed();
    await w.tidyRoots('main');
    w.writeSums('main');
    const { truth, engine } = await compareSingle(w, 'main');
    assert.ok(truth.modules.has('example.com/q'));
    assert.ok(!truth.modules.has('example.com/r'), 'go itself prunes r');
    assert.ok(!engine.buildList.has('example.com/r'));
  } finally {
    w.dispose();
  }
});

test('unpruned dependency (go 1.16) under a pruned main module: its requirements are loaded transitively', async () => {
  const w = new GraphWorld();
  try {
    w.addModule('example.com/u', 'v1.0.0', mod('example.com/u', '1.16', 'example.com/v v1.0.0'));
    w.addModule('example.com/v', 'v1.0.0', mod('example.com/v', '1.21', 'example.com/w v1.0.0'));
    w.addModule('example.com/w', 'v1.0.0', mod('example.com/w', '1.21'));
    w.write({ 'main/go.mod': mod('example.com/main', '1.21', 'example.com/u v1.0.0') });
    await w.seed();
    await w.tidyRoots('main');
    w.writeSums('main');
    const { truth, engine } = await compareSingle(w, 'main');
    assert.ok(truth.modules.has('example.com/w'), 'go loads w below the unpruned u');
    assert.ok(engine.buildList.has('example.com/w'));
  } finally {
    w.dispose();
  }
});

test('exclude drops a requirement on the excluded version (no bump to the next one)', async () => {
  const w = new GraphWorld();
  try {
    w.addModule('example.com/x', 'v1.0.0', mod('example.com/x', '1.16', 'example.com/e v1.1.0'));
    w.addModule('example.com/e', 'v1.0.0', mod('example.com/e', '1.16'));
    w.addModule('example.com/e', 'v1.1.0', mod('example.com/e', '1.16'));
    w.addModule('example.com/e', 'v1.2.0', mod('example.com/e', '1.16'));
    w.write({ 'main/go.mod': mod('example.com/main', '1.16', 'example.com/x v1.0.0', 'example.com/e v1.0.0') + 'exclude example.com/e v1.1.0\n' });
    await w.seed();
    await w.tidyRoots('main');
    w.writeSums('main');
    const { engine } = await compareSingle(w, 'main');
    assert.equal(engine.buildList.get('example.com/e')?.version, 'v1.0.0');
  } finally {
    w.dispose();
  }
});

test('replace by version: the replacement’s go.mod gives the edges; the graph keeps the original version', async () => {
  const w = new GraphWorld();
  try {
    w.addModule('example.com/rp', 'v1.0.0', mod('example.com/rp', '1.16'));
    w.addModule('example.com/fork', 'v1.5.0', mod('example.com/fork', '1.16', 'example.com/s v1.0.0'));
    w.addModule('example.com/s', 'v1.0.0', mod('example.com/s', '1.16'));
    w.write({ 'main/go.mod': mod('example.com/main', '1.16', 'example.com/rp v1.0.0') + 'replace example.com/rp v1.0.0 => example.com/fork v1.5.0\n' });
    await w.seed();
    await w.tidyRoots('main');
    w.writeSums('main');
    const { truth, engine } = await compareSingle(w, 'main');
    const rp = engine.buildList.get('example.com/rp')!;
    assert.deepEqual(rp.replace?.target, { path: 'example.com/fork', version: 'v1.5.0' });
    assert.equal(truth.modules.get('example.com/rp')?.Replace?.Path, 'example.com/fork');
    assert.equal(rp.dir, truth.modules.get('example.com/rp')?.Replace?.Dir);
  } finally {
    w.dispose();
  }
});

test('replace by a relative directory: read <dir>/go.mod relative to the go.mod that holds the replace', async () => {
  const w = new GraphWorld();
  try {
    w.addModule('example.com/d', 'v1.0.0', mod('example.com/d', '1.16'));
    w.addModule('example.com/t', 'v1.0.0', mod('example.com/t', '1.16'));
    w.write({
      'main/go.mod': mod('example.com/main', '1.16', 'example.com/d v1.0.0') + 'replace example.com/d => ../local-d\n',
      // A directory replacement may declare any path: go skips the check.
      'local-d/go.mod': mod('example.com/d-local', '1.16', 'example.com/t v1.0.0'),
    });
    await w.seed();
    await w.tidyRoots('main');
    w.writeSums('main');
    const { truth, engine } = await compareSingle(w, 'main');
    const d = engine.buildList.get('example.com/d')!;
    assert.equal(d.dir, path.join(w.work, 'local-d'));
    assert.equal(d.dir, truth.modules.get('example.com/d')?.Replace?.Dir);
    assert.equal(engine.buildList.get('example.com/t')?.version, 'v1.0.0');
  } finally {
    w.dispose();
  }
});

test('go.work with two modules: the go.work replace hides the go.mod replace of the same path', async () => {
  const w = new GraphWorld();
  try {
    w.addModule('example.com/z', 'v1.0.0', mod('example.com/z', '1.21'));
    w.addModule('example.com/zfork', 'v1.0.0', mod('example.com/zfork', '1.21'));
    w.addModule('example.com/y', 'v1.0.0', mod('example.com/y', '1.21', 'example.com/k v1.1.0'));
    w.addModule('example.com/k', 'v1.0.0', mod('example.com/k', '1.21'));
    w.addModule('example.com/k', 'v1.1.0', mod('example.com/k', '1.21'));
    w.write({
      'ws/go.work': 'go 1.21\n\nuse (\n\t./m1\n\t./m2\n)\n\nreplace example.com/z => ./zlocal\n',
      'ws/m1/go.mod': mod('example.com/m1', '1.21', 'example.com/z v1.0.0', 'example.com/k v1.0.0') + 'replace example.com/z => example.com/zfork v1.0.0\n',
      'ws/m2/go.mod': mod('example.com/m2', '1.21', 'example.com/y v1.0.0'),
      'ws/zlocal/go.mod': mod('example.com/z', '1.21'),
    });
    await w.seed();
    const truth = await w.goList('ws');
    assert.equal(truth.exitCode, 0, truth.stderr);
    const engine = await w.engineWorkspace('ws');
    assert.deepEqual(engine.graphErrors, []);
    assert.deepEqual(engineVersions(engine), goVersions(truth.modules));
    const z = engine.buildList.get('example.com/z')!;
    assert.equal(z.dir, path.join(w.work, 'ws', 'zlocal'));
    assert.equal(z.dir, truth.modules.get('example.com/z')?.Replace?.Dir);
    assert.equal(engine.replacementFor('example.com/z', 'v1.0.0')?.file, path.join(w.work, 'ws', 'go.work'));
    assert.equal(engine.buildList.get('example.com/k')?.version, 'v1.1.0');
  } finally {
    w.dispose();
  }
});

test('workspace: a dependency selected above what a workspace module requires has its go.mod re-read', async () => {
  const w = new GraphWorld();
  try {
    w.addModule('example.com/k', 'v1.0.0', mod('example.com/k', '1.21'));
    w.addModule('example.com/k', 'v1.1.0', mod('example.com/k', '1.21', 'example.com/j v1.0.0'));
    w.addModule('example.com/j', 'v1.0.0', mod('example.com/j', '1.21', 'example.com/deep v1.0.0'));
    w.addModule('example.com/deep', 'v1.0.0', mod('example.com/deep', '1.21'));
    w.addModule('example.com/y', 'v1.0.0', mod('example.com/y', '1.21', 'example.com/k v1.1.0'));
    w.write({
      'ws/go.work': 'go 1.21\n\nuse (\n\t./m1\n\t./m2\n)\n',
      'ws/m1/go.mod': mod('example.com/m1', '1.21', 'example.com/k v1.0.0'),
      'ws/m2/go.mod': mod('example.com/m2', '1.21', 'example.com/y v1.0.0'),
    });
    await w.seed();
    const truth = await w.goList('ws');
    assert.equal(truth.exitCode, 0, truth.stderr);
    const engine = await w.engineWorkspace('ws');
    assert.deepEqual(engine.graphErrors, []);
    assert.deepEqual(engineVersions(engine), goVersions(truth.modules));
    assert.equal(engine.buildList.get('example.com/j')?.version, 'v1.0.0');
  } finally {
    w.dispose();
  }
});

test('replace: the exact `P V =>` form beats the wildcard `P =>` form in the same go.mod', async () => {
  const w = new GraphWorld();
  try {
    w.addModule('example.com/x', 'v1.0.0', mod('example.com/x', '1.16'));
    w.addModule('example.com/t', 'v1.0.0', mod('example.com/t', '1.16'));
    w.write({
      'main/go.mod': mod('example.com/main', '1.16', 'example.com/x v1.0.0') +
        'replace example.com/x => ../wild\nreplace example.com/x v1.0.0 => ../exact\n',
      'wild/go.mod': mod('example.com/x', '1.16'),
      'exact/go.mod': mod('example.com/x', '1.16', 'example.com/t v1.0.0'),
    });
    await w.seed();
    await w.tidyRoots('main');
    w.writeSums('main');
    const { truth, engine } = await compareSingle(w, 'main');
    assert.equal(engine.buildList.get('example.com/x')?.dir, path.join(w.work, 'exact'));
    assert.equal(truth.modules.get('example.com/x')?.Replace?.Dir, path.join(w.work, 'exact'));
  } finally {
    w.dispose();
  }
});

test('upper-case module paths and versions are read from their escaped cache paths; a go.mod without go line is unpruned', async () => {
  const w = new GraphWorld();
  try {
    w.addModule('example.com/Azure/Blob', 'v1.0.0-RC1', 'module example.com/Azure/Blob\n\nrequire example.com/leaf v1.0.0\n');
    w.addModule('example.com/leaf', 'v1.0.0', mod('example.com/leaf', '1.21', 'example.com/leafdep v1.0.0'));
    w.addModule('example.com/leafdep', 'v1.0.0', mod('example.com/leafdep', '1.21'));
    w.write({ 'main/go.mod': mod('example.com/main', '1.21', 'example.com/Azure/Blob v1.0.0-RC1') });
    await w.seed();
    await w.tidyRoots('main');
    w.writeSums('main');
    const { truth, engine } = await compareSingle(w, 'main');
    // Blob has no go line (go 1.16: unpruned), so leaf's go.mod is read and leafdep is in the graph.
    assert.ok(truth.modules.has('example.com/leafdep'));
    const blob = engine.buildList.get('example.com/Azure/Blob')!;
    assert.equal(blob.dir, truth.modules.get('example.com/Azure/Blob')?.Dir);
    assert.ok(blob.goModSource?.endsWith(path.join('!azure', '!blob', '@v', 'v1.0.0-!r!c1.mod')));
  } finally {
    w.dispose();
  }
});

test('dir is only given for a complete extracted copy (go list -m reports no Dir for a partial one)', async () => {
  const w = new GraphWorld();
  try {
    for (const p of ['example.com/whole', 'example.com/partial', 'example.com/noziphash']) w.addModule(p, 'v1.0.0', mod(p, '1.21'));
    w.write({ 'main/go.mod': mod('example.com/main', '1.21', 'example.com/whole v1.0.0', 'example.com/partial v1.0.0', 'example.com/noziphash v1.0.0') });
    await w.seed();
    await w.tidyRoots('main');
    w.writeSums('main');
    fs.writeFileSync(path.join(w.cacheDownload, 'example.com', 'partial', '@v', 'v1.0.0.partial'), '');
    fs.rmSync(path.join(w.cacheDownload, 'example.com', 'noziphash', '@v', 'v1.0.0.ziphash'));
    const { truth, engine } = await compareSingle(w, 'main');
    for (const p of ['example.com/whole', 'example.com/partial', 'example.com/noziphash']) {
      assert.equal(engine.buildList.get(p)?.dir, truth.modules.get(p)?.Dir, p);
    }
    assert.equal(engine.buildList.get('example.com/partial')?.dir, undefined);
  } finally {
    w.dispose();
  }
});
