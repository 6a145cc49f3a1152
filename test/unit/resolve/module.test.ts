// resolveImport in module and workspace mode against `go list -e -deps -json ./...`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withWorld, gomod, gofile } from './world';
import { resolveImport } from '../../../server/src/resolve/importer';
import { ViewCache } from '../../../server/src/resolve/view';

test('std import resolves; a std typo is "not in std" with a suggestion', () =>
  withWorld(async (w) => {
    w.write({ 'm/go.mod': gomod('example.com/m'), 'm/a.go': gofile('a', 'strings', 'fmt', 'net/htp') });
    const ok = await w.check('m', 'm', 'strings', 'ok');
    assert.equal(ok.ok && ok.via, 'std');
    const r = await w.check('m', 'm', 'net/htp', 'package-not-in-std', 'is not in std');
    assert.ok(!r.ok && r.suggestions?.includes('net/http'), JSON.stringify(!r.ok && r.suggestions));
  }));

test('main-module package resolves; a nested module excludes its tree', () =>
  withWorld(async (w) => {
    w.write({
      'm/go.mod': gomod('example.com/m'),
      'm/a.go': gofile('a', 'example.com/m/lib', 'example.com/m/nested/x'),
      'm/lib/lib.go': gofile('lib'),
      'm/nested/go.mod': gomod('example.com/m/nested'),
      'm/nested/x/x.go': gofile('x'),
    });
    const ok = await w.check('m', 'm', 'example.com/m/lib', 'ok');
    assert.equal(ok.ok && ok.via, 'main-module');
    await w.check('m', 'm', 'example.com/m/nested/x', 'no-required-module', 'no required module provides package example.com/m/nested/x');
  }));

test('a nested module whose go.mod declares another path is module-path-mismatch', () =>
  withWorld(async (w) => {
    w.write({
      'm/go.mod': gomod('example.com/m'),
      'm/a.go': gofile('a', 'example.com/m/auth'),
      'm/auth/go.mod': gomod('auth-module'),
      'm/auth/auth.go': gofile('auth'),
    });
    const r = await w.check('m', 'm', 'example.com/m/auth', 'module-path-mismatch', 'no required module provides package example.com/m/auth');
    assert.ok(!r.ok && r.evidence.some((e) => e.kind === 'file' && e.file.endsWith('auth/go.mod')));
  }));

test('no-required-module and package-not-in-module', () =>
  withWorld(async (w) => {
    w.write({ 'm/go.mod': gomod('example.com/m'), 'm/a.go': gofile('a', 'example.org/other/pkg', 'example.com/m/lbi'), 'm/lib/lib.go': gofile('lib') });
    await w.check('m', 'm', 'example.org/other/pkg', 'no-required-module', 'no required module provides package example.org/other/pkg');
    const r = await w.check('m', 'm', 'example.com/m/lbi', 'package-not-in-module', 'no required module provides package example.com/m/lbi');
    assert.ok(!r.ok && r.suggestions?.includes('example.com/m/lib'));
  }));

test('in a workspace, "no require provides it" points at the importing module’s go.mod, where a require would go', () =>
  withWorld(async (w) => {
    w.write({
      'go.work': 'go 1.22\n\nuse (\n\t./a\n\t./b\n)\n',
      'a/go.mod': gomod('example.com/a'),
      'a/a.go': gofile('a'),
      'b/go.mod': gomod('example.com/b'),
      'b/b.go': gofile('b', 'example.org/other/pkg'),
    });
    const r = await w.check('b', 'b', 'example.org/other/pkg', 'no-required-module', 'no required module provides package example.org/other/pkg');
    assert.ok(!r.ok);
    assert.deepEqual(r.evidence.filter((e) => e.kind === 'file').map((e) => (e.kind === 'file' ? e.file : '')), [w.p('b/go.mod')]);
  }));

