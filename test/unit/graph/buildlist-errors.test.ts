// Graph errors: for each code computeBuildList reports, build the situation for real, check the
// engine's code and text against `go list -m all` (which loads the whole graph and fails), and
// record what `go list -e -deps -json ./...` does with it — that decides how the resolver reports
// it. Under an unpruned main module (go < 1.17) every graph error is fatal (tests at the end).
// Under a pruned main module (go 1.26):
//   - the broken module provides an imported package: the package gets Error (at the import's
//     Pos; importers get DepsErrors), except checksum-mismatch and go-version-too-new, which are
//     fatal (exit 1, no JSON);
//   - the broken module provides no imported package: go never reads its go.mod while loading
//     packages (lazy loading), so `go list -e -deps` is clean and only `go list -m all` fails.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GraphWorld } from './graph-world';
import { parseJsonStream } from '../../harness/proxy';
import { hashGoModText } from '../../../server/src/resolve/modcache';
import { graphErrorEffect } from '../../../server/src/resolve/buildlist';
import type { Code } from '../../../server/src/codes';

const mod = (p: string, go: string, ...reqs: string[]) =>
  `module ${p}\n\ngo ${go}\n` + (reqs.length ? `\nrequire (\n${reqs.map((r) => `\t${r}\n`).join('')})\n` : '');

type Breakage = (w: GraphWorld, target: string) => void;

function setGoMod(w: GraphWorld, target: string, text: string, opts: { keepSum?: boolean } = {}): void {
  const f = path.join(w.cacheDownload, 'example.com', target, '@v', 'v1.0.0.mod');
  fs.chmodSync(f, 0o644);
  fs.writeFileSync(f, text);
  if (opts.keepSum) return;
  // Record the new go.mod's hash so only the intended check fails.
  const sumFile = path.join(w.work, 'main', 'go.sum');
  const lines = fs.readFileSync(sumFile, 'utf8').split('\n');
  fs.writeFileSync(sumFile, lines.map((l) => (l.startsWith(`example.com/${target} v1.0.0/go.mod `) ? `example.com/${target} v1.0.0/go.mod ${hashGoModText(text)}` : l)).join('\n'));
}

const CASES: { code: Code; break: Breakage; depsErr?: (t: string) => string; fatal?: boolean }[] = [
  {
    code: 'module-not-in-cache',
    break: (w, t) => fs.rmSync(path.join(w.cacheDownload, 'example.com', t, '@v', 'v1.0.0.mod')),
    depsErr: () => 'module lookup disabled by GOPROXY=off',
  },
  {
    code: 'missing-go-sum',
    break: (w, t) => {
      const f = path.join(w.work, 'main', 'go.sum');
      fs.writeFileSync(f, fs.readFileSync(f, 'utf8').split('\n').filter((l) => !l.startsWith(`example.com/${t} v1.0.0/go.mod `)).join('\n'));
    },
    depsErr: (t) => `example.com/${t}@v1.0.0: missing go.sum entry for go.mod file; to add it:\n\tgo mod download example.com/${t}`,
  },
  {
    code: 'checksum-mismatch',
    break: (w, t) => setGoMod(w, t, mod(`example.com/${t}`, '1.21') + '// changed\n', { keepSum: true }),
    fatal: true,
  },
  {
    code: 'module-path-mismatch',
    break: (w, t) => setGoMod(w, t, mod('example.com/elsewhere', '1.21')),
    depsErr: (t) => `example.com/${t}@v1.0.0: parsing go.mod:\n\tmodule declares its path as: example.com/elsewhere\n\t        but was required as: example.com/${t}`,
  },
  {
    code: 'replace-dir-missing',
    break: (w, t) => fs.appendFileSync(path.join(w.work, 'main', 'go.mod'), `replace example.com/${t} => ../no-such-dir\n`),
    // Package loading words it differently from the graph (modload import.go fetch).
    depsErr: (t) => `example.com/${t}@v1.0.0: replacement directory ../no-such-dir does not exist`,
  },
  {
    // Lax parsing still rejects malformed lines; go names the cached file just "go.mod".
    code: 'invalid-module-file',
    break: (w, t) => setGoMod(w, t, `module example.com/${t}\n\ngo 1.21\n\nrequire example.com/zz\n`),
    depsErr: (t) => `example.com/${t}@v1.0.0: parsing go.mod: go.mod:5: usage: require module/path v1.2.3`,
  },
  {
    code: 'go-version-too-new',
    break: (w, t) => setGoMod(w, t, mod(`example.com/${t}`, '1.99')),
    fatal: true,
  },
];

