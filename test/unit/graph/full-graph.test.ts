// When a pruned module's package loading reads the full module graph (resolve/graph-spot-check.ts,
// deps/full-graph.ts), against go 1.26 itself: each shape is built for real, go.sum lacking only
// the go.mod line of example.com/fg/log v1.0.0, which the unpruned (go 1.16) example.com/fg/adapter
// requires and nothing selects. go stops for the whole module exactly when a root that provides a
// loaded package fails the spot check, and the engine says so with go's words; when none does, go
// builds and the engine reports nothing. (The fixture cases full-graph-go-mod-sum-missing and
// spot-check-newer-requirement cover a replaced submodule requiring the main module and a
// requirement above a root's.)

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeFolder } from '../../../server/src/analyze/analyze';
import { loadGoEnv } from '../../../server/src/env/goenv';
import type { Analysis } from '../../../server/src/analyze/types';
import { hermeticGo, type HermeticGo } from '../../harness/goenv';
import { buildFileProxy, seedModuleCache } from '../../harness/proxy';
import { writeTree } from '../../harness/tree';

const MODULES: Record<string, Record<string, string>> = {
  'example.com/fg/log@v1.0.0': { 'go.mod': 'module example.com/fg/log\n\ngo 1.16\n', 'log.go': 'package log\n' },
  'example.com/fg/log@v1.1.0': { 'go.mod': 'module example.com/fg/log\n\ngo 1.16\n', 'log.go': 'package log\n' },
  'example.com/fg/adapter@v1.0.0': {
    'go.mod': 'module example.com/fg/adapter\n\ngo 1.16\n\nrequire example.com/fg/log v1.0.0\n',
    'adapter.go': 'package adapter\n\nimport _ "example.com/fg/log"\n',
  },
  // A go line above the main module's: a requirement on "go" above the roots' (go ≥ 1.21).
  'example.com/fg/newgo@v1.0.0': { 'go.mod': 'module example.com/fg/newgo\n\ngo 1.23\n', 'newgo.go': 'package newgo\n' },
  'example.com/fg/mid@v1.0.0': {
    'go.mod': 'module example.com/fg/mid\n\ngo 1.22\n\nrequire example.com/fg/newgo v1.0.0\n',
    'mid.go': 'package mid\n\nimport _ "example.com/fg/newgo"\n',
  },
  // Requires a log above the v1.0.0 a main module may require.
  'example.com/fg/ahead@v1.0.0': { 'go.mod': 'module example.com/fg/ahead\n\ngo 1.22\n\nrequire example.com/fg/log v1.1.0\n', 'ahead.go': 'package ahead\n' },
};

const goMod = (reqs: string[]) => `module example.com/app\n\ngo 1.22\n\nrequire (\n${reqs.map((r) => `\t${r}\n`).join('')})\n`;
const imports = (...paths: string[]) => `package main\n\nimport (\n${paths.map((p) => `\t_ "${p}"\n`).join('')})\n\nfunc main() {}\n`;

interface World {
  go: HermeticGo;
  dir: string;
  analysis: Analysis;
  build: { exitCode: number | null; stderr: string };
}

async function world(files: Record<string, string>, drop: RegExp): Promise<World> {
  const go = hermeticGo();
  const modulesRoot = path.join(go.root, 'modules');
  for (const [mv, tree] of Object.entries(MODULES)) writeTree(path.join(modulesRoot, ...mv.split('/')), tree);
  const proxy = buildFileProxy(modulesRoot, path.join(go.root, 'proxy'));
  const downloaded = await seedModuleCache(go, proxy, Object.keys(MODULES));
  const sums = downloaded.flatMap((d) => [`${d.Path} ${d.Version} ${d.Sum}`, `${d.Path} ${d.Version}/go.mod ${d.GoModSum}`]);
  const dir = path.join(go.root, 'app');
  writeTree(dir, { ...files, 'go.sum': sums.filter((l) => l.startsWith('example.com/fg/') && !drop.test(l)).sort().join('\n') + '\n' });
  const env = { ...go.env, GOWORK: 'off' };
  const analysis = await analyzeFolder(dir, { editorEnv: await loadGoEnv(env) });
  const build = await go.run(['build', './...'], dir, env);
  return { go, dir, analysis, build };
}

/** Sums only of what the app requires (as go mod download M@V of each would leave it), less the line `drop` matches. */
function requiredOnly(w: World, required: string[]): void {
  const keep = fs.readFileSync(path.join(w.dir, 'go.sum'), 'utf8').split('\n').filter((l) => required.some((r) => l.startsWith(r.replace('@', ' ') + ' ') || l.startsWith(r.replace('@', ' ') + '/')));
  fs.writeFileSync(path.join(w.dir, 'go.sum'), keep.join('\n') + '\n');
}

