// resolve/modcache against a module cache the real go command filled (from a file:// proxy of the
// fixture modules): cache paths, dirhash of trees and go.mod files, and DownloadDir's verdicts,
// which `go list -m -json` exposes by leaving Dir empty when the extracted tree is unusable.

import { test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { hermeticGo, removeTree, type HermeticGo } from '../../harness/goenv';
import { buildFileProxy, parseJsonStream, seedModuleCache, type DownloadedModule } from '../../harness/proxy';
import { DiskFileSystem } from '../../../server/src/fsys/fsys';
import {
  cacheDownloadDir, cacheFile, extractedDir, hashDir, hashGoModText, isInsideExtractedModule, moduleDirState, readCachedGoMod, readZiphash,
} from '../../../server/src/resolve/modcache';
import { hashZip, readZipEntries } from '../../../server/src/resolve/modzip';
import { buildXModOracle } from '../module/xmod-oracle';

const modulesRoot = path.resolve(__dirname, '../../../../test/fixtures/modules');
const wanted = ['example.com/lib@v1.0.0', 'example.com/lib/v2@v2.0.0', 'github.com/Company/Widgets@v1.0.0'];
const disk = new DiskFileSystem();
let go: HermeticGo;
let proxy: string;
let downloaded: DownloadedModule[];

before(async () => {
  go = hermeticGo();
  proxy = buildFileProxy(modulesRoot, path.join(go.root, 'proxy'));
  downloaded = await seedModuleCache(go, proxy, wanted);
});
after(() => go?.dispose());

test('cache paths are where go put the files (escaped upper case included)', () => {
  const cache = go.env.GOMODCACHE;
  assert.equal(downloaded.length, wanted.length);
  for (const d of downloaded) {
    assert.equal(extractedDir(cache, d.Path, d.Version), d.Dir, d.Path);
    assert.equal(cacheFile(cache, d.Path, d.Version, 'zip'), d.Zip, d.Path);
    assert.equal(cacheFile(cache, d.Path, d.Version, 'mod'), d.GoMod, d.Path);
    assert.equal(cacheFile(cache, d.Path, d.Version, 'info'), d.Info, d.Path);
    assert.equal(path.dirname(d.Zip!), cacheDownloadDir(cache, d.Path));
  }
  assert.ok(downloaded.some((d) => d.Dir!.includes('github.com/!company/!widgets@v1.0.0')));
});

test('hashDir and hashGoModText give the sums go computed; the ziphash holds the tree sum', () => {
  for (const d of downloaded) {
    assert.equal(hashDir(disk, d.Dir!, `${d.Path}@${d.Version}`), d.Sum, d.Path);
    assert.equal(hashGoModText(fs.readFileSync(d.GoMod!)), d.GoModSum, d.Path);
    assert.equal(hashGoModText(readCachedGoMod(disk, go.env.GOMODCACHE, d.Path, d.Version)!), d.GoModSum);
    assert.deepEqual(readZiphash(disk, go.env.GOMODCACHE, d.Path, d.Version), { state: 'ok', hash: d.Sum });
  }
  // The x/mod test vectors for go.mod files.
  assert.equal(hashGoModText(''), 'h1:G7mAYYxgmS0lVkHyy2hEOLQCFB0DlQFTMLWggykrydY=');
  assert.equal(hashGoModText('module example.com/m\n'), 'h1:flS2VctbRrTv+sBE+VKgxx6hlkMGPVz9MGOmzMYFg3k=');
});

test('hashDir changes when a cached file is modified, as go mod verify notices', async () => {
  const d = downloaded.find((m) => m.Path === 'example.com/lib')!;
  const copy = path.join(go.root, 'copy-of-lib');
  fs.cpSync(d.Dir!, copy, { recursive: true });
  const prefix = `${d.Path}@${d.Version}`;
  assert.equal(hashDir(disk, copy, prefix), d.Sum);
  fs.chmodSync(path.join(copy, 'lib.go'), 0o644);
  fs.appendFileSync(path.join(copy, 'lib.go'), '\n// changed\n');
  assert.notEqual(hashDir(disk, copy, prefix), d.Sum);
  assert.equal(hashDir(disk, path.join(go.root, 'no-such-dir'), prefix), '');
});

/** A main module requiring every downloaded module, with the go.sum go would write. */
function writeMainModule(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  const req = downloaded.map((d) => `\t${d.Path} ${d.Version}\n`).join('');
  fs.writeFileSync(path.join(dir, 'go.mod'), `module example.com/main\n\ngo 1.22\n\nrequire (\n${req})\n`);
  const sum = downloaded.flatMap((d) => [`${d.Path} ${d.Version} ${d.Sum}`, `${d.Path} ${d.Version}/go.mod ${d.GoModSum}`]);
  fs.writeFileSync(path.join(dir, 'go.sum'), sum.sort().join('\n') + '\n');
}

/** The Dir go reports per module: empty when modfetch.DownloadDir refuses the extracted tree. */
async function goModuleDirs(dir: string): Promise<Map<string, string>> {
  const r = await go.run(['list', '-m', '-json', 'all'], dir);
  assert.equal(r.exitCode, 0, r.stderr);
  const mods = parseJsonStream<{ Path: string; Dir?: string; Main?: boolean }>(r.stdout);
  return new Map(mods.filter((m) => !m.Main).map((m) => [m.Path, m.Dir ?? '']));
}

test('moduleDirState agrees with go on complete, partial, ziphash-less, missing and non-directory trees', async () => {
  const cache = go.env.GOMODCACHE;
  const main = path.join(go.root, 'main');
  writeMainModule(main);
  const [lib, libV2, widgets] = ['example.com/lib', 'example.com/lib/v2', 'github.com/Company/Widgets'].map((p) => downloaded.find((d) => d.Path === p)!);

  let goDirs = await goModuleDirs(main);
  for (const d of downloaded) {
    assert.deepEqual(moduleDirState(disk, cache, d.Path, d.Version), { ok: true, dir: d.Dir });
    assert.equal(goDirs.get(d.Path), d.Dir);
  }

  // Corrupt the cache three ways, the way interrupted downloads and cleanup tools leave it.
  fs.writeFileSync(cacheFile(cache, lib.Path, lib.Version, 'partial'), '');
  fs.rmSync(cacheFile(cache, libV2.Path, libV2.Version, 'ziphash'));
  fs.rmSync(cacheFile(cache, widgets.Path, widgets.Version, 'zip'));
  fs.rmSync(cacheFile(cache, widgets.Path, widgets.Version, 'ziphash'));

  const libState = moduleDirState(disk, cache, lib.Path, lib.Version);
  assert.deepEqual(libState, { ok: false, reason: 'partial', dir: lib.Dir, detail: `${lib.Dir}: not completely extracted`, zipAvailable: true });
  const v2State = moduleDirState(disk, cache, libV2.Path, libV2.Version);
  assert.deepEqual(v2State, { ok: false, reason: 'no-ziphash', dir: libV2.Dir, detail: `${libV2.Dir}: ziphash file is missing`, zipAvailable: true });
  const wState = moduleDirState(disk, cache, widgets.Path, widgets.Version);
  assert.equal(wState.ok, false);
  assert.equal(!wState.ok && wState.reason, 'no-ziphash');
  assert.equal(!wState.ok && wState.zipAvailable, false);

  goDirs = await goModuleDirs(main);
  for (const d of downloaded) {
    const ours = moduleDirState(disk, cache, d.Path, d.Version);
    assert.equal(goDirs.get(d.Path), ours.ok ? ours.dir : '', `${d.Path}: go and moduleDirState disagree`);
  }

  // Missing altogether, and a file where the directory should be.
  removeTree(lib.Dir!);
  fs.rmSync(cacheFile(cache, lib.Path, lib.Version, 'partial'));
  const missing = moduleDirState(disk, cache, lib.Path, lib.Version);
  assert.equal(!missing.ok && missing.reason, 'missing');
  fs.writeFileSync(lib.Dir!, 'not a directory');
  const notDir = moduleDirState(disk, cache, lib.Path, lib.Version);
  assert.equal(!notDir.ok && notDir.detail, `${lib.Dir}: not a directory`);
  goDirs = await goModuleDirs(main);
  assert.equal(goDirs.get(lib.Path), '');
});

test('readZiphash: missing and invalid (wrong length, NUL bytes) like modfetch.isValidSum', () => {
  const cache = path.join(go.root, 'fake-cache');
  const file = cacheFile(cache, 'example.com/x', 'v1.0.0', 'ziphash');
  assert.deepEqual(readZiphash(disk, cache, 'example.com/x', 'v1.0.0'), { state: 'missing' });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, 'h1:short');
  assert.equal(readZiphash(disk, cache, 'example.com/x', 'v1.0.0').state, 'invalid');
  fs.writeFileSync(file, '\0'.repeat(47));
  assert.equal(readZiphash(disk, cache, 'example.com/x', 'v1.0.0').state, 'invalid');
  fs.writeFileSync(file, '  h1:flS2VctbRrTv+sBE+VKgxx6hlkMGPVz9MGOmzMYFg3k=\n');
  assert.deepEqual(readZiphash(disk, cache, 'example.com/x', 'v1.0.0'), { state: 'ok', hash: 'h1:flS2VctbRrTv+sBE+VKgxx6hlkMGPVz9MGOmzMYFg3k=' });
});

