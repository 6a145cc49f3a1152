import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseJsonStream } from '../../harness/proxy';
import { goSourceDirs, goTruth, importAtPosition, importKey } from '../../harness/golist';
import { hermeticGo } from '../../harness/goenv';

test('parseJsonStream splits concatenated objects, ignoring braces inside strings', () => {
  const text = '{\n\t"A": "x { y",\n\t"B": {"C": 1}\n}\n{"A": "q\\"}"}\n';
  assert.deepEqual(parseJsonStream(text), [{ A: 'x { y', B: { C: 1 } }, { A: 'q"}' }]);
});

test('importAtPosition reads the quoted path at file:line:col', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gmd-pos-'));
  try {
    fs.writeFileSync(path.join(dir, 'main.go'), 'package main\n\nimport (\n\t"fmt"\n\tx "example.com/x"\n)\n');
    assert.deepEqual(importAtPosition('main.go:5:4', dir), { pkgDir: dir, importPath: 'example.com/x' });
    assert.deepEqual(importAtPosition(`${dir}/main.go:4:2`, '/'), { pkgDir: dir, importPath: 'fmt' });
    assert.equal(importAtPosition('main.go:1:1', dir), undefined);
    assert.equal(importAtPosition('', dir), undefined);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('goSourceDirs skips what go skips', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gmd-dirs-'));
  try {
    for (const d of ['a', 'testdata/t', '_x', '.y', 'vendor/v', 'b/c']) {
      fs.mkdirSync(path.join(dir, d), { recursive: true });
      fs.writeFileSync(path.join(dir, d, 'f.go'), 'package p\n');
    }
    assert.deepEqual(goSourceDirs(dir).map((d) => path.relative(dir, d)), ['a', 'b/c']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('goTruth marks the broken import, not its healthy sibling, and a malformed go.mod as fatal', async () => {
  const go = hermeticGo();
  try {
    const mod = path.join(go.root, 'm');
    fs.mkdirSync(path.join(mod, 'p'), { recursive: true });
    fs.writeFileSync(path.join(mod, 'go.mod'), 'module example.com/m\n\ngo 1.22\n');
    fs.writeFileSync(path.join(mod, 'p', 'p.go'), 'package p\n');
    fs.writeFileSync(path.join(mod, 'main.go'), 'package main\n\nimport (\n\t_ "example.com/m/p"\n\t_ "example.com/m/q"\n)\n\nfunc main() {}\n');
    const t = await goTruth(go, mod);
    assert.equal(t.fatal, undefined);
    assert.equal(t.imports.get(importKey(mod, 'example.com/m/p'))?.broken, false);
    assert.equal(t.imports.get(importKey(mod, 'example.com/m/q'))?.broken, true);
    assert.match(t.imports.get(importKey(mod, 'example.com/m/q'))?.err ?? '', /no required module provides package example.com\/m\/q/);
    assert.equal(t.buildOk, false);

    fs.writeFileSync(path.join(mod, 'go.mod'), 'module example.com/m\n\ngo 1.22\n\nrequir x v1.0.0\n');
    const bad = await goTruth(go, mod);
    assert.match(bad.fatal ?? '', /errors parsing go.mod/);
  } finally {
    go.dispose();
  }
});
