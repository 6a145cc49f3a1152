// The CLI as a user runs it: `node dist/cli.js` in a hermetic go environment (npm test builds dist/
// first). Exit codes, the text and JSON forms, and `fix` with and without --yes.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { hermeticGo } from '../../harness/goenv';
import { prepareCase } from '../../harness/cases';
import { writeTree } from '../../harness/tree';

const REPO = path.resolve(__dirname, '../../../..');
const CLI = path.join(REPO, 'dist', 'cli.js');

function cli(args: string[], env: Record<string, string>, cwd = REPO): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [CLI, ...args], { env, cwd });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

test('check on the shipped sample: compiler-like lines, exit 1', async () => {
  const go = hermeticGo();
  try {
    const r = await cli(['check', 'examples/microservices'], go.env);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^api\/main\.go:5:2: error: .*strngs.* \[package-not-in-std\]$/m);
    assert.match(r.stdout, /^api\/main\.go:7:2: error: .* \[module-path-mismatch\]$/m);
    assert.match(r.stdout, /^api\/main\.go:8:2: error: .*\.\.\/payment.* \[replace-dir-missing\]$/m);
    assert.match(r.stdout, /^worker\/main\.go:6:2: error: .* \[no-required-module\]$/m);
    assert.match(r.stdout, /fix \(preferred\): Create go\.work/);
  } finally {
    go.dispose();
  }
});

test('check --json: one object, 1-based positions relative to DIR, fixes with edits or commands', async () => {
  const go = hermeticGo();
  try {
    const r = await cli(['check', '--json', 'examples/microservices'], go.env);
    assert.equal(r.code, 1, r.stderr);
    const out = JSON.parse(r.stdout) as { diagnostics: Record<string, unknown>[] };
    const typo = out.diagnostics.find((d) => d.code === 'package-not-in-std')!;
    assert.deepEqual(
      { file: typo.file, line: typo.line, column: typo.column, endLine: typo.endLine, endColumn: typo.endColumn, severity: typo.severity, importPath: typo.importPath },
      { file: 'api/main.go', line: 5, column: 2, endLine: 5, endColumn: 10, severity: 'error', importPath: 'strngs' },
    );
    const fix = (typo.fixes as { title: string; destructive: boolean; edits: { newText: string }[] }[])[0]!;
    assert.equal(fix.destructive, false);
    assert.equal(fix.edits[0]!.newText, '"strings"');
    const unwired = out.diagnostics.find((d) => d.code === 'no-required-module')!;
    assert.ok((unwired.fixes as { edits?: { create?: boolean; file: string }[] }[])[0]!.edits!.some((e) => e.create && e.file === 'go.work'));
  } finally {
    go.dispose();
  }
});

test('exit 0 with no problems, 2 on bad usage or input', async () => {
  const go = hermeticGo();
  try {
    const dir = fs.mkdtempSync(path.join(go.root, 'ok-'));
    fs.writeFileSync(path.join(dir, 'go.mod'), 'module example.com/ok\n\ngo 1.22\n');
    fs.writeFileSync(path.join(dir, 'main.go'), 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println() }\n');
    const ok = await cli(['check', dir], go.env);
    assert.equal(ok.code, 0, ok.stdout + ok.stderr);
    assert.match(ok.stdout, /no problems found/);
    assert.equal((await cli(['check', path.join(dir, 'missing')], go.env)).code, 2);
    assert.equal((await cli(['check', path.join(dir, 'go.mod')], go.env)).code, 2);
    assert.equal((await cli(['check', '--bogus', dir], go.env)).code, 2);
    assert.equal((await cli(['frobnicate'], go.env)).code, 2);
    assert.equal((await cli(['fix', '--code', 'not-a-code', dir], go.env)).code, 2);
    const noEnv = await cli(['check', '--terminal-env', path.join(dir, 'nope.env'), dir], go.env);
    assert.equal(noEnv.code, 2);
    assert.match(noEnv.stderr, /nope\.env: no such file/);
  } finally {
    go.dispose();
  }
});

test('a long --json report arrives whole through a pipe (exit waits for stdout to flush)', async () => {
  const go = hermeticGo();
  try {
    // 400 packages, each importing a standard-library typo: a report far above a pipe's 64 KiB.
    const dir = fs.mkdtempSync(path.join(go.root, 'long-'));
    fs.writeFileSync(path.join(dir, 'go.mod'), 'module example.com/long\n\ngo 1.22\n');
    for (let i = 0; i < 400; i++) {
      fs.mkdirSync(path.join(dir, `p${i}`));
      fs.writeFileSync(path.join(dir, `p${i}`, 'p.go'), `package p${i}\n\nimport _ "strngs"\n`);
    }
    const r = await cli(['check', '--json', dir], go.env);
    assert.equal(r.code, 1, r.stderr);
    assert.ok(r.stdout.length > 256 * 1024, `report of ${r.stdout.length} bytes`);
    const out = JSON.parse(r.stdout) as { diagnostics: unknown[] };
    assert.equal(out.diagnostics.length, 400);
  } finally {
    go.dispose();
  }
});

