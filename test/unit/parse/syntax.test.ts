// The syntax layer: exact ranges, comments where modfile puts them, CRLF, huge and binary input.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseGoMod, parseGoWork, parseGoSum, parseModulesTxt, parseSyntax } from '../../../server/src/parse';
import type { Range } from '../../../server/src/text/position';

const slice = (text: string, r: Range) => text.slice(r.start.offset, r.end.offset);

test('the range of a require path is exactly its characters, with line and UTF-16 column', () => {
  const text = '// 😀 emoji first\nmodule example.com/m\n\nrequire (\n\texample.com/a v1.0.0 // indirect\n\t"example.com/q" v1.2\n)\n';
  const mod = parseGoMod(text, 'go.mod');
  assert.deepEqual(mod.errors, []);
  const [a, q] = mod.require;
  assert.equal(slice(text, a!.pathRange), 'example.com/a');
  assert.deepEqual(a!.pathRange.start, { offset: text.indexOf('example.com/a'), line: 4, character: 1 });
  assert.deepEqual(a!.pathRange.end.character, 14);
  assert.equal(slice(text, a!.versionRange), 'v1.0.0');
  assert.equal(slice(text, a!.syntax.suffix!.range), '// indirect');
  assert.equal(slice(text, a!.syntax.range), 'example.com/a v1.0.0 // indirect');
  assert.equal(slice(text, q!.pathRange), '"example.com/q"');
  assert.equal(q!.path, 'example.com/q');
  assert.equal(q!.version, 'v1.2.0');
  assert.equal(slice(text, mod.module!.pathRange), 'example.com/m');
  assert.equal(mod.module!.syntax.before[0]!.text, '// 😀 emoji first');
});

test('comments attach like modfile: before (no blank line), suffix, standalone, block closing', () => {
  const text = '// free\n\n// before module\nmodule m // suffix\n\nrequire (\n\t// before a\n\ta v1.0.0\n\t// closing\n)\n// at end\n';
  const { syntax, errors } = parseSyntax(text, 'go.mod');
  assert.deepEqual(errors, []);
  const kinds = syntax.stmts.map((s) => s.kind);
  assert.deepEqual(kinds, ['comment', 'line', 'block', 'comment']);
  const line = syntax.stmts[1]!;
  assert.ok(line.kind === 'line');
  assert.deepEqual(line.line.before.map((c) => c.text), ['// before module']);
  assert.equal(line.line.suffix!.text, '// suffix');
  const block = syntax.stmts[2]!;
  assert.ok(block.kind === 'block');
  assert.equal(block.block.verb.raw, 'require');
  assert.deepEqual(block.block.lines[0]!.before.map((c) => c.text), ['// before a']);
  assert.deepEqual(block.block.closing.map((c) => c.text), ['// closing']);
  assert.equal(slice(text, block.block.rparen!), ')');
  assert.equal(block.block.lines[0]!.block, block.block);
});

test('tokens keep raw text and value: quoted with escapes, raw strings, punctuation', () => {
  const text = 'x "a\\tb\\u00e9" `raw\\n` [ v1 , v2 ] {}\n';
  const { syntax } = parseSyntax(text, 'go.mod');
  const toks = syntax.stmts[0]!.kind === 'line' ? syntax.stmts[0]!.line.tokens : [];
  assert.deepEqual(toks.map((t) => t.raw), ['x', '"a\\tb\\u00e9"', '`raw\\n`', '[', 'v1', ',', 'v2', ']', '{', '}']);
  assert.deepEqual(toks.slice(1, 3).map((t) => t.value), ['a\tbé', 'raw\\n']);
  for (const t of toks) assert.equal(slice(text, t.range), t.raw);
});

test('CRLF files: ranges, comments and indirect ignore the \\r', () => {
  const text = 'module example.com/m\r\n\r\nrequire (\r\n\texample.com/a v1.0.0 // indirect\r\n)\r\nreplace example.com/a => ../a\r\n';
  const mod = parseGoMod(text, 'go.mod');
  assert.deepEqual(mod.errors, []);
  const a = mod.require[0]!;
  assert.equal(a.indirect, true);
  assert.equal(a.syntax.suffix!.text, '// indirect');
  assert.equal(slice(text, a.syntax.range), 'example.com/a v1.0.0 // indirect');
  assert.deepEqual(a.pathRange.start, { offset: text.indexOf('example.com/a'), line: 3, character: 1 });
  assert.equal(mod.replace[0]!.new.path, '../a');
  assert.equal(slice(text, mod.replace[0]!.newPathRange), '../a');
});

test('a 50 MB go.mod parses in reasonable time', () => {
  const lines = ['module example.com/huge', '', 'go 1.22', '', 'require ('];
  // Long paths keep the token count (and so the test's time) moderate; every tenth line is indirect.
  const entry = (i: number) => `\texample.com/some/rather/long/module/path/with/many/elements/so/that/the/file/grows/quickly/number/${i.toString().padStart(8, '0')} v1.2.${i % 100}${i % 10 ? '' : ' // indirect'}`;
  let size = 0;
  let n = 0;
  while (size < 50 * 1024 * 1024) {
    const l = entry(n++);
    lines.push(l);
    size += l.length + 1;
  }
  lines.push(')', '');
  const text = lines.join('\n');
  const t0 = Date.now();
  const mod = parseGoMod(text, 'go.mod');
  const ms = Date.now() - t0;
  assert.deepEqual(mod.errors, []);
  assert.equal(mod.require.length, n);
  assert.equal(mod.require.filter((r) => r.indirect).length, Math.ceil(n / 10));
  assert.equal(slice(text, mod.require[n - 1]!.pathRange), entry(n - 1).split(' ')[0]!.trim());
  assert.ok(ms < 60_000, `took ${ms} ms`);
});

test('binary and invalid UTF-8 input give errors, never a throw', () => {
  const bytes = Buffer.alloc(64 * 1024);
  let seed = 12345;
  for (let i = 0; i < bytes.length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    bytes[i] = seed & 0xff;
  }
  const text = bytes.toString('utf8');
  const mod = parseGoMod(text, 'go.mod');
  assert.ok(mod.errors.length > 0);
  for (const e of mod.errors) assert.ok(e.range.start.offset <= text.length && e.message.length > 0);
  assert.ok(parseGoMod(text, 'go.mod', { lax: true }).errors.length > 0);
  assert.ok(parseGoWork(text, 'go.work').errors.length > 0);
  assert.doesNotThrow(() => parseGoSum(text, 'go.sum'));
  assert.doesNotThrow(() => parseModulesTxt(text, 'modules.txt'));
  // Lone surrogates, NULs, an unterminated everything.
  for (const t of ['\ud800', '\0', '"', '`', 'require (', 'require (\n"', '/*', ')', '( )', 'a ( ) b', '\\']) {
    assert.doesNotThrow(() => parseGoMod(t, 'go.mod'));
    assert.doesNotThrow(() => parseGoWork(t, 'go.work'));
  }
});
