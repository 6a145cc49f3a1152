// Differential test: readPackageDir and the scanned imports against `go list -e -json` for
// package directories full of build-constraint cases, under several GOOS/GOARCH/cgo/-tags.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ageTree, quietGo as hermeticGo } from '../env/quiet-go';
import { parseJsonStream } from '../../harness/proxy';
import { DiskFileSystem } from '../../../server/src/fsys/fsys';
import { isPackageCandidate, readPackageDir, packageFilesErrorMessage, packageImports, testImports } from '../../../server/src/scan/package';
import { buildContextOf, clearGoEnvCache, goIndexEnabled, loadGoEnv } from '../../../server/src/env/goenv';
import { constraintsAllow } from '../../../server/src/scan/constraints';

const bigComment = Array.from({ length: 120 }, (_, i) => `// filler line ${i} so the head is longer than one 4 KiB read.\n`).join('');

/** Package directories (relative to the module root) and their files. */
const PACKAGES: Record<string, Record<string, string>> = {
  'p/mixed': {
    'a.go': 'package p\n\nimport (\n\t"fmt"\n\t`strings`\n\tstr "strconv"\n\t. "math"\n\t_ "embed"\n\t"encoding\\u002fjson" // escaped\n\t"net\\x2furl"\n)\n\nfunc A() {}\n',
    'b_linux.go': 'package p\n\nimport "os/signal"\n',
    'c_windows_amd64.go': 'package p\n\nimport "syscall"\n',
    'd_darwin.go': 'package p\n\nimport "os/user"\n',
    'd_arm64.go': 'package p\n\nimport "hash/crc32"\n',
    'linux.go': '// A bare GOOS name is not a constraint.\npackage p\n\nimport "hash/adler32"\n',
    'e.go': '//go:build linux && (amd64 || arm64) && !cgo\n\npackage p\n\nimport "hash/fnv"\n',
    'f.go': '// +build linux,amd64 darwin\n\npackage p\n\nimport "container/ring"\n',
    'f2.go': '// Copyright notice.\n\n// +build !windows\n// +build foo\n\npackage p\n\nimport "container/heap"\n',
    'g.go': '//go:build ignore\n\npackage main\n\nimport "flag"\n',
    'h.go': '//go:build foo\n\npackage p\n\nimport "text/tabwriter"\n',
    'i.go': '//go:build unix\n\npackage p\n\nimport "io/fs"\n',
    'j.go': '//go:build go1.21 && !go1.999\n\npackage p\n\nimport "slices"\n',
    'k.go': '//go:build windows\n// Package doc comment right after the build line.\npackage p\n\nimport "maps"\n',
    'l.go': '// +build windows\npackage p // +build right before package is not a constraint\n\nimport "unicode/utf16"\n',
    'cgo.go': 'package p\n\n/*\n#include <stdio.h>\n*/\nimport "C"\n\nimport "unsafe"\n',
    'big.go': `${bigComment}\npackage p\n\nimport "bufio"\n`,
    'big2.go': `package p\n\nimport (\n\t"container/list"\n${bigComment.replace(/^\/\//gm, '\t//')}\t"expvar"\n)\n\nvar _ = 1\n`,
    'semi.go': 'package p; import ("errors"; "io"); import "sort"; var _ = 1\n',
    'bom.go': '\uFEFFpackage p\n\nimport "path"\n',
    'comments.go': '/* lead */ package /* x */ p\n\nimport /* a */ ( // b\n\t/* c */ q "regexp" /* d */\n)\n\nimport "time"\n\nfunc init() {}\n\nimport "never/read"\n',
    'm_solaris.go': 'package p\n\nimport "log/slog"\n',
    'n.go': '//go:build solaris || plan9 || (js && wasm)\n\npackage p\n\nimport "text/scanner"\n',
    'o.go': '// +build android ios\n\npackage p\n\nimport "go/ast"\n',
    'r_wasm.go': 'package p\n\nimport "go/token"\n',
    's_aix_ppc64.go': 'package p\n\nimport "go/scanner"\n',
    'p_test.go': 'package p\n\nimport "testing"\n',
    'q_windows_test.go': 'package p\n\nimport "testing/quick"\n',
    'x_test.go': 'package p_test\n\nimport (\n\t"testing/iotest"\n\t"example.com/m/p/mixed"\n)\n',
    '_x.go': 'package other\n\nimport "html"\n',
    '.hidden.go': 'package other\n\nimport "html/template"\n',
    'README.md': 'not Go\n',
  },
  'p/excluded': {
    'a.go': '//go:build ignore\n\npackage x\n',
    'b_plan9.go': 'package x\n',
  },
  'p/empty': { '_a.go': 'package x\n', 'notes.txt': 'x\n' },
  'p/testonly': { 'a_test.go': 'package t\n\nimport "testing"\n' },
  'p/cgoonly': { 'a.go': 'package c\n\nimport "C"\n' },
  'p/names': {
    'a.go': 'package a\n',
    'b.go': 'package b\n\nimport "os"\n',
    'c_test.go': 'package a_test\n',
    'd.go': 'package documentation\n',
    'e_test.go': 'package c\n',
  },
  'p/badbuild': {
    'a.go': '//go:build linux &&\n\npackage b\n',
    'b.go': 'package b\n\nimport "os"\n',
  },
};

