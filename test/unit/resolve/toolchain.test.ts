// Toolchain selection against the real go: for each GOTOOLCHAIN setting and go.mod/go.work, the
// engine's view has an error exactly when `go list` fails before loading any package, and the
// error ends with go's own words. GOPROXY=off: go looks on PATH, then fails to download, so
// nothing is fetched (the harness obeys GOTOOLCHAIN only when GOPROXY cannot download).

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadGoEnv } from '../../../server/src/env/goenv';
import { DiskFileSystem } from '../../../server/src/fsys/fsys';
import { loadView } from '../../../server/src/resolve/view';
import { goModLookup } from '../../../server/src/resolve/toolchain';
import { cannotDownload, hermeticGo } from '../../harness/goenv';

interface Row {
  name: string;
  files: Record<string, string>;
  env: Record<string, string>;
  /** Where go runs, relative to the tree. */
  cwd?: string;
  /** The code of the engine's error, or undefined when go runs the installed toolchain. */
  code?: 'toolchain-unavailable' | 'go-version-too-new';
}

const MAIN = 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println() }\n';
const mod = (extra = '') => ({ 'go.mod': `module example.com/app\n\ngo 1.22\n${extra}`, 'main.go': MAIN });

const ROWS: Row[] = [
  { name: 'GOTOOLCHAIN=local', files: mod(), env: { GOTOOLCHAIN: 'local' } },
  { name: 'an older pinned toolchain', files: mod(), env: { GOTOOLCHAIN: 'go1.25.0' }, code: 'toolchain-unavailable' },
  { name: 'a newer pinned toolchain', files: mod(), env: { GOTOOLCHAIN: 'go1.99.0' }, code: 'toolchain-unavailable' },
  { name: 'a pinned minimum with +auto', files: mod(), env: { GOTOOLCHAIN: 'go1.25.0+auto' }, code: 'toolchain-unavailable' },
  { name: 'a pinned minimum with +path', files: mod(), env: { GOTOOLCHAIN: 'go1.25.0+path' }, code: 'toolchain-unavailable' },
  { name: 'a minimum below the go line switches to the go line', files: mod(), env: { GOTOOLCHAIN: 'go1.20.0+auto' }, code: 'go-version-too-new' },
  { name: 'local+auto is the installed go', files: mod(), env: { GOTOOLCHAIN: 'local+auto' } },
  { name: 'a language version is not a toolchain', files: mod(), env: { GOTOOLCHAIN: 'go1.26' }, code: 'toolchain-unavailable' },
  { name: 'an invalid setting', files: mod(), env: { GOTOOLCHAIN: 'garbage' }, code: 'toolchain-unavailable' },
  { name: 'an invalid suffix', files: mod(), env: { GOTOOLCHAIN: 'go1.25.0+later' }, code: 'toolchain-unavailable' },
  { name: 'auto with a newer toolchain line', files: mod('\ntoolchain go1.99.0\n'), env: { GOTOOLCHAIN: 'auto' }, code: 'toolchain-unavailable' },
  { name: 'path with a newer toolchain line', files: mod('\ntoolchain go1.99.0\n'), env: { GOTOOLCHAIN: 'path' }, code: 'toolchain-unavailable' },
  { name: 'auto with an older toolchain line', files: mod('\ntoolchain go1.22.1\n'), env: { GOTOOLCHAIN: 'auto' } },
  { name: 'local ignores the toolchain line', files: mod('\ntoolchain go1.99.0\n'), env: { GOTOOLCHAIN: 'local' } },
  { name: 'toolchain default keeps the pinned minimum', files: mod('\ntoolchain default\n'), env: { GOTOOLCHAIN: 'go1.99.0+auto' }, code: 'toolchain-unavailable' },
  { name: 'auto with a newer go line', files: { 'go.mod': 'module example.com/app\n\ngo 1.99.0\n', 'main.go': MAIN }, env: { GOTOOLCHAIN: 'auto' }, code: 'go-version-too-new' },
  { name: 'GOPATH mode never switches', files: { 'main.go': MAIN }, env: { GOTOOLCHAIN: 'go1.25.0', GO111MODULE: 'off' } },
  { name: 'GO111MODULE=auto outside a module never switches', files: { 'main.go': MAIN }, env: { GOTOOLCHAIN: 'go1.25.0', GO111MODULE: 'auto' } },
  {
    name: 'under a go.work only its lines count',
    files: { 'go.work': 'go 1.22\n\nuse ./app\n', 'app/go.mod': 'module example.com/app\n\ngo 1.22\n\ntoolchain go1.99.0\n', 'app/main.go': MAIN },
    env: { GOTOOLCHAIN: 'auto' },
    cwd: 'app',
  },
  {
    name: 'with GOWORK=off the module\'s toolchain line counts',
    files: { 'go.work': 'go 1.22\n\nuse ./app\n', 'app/go.mod': 'module example.com/app\n\ngo 1.22\n\ntoolchain go1.99.0\n', 'app/main.go': MAIN },
    env: { GOTOOLCHAIN: 'auto', GOWORK: 'off' },
    cwd: 'app',
    code: 'toolchain-unavailable',
  },
  {
    name: 'the go.work\'s toolchain line',
    files: { 'go.work': 'go 1.22\n\ntoolchain go1.99.0\n\nuse ./app\n', 'app/go.mod': 'module example.com/app\n\ngo 1.22\n', 'app/main.go': MAIN },
    env: { GOTOOLCHAIN: 'auto' },
    cwd: 'app',
    code: 'toolchain-unavailable',
  },
];

