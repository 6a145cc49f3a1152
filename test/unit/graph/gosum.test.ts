// resolve/gosum's verdicts against the go command's: modules verified against go.sum files that
// agree, disagree (zip or go.mod hash), hold several lines, or are missing the line, in a single
// module and in a workspace. Each case runs `go list -deps` and compares its fatal text with ours.

import { test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { hermeticGo, type HermeticGo } from '../../harness/goenv';
import { buildFileProxy, seedModuleCache, type DownloadedModule } from '../../harness/proxy';
import { DiskFileSystem } from '../../../server/src/fsys/fsys';
import type { SumFile } from '../../../server/src/parse/ast';
import { SumIndex } from '../../../server/src/resolve/gosum';
import { hashGoModText, readCachedGoMod, readZiphash } from '../../../server/src/resolve/modcache';

const modulesRoot = path.resolve(__dirname, '../../../../test/fixtures/modules');
const disk = new DiskFileSystem();
let go: HermeticGo;
let lib: DownloadedModule;
let n = 0;

before(async () => {
  go = hermeticGo();
  const proxy = buildFileProxy(modulesRoot, path.join(go.root, 'proxy'));
  [lib] = await seedModuleCache(go, proxy, ['example.com/lib@v1.0.0']);
});
after(() => go?.dispose());

// A hash that is well-formed but belongs to nothing.
const WRONG = 'h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/** go.sum text read into the parse model, the way the go.sum parser hands it over (positions unused here). */
function sumFile(fileName: string): SumFile {
  const text = fs.existsSync(fileName) ? fs.readFileSync(fileName, 'utf8') : '';
  const zero = { offset: 0, line: 0, character: 0 };
  const lines = text.split('\n').map((l) => l.trim().split(/\s+/)).filter((f) => f.length === 3).map(([p, v, hash]) => ({
    path: p, version: v.replace(/\/go\.mod$/, ''), goMod: v.endsWith('/go.mod'), hash, range: { start: zero, end: zero },
  }));
  return { fileName, lines, errors: [] };
}

/** A module importing example.com/lib, with the given go.sum lines. */
function writeModule(dir: string, modPath: string, sumLines: string[]): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'go.mod'), `module ${modPath}\n\ngo 1.22\n\nrequire example.com/lib v1.0.0\n`);
  fs.writeFileSync(path.join(dir, 'main.go'), 'package main\n\nimport _ "example.com/lib"\n\nfunc main() {}\n');
  fs.writeFileSync(path.join(dir, 'go.sum'), sumLines.map((l) => l + '\n').join(''));
}

const zipLine = (h: string) => `example.com/lib v1.0.0 ${h}`;
const modLine = (h: string) => `example.com/lib v1.0.0/go.mod ${h}`;

async function goList(dir: string) {
  return go.run(['list', '-e', '-deps', './...'], dir);
}

/** What we conclude for the zip and the go.mod of example.com/lib, from the cache as go left it. */
function ourVerdicts(sums: SumIndex) {
  const cache = go.env.GOMODCACHE;
  const zh = readZiphash(disk, cache, lib.Path, lib.Version);
  assert.equal(zh.state, 'ok');
  const modHash = hashGoModText(readCachedGoMod(disk, cache, lib.Path, lib.Version)!);
  return {
    goMod: sums.check(lib.Path, lib.Version, true, modHash),
    zip: sums.check(lib.Path, lib.Version, false, zh.state === 'ok' ? zh.hash : ''),
  };
}

test('single module: matching sums pass, as go list agrees', async () => {
  const dir = path.join(go.root, `m${n++}`);
  writeModule(dir, 'example.com/main', [zipLine(lib.Sum!), modLine(lib.GoModSum!)]);
  const sums = new SumIndex([sumFile(path.join(dir, 'go.sum'))]);
  const v = ourVerdicts(sums);
  assert.equal(v.zip.status, 'match');
  assert.equal(v.goMod.status, 'match');
  assert.ok(sums.has(lib.Path, lib.Version, false) && sums.has(lib.Path, lib.Version, true));
  assert.equal(sums.mainSumFile, path.join(dir, 'go.sum'));
  const r = await goList(dir);
  assert.equal(r.exitCode, 0, r.stderr);
});

test('single module: a wrong zip hash is go\'s checksum mismatch, word for word', async () => {
  const dir = path.join(go.root, `m${n++}`);
  writeModule(dir, 'example.com/main', [zipLine(WRONG), modLine(lib.GoModSum!)]);
  const v = ourVerdicts(new SumIndex([sumFile(path.join(dir, 'go.sum'))]));
  assert.equal(v.goMod.status, 'match');
  assert.equal(v.zip.status, 'mismatch');
  const r = await goList(dir);
  assert.notEqual(r.exitCode, 0);
  assert.ok(v.zip.status === 'mismatch' && r.stderr.includes(v.zip.message), `go said:\n${r.stderr}\nwe said:\n${v.zip.status === 'mismatch' ? v.zip.message : ''}`);
});

