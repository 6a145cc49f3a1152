// resolveImport for modules from the module cache (served by a file:// proxy, downloaded by the
// real go command, then resolved with GOPROXY=off) against `go list -e -deps -json ./...`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildFileProxy, seedModuleCache } from '../../harness/proxy';
import { withWorld, gomod, gofile, type ResolveWorld } from './world';
import { cacheFile, extractedDir } from '../../../server/src/resolve/modcache';
import { resolveImport } from '../../../server/src/resolve/importer';

/** Serves example.com/lib v1.0.0 (packages lib, lib/sub) and example.com/lib/v2 v2.0.0 (v2/sub),
 * downloads them, and writes module m requiring `reqs`, with go.sum filled by go itself. */
async function cacheWorld(w: ResolveWorld, reqs: string[], imports: string[]): Promise<void> {
  const mods = path.join(w.go.root, 'fixture-modules');
  const put = (rel: string, text: string) => {
    const f = path.join(mods, ...rel.split('/'));
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, text);
  };
  put('example.com/lib@v1.0.0/go.mod', gomod('example.com/lib', '1.21'));
  put('example.com/lib@v1.0.0/lib.go', gofile('lib'));
  put('example.com/lib@v1.0.0/sub/sub.go', gofile('sub'));
  put('example.com/lib/v2@v2.0.0/go.mod', gomod('example.com/lib/v2', '1.21'));
  put('example.com/lib/v2@v2.0.0/sub/sub.go', gofile('sub'));
  const proxy = buildFileProxy(mods, path.join(w.go.root, 'proxy'));
  await seedModuleCache(w.go, proxy, ['example.com/lib@v1.0.0', 'example.com/lib/v2@v2.0.0']);
  w.write({ 'm/go.mod': gomod('example.com/m', '1.22', `require (\n${reqs.map((r) => `\t${r}\n`).join('')})`), 'm/a.go': gofile('a', ...imports) });
  // go mod download (cache only) records the go.sum lines go needs.
  const r = await w.go.run(['mod', 'download', ...reqs.map((x) => x.replace(' ', '@'))], w.p('m'), { GOFLAGS: '-mod=mod' });
  assert.equal(r.exitCode, 0, r.stderr);
  const sum = fs.readFileSync(w.p('m/go.sum'), 'utf8');
  assert.ok(sum.includes('example.com/lib'), sum);
}

test('a cached module package resolves via the module cache', () =>
  withWorld(async (w) => {
    await cacheWorld(w, ['example.com/lib v1.0.0'], ['example.com/lib/sub']);
    const r = await w.check('m', 'm', 'example.com/lib/sub', 'ok');
    assert.ok(r.ok && r.via === 'module-cache' && r.module?.version === 'v1.0.0', JSON.stringify(r));
  }));

test('without its go.sum line the import is missing-go-sum', () =>
  withWorld(async (w) => {
    await cacheWorld(w, ['example.com/lib v1.0.0'], ['example.com/lib/sub']);
    // Keep the go.mod hash (the graph loads), drop the zip hash (the package cannot be verified).
    const sumFile = w.p('m/go.sum');
    fs.writeFileSync(sumFile, fs.readFileSync(sumFile, 'utf8').split('\n').filter((l) => l.includes('/go.mod')).join('\n') + '\n');
    await w.check('m', 'm', 'example.com/lib/sub', 'missing-go-sum', 'missing go.sum entry for module providing package example.com/lib/sub');
  }));

test('a v2 module imported without its /v2 suffix is major-version-suffix', () =>
  withWorld(async (w) => {
    await cacheWorld(w, ['example.com/lib/v2 v2.0.0'], ['example.com/lib/sub']);
    const r = await w.check('m', 'm', 'example.com/lib/sub', 'major-version-suffix', 'no required module provides package example.com/lib/sub');
    assert.deepEqual(!r.ok && r.suggestions, ['example.com/lib/v2/sub']);
  }));

