import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ageTree, quietGo as hermeticGo } from '../env/quiet-go';
import { parseJsonStream } from '../../harness/proxy';
import { scanGoFile, scanGoFileHead } from '../../../server/src/scan/gofile';
import { lexGo } from '../../../server/src/scan/golex';
import { DiskFileSystem, type FileSystem } from '../../../server/src/fsys/fsys';
import type { GoFileHeader } from '../../../server/src/scan/types';

/** Every import's range must cover exactly its quoted literal. */
function assertRangesCoverLiterals(text: string, h: GoFileHeader): void {
  for (const imp of h.imports) {
    const lit = text.slice(imp.range.start.offset, imp.range.end.offset);
    assert.match(lit, /^(".*"|`[^`]*`)$/s, `range of ${imp.path} covers ${JSON.stringify(lit)}`);
    const lines = text.split('\n');
    const before = lines.slice(0, imp.range.start.line).join('\n').length + (imp.range.start.line > 0 ? 1 : 0);
    assert.equal(before + imp.range.start.character, imp.range.start.offset, `line/character of ${imp.path}`);
  }
}

test('imports: single, grouped, named, dot, blank, raw, escaped; ranges cover the quotes', () => {
  const text = '\uFEFF// c\npackage main // x\n\nimport "fmt"\nimport (\n\tstr "strings"\n\t. "math" ; _ `embed`\n\t/* 😀 */ "net\\x2fhttp" // y\n)\nimport x "C"\n\nfunc main() {}\n';
  const h = scanGoFile(text);
  assert.deepEqual(h.errors, []);
  assert.equal(h.packageName, 'main');
  assert.equal(text.slice(h.packageRange!.start.offset, h.packageRange!.end.offset), 'main');
  assert.deepEqual(
    h.imports.map((i) => [i.name, i.path]),
    [[undefined, 'fmt'], ['str', 'strings'], ['.', 'math'], ['_', 'embed'], [undefined, 'net/http'], ['x', 'C']],
  );
  assert.equal(h.usesCgo, true);
  assertRangesCoverLiterals(text, h);
  const http = h.imports[4]!;
  assert.equal(http.range.start.line, 7);
  // After a tab and a comment holding a surrogate pair (2 UTF-16 units).
  assert.equal(http.range.start.character, '\t/* 😀 */ '.length);
  assert.equal(http.range.end.character - http.range.start.character, '"net\\x2fhttp"'.length);
});

test('scanning stops at the first declaration that is not an import', () => {
  const h = scanGoFile('package p\nimport "a"\nvar x = 1\nimport "b"\n');
  assert.deepEqual(h.imports.map((i) => i.path), ['a']);
  assert.deepEqual(h.errors, []);
  assert.equal(scanGoFile('package p\n').imports.length, 0);
  assert.equal(scanGoFile('package p').errors.length, 0);
});

test('build lines: //go:build anywhere in the leading comments, // +build only before a blank line', () => {
  const h = scanGoFile('// Copyright\n\n//go:build linux && !cgo\n// +build linux,!cgo\n\n// doc\n// +build ignored\npackage p\n');
  assert.equal(h.goBuild, 'linux && !cgo');
  assert.deepEqual(h.plusBuild, ['// +build linux,!cgo']);
  assert.equal(scanGoFile('//go:build a\n//go:build b\n\npackage p\n').constraintError, 'multiple //go:build comments');
  assert.equal(scanGoFile('//go:buildx a\n\npackage p\n').goBuild, undefined);
  assert.equal(scanGoFile('package p\n//go:build a\n').goBuild, undefined);
});

test('malformed heads give positioned errors, never exceptions', () => {
  const bad = [
    '',
    'pack',
    'package',
    'package 1',
    'package p import "x"',
    'package p\nimport (\n\t"a"\n',
    'package p\nimport 42\n',
    'package p\nimport "unterminated\n',
    'package p\nimport `raw\n',
    'package p\nimport "bad\\q"\n',
    'package p\nimport ("a" "b")\n',
    'package p\n/* open comment\nimport "a"\n',
  ];
  for (const text of bad) {
    const h = scanGoFile(text);
    assert.ok(h.errors.length > 0, `errors for ${JSON.stringify(text)}`);
    for (const e of h.errors) assert.ok(e.range.start.offset <= text.length && e.range.end.offset <= text.length);
  }
  // The group's good imports survive a bad spec.
  assert.deepEqual(scanGoFile('package p\nimport (\n\t"a"\n\t42\n\t"b"\n)\n').imports.map((i) => i.path), ['a', 'b']);
});

test('random token soup never throws and ranges stay on string literals', () => {
  const atoms = ['package', 'p', 'import', '(', ')', ';', '\n', ' ', '"a/b"', '`c`', '"\\u00e9"', '.', '_', '//x\n', '/*y*/', '/*\n*/', 'func', '"', '`', '\\', '\uFEFF', '😀', '42'];
  let seed = 12345;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
  for (let i = 0; i < 3000; i++) {
    const parts = ['package p\n'];
    const len = rand(25);
    for (let j = 0; j < len; j++) parts.push(atoms[rand(atoms.length)]!);
    const text = parts.join('');
    const h = scanGoFile(text);
    for (const imp of h.imports) {
      const lit = text.slice(imp.range.start.offset, imp.range.end.offset);
      assert.ok(lit.startsWith('"') || lit.startsWith('`'), JSON.stringify(text));
    }
  }
});

