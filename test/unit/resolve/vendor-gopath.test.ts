// Vendor mode and GOPATH mode verdicts against the go command.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { withWorld, gomod, gofile, type ResolveWorld } from './world';

/** Module m requiring example.com/dep (replaced by ../dep), vendored by `go mod vendor`. */
async function vendoredWorld(w: ResolveWorld, extraImports: string[] = []): Promise<void> {
  w.write({
    'm/go.mod': gomod('example.com/m', '1.22', 'require example.com/dep v1.0.0\n\nreplace example.com/dep => ../dep'),
    'm/a.go': gofile('a', 'example.com/dep/sub'),
    'm/b/b.go': gofile('b', ...extraImports),
    'dep/go.mod': gomod('example.com/dep'),
    'dep/sub/sub.go': gofile('sub'),
    'dep/other/other.go': gofile('other'),
  });
  const r = await w.go.run(['mod', 'vendor'], w.p('m'));
  assert.equal(r.exitCode, 0, r.stderr);
}

test('vendor mode: a vendored package resolves via vendor/', () =>
  withWorld(async (w) => {
    await vendoredWorld(w);
    const view = await w.view('m');
    assert.equal(view.buildMod, 'vendor');
    assert.equal(view.buildModReason, 'Go version in go.mod is at least 1.14 and vendor directory exists.');
    const r = await w.check('m', 'm', 'example.com/dep/sub', 'ok');
    assert.ok(r.ok && r.via === 'vendor' && r.dir === w.p('m/vendor/example.com/dep/sub'), JSON.stringify(r));
  }));

test('vendor mode: a package of a required module that was not vendored is vendor-missing-package', () =>
  withWorld(async (w) => {
    await vendoredWorld(w);
    w.write({ 'm/b/b.go': gofile('b', 'example.com/dep/other') });
    await w.check('m', 'm/b', 'example.com/dep/other', 'vendor-missing-package', 'import lookup disabled by -mod=vendor');
  }));

test('vendor mode: go.mod changed after vendoring is vendor-inconsistent, fatal for go too', () =>
  withWorld(async (w) => {
    await vendoredWorld(w);
    w.write({ 'm/go.mod': gomod('example.com/m', '1.22', 'require (\n\texample.com/dep v1.0.0\n\texample.com/extra v1.2.0\n)\n\nreplace example.com/dep => ../dep') });
    const view = await w.view('m');
    const e = view.errors.find((x) => x.code === 'vendor-inconsistent');
    assert.ok(e, JSON.stringify(view.errors));
    const stderr = await w.fatal('m');
    const line = 'example.com/extra@v1.2.0: is explicitly required in go.mod, but not marked as explicit in vendor/modules.txt';
    assert.ok(stderr.includes(line), stderr);
    assert.ok(e.message.includes(line), e.message);
    assert.ok(stderr.includes('inconsistent vendoring in ' + w.p('m')) && e.message.includes('inconsistent vendoring in ' + w.p('m')));
  }));

test('vendor mode: a dropped replace is reported like go reports it', () =>
  withWorld(async (w) => {
    await vendoredWorld(w);
    fs.writeFileSync(w.p('m/go.mod'), gomod('example.com/m', '1.22', 'require example.com/dep v1.0.0'));
    const view = await w.view('m');
    const e = view.errors.find((x) => x.code === 'vendor-inconsistent');
    assert.ok(e, JSON.stringify(view.errors));
    const stderr = await w.fatal('m');
    const line = 'example.com/dep@v1.0.0: is marked as replaced in vendor/modules.txt, but not replaced in go.mod';
    assert.ok(stderr.includes(line), stderr);
    assert.ok(e.message.includes(line), e.message);
  }));

test('GO111MODULE=off: GOPATH hit resolves, a miss is gopath-mode with go\'s search list', () =>
  withWorld(async (w) => {
    const gopath = w.go.env.GOPATH;
    const src = (rel: string) => path.relative(w.root, path.join(gopath, 'src', ...rel.split('/')));
    w.write({
      [src('example.com/app/main.go')]: gofile('main', 'example.com/hit', 'example.com/miss', 'strings'),
      [src('example.com/hit/hit.go')]: gofile('hit'),
    });
    const off = { GO111MODULE: 'off' };
    const view = await w.view(src('example.com/app'), off);
    assert.equal(view.kind, 'gopath');
    const hit = await w.check(src('example.com/app'), src('example.com/app'), 'example.com/hit', 'ok', undefined, off);
    assert.equal(hit.ok && hit.via, 'gopath');
    await w.check(src('example.com/app'), src('example.com/app'), 'strings', 'ok', undefined, off);
    const miss = await w.check(src('example.com/app'), src('example.com/app'), 'example.com/miss', 'gopath-mode', 'cannot find package "example.com/miss" in any of:', off);
    assert.ok(!miss.ok && miss.message.includes(`${path.join(gopath, 'src', 'example.com', 'miss')} (from $GOPATH)`), !miss.ok ? miss.message : '');
  }));

test('GO111MODULE=auto without go.mod is GOPATH mode; with go.mod it is module mode', () =>
  withWorld(async (w) => {
    w.write({ 'plain/a.go': gofile('a'), 'm/go.mod': gomod('example.com/m'), 'm/a.go': gofile('a') });
    assert.equal((await w.view('plain', { GO111MODULE: 'auto' })).kind, 'gopath');
    assert.equal((await w.view('m', { GO111MODULE: 'auto' })).kind, 'module');
  }));

test('vendor mode, go >= 1.23: a vendored directory missing from modules.txt is ignored', () =>
  withWorld(async (w) => {
    await vendoredWorld(w);
    w.write({
      'm/go.mod': gomod('example.com/m', '1.23', 'require example.com/dep v1.0.0\n\nreplace example.com/dep => ../dep'),
      'm/vendor/example.com/dep/other/other.go': gofile('other'),
      'm/b/b.go': gofile('b', 'example.com/dep/other'),
    });
    const r = await w.check('m', 'm/b', 'example.com/dep/other', 'vendor-missing-package', 'import lookup disabled by -mod=vendor');
    assert.ok(!r.ok && r.message.includes('missing from vendor/modules.txt'), !r.ok ? r.message : '');
  }));