test('replace directory: ok, and missing', () =>
  withWorld(async (w) => {
    w.write({
      'm/go.mod': gomod('example.com/m', '1.22', 'require (\n\texample.com/dep v1.0.0\n\texample.com/gone v1.0.0\n)\n\nreplace example.com/dep => ../dep\n\nreplace example.com/gone => ../gone'),
      'm/a.go': gofile('a', 'example.com/dep/sub'),
      'm/b/b.go': gofile('b', 'example.com/gone'),
      'dep/go.mod': gomod('example.com/dep'),
      'dep/sub/sub.go': gofile('sub'),
    });
    const ok = await w.check('m', 'm', 'example.com/dep/sub', 'ok');
    assert.equal(ok.ok && ok.via, 'replace-dir');
    // go fails the graph load for the missing directory first; the import still carries it.
    const view = await w.view('m');
    const r = resolveImport(view, 'example.com/gone', { dir: w.p('m/b') }, w.fs);
    assert.ok(!r.ok);
    assert.ok(r.code === 'replace-dir-missing', `${r.code}: ${r.message}`);
    const truth = await w.truth('m');
    const all = JSON.stringify(truth.packages.map((p) => [p.Error?.Err, p.DepsErrors?.map((e) => e.Err)])) + (truth.fatal ?? '');
    assert.ok(all.includes('does not exist'), all);
  }));

test('ambiguous import: a module and a nested-path module both provide the package', () =>
  withWorld(async (w) => {
    w.write({
      'm/go.mod': gomod('example.com/m', '1.22', 'require (\n\texample.com/a v1.0.0\n\texample.com/a/b v1.0.0\n)\n\nreplace example.com/a => ../a\n\nreplace example.com/a/b => ../ab'),
      'm/m.go': gofile('m', 'example.com/a/b/c'),
      'a/go.mod': gomod('example.com/a'),
      'a/b/c/c.go': gofile('c'),
      'ab/go.mod': gomod('example.com/a/b'),
      'ab/c/c.go': gofile('c'),
    });
    const r = await w.check('m', 'm', 'example.com/a/b/c', 'ambiguous-import', 'ambiguous import: found package example.com/a/b/c in multiple modules');
    assert.ok(!r.ok && r.evidence.length === 2);
  }));

test('build constraints exclude all files; a directory without Go files', () =>
  withWorld(async (w) => {
    w.write({
      'm/go.mod': gomod('example.com/m'),
      'm/a.go': gofile('a', 'example.com/m/win'),
      'm/win/w_windows.go': gofile('win'),
      'm/b/b.go': gofile('b', 'example.com/m/tagged'),
      'm/tagged/t.go': '//go:build never\n\npackage tagged\n',
    });
    const r = await w.check('m', 'm', 'example.com/m/win', 'build-constraints-exclude', 'build constraints exclude all Go files');
    assert.ok(!r.ok && r.evidence.some((e) => e.kind === 'env' && e.name === 'GOOS'));
    await w.check('m', 'm/b', 'example.com/m/tagged', 'build-constraints-exclude', 'build constraints exclude all Go files');
  }));

test('internal packages: allowed inside the parent tree, refused outside it', () =>
  withWorld(async (w) => {
    w.write({
      'm/go.mod': gomod('example.com/m'),
      'm/a/internal/x/x.go': gofile('x'),
      'm/a/user.go': gofile('a', 'example.com/m/a/internal/x'),
      'm/b/b.go': gofile('b', 'example.com/m/a/internal/x'),
      'm/c/c.go': gofile('c', 'internal/abi'),
    });
    await w.check('m', 'm/a', 'example.com/m/a/internal/x', 'ok');
    await w.check('m', 'm/b', 'example.com/m/a/internal/x', 'internal-import', 'use of internal package example.com/m/a/internal/x not allowed');
    await w.check('m', 'm/c', 'internal/abi', 'internal-import', 'use of internal package internal/abi not allowed');
  }));