async function world(): Promise<GraphWorld> {
  const w = new GraphWorld();
  w.addModule('example.com/a', 'v1.0.0', mod('example.com/a', '1.21', 'example.com/b v1.0.0'));
  w.addModule('example.com/b', 'v1.0.0', mod('example.com/b', '1.21'));
  w.addModule('example.com/other', 'v1.0.0', mod('example.com/other', '1.21'));
  w.write({
    'main/go.mod': mod('example.com/main', '1.21', 'example.com/a v1.0.0', 'example.com/b v1.0.0', 'example.com/other v1.0.0'),
    'main/main.go': 'package main\n\nimport (\n\t_ "example.com/a"\n\t_ "example.com/other"\n)\n\nfunc main() {}\n',
  });
  await w.seed();
  w.writeSums('main');
  return w;
}

interface ListedPkg {
  ImportPath: string;
  Error?: { Err: string };
  DepsErrors?: { Err: string }[];
}

for (const c of CASES) {
  for (const target of ['other', 'b']) {
    const imported = target === 'other';
    test(`${c.code} on ${imported ? 'a module that provides an imported package' : 'a module no import needs'}`, async () => {
      const w = await world();
      try {
        c.break(w, target);
        const engine = await w.engineModule('main');
        const mine = engine.graphErrors.filter((e) => e.path === `example.com/${target}`);
        assert.equal(mine.length, 1, JSON.stringify(engine.graphErrors, null, 1));
        assert.equal(mine[0].error.code, c.code);
        assert.equal(mine[0].version, 'v1.0.0');

        const all = await w.go.run(['list', '-m', 'all'], path.join(w.work, 'main'));
        assert.notEqual(all.exitCode, 0);
        assert.equal(mine[0].error.message, all.stderr.trim().replace(/^go: /, ''));
        // The rest of the graph is still there.
        assert.equal(engine.buildList.get('example.com/a')?.version, 'v1.0.0');

        const deps = await w.go.run(['list', '-e', '-deps', '-json', './...'], path.join(w.work, 'main'));
        const effect = graphErrorEffect(mine[0], 'pruned');
        assert.equal(effect.kind, 'if-imported');
        if (effect.kind !== 'if-imported') return;
        assert.equal(effect.fatalText !== undefined, c.fatal === true);
        if (!imported) {
          assert.equal(deps.exitCode, 0, deps.stderr);
          const errs = parseJsonStream<ListedPkg>(deps.stdout).filter((p) => p.Error || p.DepsErrors);
          assert.deepEqual(errs, [], 'go never reads the go.mod of a module no import needs');
        } else if (c.fatal) {
          assert.equal(deps.exitCode, 1);
          assert.equal(deps.stdout, '');
          assert.equal(deps.stderr.trim(), effect.fatalText);
        } else {
          assert.equal(deps.exitCode, 0, deps.stderr);
          const pkgs = parseJsonStream<ListedPkg>(deps.stdout);
          const pkg = pkgs.find((p) => p.ImportPath === `example.com/${target}`);
          assert.equal(pkg?.Error?.Err, c.depsErr!(target));
          assert.equal(effect.err, c.depsErr!(target));
          assert.equal(pkgs.find((p) => p.ImportPath === 'example.com/main')?.DepsErrors?.[0]?.Err, c.depsErr!(target));
        }
      } finally {
        w.dispose();
      }
    });
  }
}

