// Inputs go cannot read, or refuses, are diagnosed — never "no problems found" — and the rest of
// the file is still analysed. Each case is made in a temp dir (permission bits, FIFOs and devices
// cannot live in the fixture tree), and where go fails with words of its own, the diagnostic quotes
// exactly what the installed go prints there.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { hermeticGo, type HermeticGo } from '../../harness/goenv';
import { writeTree } from '../../harness/tree';
import { analyzeFolder } from '../../../server/src/analyze/analyze';
import { loadGoEnv } from '../../../server/src/env/goenv';
import { parseJsonStream } from '../../../server/src/gocmd/json-stream';
import type { Diagnostic } from '../../../server/src/diagnose/types';

const REPO = path.resolve(__dirname, '../../../..');
const CLI = path.join(REPO, 'dist', 'cli.js');

/** Permission bits do not deny root: as root, the unreadable cases run go and the CLI as nobody. */
const AS_ROOT = process.getuid?.() === 0;
const NOBODY = 65534;

async function check(go: HermeticGo, dir: string): Promise<Diagnostic[]> {
  return (await analyzeFolder(dir, { editorEnv: await loadGoEnv(go.env) })).diagnostics;
}

function show(ds: readonly { file: string; code: string; message: string }[], dir: string): string {
  return ds.map((d) => `${path.relative(dir, d.file)} ${d.code}: ${d.message}`).join('\n');
}

