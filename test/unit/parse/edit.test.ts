// The minimal editor: every edit leaves the rest of the file byte-identical and means, to the go
// command, exactly what the equivalent `go mod edit` / `go work edit` flag means.

import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { hermeticGo, type HermeticGo } from '../../harness/goenv';
import { parseGoMod, parseGoWork } from '../../../server/src/parse';
import type { ModFile, WorkFile } from '../../../server/src/parse/ast';
import { addReplace, addRequire, addUse, dropRequire, dropToolchain, dropUse, formatNewGoWork, setModulePath, setReplaceTarget } from '../../../server/src/parse/edit';
import { applyEdits, type TextEdit } from '../../../server/src/text/edit';
import { goEditFlags, goEditJson } from './oracle';

let go: HermeticGo;
before(() => {
  go = hermeticGo();
});
after(() => go.dispose());

const BASE_MOD = `// A go.mod to edit; comments everywhere must survive.
module example.com/m // the main module

go 1.22

require (
	example.com/a v1.0.0
	example.com/b v1.1.0 // indirect
)

// single c
require example.com/c v1.2.0 // keep me

replace example.com/a => ../a // local a

replace (
	// x is forked
	example.com/x v1.0.0 => example.com/y v1.0.0
)
`;

const SINGLES_MOD = `module example.com/singles

go 1.22

require example.com/a v1.0.0 // only one

replace example.com/a => ../a
`;

const BARE_MOD = `module example.com/bare

go 1.22`;

/** The original lines no edit touches must all appear, in order, in the result. */
function assertUntouchedKept(original: string, result: string, edits: TextEdit[]): void {
  const touched = new Set<number>();
  for (const e of edits) for (let l = e.range.start.line; l <= e.range.end.line; l++) touched.add(l);
  const kept = original.split('\n').filter((_, i) => !touched.has(i));
  const out = result.split('\n');
  let j = 0;
  for (const line of kept) {
    while (j < out.length && out[j] !== line) j++;
    assert.ok(j < out.length, `untouched line ${JSON.stringify(line)} survives in order`);
    j++;
  }
}

/** What go reads from a file; lists as sets, since where a line sits does not change its meaning. */
async function semantics(kind: 'mod' | 'work', text: string): Promise<Record<string, unknown>> {
  const v = await goEditJson(go, kind, text);
  assert.deepEqual(v.errors, [], `go reads the edited file:\n${text}`);
  return JSON.parse(JSON.stringify(v.json!), (_k, x) => (Array.isArray(x) ? [...x].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)) : x));
}

/** Applies our edit and go's flag to the same text; both must mean the same to go. */
async function checkModEdit(original: string, edit: (m: ModFile) => TextEdit[], flags: string[], adjust?: (json: any) => void): Promise<string> {
  const edits = edit(parseGoMod(original, 'go.mod'));
  assert.ok(edits.length > 0);
  const ours = applyEdits(original, edits);
  assertUntouchedKept(original, ours, edits);
  const theirs = await semantics('mod', await goEditFlags(go, 'mod', original, flags));
  adjust?.(theirs);
  assert.deepEqual(await semantics('mod', ours), theirs);
  assert.deepEqual(parseGoMod(ours, 'go.mod').errors, []);
  return ours;
}

async function checkWorkEdit(original: string, edit: (w: WorkFile) => TextEdit[], flags: string[]): Promise<string> {
  const edits = edit(parseGoWork(original, 'go.work'));
  const ours = applyEdits(original, edits);
  assertUntouchedKept(original, ours, edits);
  const theirs = await semantics('work', await goEditFlags(go, 'work', original, flags));
  assert.deepEqual(await semantics('work', ours), theirs);
  return ours;
}

test('setReplaceTarget: directory to directory, in place', async () => {
  const out = await checkModEdit(BASE_MOD, (m) => setReplaceTarget(m, m.replace[0]!, '../a2'), ['-replace=example.com/a=../a2']);
  assert.match(out, /^replace example\.com\/a => \.\.\/a2 \/\/ local a$/m);
});

test('setReplaceTarget: module to another module version', async () => {
  await checkModEdit(BASE_MOD, (m) => setReplaceTarget(m, m.replace[1]!, 'example.com/z', 'v1.2.0'), ['-replace=example.com/x@v1.0.0=example.com/z@v1.2.0']);
});

test('setReplaceTarget: module to directory drops the version; directory to module adds one', async () => {
  await checkModEdit(BASE_MOD, (m) => setReplaceTarget(m, m.replace[1]!, './z'), ['-replace=example.com/x@v1.0.0=./z']);
  await checkModEdit(BASE_MOD, (m) => setReplaceTarget(m, m.replace[0]!, 'example.com/q', 'v1.0.0'), ['-replace=example.com/a=example.com/q@v1.0.0']);
});

