// Ambiguous imports from a module split: which cached version of the monolith no longer holds the
// package (read from a module cache laid out as go writes it), and which fixes the fixture cases
// get. That the first fix makes `go build ./...` pass is the differential test's job (fixBuilds).

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DiskFileSystem } from '../../../server/src/fsys/fsys';
import { describeSplitSearch, versionWithoutPackage } from '../../../server/src/resolve/cached-versions';
import { analyzeFolder } from '../../../server/src/analyze/analyze';
import { loadGoEnv } from '../../../server/src/env/goenv';
import { applyFix } from '../../../server/src/fix/apply';
import { writeTree } from '../../harness/tree';
import { zipStore } from '../../harness/zip';
import { prepareCase, type PreparedCase } from '../../harness/cases';
import { seedModuleCache } from '../../harness/proxy';

const MONO = 'example.com/Mono'; // upper case: the cache escapes it as "!mono"
const PKG = `${MONO}/sub`;

/** A module cache holding example.com/Mono in every form go leaves it: extracted trees, zips
 * only, a go.mod only, and a list file. */
function fakeCache(): string {
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'gmd-split-'));
  const dl = path.join(cache, 'cache', 'download', 'example.com', '!mono', '@v');
  const zip = (v: string, files: string[]) => fs.writeFileSync(path.join(dl, `${v}.zip`), zipStore(files.map((f) => ({ name: `${MONO}@${v}/${f}`, data: Buffer.from('package x\n') }))));
  writeTree(cache, {
    'cache/download/example.com/!mono/@v/list': 'v1.0.0\nv1.0.1\nv1.2.0\n',
    'cache/download/example.com/!mono/@v/v1.2.0.mod': `module ${MONO}\n`,
    // Below the current version: never a candidate, whatever it holds.
    'example.com/!mono@v0.9.0/mono.go': 'package mono\n',
    'cache/download/example.com/!mono/@v/v0.9.0.ziphash': 'h1:x\n',
    // An extracted (complete) tree that still holds sub/.
    'example.com/!mono@v1.0.1/mono.go': 'package mono\n',
    'example.com/!mono@v1.0.1/sub/sub.go': 'package sub\n',
    'cache/download/example.com/!mono/@v/v1.0.1.ziphash': 'h1:x\n',
  });
  zip('v1.1.0-rc.1', ['go.mod', 'mono.go']);
  // sub/ survives only as a parent of another package: no Go files of its own.
  zip('v1.1.0', ['go.mod', 'mono.go', 'sub/deeper/d.go']);
  return cache;
}

test('the split version is the lowest release above the current one whose files lack the package', () => {
  const cache = fakeCache();
  try {
    const fsys = new DiskFileSystem();
    const found = versionWithoutPackage(fsys, cache, MONO, 'v1.0.0', PKG);
    assert.deepEqual(found.looked, [
      { version: 'v1.0.1', holds: true },
      { version: 'v1.1.0-rc.1', holds: false },
      { version: 'v1.1.0', holds: false },
      { version: 'v1.2.0', holds: undefined },
    ]);
    assert.equal(found.version, 'v1.1.0');
    assert.equal(
      describeSplitSearch(MONO, 'v1.0.0', PKG, found),
      `In the module cache, ${MONO} v1.1.0 is the first version above v1.0.0 without ${PKG} (looked at v1.0.1 (still holds it), v1.1.0-rc.1 (a pre-release)).`,
    );

    fs.rmSync(path.join(cache, 'cache', 'download', 'example.com', '!mono', '@v', 'v1.1.0.zip'));
    assert.equal(versionWithoutPackage(fsys, cache, MONO, 'v1.0.0', PKG).version, 'v1.1.0-rc.1', 'a pre-release when no release will do');

    const none = versionWithoutPackage(fsys, cache, MONO, 'v1.1.0', PKG);
    assert.deepEqual(none, { looked: [{ version: 'v1.2.0', holds: undefined }], version: undefined });
    assert.equal(describeSplitSearch(MONO, 'v1.1.0', PKG, none), `No version of ${MONO} in the module cache above v1.1.0 is known to drop ${PKG}: looked at v1.2.0 (its files are not cached).`);
    assert.equal(describeSplitSearch(MONO, 'v1.3.0', PKG, versionWithoutPackage(fsys, cache, MONO, 'v1.3.0', PKG)), `The module cache has no version of ${MONO} above v1.3.0, so none known to drop ${PKG}.`);
  } finally {
    fs.rmSync(cache, { recursive: true, force: true });
  }
});

/** The case's one ambiguous-import diagnostic: `setup` changes the prepared case first, `then`
 * asks go about it afterwards. */
async function ambiguousDiagnostic(name: string, opts: { setup?: (c: PreparedCase) => Promise<unknown>; then?: (c: PreparedCase) => Promise<void> } = {}) {
  const c = await prepareCase(name);
  try {
    await opts.setup?.(c);
    const analysis = await analyzeFolder(c.dir, { editorEnv: await loadGoEnv(c.env) });
    const found = analysis.diagnostics.filter((d) => d.code === 'ambiguous-import');
    assert.equal(found.length, 1, `${name}: one ambiguous-import diagnostic`);
    const d = found[0]!;
    const fixes = d.fixes.map((f) => ({ title: f.title, preferred: f.preferred ?? false, argv: f.commands?.map((x) => x.argv.join(' ')), edited: f.edits?.map((e) => path.relative(c.dir, e.file)) }));
    const modText = (edits = d.fixes[0]?.edits?.[0]?.edits ?? []) => {
      let text = fs.readFileSync(path.join(c.dir, 'go.mod'), 'utf8');
      for (const e of [...edits].sort((a, b) => b.range.start.offset - a.range.start.offset)) text = text.slice(0, e.range.start.offset) + e.newText + text.slice(e.range.end.offset);
      return text;
    };
    const editedGoMod = modText();
    await opts.then?.(c);
    // The whole story: the headline's explanation, then go's words.
    return { message: `${d.detail} go says: ${d.goSays}`, fixes, editedGoMod };
  } finally {
    c.dispose();
  }
}