const CONFIGS: Record<string, string>[] = [
  { GOOS: 'linux', GOARCH: 'amd64', CGO_ENABLED: '0' },
  { GOOS: 'linux', GOARCH: 'amd64', CGO_ENABLED: '1' },
  { GOOS: 'linux', GOARCH: 'arm64', CGO_ENABLED: '0', GOFLAGS: '-tags=foo' },
  { GOOS: 'windows', GOARCH: 'amd64', CGO_ENABLED: '0' },
  { GOOS: 'windows', GOARCH: 'arm64', CGO_ENABLED: '1', GOFLAGS: '-tags=foo' },
  { GOOS: 'darwin', GOARCH: 'arm64', CGO_ENABLED: '0' },
  { GOOS: 'darwin', GOARCH: 'amd64', CGO_ENABLED: '1', GOFLAGS: '-tags=foo,bar' },
  { GOOS: 'android', GOARCH: 'arm64', CGO_ENABLED: '0' },
  { GOOS: 'ios', GOARCH: 'arm64', CGO_ENABLED: '0' },
  { GOOS: 'illumos', GOARCH: 'amd64', CGO_ENABLED: '0' },
  { GOOS: 'plan9', GOARCH: '386', CGO_ENABLED: '0' },
  { GOOS: 'js', GOARCH: 'wasm', CGO_ENABLED: '0' },
  { GOOS: 'wasip1', GOARCH: 'wasm', CGO_ENABLED: '0' },
  { GOOS: 'aix', GOARCH: 'ppc64', CGO_ENABLED: '0', GOFLAGS: "'-tags=foo bar'" },
];

interface Listed {
  Dir: string;
  GoFiles?: string[];
  CgoFiles?: string[];
  IgnoredGoFiles?: string[];
  InvalidGoFiles?: string[];
  TestGoFiles?: string[];
  XTestGoFiles?: string[];
  Imports?: string[];
  TestImports?: string[];
  XTestImports?: string[];
  Error?: { Err: string };
}

const sorted = (xs: readonly string[] | undefined) => [...(xs ?? [])].sort();
const importSet = (paths: string[]) => [...new Set(paths)].sort();