test('setReplaceTarget quotes a directory with a space', async () => {
  const out = await checkModEdit(BASE_MOD, (m) => setReplaceTarget(m, m.replace[0]!, '../a b'), ['-replace=example.com/a=../a b']);
  assert.match(out, /=> "\.\.\/a b" \/\/ local a/);
});

test('setReplaceTarget works on go.work replaces', async () => {
  const work = 'go 1.22\n\nuse .\n\nreplace example.com/a v1.0.0 => ./a // here\n';
  await checkWorkEdit(work, (w) => setReplaceTarget(w, w.replace[0]!, './b'), ['-replace=example.com/a@v1.0.0=./b']);
});

test('setModulePath renames the module and keeps its comment', async () => {
  const out = await checkModEdit(BASE_MOD, (m) => setModulePath(m, 'example.com/renamed'), ['-module=example.com/renamed']);
  assert.match(out, /^module example\.com\/renamed \/\/ the main module$/m);
});

test('addReplace goes into the replace block', async () => {
  const out = await checkModEdit(BASE_MOD, (m) => addReplace(m, { path: 'example.com/new' }, { path: './new' }), ['-replace=example.com/new=./new']);
  assert.match(out, /\texample\.com\/x v1\.0\.0 => example\.com\/y v1\.0\.0\n\texample\.com\/new => \.\/new\n\)/);
});

test('addReplace after the last replace line, or at the end', async () => {
  const out = await checkModEdit(SINGLES_MOD, (m) => addReplace(m, { path: 'example.com/b', version: 'v1.0.0' }, { path: 'example.com/c', version: 'v1.1.0' }), [
    '-replace=example.com/b@v1.0.0=example.com/c@v1.1.0',
  ]);
  assert.match(out, /replace example\.com\/a => \.\.\/a\nreplace example\.com\/b v1\.0\.0 => example\.com\/c v1\.1\.0\n$/);
  const bare = await checkModEdit(BARE_MOD, (m) => addReplace(m, { path: 'example.com/b' }, { path: '../b' }), ['-replace=example.com/b=../b']);
  assert.equal(bare, BARE_MOD + '\nreplace example.com/b => ../b\n');
});

test('addReplace of a module already replaced updates that replace', async () => {
  await checkModEdit(BASE_MOD, (m) => addReplace(m, { path: 'example.com/a' }, { path: '../other' }), ['-replace=example.com/a=../other']);
});

test('addRequire: a new direct requirement joins the direct block', async () => {
  const out = await checkModEdit(BASE_MOD, (m) => addRequire(m, 'example.com/d', 'v1.3.0'), ['-require=example.com/d@v1.3.0']);
  assert.match(out, /\texample\.com\/b v1\.1\.0 \/\/ indirect\n\texample\.com\/d v1\.3\.0\n\)/);
});

test('addRequire: indirect, an existing requirement, a single line, none', async () => {
  await checkModEdit(BASE_MOD, (m) => addRequire(m, 'example.com/d', 'v1.3.0', true), ['-require=example.com/d@v1.3.0'], (json) => {
    const d = json.Require.findIndex((r: { Path: string }) => r.Path === 'example.com/d');
    json.Require[d] = { Indirect: true, ...json.Require[d] };
  });
  const updated = await checkModEdit(BASE_MOD, (m) => addRequire(m, 'example.com/c', 'v1.3.0'), ['-require=example.com/c@v1.3.0']);
  assert.match(updated, /^require example\.com\/c v1\.3\.0 \/\/ keep me$/m);
  const block = await checkModEdit(SINGLES_MOD, (m) => addRequire(m, 'example.com/b', 'v0.0.0-00010101000000-000000000000'), ['-require=example.com/b@v0.0.0-00010101000000-000000000000']);
  assert.match(block, /^require \(\n\texample\.com\/a v1\.0\.0 \/\/ only one\n\texample\.com\/b v0\.0\.0-00010101000000-000000000000\n\)$/m);
  const bare = await checkModEdit(BARE_MOD, (m) => addRequire(m, 'example.com/b', 'v1.0.0'), ['-require=example.com/b@v1.0.0']);
  assert.equal(bare, BARE_MOD + '\nrequire example.com/b v1.0.0\n');
});

test('addRequire and addReplace together, as one fix applies them', async () => {
  const original = SINGLES_MOD;
  const m = parseGoMod(original, 'go.mod');
  const edits = [...addRequire(m, 'example.com/b', 'v0.0.0-00010101000000-000000000000'), ...addReplace(m, { path: 'example.com/b' }, { path: '../b' })];
  const ours = applyEdits(original, edits);
  const theirs = await semantics('mod', await goEditFlags(go, 'mod', original, ['-require=example.com/b@v0.0.0-00010101000000-000000000000', '-replace=example.com/b=../b']));
  assert.deepEqual(await semantics('mod', ours), theirs);
});