test('a module split with the split version cached: go get of that version, the only fix', async () => {
  const { message, fixes } = await ambiguousDiagnostic('module-split');
  assert.deepEqual(fixes, [
    {
      title: 'Upgrade example.com/kit from v1.0.0 to v1.1.0, the first version in the module cache without example.com/kit/sub: go get example.com/kit@v1.1.0',
      preferred: true,
      argv: ['go get -- example.com/kit@v1.1.0'],
      edited: undefined,
    },
  ]);
  assert.match(message, /example\.com\/kit v1\.1\.0 is the first version above v1\.0\.0 without example\.com\/kit\/sub \(looked at v1\.0\.1 \(still holds it\)\)\. go says: ambiguous import/);
});

test('a leftover requirement of the monolith: dropping it is the fix, comments kept', async () => {
  const { fixes, editedGoMod } = await ambiguousDiagnostic('module-split-unused-monolith');
  assert.deepEqual(fixes, [
    {
      title: 'Remove the unused requirement example.com/kit v1.0.0 from go.mod (no package of github.com/company/app imports from it)',
      preferred: true,
      argv: undefined,
      edited: ['go.mod'],
    },
  ]);
  assert.equal(editedGoMod, 'module github.com/company/app\n\ngo 1.22\n\nrequire (\n\t// sub moved out of example.com/kit into a module of its own.\n\texample.com/kit/sub v1.0.0\n)\n');
});

test('a leftover requirement and the split version cached: dropping it first, the go get second', async () => {
  const { fixes } = await ambiguousDiagnostic('module-split-unused-monolith', { setup: (c) => seedModuleCache(c.go, c.proxyUrl, ['example.com/kit@v1.1.0']) });
  assert.deepEqual(
    fixes.map((f) => [f.title.split(' ')[0], f.preferred]),
    [
      ['Remove', true],
      ['Upgrade', false],
    ],
  );
});

test('the split version also drops a package the module imports: go get is not offered, and go agrees it would not build', async () => {
  const { fixes } = await ambiguousDiagnostic('module-split', {
    setup: async (c) => fs.writeFileSync(path.join(c.dir, 'legacy.go'), 'package main\n\nimport _ "example.com/kit/legacy"\n'),
    then: async (c) => {
      assert.equal((await c.go.run(['get', 'example.com/kit@v1.1.0'], c.dir, c.env)).exitCode, 0);
      const build = await c.go.run(['build', './...'], c.dir, c.env);
      assert.notEqual(build.exitCode, 0);
      assert.match(build.stderr, /example\.com\/kit\/legacy/);
    },
  });
  assert.deepEqual(fixes, []);
});

test('no cached version proves the split and the monolith is imported: no fix, and the message says what was looked at', async () => {
  const notCached = await ambiguousDiagnostic('module-split-not-in-cache');
  assert.deepEqual(notCached.fixes, []);
  assert.match(notCached.message, /No version of example\.com\/kit in the module cache above v1\.0\.0 is known to drop example\.com\/kit\/sub: looked at v1\.0\.1 \(still holds it\), v1\.1\.0 \(its files are not cached\)\. go says:/);
  const onlyCurrent = await ambiguousDiagnostic('ambiguous-import');
  assert.deepEqual(onlyCurrent.fixes, [], 'go mod tidy stops on the same error, so it is not offered');
  assert.match(onlyCurrent.message, /The module cache has no version of example\.com\/lib above v1\.0\.0, so none known to drop example\.com\/lib\/sub\. go says:/);
});

test('with a proxy and no later version to look into: download the latest, then go get the split version it turns out to be, and go build passes', async () => {
  const c = await prepareCase('module-split-not-in-cache');
  try {
    const env = await loadGoEnv({ ...c.env, GOPROXY: c.proxyUrl });
    const firstFix = async () => {
      const analysis = await analyzeFolder(c.dir, { editorEnv: env });
      const d = analysis.diagnostics.filter((x) => x.code === 'ambiguous-import');
      assert.equal(d.length, 1);
      assert.equal(d[0]!.fixes.length, 1, d[0]!.fixes.map((f) => f.title).join('\n'));
      return d[0]!.fixes[0]!;
    };
    const download = await firstFix();
    assert.equal(download.title, `Download example.com/kit@latest from ${c.proxyUrl} into the module cache, to look for a version without example.com/kit/sub: go mod download example.com/kit@latest`);
    assert.ok((await applyFix(download, { env })).ok);
    const get = await firstFix();
    assert.deepEqual(get.commands?.map((x) => x.argv.join(' ')), ['go get -- example.com/kit@v1.1.0']);
    assert.ok((await applyFix(get, { env })).ok);
    const build = await c.go.run(['build', './...'], c.dir, c.env);
    assert.equal(build.exitCode, 0, build.stderr);
  } finally {
    c.dispose();
  }
});