test('a malformed go.mod gives a diagnostic on its line, not a crash', async () => {
  const go = hermeticGo();
  try {
    const dir = fs.mkdtempSync(path.join(go.root, 'bad-'));
    fs.writeFileSync(path.join(dir, 'go.mod'), 'module example.com/bad\n\ngo 1.22\n\nrequire (\n\texample.com/x v1.0.0\n\tnonsense\n)\n');
    fs.writeFileSync(path.join(dir, 'main.go'), 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println() }\n');
    const r = await cli(['check', '--json', dir], go.env);
    assert.equal(r.code, 1, r.stderr);
    const d = (JSON.parse(r.stdout) as { diagnostics: { file: string; line: number; code: string }[] }).diagnostics.find((x) => x.file === 'go.mod')!;
    assert.equal(d.code, 'invalid-module-file');
    assert.equal(d.line, 7);
  } finally {
    go.dispose();
  }
});

test('check fails a go.mod with `retract v1.2` alone, as go build does, with go\'s words', async () => {
  const go = hermeticGo();
  try {
    const dir = fs.mkdtempSync(path.join(go.root, 'retract-'));
    fs.writeFileSync(path.join(dir, 'go.mod'), 'module example.com/m\n\ngo 1.22\n\nretract v1.2\n');
    fs.writeFileSync(path.join(dir, 'main.go'), 'package main\n\nfunc main() {}\n');
    const build = await go.run(['build', './...'], dir);
    assert.notEqual(build.exitCode, 0);
    assert.match(build.stderr, /go\.mod:5: module lookup disabled by GOPROXY=off/);
    const r = await cli(['check', dir], go.env);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /^go\.mod:5:1: error: .*\[invalid-module-file\]$/m);
    assert.match(r.stdout, /go says: go: errors parsing go\.mod:\n\s*go\.mod:5: module lookup disabled by GOPROXY=off\n/);
  } finally {
    go.dispose();
  }
});

test('check quotes bytes of a go.mod that are not UTF-8 as go does', async () => {
  const go = hermeticGo();
  try {
    const dir = fs.mkdtempSync(path.join(go.root, 'utf8-'));
    // A stray 0xff byte and a truncated 3-byte sequence, in a token go quotes.
    const gomod = Buffer.concat([Buffer.from('module example.com/m\n\ngo 1.22\n\nretract v1.0.0 x'), Buffer.from([0xff, 0xe2, 0x82]), Buffer.from('y\n')]);
    fs.writeFileSync(path.join(dir, 'go.mod'), gomod);
    fs.writeFileSync(path.join(dir, 'main.go'), 'package main\n\nfunc main() {}\n');
    const build = await go.run(['build', './...'], dir);
    const goLine = build.stderr.split('\n').find((l) => l.startsWith('go.mod:5:'));
    assert.equal(goLine, 'go.mod:5: unexpected token after version: "x\\xff\\xe2\\x82y"', build.stderr);
    const r = await cli(['check', dir], go.env);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.ok(r.stdout.includes(goLine), r.stdout);
  } finally {
    go.dispose();
  }
});

for (const [name, title, ran] of [
  // go.sum holds a wrong hash and the cached copy is intact: re-record the checksum.
  ['checksum-mismatch', /Record the checksum of example\.com\/lib@v1\.0\.0 again/, /go mod download -- example\.com\/lib@v1\.0\.0/],
  // The cached copy is damaged (left half-extracted, zip gone): clear the cache and download again.
  ['partial-download', /Clear module cache/, /go clean -modcache/],
] as const) {
  test(`fix (${name}): destructive fixes need --yes; afterwards the fixed diagnostics are gone and go build passes`, async () => {
    const c = await prepareCase(name);
    try {
      const env = { ...c.env, GOPROXY: c.proxyUrl };
      const without = await cli(['fix', c.dir], env);
      assert.equal(without.code, 1, without.stdout);
      assert.match(without.stdout, /skipped \(destructive, needs --yes\)/);
      assert.match(without.stdout, title);
      const withYes = await cli(['fix', '--yes', c.dir], env);
      assert.equal(withYes.code, 0, withYes.stdout + withYes.stderr);
      assert.match(withYes.stdout, ran);
      const build = await c.go.run(['build', './...'], c.cwd, env);
      assert.equal(build.exitCode, 0, build.stderr);
    } finally {
      c.dispose();
    }
  });
}

