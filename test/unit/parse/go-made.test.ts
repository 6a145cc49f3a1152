// Parsers on files the go command itself writes or reads in other modes: vendor/modules.txt from
// `go mod vendor`, dependency go.mod files go reads laxly, and go.mod bytes that are not UTF-8.

import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { hermeticGo, type HermeticGo } from '../../harness/goenv';
import { parseGoMod, parseModulesTxt } from '../../../server/src/parse';
import { goEditJson, modJson, normalizeJson } from './oracle';

let go: HermeticGo;
before(() => {
  go = hermeticGo();
});
after(() => go.dispose());

function writeTree(root: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
}

test('vendor/modules.txt written by go mod vendor parses to what go list -mod=vendor reports', async () => {
  const root = fs.mkdtempSync(path.join(go.root, 'vendor-'));
  writeTree(root, {
    'm/go.mod': 'module example.com/m\n\ngo 1.22\n\nrequire (\n\texample.com/a v1.0.0\n\texample.com/b v1.1.0\n)\n\nreplace example.com/a => ../a\n\nreplace example.com/b v1.1.0 => ../b\n',
    'm/main.go': 'package main\n\nimport (\n\t_ "example.com/a"\n\t_ "example.com/a/sub"\n\t_ "example.com/b"\n)\n\nfunc main() {}\n',
    'a/go.mod': 'module example.com/a\n\ngo 1.21\n',
    'a/a.go': 'package a\n',
    'a/sub/sub.go': 'package sub\n',
    'b/go.mod': 'module example.com/b\n\ngo 1.20\n',
    'b/b.go': 'package b\n',
  });
  const m = path.join(root, 'm');
  const v = await go.run(['mod', 'vendor'], m);
  assert.equal(v.exitCode, 0, v.stderr);
  const file = path.join(m, 'vendor/modules.txt');
  const txt = parseModulesTxt(fs.readFileSync(file, 'utf8'), file);
  const l = await go.run(['list', '-mod=vendor', '-deps', '-json=ImportPath,Module,Standard', '.'], m);
  assert.equal(l.exitCode, 0, l.stderr);
  const pkgs = l.stdout
    .split(/\n(?=\{)/)
    .map((s) => JSON.parse(s) as { ImportPath: string; Standard?: boolean; Module?: { Path: string; Version?: string; Replace?: { Path: string; Version?: string } } })
    .filter((p) => !p.Standard && p.Module && p.Module.Path !== 'example.com/m');
  const fromGo = pkgs.map((p) => ({ pkg: p.ImportPath, mod: p.Module!.Path, version: p.Module!.Version, replace: p.Module!.Replace?.Path })).sort((a, b) => a.pkg.localeCompare(b.pkg));
  const ours = txt.modules
    .flatMap((mod) => mod.packages.map((pkg) => ({ pkg, mod: mod.path, version: mod.version, replace: mod.replacement?.path })))
    .sort((a, b) => a.pkg.localeCompare(b.pkg));
  assert.deepEqual(ours, fromGo);
  assert.equal(txt.workspace, false);
  const withPackages = txt.modules.filter((mod) => mod.packages.length > 0);
  assert.ok(withPackages.every((mod) => mod.explicit));
  assert.deepEqual(withPackages.map((mod) => mod.goVersion).sort(), ['1.20', '1.21']);
  // go records the wildcard replace of a on a line of its own: `# example.com/a => ../a`.
  assert.deepEqual(
    txt.modules.filter((mod) => mod.version === undefined).map((mod) => [mod.path, mod.replacement]),
    [['example.com/a', { path: '../a' }]],
  );
});

test('lax parsing reads a dependency go.mod as go does: unknown directives and replaces ignored', async () => {
  const root = fs.mkdtempSync(path.join(go.root, 'lax-'));
  const depGoMod = [
    'module example.com/dep',
    '',
    'go 1.21x',
    '',
    'frobnicate whatever',
    'toolchain nonsense',
    'replace example.com/x => example.com/y',
    'exclude example.com/x v1.0.0',
    'godebug nokeyvalue',
    'retract v0.9.0 extra tokens',
    'weird ( block',
    ')',
    '',
  ].join('\n');
  writeTree(root, {
    'm/go.mod': 'module example.com/m\n\ngo 1.22\n\nrequire example.com/dep v1.0.0\n\nreplace example.com/dep => ../dep\n',
    'dep/go.mod': depGoMod,
  });
  const r = await go.run(['list', '-m', '-json', 'example.com/dep'], path.join(root, 'm'));
  assert.equal(r.exitCode, 0, r.stderr);
  const info = JSON.parse(r.stdout) as { Replace: { GoVersion: string } };
  const lax = parseGoMod(depGoMod, 'go.mod', { lax: true });
  assert.deepEqual(lax.errors, []);
  assert.equal(lax.go!.version, info.Replace.GoVersion);
  assert.equal(lax.module!.path, 'example.com/dep');
  assert.deepEqual([lax.toolchain, lax.replace, lax.exclude, lax.godebug], [undefined, [], [], []]);
  assert.deepEqual(lax.retract.map((x) => [x.low, x.high]), [['v0.9.0', 'v0.9.0']]);
  // The same file as a main module is full of errors, in go and here alike.
  const strict = await goEditJson(go, 'mod', depGoMod);
  assert.ok(strict.errors.length > 0);
  assert.ok(parseGoMod(depGoMod, strict.file).errors.length > 0);
});

test('go.mod bytes that are not UTF-8 read as go reads them (U+FFFD is an identifier character)', async () => {
  const bytes = Buffer.concat([Buffer.from('module example.com/m\n\ngo 1.22\n\nrequire example.com/'), Buffer.from([0xff, 0xfe]), Buffer.from(' v1.0.0 // c\xff\n')]);
  const text = bytes.toString('utf8');
  const mod = parseGoMod(text, 'go.mod');
  const dir = fs.mkdtempSync(path.join(go.root, 'utf8-'));
  fs.writeFileSync(path.join(dir, 'go.mod'), bytes);
  const r = await go.run(['mod', 'edit', '-json'], dir);
  assert.equal(r.exitCode, 0, r.stderr);
  assert.deepEqual(modJson(mod), normalizeJson(JSON.parse(r.stdout) as Record<string, unknown>));
  assert.equal(mod.require[0]!.path, 'example.com/\ufffd\ufffd');
});