test('hashZip: go\'s cached zips hash to their go.sum line; deflated zips made by x/mod/zip match dirhash.HashZip', async () => {
  // The earlier test removed one zip; the others are as go downloaded them.
  const zipped = downloaded.filter((d) => fs.existsSync(d.Zip!));
  assert.ok(zipped.length >= 2);
  for (const d of zipped) assert.equal(hashZip(disk, d.Zip!), d.Sum, d.Path);
  const oracle = await buildXModOracle();
  try {
    const src = path.join(modulesRoot, 'example.com', 'lib@v1.0.0');
    const zipOut = path.join(go.root, 'deflated.zip');
    assert.deepEqual(oracle.ask([{ fn: 'zip.CreateFromDir', args: [zipOut, 'example.com/lib', 'v1.0.0', src] }]), [null]);
    const entries = readZipEntries(fs.readFileSync(zipOut));
    assert.ok(Array.isArray(entries) && entries.length > 0);
    // x/mod/zip deflates; make sure this test exercises inflation, not stored entries.
    assert.equal(fs.readFileSync(zipOut).readUInt16LE(8), 8);
    const [want] = oracle.ask([{ fn: 'dirhash.HashZip', args: [zipOut] }]);
    assert.equal(hashZip(disk, zipOut), want);
    assert.equal(want, downloaded.find((m) => m.Path === 'example.com/lib')!.Sum);
  } finally {
    oracle.dispose();
  }
  const junk = path.join(go.root, 'junk.zip');
  fs.writeFileSync(junk, 'not a zip');
  assert.equal(hashZip(disk, junk), '');
  assert.ok(!Array.isArray(readZipEntries(Buffer.from('not a zip'))));
});

test('isInsideExtractedModule: files under path@version are immutable, the directory itself and cache/ are not', () => {
  const m = '/gopath/pkg/mod';
  assert.ok(isInsideExtractedModule('/gopath/pkg/mod/github.com/foo/bar@v1.2.3/x.go', m));
  assert.ok(isInsideExtractedModule('/gopath/pkg/mod/github.com/foo/bar@v1.2.3/sub/dir', m));
  assert.ok(!isInsideExtractedModule('/gopath/pkg/mod/github.com/foo/bar@v1.2.3', m), 'appears and goes with downloads');
  assert.ok(!isInsideExtractedModule('/gopath/pkg/mod/cache/download/github.com/foo/bar/@v/v1.2.3.zip', m));
  assert.ok(!isInsideExtractedModule('/gopath/pkg/mod/github.com/foo', m));
  assert.ok(!isInsideExtractedModule('/elsewhere/bar@v1/x.go', m));
  assert.ok(!isInsideExtractedModule('/gopath/pkg/mod/x@v1/y.go', ''));
});
