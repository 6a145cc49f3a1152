// go.sum and vendor/modules.txt parsing; go.sum's malformed-line error checked against go.

import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { hermeticGo, type HermeticGo } from '../../harness/goenv';
import { parseGoSum, parseModulesTxt } from '../../../server/src/parse';

let go: HermeticGo;
before(() => {
  go = hermeticGo();
});
after(() => go.dispose());

test('go.sum lines: path, version, /go.mod suffix, hash, range; blank lines skipped', () => {
  const text = 'example.com/a v1.0.0 h1:AAA=\r\n\r\nexample.com/a v1.0.0/go.mod h1:BBB=\r\n  example.com/b  v0.1.0\th1:CCC=\n';
  const sum = parseGoSum(text, 'go.sum');
  assert.deepEqual(sum.errors, []);
  assert.deepEqual(
    sum.lines.map((l) => [l.path, l.version, l.goMod, l.hash]),
    [
      ['example.com/a', 'v1.0.0', false, 'h1:AAA='],
      ['example.com/a', 'v1.0.0', true, 'h1:BBB='],
      ['example.com/b', 'v0.1.0', false, 'h1:CCC='],
    ],
  );
  const b = sum.lines[2]!;
  assert.equal(text.slice(b.range.start.offset, b.range.end.offset), 'example.com/b  v0.1.0\th1:CCC=');
  assert.equal(b.range.start.line, 3);
});

test('go.sum drops the empty-go.mod hash an old go wrote, as go does', () => {
  const sum = parseGoSum('example.com/a v1.0.0/go.mod h1:G7mAYYxgmS0lVkHyy2hEOLQCFB0DlQFTMLWggykrydY=\n', 'go.sum');
  assert.deepEqual(sum.lines, []);
});

test('a go.sum line with the wrong number of fields fails like go', async () => {
  const dir = fs.mkdtempSync(path.join(go.root, 'sum-'));
  fs.writeFileSync(path.join(dir, 'go.mod'), 'module example.com/m\n\ngo 1.22\n\nrequire example.com/a v1.0.0\n');
  const text = 'example.com/a v1.0.0 h1:abc=\n\nexample.com/a v1.0.0/go.mod\nx y z w\n';
  const file = path.join(dir, 'go.sum');
  fs.writeFileSync(file, text);
  const r = await go.run(['list', '-m', 'all'], dir);
  assert.notEqual(r.exitCode, 0);
  const m = /^(.*):(\d+): (wrong number of fields \d+)$/m.exec(r.stderr);
  assert.ok(m, r.stderr);
  const sum = parseGoSum(text, file);
  // go stops at the first bad line; we report every one.
  const first = sum.errors[0]!;
  assert.equal(m[1], file);
  assert.equal(String(first.range.start.line + 1), m[2]);
  assert.equal(first.message, m[3]);
  assert.equal(text.slice(first.range.start.offset, first.range.end.offset), 'example.com/a v1.0.0/go.mod');
  assert.deepEqual(sum.errors.map((e) => e.message), ['wrong number of fields 2', 'wrong number of fields 4']);
  assert.equal(sum.lines.length, 1);
});

test('modules.txt: headers, replacements, annotations, packages, workspace marker', () => {
  const text = [
    '## workspace',
    '# example.com/a v1.0.0',
    '## explicit; go 1.21',
    'example.com/a',
    'example.com/a/sub',
    '# example.com/b v1.2.0 => ../b',
    '## explicit',
    'example.com/b',
    '# example.com/c => ./c',
    'example.com/c',
    '# example.com/d v0.1.0 => example.com/e v0.2.0',
    '## go 1.18',
    'example.com/d',
    '# example.com/bad notaversion',
    'example.com/ignored',
    '# example.com/f v1.0.0 => example.com/g notaversion',
    '',
  ].join('\n');
  const txt = parseModulesTxt(text, 'modules.txt');
  assert.equal(txt.workspace, true);
  assert.deepEqual(txt.errors, []);
  assert.deepEqual(
    txt.modules.map((m) => ({ path: m.path, version: m.version, replacement: m.replacement, explicit: m.explicit, goVersion: m.goVersion, packages: m.packages })),
    [
      { path: 'example.com/a', version: 'v1.0.0', replacement: undefined, explicit: true, goVersion: '1.21', packages: ['example.com/a', 'example.com/a/sub'] },
      { path: 'example.com/b', version: 'v1.2.0', replacement: { path: '../b' }, explicit: true, goVersion: undefined, packages: ['example.com/b'] },
      { path: 'example.com/c', version: undefined, replacement: { path: './c' }, explicit: false, goVersion: undefined, packages: ['example.com/c'] },
      { path: 'example.com/d', version: 'v0.1.0', replacement: { path: 'example.com/e', version: 'v0.2.0' }, explicit: false, goVersion: '1.18', packages: ['example.com/d'] },
      { path: 'example.com/f', version: 'v1.0.0', replacement: undefined, explicit: false, goVersion: undefined, packages: [] },
    ],
  );
  const a = txt.modules[0]!;
  assert.equal(text.slice(a.range.start.offset, a.range.end.offset), '# example.com/a v1.0.0');
  assert.equal(parseModulesTxt('# example.com/a v1.0.0\n', 'modules.txt').workspace, false);
});