test('replace-dir-missing: an existing directory without go.mod reads the same as a missing one', async () => {
  const w = await world();
  try {
    fs.mkdirSync(path.join(w.work, 'empty-dir'));
    fs.appendFileSync(path.join(w.work, 'main', 'go.mod'), 'replace example.com/b => ../empty-dir\n');
    const engine = await w.engineModule('main');
    const all = await w.go.run(['list', '-m', 'all'], path.join(w.work, 'main'));
    assert.equal(engine.graphErrors.length, 1);
    assert.equal(engine.graphErrors[0].error.code, 'replace-dir-missing');
    assert.equal(engine.graphErrors[0].error.message, all.stderr.trim().replace(/^go: /, ''));
  } finally {
    w.dispose();
  }
});

test('a workspace module that requires another workspace module at v0.0.0: go reads that go.mod too', async () => {
  const w = new GraphWorld();
  try {
    w.addModule('example.com/y', 'v1.0.0', mod('example.com/y', '1.21'));
    w.write({
      'ws/go.work': 'go 1.21\n\nuse (\n\t./m1\n\t./m2\n)\n',
      'ws/m1/go.mod': mod('example.com/m1', '1.21'),
      'ws/m2/go.mod': mod('example.com/m2', '1.21', 'example.com/y v1.0.0', 'example.com/m1 v0.0.0'),
    });
    await w.seed();
    const engine = await w.engineWorkspace('ws');
    const all = await w.go.run(['list', '-m', 'all'], path.join(w.work, 'ws'));
    assert.equal(engine.graphErrors.length, 1);
    assert.equal(engine.graphErrors[0].error.code, 'module-not-in-cache');
    assert.equal(engine.graphErrors[0].error.message, all.stderr.trim().replace(/^go: /, ''));
    // The workspace module still wins the selection.
    assert.equal(engine.buildList.get('example.com/m1')?.version, '');
  } finally {
    w.dispose();
  }
});

test('a version replacement without its go.sum line: go names the module and its replacement once', async () => {
  const w = await world();
  try {
    fs.appendFileSync(path.join(w.work, 'main', 'go.mod'), 'replace example.com/b => example.com/fork v1.0.0\n');
    const engine = await w.engineModule('main');
    const all = await w.go.run(['list', '-m', 'all'], path.join(w.work, 'main'));
    assert.equal(engine.graphErrors.length, 1);
    assert.equal(engine.graphErrors[0].error.code, 'missing-go-sum');
    assert.equal(engine.graphErrors[0].error.message, all.stderr.trim().replace(/^go: /, ''));
    assert.match(engine.graphErrors[0].error.message, /^example\.com\/b@v1\.0\.0 \(replaced by example\.com\/fork@v1\.0\.0\): missing/);
    // Not in the cache either: with -mod=mod (no mustHaveSums) that is what go reports, without
    // naming the replacement.
    const lax = await w.engineModule('main', { mustHaveSums: false });
    const modMode = await w.go.run(['list', '-m', 'all'], path.join(w.work, 'main'), { GOFLAGS: '-mod=mod' });
    assert.equal(lax.graphErrors[0]?.error.code, 'module-not-in-cache');
    assert.equal(lax.graphErrors[0]?.error.message, modMode.stderr.trim().replace(/^go: /, ''));
  } finally {
    w.dispose();
  }
});