test('readPackageDir agrees with go list for GOOS/GOARCH, cgo, -tags and file-name rules', async () => {
  const go = hermeticGo();
  try {
    const mod = path.join(go.root, 'm');
    fs.mkdirSync(mod, { recursive: true });
    fs.writeFileSync(path.join(mod, 'go.mod'), 'module example.com/m\n\ngo 1.26\n');
    for (const [dir, files] of Object.entries(PACKAGES)) {
      fs.mkdirSync(path.join(mod, dir), { recursive: true });
      for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(mod, dir, name), text);
    }
    ageTree(mod);
    const fsys = new DiskFileSystem();
    for (const config of CONFIGS) {
      const label = JSON.stringify(config);
      const r = await go.run(['list', '-e', '-json', ...Object.keys(PACKAGES).map((d) => `./${d}`)], mod, config);
      assert.equal(r.exitCode, 0, `${label}: ${r.stderr}`);
      const listed = parseJsonStream(r.stdout) as Listed[];
      assert.equal(listed.length, Object.keys(PACKAGES).length, label);
      clearGoEnvCache();
      const ctx = buildContextOf(await loadGoEnv({ ...go.env, ...config }));
      for (const want of listed) {
        const at = `${label} ${path.relative(mod, want.Dir)}`;
        const pd = readPackageDir(fsys, want.Dir, ctx);
        assert.ok(pd, at);
        assert.deepEqual(pd.goFiles, sorted([...(want.GoFiles ?? []), ...(want.CgoFiles ?? [])]), `${at} GoFiles`);
        assert.deepEqual(pd.cgoFiles, sorted(want.CgoFiles), `${at} CgoFiles`);
        assert.deepEqual(pd.ignoredGoFiles, sorted(want.IgnoredGoFiles), `${at} IgnoredGoFiles`);
        assert.deepEqual(pd.invalidGoFiles, sorted(want.InvalidGoFiles), `${at} InvalidGoFiles`);
        assert.deepEqual(pd.testGoFiles, sorted(want.TestGoFiles), `${at} TestGoFiles`);
        assert.deepEqual(pd.xTestGoFiles, sorted(want.XTestGoFiles), `${at} XTestGoFiles`);
        assert.deepEqual(importSet(packageImports(pd).map((i) => i.path)), sorted(want.Imports), `${at} Imports`);
        const tests = testImports(pd);
        assert.deepEqual(
          importSet(tests.map((i) => i.path)),
          importSet([...(want.TestImports ?? []), ...(want.XTestImports ?? [])]),
          `${at} TestImports`,
        );
        const message = packageFilesErrorMessage(pd);
        if (pd.buildLineError) assert.equal(want.Error?.Err, pd.buildLineError, `${at} Error`);
        else if (pd.packageNameError) assert.equal(want.Error?.Err, pd.packageNameError, `${at} Error`);
        else if (pd.invalidGoFiles.length > 0) assert.ok(want.Error, `${at}: go reports the invalid files`);
        else if (message) assert.equal(want.Error?.Err, message, `${at} Error`);
        else assert.equal(want.Error, undefined, `${at} Error: ${want.Error?.Err}`);
      }
    }
  } finally {
    clearGoEnvCache();
    go.dispose();
  }
});

test('a //go:build syntax error fails the package with go\'s message', async () => {
  const go = hermeticGo();
  try {
    const mod = path.join(go.root, 'm');
    fs.mkdirSync(mod, { recursive: true });
    fs.writeFileSync(path.join(mod, 'go.mod'), 'module example.com/m\n\ngo 1.26\n');
    const cases = ['linux &&', '(linux', 'linux || !!amd64', 'a & b', 'linux)', '', '(a || b', 'a b', 'a && $'];
    for (const [i, expr] of cases.entries()) {
      fs.mkdirSync(path.join(mod, `b${i}`));
      fs.writeFileSync(path.join(mod, `b${i}`, 'f.go'), `//go:build ${expr}\n\npackage m\n`);
    }
    ageTree(mod);
    const r = await go.run(['list', '-e', '-json', ...cases.map((_, i) => `./b${i}`)], mod);
    const ctx = buildContextOf(await loadGoEnv(go.env));
    for (const listed of parseJsonStream(r.stdout) as Listed[]) {
      const pd = readPackageDir(new DiskFileSystem(), listed.Dir, ctx)!;
      assert.deepEqual(pd.invalidGoFiles, sorted(listed.InvalidGoFiles), listed.Dir);
      const ours = constraintsAllow(pd.headers.get('f.go')!.goBuild, [], ctx).error;
      assert.equal(pd.buildLineError, `f.go: ${ours}`);
      assert.equal(listed.Error?.Err, pd.buildLineError);
    }
  } finally {
    clearGoEnvCache();
    go.dispose();
  }
});

