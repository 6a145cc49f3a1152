// go.work / module root discovery, module-root listing, and import cycles, checked against the
// go command where it has an answer (go env GOWORK / GOMOD, go list's cycle error).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { withWorld, gomod, gofile } from './world';
import { findGoWork, findModuleRoot, listModuleRoots, searchModuleRoot } from '../../../server/src/resolve/discover';
import { findImportCycles } from '../../../server/src/resolve/importer';

test('findGoWork and findModuleRoot agree with go env GOWORK and GOMOD', () =>
  withWorld(async (w) => {
    w.write({ 'go.work': 'go 1.22\n\nuse ./a\n', 'a/go.mod': gomod('example.com/a'), 'a/deep/x/x.go': gofile('x'), 'b/c/.keep': '' });
    for (const [rel, overrides] of [
      ['a/deep/x', {}],
      ['b/c', {}],
      ['a/deep/x', { GOWORK: 'off' }],
    ] as [string, Record<string, string>][]) {
      const env = await w.env(overrides);
      const goWork = (await w.go.run(['env', 'GOWORK'], w.p(rel), overrides)).stdout.trim();
      assert.equal(findGoWork(w.p(rel), env, w.fs) ?? '', goWork === 'off' ? '' : goWork, rel);
      const goMod = (await w.go.run(['env', 'GOMOD'], w.p(rel), { ...overrides, GOWORK: 'off' })).stdout.trim();
      const root = findModuleRoot(w.p(rel), env, w.fs);
      assert.equal(root ? path.join(root, 'go.mod') : '/dev/null', goMod || '/dev/null', rel);
    }
    const explicit = await w.env({ GOWORK: w.p('elsewhere.work') });
    assert.equal(findGoWork(w.p('a'), explicit, w.fs), w.p('elsewhere.work'));
  }));

test('findGoWork does not cross into GOROOT; a go.mod in the temp root is ignored', () =>
  withWorld(async (w) => {
    const env = await w.env();
    const fakeGoroot = w.p('goroot');
    w.write({ 'go.work': 'go 1.22\n', 'goroot/src/x/x.go': gofile('x') });
    assert.equal(findGoWork(w.p('goroot/src/x'), { ...env, goroot: fakeGoroot }, w.fs), undefined);
    assert.equal(findGoWork(w.p('goroot/src/x'), env, w.fs), w.p('go.work'));
    w.write({ 'tmp/go.mod': gomod('example.com/t'), 'tmp/sub/.keep': '' });
    const withTmp = { ...env, processEnv: { ...env.processEnv, TMPDIR: w.p('tmp') } };
    const s = searchModuleRoot(w.p('tmp/sub'), withTmp, w.fs);
    assert.equal(s.root, undefined);
    assert.ok(s.warnings[0]?.includes('ignoring go.mod in system temp root'));
  }));

test('listModuleRoots skips vendor, testdata, dot and underscore dirs, and survives symlink loops', () =>
  withWorld(async (w) => {
    w.write({
      'go.mod': gomod('example.com/root'),
      'a/go.mod': gomod('example.com/a'),
      'a/b/go.mod': gomod('example.com/a/b'),
      'vendor/v/go.mod': gomod('v'),
      'testdata/t/go.mod': gomod('t'),
      '.hidden/go.mod': gomod('h'),
      '_skip/go.mod': gomod('s'),
      'node_modules/n/go.mod': gomod('n'),
    });
    fs.symlinkSync(w.root, w.p('a/loop'));
    assert.deepEqual(listModuleRoots(w.root, w.fs), [w.root, w.p('a'), w.p('a/b')]);
  }));

test('findImportCycles finds each cycle once, and go calls the same imports a cycle', () =>
  withWorld(async (w) => {
    const edges = new Map<string, string[]>([
      ['m/a', ['m/b', 'fmt']],
      ['m/b', ['m/c']],
      ['m/c', ['m/a']],
      ['m/d', ['m/d']],
      ['m/e', ['m/a']],
    ]);
    assert.deepEqual(findImportCycles(edges), [['m/a', 'm/b', 'm/c'], ['m/d']]);
    assert.deepEqual(findImportCycles(new Map([['x', ['y']]])), []);

    w.write({
      'm/go.mod': gomod('example.com/m'),
      'm/a/a.go': gofile('a', 'example.com/m/b'),
      'm/b/b.go': gofile('b', 'example.com/m/a'),
    });
    const truth = await w.truth('m');
    const t = truth.imports.get(`${w.p('m/a')}\x00example.com/m/b`);
    assert.ok(t?.broken && t.err?.includes('import cycle not allowed'), JSON.stringify(t));
    const cycles = findImportCycles(new Map([['example.com/m/a', ['example.com/m/b']], ['example.com/m/b', ['example.com/m/a']]]));
    assert.deepEqual(cycles, [['example.com/m/a', 'example.com/m/b']]);
  }));

test('go.work problems: a use dir without go.mod, -mod=mod in workspace mode', () =>
  withWorld(async (w) => {
    w.write({ 'go.work': 'go 1.22\n\nuse ./a\nuse ./nomod\n', 'a/go.mod': gomod('example.com/a'), 'a/a.go': gofile('a'), 'nomod/x.go': gofile('x') });
    const view = await w.view('a');
    const e = view.errors.find((x) => x.message.includes('listed in go.work file'));
    assert.ok(e, JSON.stringify(view.errors));
    const stderr = await w.fatal('a');
    assert.ok(stderr.includes('cannot load module'), stderr);
    assert.ok(stderr.includes('listed in go.work file'));

    fs.writeFileSync(w.p('go.work'), 'go 1.22\n\nuse ./a\n');
    const modView = await w.view('a', { GOFLAGS: '-mod=mod' });
    const m = modView.errors.find((x) => x.message.includes('-mod may only be set to readonly or vendor when in workspace mode'));
    assert.ok(m, JSON.stringify(modView.errors));
    const stderr2 = await w.fatal('a', { GOFLAGS: '-mod=mod' });
    assert.ok(stderr2.includes('-mod may only be set to readonly or vendor when in workspace mode'), stderr2);
  }));