test('a graph error deeper in the chain is worded like mvs.BuildListError', async () => {
  const w = new GraphWorld();
  try {
    w.addModule('example.com/a', 'v1.0.0', mod('example.com/a', '1.16', 'example.com/b v1.0.0'));
    w.addModule('example.com/b', 'v1.0.0', mod('example.com/b', '1.16', 'example.com/c v1.0.0'));
    w.addModule('example.com/c', 'v1.0.0', mod('example.com/c', '1.16'));
    w.write({ 'main/go.mod': mod('example.com/main', '1.16', 'example.com/a v1.0.0') });
    await w.seed();
    await w.tidyRoots('main');
    w.writeSums('main');
    fs.rmSync(path.join(w.cacheDownload, 'example.com', 'c', '@v', 'v1.0.0.mod'));
    const engine = await w.engineModule('main');
    const all = await w.go.run(['list', '-m', 'all'], path.join(w.work, 'main'));
    assert.equal(engine.graphErrors.length, 1);
    assert.equal(engine.graphErrors[0].error.message, all.stderr.trim().replace(/^go: /, ''));
    assert.match(engine.graphErrors[0].error.message, /^example\.com\/a@v1\.0\.0 requires\n\texample\.com\/b@v1\.0\.0 requires\n\texample\.com\/c@v1\.0\.0: /);
    // It points at the main go.mod's requirement that leads to it.
    assert.equal(engine.graphErrors[0].error.file, path.join(w.work, 'main', 'go.mod'));
  } finally {
    w.dispose();
  }
});

test('conflicting replacements: in one go.mod, and across workspace modules (fatal for go list -e too)', async () => {
  const w = new GraphWorld();
  try {
    const m = (p: string, ...reqs: string[]) => mod(p, '1.21', ...reqs);
    w.addModule('example.com/z', 'v1.0.0', m('example.com/z'));
    w.write({
      'ws/go.work': 'go 1.21\n\nuse (\n\t./m1\n\t./m2\n)\n',
      'ws/m1/go.mod': m('example.com/m1', 'example.com/z v1.0.0') + 'replace example.com/z => ../z1\n',
      'ws/m2/go.mod': m('example.com/m2', 'example.com/z v1.0.0') + 'replace example.com/z => ../z2\n',
      'ws/z1/go.mod': m('example.com/z'),
      'ws/z2/go.mod': m('example.com/z'),
      'same/go.work': 'go 1.21\n\nuse (\n\t./m1\n\t./m2\n)\n',
      'same/m1/go.mod': m('example.com/m1', 'example.com/z v1.0.0') + 'replace example.com/z => ../../ws/z1\n',
      'same/m2/go.mod': m('example.com/m2', 'example.com/z v1.0.0') + 'replace example.com/z => ../../ws/z1\n',
      'main/go.mod': m('example.com/main', 'example.com/z v1.0.0') + 'replace example.com/z v1.0.0 => ../a\nreplace example.com/z v1.0.0 => ../b\n',
    });
    await w.seed();
    for (const [rel, engine] of [
      ['ws', await w.engineWorkspace('ws')],
      ['main', await w.engineModule('main', { mustHaveSums: false })],
    ] as const) {
      const deps = await w.go.run(['list', '-e', '-deps', '-json', './...'], path.join(w.work, rel));
      assert.equal(deps.exitCode, 1);
      assert.equal(engine.replaceConflicts.length, 1, rel);
      assert.equal(engine.replaceConflicts[0].message, deps.stderr.trim().replace(/^go: /, ''), rel);
    }
    // The same directory from two modules is no conflict.
    assert.deepEqual((await w.engineWorkspace('same')).replaceConflicts, []);
    assert.equal((await w.go.run(['list', '-m', 'all'], path.join(w.work, 'same'))).exitCode, 0);
  } finally {
    w.dispose();
  }
});