test('fix on the shipped sample (a copy): every fixed diagnostic is gone and each module builds', async () => {
  const go = hermeticGo();
  try {
    const dir = path.join(go.root, 'sample');
    fs.cpSync(path.join(REPO, 'examples', 'microservices'), dir, { recursive: true });
    const r = await cli(['fix', dir], go.env);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.ok(fs.existsSync(path.join(dir, 'go.work')));
    for (const m of ['api', 'auth', 'payments', 'worker']) {
      const b = await go.run(['build', './...'], path.join(dir, m));
      assert.equal(b.exitCode, 0, `${m}: ${b.stderr}`);
    }
    const again = await cli(['check', dir], go.env);
    assert.equal(again.code, 0, again.stdout);
  } finally {
    go.dispose();
  }
});

test('fix: a go.work in the parent directory is named as outside DIR and written only with --yes', async () => {
  const go = hermeticGo();
  try {
    const ws = path.join(go.root, 'ws');
    writeTree(ws, {
      'go.work': 'go 1.22\n\nuse ./a\n',
      'a/go.mod': 'module example.com/a\n\ngo 1.22\n',
      'a/a.go': 'package a\n',
      'b/go.mod': 'module example.com/b\n\ngo 1.22\n',
      'b/main.go': 'package main\n\nimport (\n\t"fmt"\n\n\t"example.com/b/util"\n)\n\nfunc main() { fmt.Println(util.X) }\n',
      'b/util/u.go': 'package util\n\nconst X = 1\n',
    });
    const dir = path.join(ws, 'b');
    const before = fs.readFileSync(path.join(ws, 'go.work'), 'utf8');
    const json = JSON.parse((await cli(['check', '--json', dir], go.env)).stdout) as { diagnostics: { fixes: { title: string; outside?: string[] }[] }[] };
    const useFix = json.diagnostics.flatMap((d) => d.fixes).find((f) => f.outside?.includes('../go.work'));
    assert.ok(useFix, JSON.stringify(json.diagnostics.map((d) => d.fixes)));
    assert.match(useFix.title, /it writes \.\.\/go\.work, outside b$/);

    const dry = await cli(['fix', dir], go.env);
    assert.match(dry.stdout, /skipped \(writes outside .*, needs --yes\)/);
    assert.equal(fs.readFileSync(path.join(ws, 'go.work'), 'utf8'), before);

    const r = await cli(['fix', '--yes', dir], go.env);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(fs.readFileSync(path.join(ws, 'go.work'), 'utf8'), /\.\/b/);
    const build = await go.run(['build', './...'], dir);
    assert.equal(build.exitCode, 0, build.stderr);
  } finally {
    go.dispose();
  }
});

test('fix: a go.mod that links to a file outside DIR is not written through without --yes', async () => {
  const go = hermeticGo();
  try {
    const dir = path.join(go.root, 'svc');
    writeTree(go.root, {
      'elsewhere/go.mod': 'module example.com/svc\n\ngo 1.22\n',
      'svc/main.go': 'package main\n\nimport "example.com/lib"\n\nfunc main() { lib.F() }\n',
      'svc/lib/go.mod': 'module example.com/lib\n\ngo 1.22\n',
      'svc/lib/lib.go': 'package lib\n\nfunc F() {}\n',
    });
    fs.symlinkSync(path.join(go.root, 'elsewhere/go.mod'), path.join(dir, 'go.mod'));
    const json = JSON.parse((await cli(['check', '--json', dir], go.env)).stdout) as { diagnostics: { fixes: { title: string; outside?: string[]; edits?: { file: string }[] }[] }[] };
    const fixes = json.diagnostics.flatMap((d) => d.fixes);
    const throughLink = fixes.filter((f) => f.edits?.some((e) => e.file === 'go.mod'));
    assert.ok(throughLink.length, JSON.stringify(fixes));
    for (const f of throughLink) {
      assert.deepEqual(f.outside, ['go.mod'], f.title);
      assert.match(f.title, /it writes go\.mod \(a link to .*elsewhere\/go\.mod\), outside svc$/);
    }
    // Creating a go.work in DIR stays inside: not named, not held back.
    assert.ok(fixes.some((f) => f.edits?.some((e) => e.file === 'go.work') && !f.outside), JSON.stringify(fixes));
    const before = fs.readFileSync(path.join(go.root, 'elsewhere/go.mod'), 'utf8');
    await cli(['fix', '--code', 'no-required-module', dir], go.env);
    assert.equal(fs.readFileSync(path.join(go.root, 'elsewhere/go.mod'), 'utf8'), before);
  } finally {
    go.dispose();
  }
});