/** A FileSystem over in-memory files that records every readHead size. */
function countingFs(files: Record<string, string>): FileSystem & { heads: number[] } {
  const disk = new DiskFileSystem();
  const heads: number[] = [];
  return {
    heads,
    readText: (p) => files[p],
    readHead: (p, max) => {
      heads.push(max);
      const b = files[p] === undefined ? undefined : Buffer.from(files[p]!, 'utf8');
      if (!b) return undefined;
      let s = b.subarray(0, max).toString('utf8');
      if (b.length > max && s.endsWith('\uFFFD')) s = s.slice(0, -1);
      return s;
    },
    readBytes: (p) => (files[p] === undefined ? undefined : Buffer.from(files[p]!)),
    stat: (p) => (files[p] === undefined ? undefined : { isDir: false, isFile: true, size: Buffer.byteLength(files[p]!), mtimeMs: 0 }),
    readDir: (p) => disk.readDir(p),
    realpath: (p) => p,
    readFailure: () => undefined,
  };
}

test('scanGoFileHead reads 4 KiB, and more only while the imports continue', () => {
  const body = 'func f() {}\n'.repeat(10_000);
  const small = countingFs({ '/a.go': `package p\n\nimport "fmt"\n\n${body}` });
  assert.deepEqual(scanGoFileHead(small, '/a.go')!.imports.map((i) => i.path), ['fmt']);
  assert.deepEqual(small.heads, [4096]);

  const comments = '// é comment line that takes some room in the head of the file.\n'.repeat(200); // ~13 KiB
  const big = countingFs({ '/b.go': `${comments}package p\n\nimport (\n\t"a"\n${comments}\t"b"\n)\n\n${body}` });
  const h = scanGoFileHead(big, '/b.go')!;
  assert.deepEqual(h.imports.map((i) => i.path), ['a', 'b']);
  assert.deepEqual(big.heads, [4096, 8192, 16384, 32768]);
  // Cut right inside `import`: a token at the edge of a read is not trusted.
  const edge = `package p\n${' '.repeat(4096 - 'package p\n'.length - 3)}import "x"\n${body}`;
  const e = countingFs({ '/e.go': edge });
  assert.deepEqual(scanGoFileHead(e, '/e.go')!.imports.map((i) => i.path), ['x']);
  assert.equal(scanGoFileHead(e, '/missing.go'), undefined);
});

test('files go cannot parse are exactly those with scan errors (go list InvalidGoFiles)', async () => {
  const go = hermeticGo();
  try {
    const dir = path.join(go.root, 'm');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'go.mod'), 'module example.com/m\n\ngo 1.26\n');
    const files: Record<string, string> = {
      'ok1.go': 'package m\nimport ("os"; `io`)\nfunc f( {{{ broken body is not read\n',
      'ok2.go': 'package m\n\nimport (\n)\n\nimport _ "embed"\n',
      'bad1.go': 'package m\nimport (\n\t"os"\n',
      'bad2.go': 'package m\nimport 42\n',
      'bad3.go': 'package m\nimport "unterminated\n',
      'bad4.go': 'package m\nimport "esc\\q"\n',
      'bad5.go': 'package\n',
      'bad6.go': 'package m import "os"\n',
      'bad7.go': 'package m\nimport ("a" "b")\n',
      'bad8.go': 'package m\nimport ""\n',
      'bad9.go': 'package m\nimport ("os"; "a b")\n',
      'bad10.go': 'package m\nimport "a\\x00b"\n',
      'bad11.go': 'package m\nimport "a{b}"\n',
      'bad12.go': 'package _\n',
      'ok3.go': 'package m\nimport "é/ü~+-@"\n',
    };
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    ageTree(dir);
    const r = await go.run(['list', '-e', '-json', '.'], dir);
    const [listed] = parseJsonStream(r.stdout) as { InvalidGoFiles?: string[] }[];
    const ours = Object.keys(files)
      .filter((n) => scanGoFile(files[n]!).errors.length > 0)
      .sort();
    assert.deepEqual(ours, [...(listed!.InvalidGoFiles ?? [])].sort());
  } finally {
    go.dispose();
  }
});

test('CRLF line endings: same imports, ranges on the literals, \\r dropped from raw strings', () => {
  const lf = '//go:build linux\n\npackage p\n\nimport (\n\t"fmt"\n\tx `a/b`\n)\n\nimport "os"\n';
  const crlf = lf.replace(/\n/g, '\r\n');
  const a = scanGoFile(lf);
  const b = scanGoFile(crlf);
  assert.deepEqual(b.errors, []);
  assert.equal(b.goBuild, 'linux');
  assert.deepEqual(b.imports.map((i) => [i.name, i.path, i.range.start.line]), a.imports.map((i) => [i.name, i.path, i.range.start.line]));
  assertRangesCoverLiterals(crlf, b);
  assert.equal(lexGo('`a\r\n/b`').next().value, 'a\n/b');
  // A path with a newline is invalid: go fails the file; the import is kept, marked with go's words.
  assert.deepEqual(scanGoFile('package p\nimport `a\r\n/b`\n').imports.map((i) => i.invalid), ['invalid import path: a\n/b']);
});