const errors = (a: Analysis) => a.diagnostics.filter((d) => d.severity === 'error');
const words = (s: string) => s.replace(/\s+/g, ' ').replace(/(^| )go: /g, '$1').trim();
const LOG_GO_MOD = /^example\.com\/fg\/log v1\.0\.0/;

function assertWholeModuleFailure(w: World): void {
  assert.equal(w.build.exitCode, 1);
  assert.match(w.build.stderr, /example\.com\/fg\/adapter@v1\.0\.0 requires\n\texample\.com\/fg\/log@v1\.0\.0: missing go\.sum entry for go\.mod file/);
  const adapter = w.analysis.imports.find((v) => v.importPath === 'example.com/fg/adapter');
  assert.ok(adapter && !adapter.editor.ok, 'the import of adapter is broken');
  if (adapter.editor.ok) return;
  assert.equal(adapter.editor.code, 'missing-go-sum');
  assert.equal(adapter.editor.wholeView, true);
  assert.deepEqual(adapter.editor.missingGoModSums, [{ path: 'example.com/fg/log', version: 'v1.0.0' }]);
  const quote = adapter.editor.message.slice(adapter.editor.message.indexOf('go says: ') + 'go says: '.length);
  assert.equal(words(quote), words(w.build.stderr));
}

test('a root that provides an imported package and needs a newer go than go.mod makes go read the full graph, and stop there', async () => {
  const required = ['example.com/fg/adapter@v1.0.0', 'example.com/fg/log@v1.1.0', 'example.com/fg/newgo@v1.0.0'];
  const w = await world({ 'go.mod': goMod(required.map((r) => r.replace('@', ' '))), 'main.go': imports('example.com/fg/adapter', 'example.com/fg/log', 'example.com/fg/newgo') }, LOG_GO_MOD);
  try {
    assertWholeModuleFailure(w);
  } finally {
    w.go.dispose();
  }
});

test('a root whose package only a dependency package imports is spot-checked too', async () => {
  const required = ['example.com/fg/adapter@v1.0.0', 'example.com/fg/log@v1.1.0', 'example.com/fg/mid@v1.0.0', 'example.com/fg/newgo@v1.0.0'];
  const w = await world({ 'go.mod': goMod(required.map((r) => r.replace('@', ' '))), 'main.go': imports('example.com/fg/adapter', 'example.com/fg/mid') }, LOG_GO_MOD);
  try {
    assertWholeModuleFailure(w);
  } finally {
    w.go.dispose();
  }
});

test('a root only a test imports is not spot-checked by go build (go list -test would): no problem reported', async () => {
  const required = ['example.com/fg/adapter@v1.0.0', 'example.com/fg/log@v1.1.0', 'example.com/fg/newgo@v1.0.0'];
  const w = await world(
    {
      'go.mod': goMod(required.map((r) => r.replace('@', ' '))),
      'main.go': imports('example.com/fg/adapter'),
      'main_test.go': 'package main\n\nimport (\n\t"testing"\n\n\t_ "example.com/fg/newgo"\n)\n\nfunc TestX(t *testing.T) {}\n',
    },
    LOG_GO_MOD,
  );
  try {
    assert.equal(w.build.exitCode, 0, w.build.stderr);
    const withTests = await w.go.run(['list', '-e', '-deps', '-test', './...'], w.dir, { GOWORK: 'off' });
    assert.equal(withTests.exitCode, 1, 'loading the tests makes go read the full graph');
    assert.deepEqual(errors(w.analysis).map((d) => d.message), []);
  } finally {
    w.go.dispose();
  }
});

test('a root below what the full graph selects is no problem while go never reads that graph', async () => {
  const required = ['example.com/fg/adapter@v1.0.0', 'example.com/fg/ahead@v1.0.0', 'example.com/fg/log@v1.0.0'];
  const w = await world({ 'go.mod': goMod(required.map((r) => r.replace('@', ' '))), 'main.go': imports('example.com/fg/adapter') }, /^$/);
  try {
    requiredOnly(w, required);
    const analysis = await analyzeFolder(w.dir, { editorEnv: await loadGoEnv({ ...w.go.env, GOWORK: 'off' }) });
    assert.equal((await w.go.run(['build', './...'], w.dir, { GOWORK: 'off' })).exitCode, 0);
    // go list -m all reads the full graph, where ahead raises log to v1.1.0.
    assert.match((await w.go.run(['list', '-m', 'all'], w.dir, { GOWORK: 'off' })).stderr, /updates to go\.mod needed/);
    assert.deepEqual(errors(analysis).map((d) => d.message), []);
  } finally {
    w.go.dispose();
  }
});