/** Runs a command as a user the permission bits apply to (nobody, when the tests run as root). */
function runUnprivileged(go: HermeticGo, argv: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const env = { ...go.env, GOCACHE: path.join(go.root, 'nobody-gocache') };
  const r = spawnSync(argv[0], argv.slice(1), { cwd, env, encoding: 'utf8', timeout: 120_000, ...(AS_ROOT ? { uid: NOBODY, gid: NOBODY } : {}) });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A hermetic go whose directories the unprivileged user can use too. */
function sharedGo(): HermeticGo {
  const go = hermeticGo();
  fs.mkdirSync(path.join(go.root, 'nobody-gocache'));
  const open = (p: string) => {
    const st = fs.lstatSync(p);
    if (st.isSymbolicLink()) return;
    fs.chmodSync(p, st.isDirectory() ? 0o777 : 0o666);
    if (st.isDirectory()) for (const n of fs.readdirSync(p)) open(path.join(p, n));
  };
  open(go.root);
  return go;
}

/** Why the permission case cannot run here, if it cannot: as root it runs node and go as nobody,
 * who must be able to read the repository (a checkout under /root is not). */
function unprivilegedUnavailable(): string | undefined {
  if (!AS_ROOT) return undefined;
  const probe = spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(CLI)}, require('fs').constants.R_OK)`], { uid: NOBODY, gid: NOBODY, timeout: 30_000 });
  return probe.status === 0 ? undefined : `running as root, and user nobody cannot run node on ${CLI}: permission bits do not deny root, so there is no one to deny`;
}

test('an unreadable directory, .go file, go.mod or go.work: go\'s "permission denied", never "no problems found"', { skip: unprivilegedUnavailable() }, async () => {
  const go = sharedGo();
  try {
    const ws = path.join(go.root, 'ws');
    writeTree(ws, {
      'm/go.mod': 'module example.com/m\n\ngo 1.22\n',
      'm/a.go': 'package m\n\nimport (\n\t_ "example.com/m/dir"\n\t_ "example.com/m/file"\n\t_ "example.com/m/ok"\n)\n',
      'm/dir/d.go': 'package dir\n',
      'm/file/f.go': 'package file\n',
      'm/ok/ok.go': 'package ok\n',
      'n/go.mod': 'module example.com/n\n\ngo 1.22\n',
      'n/n.go': 'package n\n\nimport _ "fmt"\n',
      'w/go.work': 'go 1.22\n\nuse ./a\n',
      'w/a/go.mod': 'module example.com/a\n\ngo 1.22\n',
      'w/a/a.go': 'package a\n',
    });
    for (const d of ['', 'm', 'm/dir', 'm/file', 'm/ok', 'n', 'w', 'w/a']) fs.chmodSync(path.join(ws, d), 0o777);
    for (const p of ['m/dir', 'm/file/f.go', 'n/go.mod', 'w/go.work']) fs.chmodSync(path.join(ws, p), 0o000);

    // What go says, as a user the bits deny.
    const listed = runUnprivileged(go, ['go', 'list', '-e', '-deps', '-json=ImportPath,Error', './...'], path.join(ws, 'm'));
    const errs = parseJsonStream<{ ImportPath: string; Error?: { Err: string } }>(listed.stdout);
    const errOf = (p: string) => errs.find((x) => x.ImportPath === p)?.Error?.Err;
    assert.equal(errOf('example.com/m/dir'), `open ${path.join(ws, 'm/dir')}: permission denied`, listed.stdout + listed.stderr);
    assert.equal(errOf('example.com/m/file'), `open ${path.join(ws, 'm/file/f.go')}: permission denied`);
    assert.equal(errOf('example.com/m/ok'), undefined);
    const goModText = runUnprivileged(go, ['go', 'list', '-e', './...'], path.join(ws, 'n')).stderr.trim();
    assert.equal(goModText, `go: open ${path.join(ws, 'n/go.mod')}: permission denied`);
    const goWorkText = runUnprivileged(go, ['go', 'list', '-e', './...'], path.join(ws, 'w/a')).stderr.trim();
    assert.equal(goWorkText, 'go: reading go.work: open ../go.work: permission denied');

    // What we say, as the same user.
    const r = runUnprivileged(go, [process.execPath, CLI, 'check', '--json', '.'], ws);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    const ds = (JSON.parse(r.stdout) as { diagnostics: { file: string; line: number; code: string; message: string; goSays?: string; importPath?: string }[] }).diagnostics;
    const at = (file: string, importPath?: string) => ds.find((d) => d.file === file && d.importPath === importPath);
    const text = show(ds, '');
    assert.equal(at('m/a.go', 'example.com/m/dir')?.code, 'unreadable-file', text);
    assert.ok(at('m/a.go', 'example.com/m/dir')!.goSays === errOf('example.com/m/dir'), text);
    assert.ok(at('m/a.go', 'example.com/m/file')!.goSays === errOf('example.com/m/file'), text);
    assert.equal(at('m/a.go', 'example.com/m/ok'), undefined, text);
    // The unreadable file itself, where its package is the folder's.
    assert.ok(at('m/file/f.go')?.goSays === errOf('example.com/m/file'), text);
    assert.ok(at('n/go.mod')?.goSays === goModText, text);
    assert.equal(at('n/go.mod')?.code, 'unreadable-file');
    // The editor sees a go.work found from the folder it opened: the folder w, where go names it so.
    const inW = runUnprivileged(go, ['go', 'list', '-e', './...'], path.join(ws, 'w')).stderr.trim();
    assert.equal(inW, 'go: reading go.work: open go.work: permission denied');
    const w = runUnprivileged(go, [process.execPath, CLI, 'check', '--json', 'w'], ws);
    assert.equal(w.status, 1, w.stdout + w.stderr);
    const wds = (JSON.parse(w.stdout) as { diagnostics: { file: string; code: string; message: string; goSays?: string }[] }).diagnostics;
    assert.deepEqual(wds.map((d) => [d.file, d.code]), [['go.work', 'unreadable-file']], w.stdout);
    assert.ok(wds[0].goSays === inW, w.stdout);
  } finally {
    for (const p of ['ws/m/dir', 'ws/m/file/f.go', 'ws/n/go.mod', 'ws/w/go.work']) fs.chmodSync(path.join(go.root, p), 0o755);
    go.dispose();
  }
});

test('an invalid import path is reported in go\'s words, and the file\'s other imports keep their verdicts', async () => {
  const go = hermeticGo();
  try {
    const ws = path.join(go.root, 'ws');
    writeTree(ws, {
      'go.mod': 'module example.com/m\n\ngo 1.22\n',
      'a.go': 'package m\n\nimport (\n\t"fmt"\n\t"example.com/a b"\n\t"example.com/missing/pkg"\n)\n\nvar _ = fmt.Println\n',
    });
    const listed = await go.run(['list', '-e', '-json=ImportPath,Error', '.'], ws);
    const err = parseJsonStream<{ Error?: { Err: string } }>(listed.stdout)[0]?.Error?.Err ?? '';
    assert.equal(err, `${path.join(ws, 'a.go')}:5:2: invalid import path: example.com/a b`);

    const ds = await check(go, ws);
    const text = show(ds, ws);
    const invalid = ds.find((d) => d.importPath === 'example.com/a b');
    assert.equal(invalid?.code, 'invalid-import-path', text);
    assert.ok(invalid!.goSays === err.slice(err.indexOf('invalid import path')), text);
    assert.deepEqual([invalid!.range.start.line, invalid!.range.start.character], [4, 1]);
    // The broken valid import beside it is still found.
    assert.equal(ds.find((d) => d.importPath === 'example.com/missing/pkg')?.code, 'no-required-module', text);
    assert.equal(ds.find((d) => d.importPath === 'fmt'), undefined, text);
  } finally {
    go.dispose();
  }
});

test('a module line go refuses (a leading dash) is flagged with go\'s words', async () => {
  const go = hermeticGo();
  try {
    const ws = path.join(go.root, 'ws');
    writeTree(ws, { 'go.mod': 'module -x\n\ngo 1.22\n', 'a.go': 'package m\n\nimport _ "fmt"\n' });
    const goText = (await go.run(['list', '-e', './...'], ws)).stderr.trim();
    assert.equal(goText, 'go: malformed module path "-x": leading dash');
    const ds = await check(go, ws);
    assert.equal(ds.length, 1, show(ds, ws));
    assert.equal(ds[0].code, 'invalid-module-file');
    assert.equal(ds[0].goSays, goText);
    assert.deepEqual([ds[0].range.start.line, ds[0].range.start.character], [0, 7]);
  } finally {
    go.dispose();
  }
});

test('a go.mod that is a FIFO, a device, a directory or over 16 MiB, a go.sum, modules.txt or replacement go.mod that is a FIFO: said, and never read', async () => {
  const go = hermeticGo();
  try {
    const cases: [string, (goMod: string) => void, RegExp][] = [
      ['fifo', (p) => spawnSync('mkfifo', [p]), /is a FIFO \(named pipe\), not a regular file: it is never read/],
      ['zero', (p) => fs.symlinkSync('/dev/zero', p), /is a character device, not a regular file: it is never read/],
      ['dir', (p) => fs.mkdirSync(p), /go\.mod is a directory, not a file, so the go command does not take .* for a module root/],
      ['big', (p) => fs.writeFileSync(p, 'module example.com/m\n\ngo 1.22\n' + '\n'.repeat(17 << 20)), /is 17\.0 MiB, more than the 16 MiB read of such a file: it is not read/],
    ];
    // The other module files too: a go.sum and a vendor/modules.txt that are FIFOs.
    const goMod = (p: string) => fs.writeFileSync(p, 'module example.com/m\n\ngo 1.22\n');
    cases.push(
      ['sum', (p) => (goMod(p), spawnSync('mkfifo', [path.join(path.dirname(p), 'go.sum')])), /go\.sum is a FIFO \(named pipe\), not a regular file: it is never read/],
      ['replace', (p) => (fs.writeFileSync(p, 'module example.com/m\n\ngo 1.22\n\nrequire example.com/x v1.0.0\n\nreplace example.com/x => ./x\n'), fs.mkdirSync(path.join(path.dirname(p), 'x')), fs.writeFileSync(path.join(path.dirname(p), 'a.go'), 'package m\n\nimport _ "example.com/x"\n'), spawnSync('mkfifo', [path.join(path.dirname(p), 'x/go.mod')])), /\(replaced by \.\/x\): .*x\/go\.mod is a FIFO \(named pipe\), not a regular file: it is never read/],
      ['vendor', (p) => (goMod(p), fs.mkdirSync(path.join(path.dirname(p), 'vendor')), spawnSync('mkfifo', [path.join(path.dirname(p), 'vendor/modules.txt')])), /modules\.txt is a FIFO \(named pipe\), not a regular file: it is never read/],
    );
    for (const [name, make, expected] of cases) {
      const ws = path.join(go.root, name);
      fs.mkdirSync(ws);
      fs.writeFileSync(path.join(ws, 'a.go'), 'package m\n\nimport _ "fmt"\n');
      make(path.join(ws, 'go.mod'));
      // In a child process with a time limit: a read of the FIFO would block, one of /dev/zero
      // would run out of memory.
      const r = spawnSync(process.execPath, [CLI, 'check', '--json', ws], { env: go.env, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 << 20 });
      assert.equal(r.status, 1, `${name}: ${r.signal ?? ''} ${r.stdout} ${r.stderr}`);
      const ds = (JSON.parse(r.stdout) as { diagnostics: { code: string; message: string; detail?: string }[] }).diagnostics;
      assert.ok(ds.some((d) => d.code === 'unreadable-file' && expected.test(`${d.message} ${d.detail}`)), `${name}: ${r.stdout}`);
    }
  } finally {
    go.dispose();
  }
});

test('a workspace replacement directory without go.mod (a submodule not checked out): go\'s graph error on every import beyond the workspace, not no-go-files', async () => {
  const go = hermeticGo();
  try {
    const ws = path.join(go.root, 'ws');
    writeTree(ws, {
      'go.work': 'go 1.22\n\nuse ./shop\n\nreplace github.com/company/billing => ./billing\n',
      'billing/README.md': 'not checked out\n',
      'shop/go.mod': 'module github.com/company/shop\n\ngo 1.22\n\nrequire github.com/company/billing v1.0.0\n',
      'shop/main.go': 'package main\n\nimport (\n\t"fmt"\n\n\t"github.com/company/billing"\n\t"github.com/company/other/pkg"\n)\n\nfunc main() { fmt.Println(billing.Total, pkg.X) }\n',
    });
    const listed = await go.run(['list', '-e', '-deps', '-json=ImportPath,Error', './shop/...'], ws);
    const errs = parseJsonStream<{ ImportPath: string; Error?: { Err: string } }>(listed.stdout);
    const goText = `github.com/company/billing@v1.0.0 (replaced by ./billing): reading billing/go.mod: open ${path.join(ws, 'billing/go.mod')}: no such file or directory`;
    for (const p of ['github.com/company/billing', 'github.com/company/other/pkg']) assert.equal(errs.find((x) => x.ImportPath === p)?.Error?.Err, goText, listed.stdout);

    const ds = await check(go, ws);
    const text = show(ds, ws);
    for (const p of ['github.com/company/billing', 'github.com/company/other/pkg']) {
      const d = ds.find((x) => x.importPath === p);
      assert.equal(d?.code, 'replace-dir-missing', text);
      assert.ok(d!.goSays === goText, text);
    }
    assert.equal(ds.find((x) => x.importPath === 'fmt'), undefined, text);
  } finally {
    go.dispose();
  }
});

test('a module\'s replacement directory with sources but no go.mod: go\'s words for the package it loads there', async () => {
  const go = hermeticGo();
  try {
    const ws = path.join(go.root, 'ws');
    writeTree(ws, {
      'm/go.mod': 'module example.com/m\n\ngo 1.22\n\nrequire example.com/x v1.0.0\n\nreplace example.com/x => ../x\n',
      'm/a.go': 'package m\n\nimport _ "example.com/x"\n',
      'x/x.go': 'package x\n',
    });
    const listed = await go.run(['list', '-e', '-deps', '-json=ImportPath,Error', './...'], path.join(ws, 'm'));
    const goText = parseJsonStream<{ ImportPath: string; Error?: { Err: string } }>(listed.stdout).find((x) => x.ImportPath === 'example.com/x')?.Error?.Err;
    assert.equal(goText, `module ../x: reading ../x/go.mod: open ${path.join(ws, 'x/go.mod')}: no such file or directory`);
    const all = await check(go, path.join(ws, 'm'));
    // The import, and the replace line that causes it.
    assert.deepEqual(all.map((d) => [path.relative(ws, d.file), d.code]), [['m/a.go', 'replace-dir-missing'], ['m/go.mod', 'replace-dir-missing']], show(all, ws));
    const ds = all.filter((d) => d.importPath !== undefined);
    assert.ok(ds[0].goSays === goText, ds[0].message);
  } finally {
    go.dispose();
  }
});

test('a directory whose name is not UTF-8: go refuses its packages, and so do we (never silence)', async () => {
  const go = hermeticGo();
  try {
    const ws = path.join(go.root, 'ws');
    writeTree(ws, { 'go.mod': 'module example.com/m\n\ngo 1.22\n', 'a.go': 'package m\n' });
    // Names made of bytes: a path string cannot hold them.
    const at = (...parts: (string | number[])[]) => Buffer.concat([Buffer.from(ws), ...parts.map((p) => Buffer.concat([Buffer.from('/'), typeof p === 'string' ? Buffer.from(p) : Buffer.from(p)]))]);
    fs.mkdirSync(at([0x62, 0x61, 0x64, 0xff])); // bad\xff
    fs.writeFileSync(at([0x62, 0x61, 0x64, 0xff], 'b.go'), 'package bad\n');
    fs.mkdirSync(at([0x65, 0x6d, 0x70, 0x74, 0x79, 0xfe])); // empty\xfe: no package, nothing said
    const listed = await go.run(['list', '-e', '-json=ImportPath,Error', './...'], ws);
    const err = parseJsonStream<{ Error?: { Err: string } }>(listed.stdout).map((p) => p.Error?.Err).filter(Boolean);
    assert.deepEqual(err, ['malformed import path "example.com/m/bad\\xff": invalid UTF-8'], listed.stdout);

    const ds = await check(go, ws);
    assert.equal(ds.length, 1, show(ds, ws));
    assert.equal(ds[0].code, 'unreadable-file');
    assert.equal(ds[0].file, path.join(ws, 'go.mod'));
    assert.ok(ds[0].goSays === err[0], ds[0].message);
  } finally {
    go.dispose();
  }
});
