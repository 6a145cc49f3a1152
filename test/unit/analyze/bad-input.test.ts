// Bad input gets a clear answer and loses nothing: the analysis of a folder never throws and
// never writes, whatever the folder holds.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { hermeticGo } from '../../harness/goenv';
import { analyzeFolder } from '../../../server/src/analyze/analyze';
import { loadGoEnv } from '../../../server/src/env/goenv';

function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(`${path.relative(dir, p)} ${e.isSymbolicLink() ? 'link' : fs.readFileSync(p).toString('base64')}`);
    }
  };
  walk(dir);
  return out.sort();
}

test('symlink loops, binary .go files and a binary go.mod: diagnostics, no crash, nothing written', async () => {
  const go = hermeticGo();
  try {
    const ws = path.join(go.root, 'ws');
    fs.mkdirSync(path.join(ws, 'app', 'loop'), { recursive: true });
    fs.writeFileSync(path.join(ws, 'app', 'go.mod'), 'module example.com/app\n\ngo 1.22\n');
    fs.writeFileSync(path.join(ws, 'app', 'main.go'), 'package main\n\nimport (\n\t"fmt"\n\t"strngs"\n)\n\nfunc main() { fmt.Println(strings.ToUpper("x")) }\n');
    fs.symlinkSync(path.join(ws, 'app'), path.join(ws, 'app', 'loop', 'again')); // a directory loop
    fs.writeFileSync(path.join(ws, 'app', 'loop', 'junk.go'), Buffer.from([0, 1, 2, 0xff, 0xfe, 0x80, 10, 0, 0x22]));
    fs.mkdirSync(path.join(ws, 'bin'));
    fs.writeFileSync(path.join(ws, 'bin', 'go.mod'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    fs.writeFileSync(path.join(ws, 'bin', 'x.go'), 'package x\n\nimport "fmt"\n\nvar _ = fmt.Sprint\n');
    const before = snapshot(ws);

    const analysis = await analyzeFolder(ws, { editorEnv: await loadGoEnv(go.env) });

    const codes = analysis.diagnostics.map((d) => `${path.relative(ws, d.file)} ${d.code}`);
    assert.ok(codes.includes('app/main.go package-not-in-std'), codes.join('\n'));
    assert.ok(codes.includes('bin/go.mod invalid-module-file'), codes.join('\n'));
    assert.deepEqual(snapshot(ws), before, 'the analysis wrote nothing');
  } finally {
    go.dispose();
  }
});

test('without a go binary the offline model still answers', async () => {
  const go = hermeticGo();
  try {
    const ws = path.join(go.root, 'ws');
    fs.mkdirSync(ws);
    fs.writeFileSync(path.join(ws, 'go.mod'), 'module example.com/m\n\ngo 1.22\n\nreplace example.com/lib => ../lib\n\nrequire example.com/lib v0.0.0-00010101000000-000000000000\n');
    fs.writeFileSync(path.join(ws, 'main.go'), 'package main\n\nimport "example.com/lib"\n\nfunc main() { lib.F() }\n');
    const goroot = path.dirname(path.dirname(fs.realpathSync((await loadGoEnv(go.env)).goBinary!)));
    const env = await loadGoEnv({ ...go.env, PATH: '/nonexistent', GOROOT: goroot });
    assert.equal(env.goBinary, undefined);
    assert.equal(env.source, 'computed');
    const analysis = await analyzeFolder(ws, { editorEnv: env });
    // The import, and the replace line that causes it.
    assert.deepEqual(analysis.diagnostics.map((d) => [path.basename(d.file), d.code]), [['main.go', 'replace-dir-missing'], ['go.mod', 'replace-dir-missing']]);
  } finally {
    go.dispose();
  }
});

test('a folder without Go files costs nothing and reports nothing', async () => {
  const go = hermeticGo();
  try {
    const ws = path.join(go.root, 'docs');
    fs.mkdirSync(path.join(ws, 'a', 'b'), { recursive: true });
    fs.writeFileSync(path.join(ws, 'a', 'README.md'), '# nothing to see\n');
    const analysis = await analyzeFolder(ws, { editorEnv: await loadGoEnv(go.env) });
    assert.deepEqual(analysis.diagnostics, []);
    assert.deepEqual(analysis.views, []);
  } finally {
    go.dispose();
  }
});

test('a terminal with no go on its PATH gets no verdicts: none is made up for fmt or anything else', async () => {
  const go = hermeticGo();
  try {
    const ws = path.join(go.root, 'ws');
    fs.mkdirSync(ws, { recursive: true });
    fs.writeFileSync(path.join(ws, 'go.mod'), 'module example.com/m\n\ngo 1.22\n');
    fs.writeFileSync(path.join(ws, 'main.go'), 'package main\n\nimport (\n\t"fmt"\n\n\t"example.com/missing"\n)\n\nfunc main() { fmt.Println(missing.X) }\n');
    const editorEnv = await loadGoEnv(go.env);
    const terminalEnv = await loadGoEnv({ ...go.env, PATH: '/nonexistent' });
    assert.equal(terminalEnv.goBinary, undefined);
    const analysis = await analyzeFolder(ws, { editorEnv, terminalEnv });
    assert.ok(analysis.imports.length > 0);
    assert.ok(analysis.imports.every((v) => v.terminal === undefined), 'no terminal verdict');
    assert.ok(analysis.views.every((v) => v.role === 'editor'));
    assert.deepEqual(analysis.diagnostics.map((d) => d.code), ['no-required-module'], 'the editor verdict stands, no mismatch');
  } finally {
    go.dispose();
  }
});