for (const row of ROWS) {
  test(`toolchain selection: ${row.name}`, async () => {
    const go = hermeticGo();
    try {
      const dir = path.join(go.root, 'ws');
      for (const [name, text] of Object.entries(row.files)) {
        fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        fs.writeFileSync(path.join(dir, name), text);
      }
      const cwd = path.join(dir, row.cwd ?? '.');
      const processEnv = { ...go.env, ...row.env };
      assert.ok(cannotDownload(processEnv), 'the hermetic GOPROXY must forbid downloads');
      const r = await go.run(['list', '-e', '-deps', '-json', '.'], cwd, row.env);
      const goFailed = r.stdout.trim() === '';

      const view = loadView(cwd, await loadGoEnv(processEnv), new DiskFileSystem());
      const e = view.errors[0];
      assert.equal(goFailed, row.code !== undefined, `go ${goFailed ? 'failed' : 'loaded packages'}: ${r.stderr}`);
      if (row.code === undefined) {
        assert.deepEqual(view.errors.map((x) => x.message), []);
        return;
      }
      assert.equal(e?.code, row.code, e?.message);
      assert.equal(view.errors.length, 1);
      assert.ok(e!.message.endsWith(r.stderr.trim()), `engine: ${e!.message}\ngo:     ${r.stderr.trim()}`);
    } finally {
      go.dispose();
    }
  });
}

test('goModLookup reads lines as go does: the first, indented or not, comment stripped', () => {
  const text = 'module m\n\n  go 1.22 // lang\ngo 1.23\ntoolchainx go1.1\ntoolchain\tgo1.99.0\r\n';
  const go = goModLookup(text, 'go');
  assert.equal(go?.value, '1.22');
  assert.equal(text.slice(go!.start, go!.end), '1.22');
  const tc = goModLookup(text, 'toolchain');
  assert.equal(tc?.value, 'go1.99.0');
  assert.equal(text.slice(tc!.start, tc!.end), 'go1.99.0');
  assert.equal(goModLookup(text, 'godebug'), undefined);
});

test('the harness obeys GOTOOLCHAIN only when GOPROXY cannot download', () => {
  assert.equal(cannotDownload({ GOPROXY: 'off' }), true);
  assert.equal(cannotDownload({ GOPROXY: 'file:///tmp/p,off' }), true);
  assert.equal(cannotDownload({ GOPROXY: 'file:///tmp/p' }), true);
  assert.equal(cannotDownload({ GOPROXY: 'file:///tmp/p,direct' }), false);
  assert.equal(cannotDownload({ GOPROXY: 'https://proxy.golang.org,direct' }), false);
  assert.equal(cannotDownload({ GOPROXY: '' }), false);
  assert.equal(cannotDownload({}), false);
});