test('single module: a wrong go.mod hash is the /go.mod checksum mismatch', async () => {
  const dir = path.join(go.root, `m${n++}`);
  writeModule(dir, 'example.com/main', [zipLine(lib.Sum!), modLine(WRONG)]);
  const v = ourVerdicts(new SumIndex([sumFile(path.join(dir, 'go.sum'))]));
  assert.equal(v.goMod.status, 'mismatch');
  const r = await goList(dir);
  assert.notEqual(r.exitCode, 0);
  assert.ok(v.goMod.status === 'mismatch' && r.stderr.includes(v.goMod.message), `go said:\n${r.stderr}`);
  assert.match(r.stderr, /verifying example\.com\/lib@v1\.0\.0\/go\.mod: checksum mismatch/);
});

test('single module: with two lines, the first h1 line decides (wrong first fails, right first passes)', async () => {
  const wrongFirst = path.join(go.root, `m${n++}`);
  writeModule(wrongFirst, 'example.com/main', [zipLine(WRONG), zipLine(lib.Sum!), modLine(lib.GoModSum!)]);
  const rightFirst = path.join(go.root, `m${n++}`);
  writeModule(rightFirst, 'example.com/main', [zipLine(lib.Sum!), zipLine(WRONG), modLine(lib.GoModSum!)]);
  const a = ourVerdicts(new SumIndex([sumFile(path.join(wrongFirst, 'go.sum'))]));
  const b = ourVerdicts(new SumIndex([sumFile(path.join(rightFirst, 'go.sum'))]));
  const ra = await goList(wrongFirst);
  const rb = await goList(rightFirst);
  assert.equal(a.zip.status, 'mismatch');
  assert.ok(a.zip.status === 'mismatch' && ra.stderr.includes(a.zip.message), ra.stderr);
  assert.equal(b.zip.status, 'match');
  assert.equal(rb.exitCode, 0, rb.stderr);
});

test('single module: no line means missing; go reports a missing go.sum entry', async () => {
  const dir = path.join(go.root, `m${n++}`);
  writeModule(dir, 'example.com/main', [modLine(lib.GoModSum!), `example.com/lib v1.0.0 sha1:${'0'.repeat(40)}`]);
  const sums = new SumIndex([sumFile(path.join(dir, 'go.sum'))]);
  // Only h1: hashes count (HaveSum), and a non-h1 line never conflicts.
  assert.equal(sums.has(lib.Path, lib.Version, false), false);
  assert.equal(sums.hashes(lib.Path, lib.Version, false).length, 1);
  assert.equal(ourVerdicts(sums).zip.status, 'missing');
  // With -e a missing sum is a package error, not a fatal one: print the errors.
  const r = await go.run(['list', '-e', '-deps', '-f', '{{with .Error}}{{.Err}}{{end}}', './...'], dir);
  assert.match(r.stdout, /missing go\.sum entry for module providing package example\.com\/lib/);
});

test('workspace: a wrong line in any module\'s go.sum is fatal and names that file', async () => {
  const root = path.join(go.root, `w${n++}`);
  writeModule(path.join(root, 'a'), 'example.com/a', [zipLine(lib.Sum!), modLine(lib.GoModSum!)]);
  writeModule(path.join(root, 'b'), 'example.com/b', [zipLine(WRONG), modLine(lib.GoModSum!)]);
  fs.writeFileSync(path.join(root, 'go.work'), 'go 1.22\n\nuse (\n\t./a\n\t./b\n)\n');
  const files = ['a', 'b'].map((m) => sumFile(path.join(root, m, 'go.sum')));
  const sums = new SumIndex(files, { workspace: true });
  assert.equal(sums.mainSumFile, undefined);
  const v = ourVerdicts(sums);
  assert.equal(v.zip.status, 'mismatch');
  assert.ok(v.zip.status === 'mismatch' && v.zip.message.includes(path.join(root, 'b', 'go.sum')));
  const r = await go.run(['list', '-e', '-deps', './...'], path.join(root, 'a'));
  assert.notEqual(r.exitCode, 0);
  assert.ok(v.zip.status === 'mismatch' && r.stderr.includes(v.zip.message), `go said:\n${r.stderr}`);
});

test('workspace: go.work.sum is the main file and the empty-go.mod hash is ignored', () => {
  const root = path.join(go.root, `w${n++}`);
  fs.mkdirSync(root, { recursive: true });
  fs.writeFileSync(path.join(root, 'go.work.sum'), `${modLine('h1:G7mAYYxgmS0lVkHyy2hEOLQCFB0DlQFTMLWggykrydY=')}\n${zipLine(lib.Sum!)}\n`);
  const sums = new SumIndex([sumFile(path.join(root, 'go.work.sum'))]);
  assert.equal(sums.mainSumFile, path.join(root, 'go.work.sum'));
  assert.equal(sums.has(lib.Path, lib.Version, true), false);
  assert.equal(sums.entries(lib.Path, lib.Version, false)[0].file, path.join(root, 'go.work.sum'));
  const mismatch = sums.check(lib.Path, lib.Version, false, WRONG);
  assert.ok(mismatch.status === 'mismatch' && mismatch.message.includes('\n\tgo.work.sum:     '));
});