test('no go.mod anywhere (GO111MODULE=on): std works, everything else is no-main-module', () =>
  withWorld(async (w) => {
    w.write({ 'plain/a.go': gofile('main', 'fmt', 'example.com/x') });
    const view = await w.view('plain');
    assert.equal(view.kind, 'no-module');
    await w.check('plain', 'plain', 'fmt', 'ok');
    await w.check('plain', 'plain', 'example.com/x', 'no-main-module', 'go.mod file not found in current directory or any parent directory');
  }));

test('workspace: a use module resolves; a module left out of go.work is not-in-workspace', () =>
  withWorld(async (w) => {
    w.write({
      'go.work': 'go 1.22\n\nuse (\n\t./a\n\t./b\n)\n',
      'a/go.mod': gomod('example.com/a'),
      'a/a.go': gofile('a', 'example.com/b/lib'),
      'b/go.mod': gomod('example.com/b'),
      'b/lib/lib.go': gofile('lib'),
      'c/go.mod': gomod('example.com/c'),
      'c/c.go': gofile('c', 'fmt'),
    });
    const view = await w.view('a');
    assert.equal(view.kind, 'workspace');
    assert.deepEqual(view.mainModules.map((m) => m.path), ['example.com/a', 'example.com/b']);
    const ok = await w.check('a', 'a', 'example.com/b/lib', 'ok');
    assert.equal(ok.ok && ok.via, 'workspace-module');
    const r = await w.resolve('c', 'c', 'fmt');
    assert.ok(!r.ok && r.code === 'not-in-workspace', JSON.stringify(r));
    const truth = await w.truth('c');
    const t = [...truth.imports.values()][0];
    assert.ok(t?.broken && t.err?.includes('not one of the workspace modules listed in go.work'), JSON.stringify(t) + truth.fatal);
  }));

test('go.work listing one module twice is work-duplicate-module, fatal for go too', () =>
  withWorld(async (w) => {
    w.write({
      'go.work': 'go 1.22\n\nuse ./a\nuse ./b\n',
      'a/go.mod': gomod('example.com/same'),
      'a/a.go': gofile('a'),
      'b/go.mod': gomod('example.com/same'),
      'b/b.go': gofile('b'),
    });
    const view = await w.view('a');
    const e = view.errors.find((x) => x.code === 'work-duplicate-module');
    assert.ok(e, JSON.stringify(view.errors));
    assert.equal(e.range?.start.line, 3);
    const stderr = await w.fatal('a');
    assert.ok(stderr.includes('module example.com/same appears multiple times in workspace'), stderr);
    assert.ok(e.message.includes('module example.com/same appears multiple times in workspace'));
  }));

test('go line newer than the toolchain with GOTOOLCHAIN=local is go-version-too-new', () =>
  withWorld(async (w) => {
    w.write({ 'm/go.mod': gomod('example.com/m', '1.99'), 'm/a.go': gofile('a', 'fmt') });
    const view = await w.view('m');
    const e = view.errors.find((x) => x.code === 'go-version-too-new');
    assert.ok(e, JSON.stringify(view.errors));
    const stderr = await w.fatal('m');
    assert.ok(stderr.includes('go.mod requires go >= 1.99 (running go '), stderr);
    assert.ok(e.message.includes('go.mod requires go >= 1.99 (running go '), e.message);
    assert.ok(e.message.includes('GOTOOLCHAIN=local') && stderr.includes('GOTOOLCHAIN=local'));
  }));

test('a malformed go.mod is invalid-module-file, fatal for go too', () =>
  withWorld(async (w) => {
    w.write({ 'm/go.mod': 'module example.com/m\n\ngo 1.22\n\nrequire example.com/x\n', 'm/a.go': gofile('a', 'fmt') });
    const view = await w.view('m');
    assert.equal(view.errors[0]?.code, 'invalid-module-file', JSON.stringify(view.errors));
    const stderr = await w.fatal('m');
    assert.ok(stderr.includes('errors parsing go.mod'), stderr);
    assert.ok(view.errors[0].message.includes('errors parsing go.mod'));
  }));