test('dropRequire removes a line, and a block it empties', async () => {
  const out = await checkModEdit(BASE_MOD, (m) => dropRequire(m, 'example.com/b'), ['-droprequire=example.com/b']);
  assert.doesNotMatch(out, /example\.com\/b/);
  const both = applyEdits(BASE_MOD, [...dropRequire(parseGoMod(BASE_MOD, 'go.mod'), 'example.com/a')]);
  const again = applyEdits(both, dropRequire(parseGoMod(both, 'go.mod'), 'example.com/b'));
  assert.doesNotMatch(again, /require \(/);
  assert.deepEqual(await semantics('mod', again), await semantics('mod', await goEditFlags(go, 'mod', BASE_MOD, ['-droprequire=example.com/a', '-droprequire=example.com/b'])));
});

test('edits keep CRLF line ends', async () => {
  const crlf = BASE_MOD.replace(/\n/g, '\r\n');
  const m = parseGoMod(crlf, 'go.mod');
  const out = applyEdits(crlf, [...addRequire(m, 'example.com/d', 'v1.3.0'), ...addReplace(m, { path: 'example.com/d' }, { path: './d' })]);
  assert.doesNotMatch(out, /[^\r]\n/);
  const theirs = await semantics('mod', await goEditFlags(go, 'mod', crlf, ['-require=example.com/d@v1.3.0', '-replace=example.com/d=./d']));
  assert.deepEqual(await semantics('mod', out), theirs);
});

test('addUse turns a single use into a block, joins a block, or starts one', async () => {
  const single = await checkWorkEdit('go 1.22\n\nuse ./a // first\n', (w) => addUse(w, './b'), ['-use=./b']);
  assert.equal(single, 'go 1.22\n\nuse (\n\t./a // first\n\t./b\n)\n');
  const block = await checkWorkEdit('go 1.22\n\nuse (\n\t./a\n)\n', (w) => addUse(w, './c d', 'example.com/cd'), ['-use=./c d']);
  assert.equal(block, 'go 1.22\n\nuse (\n\t./a\n\t"./c d" // example.com/cd\n)\n');
  assert.equal(parseGoWork(block, 'go.work').use[1]!.modulePath, 'example.com/cd');
  const none = await checkWorkEdit('go 1.22\n', (w) => addUse(w, '.'), ['-use=.']);
  assert.equal(none, 'go 1.22\nuse .\n');
  assert.deepEqual(addUse(parseGoWork(single, 'go.work'), './a'), []);
});

test('dropUse removes one use', async () => {
  const text = 'go 1.22\n\nuse (\n\t./a\n\t./b // keep\n)\n\nuse ./c\n';
  const out = await checkWorkEdit(text, (w) => dropUse(w, w.use[0]!), ['-dropuse=./a']);
  assert.equal(out, 'go 1.22\n\nuse (\n\t./b // keep\n)\n\nuse ./c\n');
  await checkWorkEdit(text, (w) => dropUse(w, w.use[2]!), ['-dropuse=./c']);
});

test('formatNewGoWork writes what go work init writes', async () => {
  const dir = fs.mkdtempSync(path.join(go.root, 'init-'));
  for (const d of ['a', 'b', 'c d']) {
    fs.mkdirSync(path.join(dir, d));
    fs.writeFileSync(path.join(dir, d, 'go.mod'), `module example.com/${d.replace(' ', '')}\n`);
  }
  for (const dirs of [['./b', './a', './c d'], ['./a'], []]) {
    fs.rmSync(path.join(dir, 'go.work'), { force: true });
    const r = await go.run(['work', 'init', ...dirs], dir);
    assert.equal(r.exitCode, 0, r.stderr);
    const written = fs.readFileSync(path.join(dir, 'go.work'), 'utf8');
    const goVersion = /^go (\S+)$/m.exec(written)![1]!;
    assert.equal(formatNewGoWork(goVersion, dirs), written);
  }
});

test('dropToolchain removes the toolchain line as -toolchain=none does, comments elsewhere kept', async () => {
  const mod = 'module example.com/m // the module\n\ngo 1.22\n\ntoolchain go1.99.0\n\n// requirements\nrequire example.com/a v1.0.0\n';
  const out = await checkModEdit(mod, (m) => dropToolchain(m), ['-toolchain=none']);
  assert.doesNotMatch(out, /toolchain/);
  assert.match(out, /\/\/ the module/);
  await checkWorkEdit('go 1.22\n\ntoolchain go1.99.0\n\nuse ./a\n', (w) => dropToolchain(w), ['-toolchain=none']);
  assert.deepEqual(dropToolchain(parseGoMod(out, 'go.mod')), [], 'nothing to drop');
});