test('hasGoFiles counts any *.go regular file or symlink to one, even _x.go; not directories', () => {
  const go = hermeticGo();
  try {
    const fsys = new DiskFileSystem();
    const ctx = { goos: 'linux', goarch: 'amd64', tags: [], cgoEnabled: false, goVersion: '1.26', compiler: 'gc' as const };
    const d = (name: string) => {
      const p = path.join(go.root, name);
      fs.mkdirSync(p, { recursive: true });
      return p;
    };
    const under = d('under');
    fs.writeFileSync(path.join(under, '_a.go'), 'package a\n');
    assert.equal(readPackageDir(fsys, under, ctx)?.hasGoFiles, true);
    assert.equal(packageFilesErrorMessage(readPackageDir(fsys, under, ctx)!), `no Go files in ${under}`);
    const dirOnly = d('dironly');
    fs.mkdirSync(path.join(dirOnly, 'x.go'));
    assert.equal(readPackageDir(fsys, dirOnly, ctx)?.hasGoFiles, false);
    const link = d('link');
    fs.symlinkSync(path.join(under, '_a.go'), path.join(link, 'l.go'));
    fs.symlinkSync(path.join(go.root, 'missing.go'), path.join(link, 'dangling.go'));
    const pd = readPackageDir(fsys, link, ctx)!;
    assert.equal(pd.hasGoFiles, true);
    assert.deepEqual(pd.goFiles, ['l.go']);
    assert.equal(readPackageDir(fsys, path.join(go.root, 'nope'), ctx), undefined);
  } finally {
    go.dispose();
  }
});

test('isPackageCandidate: the index ignores _x.go and .x.go, fsys.IsGoDir does not (go list DepsErrors)', async () => {
  const go = hermeticGo();
  try {
    const mod = path.join(go.root, 'm');
    const write = (rel: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(mod, rel)), { recursive: true });
      fs.writeFileSync(path.join(mod, rel), text);
    };
    write('go.mod', 'module example.com/m\n\ngo 1.26\n');
    write('e1/_a.go', 'package e\n');
    write('e1/.h.go', 'package e\n');
    write('e2/_a.go', 'package e\n');
    write('e2/target.txt', 'x\n');
    write('e3/real/x.go', 'package real\n');
    write('e4/a.go', '//go:build ignore\n\npackage e\n');
    write('e5/README', 'x\n');
    write('e6/a.go', 'package e\n');
    const dirs = ['e1', 'e2', 'e3', 'e4', 'e5', 'e6'];
    write('main/main.go', `package main\n\nimport (\n${dirs.map((d) => `\t_ "example.com/m/${d}"\n`).join('')})\n\nfunc main() {}\n`);
    ageTree(mod);
    fs.symlinkSync(path.join(mod, 'e2', 'target.txt'), path.join(mod, 'e2', 'link.txt')); // not indexable
    fs.symlinkSync(path.join(mod, 'e3', 'real', 'x.go'), path.join(mod, 'e3', 'x.go'));
    fs.utimesSync(path.join(mod, 'e3', 'real', 'x.go'), new Date(0), new Date(0));
    const fsys = new DiskFileSystem();
    const extras: Record<string, string>[] = [{}, { GODEBUG: 'goindex=0' }, { GOFLAGS: '-tags=ignore' }];
    for (const extra of extras) {
      const r = await go.run(['list', '-e', '-deps', '-json', './main'], mod, extra);
      const listed = parseJsonStream(r.stdout) as (Listed & { ImportPath: string })[];
      clearGoEnvCache();
      const env = await loadGoEnv({ ...go.env, ...extra });
      const ctx = buildContextOf(env);
      for (const d of dirs) {
        const want = listed.find((p) => p.ImportPath === `example.com/m/${d}`);
        const pd = readPackageDir(fsys, path.join(mod, d), ctx)!;
        const ours = !isPackageCandidate(pd, goIndexEnabled(env)) ? 'missing' : packageFilesErrorMessage(pd);
        const theirs = want?.Error?.Err.includes('no required module provides package') ? 'missing' : want?.Error?.Err;
        assert.equal(ours, theirs, `${JSON.stringify(extra)} ${d}: go says ${want?.Error?.Err}`);
      }
    }
  } finally {
    clearGoEnvCache();
    go.dispose();
  }
});