test('a nested module inside a workspace module but not used is not-in-workspace', () =>
  withWorld(async (w) => {
    w.write({
      'go.work': 'go 1.22\n\nuse ./a\n',
      'a/go.mod': gomod('example.com/a'),
      'a/a.go': gofile('a'),
      'a/inner/go.mod': gomod('example.com/inner'),
      'a/inner/i.go': gofile('inner', 'fmt'),
    });
    const r = await w.resolve('a/inner', 'a/inner', 'fmt');
    assert.ok(!r.ok && r.code === 'not-in-workspace', JSON.stringify(r));
    const truth = await w.truth('a/inner');
    const t = truth.imports.get(`${w.p('a/inner')}\x00fmt`);
    const phrase = 'main module (example.com/a) does not contain package example.com/a/inner';
    assert.ok(t?.broken && t.err?.includes(phrase), JSON.stringify(t) + truth.fatal);
    assert.ok(r.message.includes(phrase), r.message);
  }));

test('a workspace module newer than the go.work go line is go-version-too-new, fatal for go', () =>
  withWorld(async (w) => {
    w.write({ 'go.work': 'go 1.21\n\nuse ./a\n', 'a/go.mod': gomod('example.com/a', '1.22'), 'a/a.go': gofile('a') });
    const view = await w.view('a');
    const e = view.errors.find((x) => x.code === 'go-version-too-new');
    assert.ok(e, JSON.stringify(view.errors));
    const stderr = await w.fatal('a');
    const phrase = 'listed in go.work file requires go >= 1.22, but go.work lists go 1.21';
    assert.ok(stderr.includes(phrase), stderr);
    assert.ok(e.message.includes(phrase), e.message);
  }));

test('-mod=mod with GOPROXY=off: the missing import is a failed lookup', () =>
  withWorld(async (w) => {
    w.write({ 'm/go.mod': gomod('example.com/m'), 'm/a.go': gofile('a', 'example.org/other/pkg') });
    await w.check('m', 'm', 'example.org/other/pkg', 'no-required-module', 'cannot find module providing package example.org/other/pkg: module lookup disabled by GOPROXY=off', { GOFLAGS: '-mod=mod' });
  }));

test('ViewCache: one view per module root and environment', () =>
  withWorld(async (w) => {
    const cacheClass = ViewCache;
    w.write({ 'm/go.mod': gomod('example.com/m'), 'm/a/a.go': gofile('a'), 'm/b/b.go': gofile('b'), 'n/go.mod': gomod('example.com/n') });
    const env = await w.env();
    const cache = new cacheClass(w.fs);
    assert.equal(cache.get(w.p('m/a'), env), cache.get(w.p('m/b'), env));
    assert.notEqual(cache.get(w.p('m/a'), env), cache.get(w.p('n'), env));
    assert.equal(cache.get(w.p('m/a'), env).mainModules[0].dir, w.p('m'));
  }));

test('a main-module directory without .go files is no-go-files; a dotless module path is worded "not in std"', () =>
  withWorld(async (w) => {
    w.write({
      'm/go.mod': gomod('example.com/m'),
      'm/a.go': gofile('a', 'example.com/m/assets'),
      'm/assets/README.md': 'not go\n',
      'short/go.mod': gomod('myapp'),
      'short/a.go': gofile('a', 'myapp/lib', 'myapp/nope'),
      'short/lib/lib.go': gofile('lib'),
    });
    await w.check('m', 'm', 'example.com/m/assets', 'no-go-files', 'no required module provides package example.com/m/assets');
    await w.check('short', 'short', 'myapp/lib', 'ok');
    await w.check('short', 'short', 'myapp/nope', 'package-not-in-module', 'package myapp/nope is not in std');
  }));