test('a module whose extracted tree and zip are gone is module-not-in-cache with GOPROXY=off', () =>
  withWorld(async (w) => {
    await cacheWorld(w, ['example.com/lib v1.0.0'], ['example.com/lib/sub']);
    const cache = w.go.env.GOMODCACHE;
    const dir = extractedDir(cache, 'example.com/lib', 'v1.0.0');
    fs.chmodSync(dir, 0o755);
    for (const f of fs.readdirSync(dir, { recursive: true }) as string[]) fs.chmodSync(path.join(dir, f), 0o755);
    fs.rmSync(dir, { recursive: true });
    fs.rmSync(cacheFile(cache, 'example.com/lib', 'v1.0.0', 'zip'));
    await w.check('m', 'm', 'example.com/lib/sub', 'module-not-in-cache', 'module lookup disabled by GOPROXY=off');
  }));

test('a partially extracted module: go repairs it from the zip, else it is cache-corrupt', () =>
  withWorld(async (w) => {
    await cacheWorld(w, ['example.com/lib v1.0.0'], ['example.com/lib/sub']);
    const cache = w.go.env.GOMODCACHE;
    const partial = cacheFile(cache, 'example.com/lib', 'v1.0.0', 'partial');
    fs.writeFileSync(partial, '');
    // With the zip in the cache, go re-extracts offline: the import resolves.
    const ok = await w.check('m', 'm', 'example.com/lib/sub', 'ok');
    assert.equal(ok.ok && ok.via, 'module-cache');
    // go list repaired it; break it again, this time without the zip.
    fs.writeFileSync(partial, '');
    fs.rmSync(cacheFile(cache, 'example.com/lib', 'v1.0.0', 'zip'));
    await w.check('m', 'm', 'example.com/lib/sub', 'cache-corrupt', 'module lookup disabled by GOPROXY=off');
  }));

test('a replace directory whose go.mod declares another path still provides packages (go skips the check)', () =>
  withWorld(async (w) => {
    w.write({
      'm/go.mod': gomod('example.com/m', '1.22', 'require example.com/dep v1.0.0\n\nreplace example.com/dep => ../dep'),
      'm/a.go': gofile('a', 'example.com/dep/sub'),
      'dep/go.mod': gomod('example.com/other'),
      'dep/sub/sub.go': gofile('sub'),
    });
    const r = await w.check('m', 'm', 'example.com/dep/sub', 'ok');
    assert.equal(r.ok && r.via, 'replace-dir');
    assert.deepEqual(r.ok && r.warnings?.map((x) => x.code), ['replace-path-mismatch']);
  }));

test('a cached module whose go.mod declares another path: the graph error is the import\'s verdict', () =>
  withWorld(async (w) => {
    const mods = path.join(w.go.root, 'fixture-modules');
    fs.mkdirSync(path.join(mods, 'example.com', 'bad@v1.0.0', 'pkg'), { recursive: true });
    fs.writeFileSync(path.join(mods, 'example.com', 'bad@v1.0.0', 'go.mod'), gomod('example.com/notbad', '1.21'));
    fs.writeFileSync(path.join(mods, 'example.com', 'bad@v1.0.0', 'pkg', 'p.go'), gofile('pkg'));
    const proxy = buildFileProxy(mods, path.join(w.go.root, 'proxy'));
    await seedModuleCache(w.go, proxy, ['example.com/bad@v1.0.0']);
    w.write({ 'm/go.mod': gomod('example.com/m', '1.22', 'require example.com/bad v1.0.0'), 'm/a.go': gofile('a', 'example.com/bad/pkg') });
    const sumLines = await w.go.run(['mod', 'download', '-json', 'example.com/bad@v1.0.0'], w.p('m'), { GOFLAGS: '-mod=mod' });
    const info = JSON.parse(sumLines.stdout) as { GoModSum?: string; Sum?: string };
    fs.writeFileSync(w.p('m/go.sum'), `example.com/bad v1.0.0 ${info.Sum}\nexample.com/bad v1.0.0/go.mod ${info.GoModSum}\n`);
    const view = await w.view('m');
    const r = resolveImport(view, 'example.com/bad/pkg', { dir: w.p('m') }, w.fs);
    assert.ok(!r.ok && r.code === 'module-path-mismatch', JSON.stringify(r));
    const phrase = 'module declares its path as: example.com/notbad';
    assert.ok(r.message.includes(phrase), r.message);
    const res = await w.go.run(['list', '-e', '-deps', '-json', './...'], w.p('m'));
    assert.ok((res.stdout + res.stderr).includes(phrase), res.stdout + res.stderr);
  }));