// Under an unpruned main module (go < 1.17) go loads the whole graph before any package, so every
// graph error is fatal for `go list -e -deps` too, imported or not (verified with go 1.26).
for (const c of CASES.filter((x) => ['module-not-in-cache', 'missing-go-sum', 'replace-dir-missing', 'checksum-mismatch', 'module-path-mismatch'].includes(x.code))) {
  test(`${c.code} under a go 1.16 main module is fatal for go list -e, imported or not`, async () => {
    const w = new GraphWorld();
    try {
      w.addModule('example.com/a', 'v1.0.0', mod('example.com/a', '1.16', 'example.com/b v1.0.0'));
      w.addModule('example.com/b', 'v1.0.0', mod('example.com/b', '1.16'));
      w.write({
        'main/go.mod': mod('example.com/main', '1.16', 'example.com/a v1.0.0'),
        'main/main.go': 'package main\n\nimport _ "example.com/a"\n\nfunc main() {}\n',
      });
      await w.seed();
      w.writeSums('main');
      c.break(w, 'b');
      const engine = await w.engineModule('main');
      assert.equal(engine.graphErrors.length, 1);
      assert.equal(engine.graphErrors[0].error.code, c.code);
      // A go.sum mismatch is printed on its own; the others inside the requirement chain.
      if (c.code === 'checksum-mismatch') assert.match(engine.graphErrors[0].error.message, /^verifying example\.com\/b@v1\.0\.0\/go\.mod: checksum mismatch/);
      else assert.match(engine.graphErrors[0].error.message, /^example\.com\/a@v1\.0\.0 requires\n\texample\.com\/b@v1\.0\.0/);
      const deps = await w.go.run(['list', '-e', '-deps', '-json', './...'], path.join(w.work, 'main'));
      assert.equal(deps.exitCode, 1);
      assert.equal(deps.stdout, '');
      assert.deepEqual(graphErrorEffect(engine.graphErrors[0], 'unpruned'), { kind: 'fatal', text: deps.stderr.trim() });
    } finally {
      w.dispose();
    }
  });
}

// In workspace mode go loads the whole (pruned) graph before resolving any import, so one graph
// error becomes the Error of every imported package from a non-workspace module, each at its
// import, with the full BuildListError text; go list -e exits 0 (verified with go 1.26).
for (const [target, moduleGo] of [['other', '1.21'], ['b', '1.16'], ['b', '1.21']] as const) {
  test(`workspace: a graph error on ${target} (workspace module at go ${moduleGo}) ${target === 'b' && moduleGo === '1.21' ? 'is never met (pruned below a)' : 'is the Error of every imported dependency package'}`, async () => {
    const w = new GraphWorld();
    try {
      w.addModule('example.com/a', 'v1.0.0', mod('example.com/a', '1.21', 'example.com/b v1.0.0'));
      w.addModule('example.com/b', 'v1.0.0', mod('example.com/b', '1.21'));
      w.addModule('example.com/other', 'v1.0.0', mod('example.com/other', '1.21'));
      w.write({
        'ws/go.work': 'go 1.21\n\nuse ./m\n',
        'ws/m/go.mod': mod('example.com/m', moduleGo, 'example.com/a v1.0.0', 'example.com/other v1.0.0'),
        'ws/m/main.go': 'package main\n\nimport (\n\t_ "example.com/a"\n\t_ "example.com/other"\n\t_ "fmt"\n)\n\nfunc main() {}\n',
      });
      await w.seed();
      fs.rmSync(path.join(w.cacheDownload, 'example.com', target, '@v', 'v1.0.0.mod'));
      const engine = await w.engineWorkspace('ws');
      const deps = await w.go.run(['list', '-e', '-deps', '-json', './...'], path.join(w.work, 'ws', 'm'));
      assert.equal(deps.exitCode, 0, deps.stderr);
      const pkgs = parseJsonStream<ListedPkg>(deps.stdout);
      if (target === 'b' && moduleGo === '1.21') {
        assert.deepEqual(engine.graphErrors, []);
        assert.deepEqual(pkgs.filter((p) => p.Error), []);
        return;
      }
      assert.equal(engine.graphErrors.length, 1);
      const effect = graphErrorEffect(engine.graphErrors[0], 'workspace');
      assert.equal(effect.kind, 'every-import');
      for (const p of ['example.com/a', 'example.com/other']) {
        assert.equal(pkgs.find((x) => x.ImportPath === p)?.Error?.Err, effect.kind === 'every-import' ? effect.err : '', p);
      }
      assert.equal(pkgs.find((x) => x.ImportPath === 'fmt')?.Error, undefined);
    } finally {
      w.dispose();
    }
  });
}
