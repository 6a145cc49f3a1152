// The go.mod, go.work and go.sum grammars, loaded as VS Code loads them, give each token of the
// fixtures under test/fixtures/grammar/ the scope a theme needs.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { fixture, scopesOf, tokenizeFile } from './tokenize';

/** [text on the line, token, scope the token must have] */
type Expectation = [string, string, string];

async function check(file: string, scopeName: string, expectations: Expectation[]): Promise<void> {
  const lines = await tokenizeFile(scopeName, fixture(file));
  for (const [onLine, token, scope] of expectations) {
    const scopes = scopesOf(lines, onLine, token);
    assert.ok(scopes.includes(scope), `${file}: ${JSON.stringify(token)} on ${JSON.stringify(onLine)} has ${scopes.join(' ')}, not ${scope}`);
  }
}

test('go.mod one-line directives of Go 1.26', () =>
  check('directives.go.mod', 'source.go.mod', [
    ['// Every go.mod', '//', 'punctuation.definition.comment.go.mod'],
    ['// Deprecated:', 'Deprecated:', 'keyword.other.deprecated.go.mod'],
    ['module example.com/old', 'module', 'keyword.other.directive.go.mod'],
    ['module example.com/old', 'example.com/old', 'string.unquoted.module-path.go.mod'],
    ['go 1.26', 'go', 'keyword.other.directive.go.mod'],
    ['go 1.26', '1.26', 'constant.numeric.go-version.go.mod'],
    ['toolchain go1.26.1', 'go1.26.1', 'constant.other.toolchain.go.mod'],
    ['godebug default', 'default', 'variable.other.godebug-key.go.mod'],
    ['godebug default', '=', 'keyword.operator.assignment.go.mod'],
    ['godebug default', 'go1.21', 'string.unquoted.godebug-value.go.mod'],
    ['require example.com/lib', 'example.com/lib', 'string.unquoted.module-path.go.mod'],
    ['require example.com/lib', 'v1.2.3', 'constant.numeric.version.go.mod'],
    ['require example.com/lib', 'indirect', 'keyword.other.indirect.go.mod'],
    ['require example.com/lib', 'indirect', 'comment.line.double-slash.go.mod'],
    ['exclude example.com/bad', 'exclude', 'keyword.other.directive.go.mod'],
    ['exclude example.com/bad', 'v0.1.0', 'constant.numeric.version.go.mod'],
    ['replace example.com/lib', '=>', 'keyword.operator.replace.go.mod'],
    ['replace example.com/lib', 'v1.2.3', 'constant.numeric.version.go.mod'],
    ['replace example.com/lib', '../lib', 'string.unquoted.path.go.mod'],
    ['retract [', '[', 'punctuation.section.brackets.begin.go.mod'],
    ['retract [', 'v1.0.5', 'constant.numeric.version.go.mod'],
    ['retract [', ' published by mistake', 'comment.line.double-slash.go.mod'],
    ['tool golang.org', 'golang.org/x/tools/cmd/stringer', 'string.unquoted.package-path.go.mod'],
    ['ignore ./node_modules', 'ignore', 'keyword.other.directive.go.mod'],
    ['ignore ./node_modules', './node_modules', 'string.unquoted.path.go.mod'],
    ['require "example.com/quoted"', 'example.com/quoted', 'string.quoted.double.go.mod'],
    ['require "example.com/quoted"', 'v1.0.0', 'constant.numeric.version.go.mod'],
    ['require `example.com/raw`', 'example.com/raw', 'string.quoted.raw.go.mod'],
    ['frobnicate', 'frobnicate', 'invalid.illegal.unknown-directive.go.mod'],
  ]));

test('go.mod block forms keep the directive scope on every line', () =>
  check('blocks.go.mod', 'source.go.mod', [
    ['require (', '(', 'punctuation.section.parens.begin.go.mod'],
    ['example.com/a v1.0.0', 'example.com/a', 'meta.directive.require.block.go.mod'],
    ['example.com/a v1.0.0', 'v1.0.0', 'constant.numeric.version.go.mod'],
    ['example.com/b v0.0.0', 'indirect', 'keyword.other.indirect.go.mod'],
    ['a comment line inside', ' a comment line inside a block', 'comment.line.double-slash.go.mod'],
    ['example.com/c v2.0.0+incompatible', '+incompatible', 'storage.modifier.incompatible.go.mod'],
    ['example.com/a => example.com/fork', 'example.com/fork', 'string.unquoted.module-path.go.mod'],
    ['example.com/a => example.com/fork', 'v1.1.0', 'meta.directive.replace.block.go.mod'],
    ['=> ./local/b', './local/b', 'string.unquoted.path.go.mod'],
    ['=> /abs/c', '/abs/c', 'string.unquoted.path.go.mod'],
    ['example.com/a v0.9.0', 'v0.9.0', 'meta.directive.exclude.block.go.mod'],
    ['v1.0.1 // broken', 'v1.0.1', 'meta.directive.retract.block.go.mod'],
    ['[v1.1.0, v1.1.9]', ',', 'punctuation.separator.comma.go.mod'],
    ['[v1.1.0, v1.1.9]', ']', 'punctuation.section.brackets.end.go.mod'],
    ['panicnil=1', 'panicnil', 'variable.other.godebug-key.go.mod'],
    ['example.com/a/cmd/gen', 'example.com/a/cmd/gen', 'meta.directive.tool.block.go.mod'],
    ['./third_party', './third_party', 'meta.directive.ignore.block.go.mod'],
    ['\tstatic', 'static', 'string.unquoted.path.go.mod'],
  ]));

test('go.mod version shapes: releases, pseudo-versions, +incompatible', () =>
  check('versions.go.mod', 'source.go.mod', [
    ['go 1.21rc1', '1.21rc1', 'constant.numeric.go-version.go.mod'],
    ['toolchain default', 'default', 'constant.other.toolchain.go.mod'],
    ['example.com/release', 'v1.2.3', 'constant.numeric.version.go.mod'],
    ['example.com/pre ', 'v1.2.3-beta.1', 'constant.numeric.version.go.mod'],
    ['example.com/pseudo/base', 'v0.0.0-20191109021931-daa7c04131f5', 'constant.numeric.version.pseudo.go.mod'],
    ['example.com/pseudo/patch', 'v1.2.4-0.20191109021931-daa7c04131f5', 'constant.numeric.version.pseudo.go.mod'],
    ['example.com/pseudo/pre', 'v1.2.3-pre.0.20191109021931-daa7c04131f5', 'constant.numeric.version.pseudo.go.mod'],
    ['example.com/incompat', 'v3.0.0', 'constant.numeric.version.go.mod'],
    ['example.com/incompat', '+incompatible', 'storage.modifier.incompatible.go.mod'],
    ['example.com/pseudoincompat', 'v2.0.1-0.20191109021931-daa7c04131f5', 'constant.numeric.version.pseudo.go.mod'],
    ['example.com/pseudoincompat', '+incompatible', 'storage.modifier.incompatible.go.mod'],
    // A path that starts like a version is still a path.
    ['v1.example.com/notaversion', 'v1.example.com/notaversion', 'string.unquoted.module-path.go.mod'],
  ]));

test('go.work directives, and require is not one of them', () =>
  check('workspace.go.work', 'source.go.work', [
    ['// Every go.work', '//', 'punctuation.definition.comment.go.mod'],
    ['go 1.26', 'go', 'keyword.other.directive.go.work'],
    ['go 1.26', '1.26', 'constant.numeric.go-version.go.mod'],
    ['toolchain go1.26.1', 'go1.26.1', 'constant.other.toolchain.go.mod'],
    ['godebug httpmuxgo121', 'httpmuxgo121', 'variable.other.godebug-key.go.mod'],
    ['use ./api', 'use', 'keyword.other.directive.go.work'],
    ['use ./api', './api', 'string.unquoted.path.go.mod'],
    ['use (', '(', 'punctuation.section.parens.begin.go.work'],
    ['./auth //', './auth', 'meta.directive.use.block.go.work'],
    ['./auth //', ' the auth service', 'comment.line.double-slash.go.mod'],
    ['../shared', '../shared', 'string.unquoted.path.go.mod'],
    ['"./quoted dir"', './quoted dir', 'string.quoted.double.go.mod'],
    ['replace example.com/lib', '=>', 'keyword.operator.replace.go.mod'],
    ['replace example.com/lib', '../lib', 'string.unquoted.path.go.mod'],
    ['example.com/x => example.com/y', 'v1.2.3', 'meta.directive.replace.block.go.work'],
    ['require example.com/notallowed', 'require', 'invalid.illegal.unknown-directive.go.work'],
  ]));

test('go.sum lines: module, version, /go.mod suffix, h1 hash', () =>
  check('checksums.go.sum', 'source.go.sum', [
    ['// go.sum has no comments', '// go.sum has no comments: this first line is scoped invalid, like any malformed line.', 'invalid.illegal.line.go.sum'],
    ['golang.org/x/text v0.3.0 h1', 'golang.org/x/text', 'string.unquoted.module-path.go.sum'],
    ['golang.org/x/text v0.3.0 h1', 'v0.3.0', 'constant.numeric.version.go.sum'],
    ['golang.org/x/text v0.3.0 h1', 'h1', 'support.type.hash-algorithm.go.sum'],
    ['golang.org/x/text v0.3.0 h1', 'g61tztE5qeGQ89tm6NTjjM9VPIm088od1l6aSorWRWg=', 'constant.other.hash.go.sum'],
    ['v0.3.0/go.mod', '/go.mod', 'storage.modifier.go-mod-suffix.go.sum'],
    ['example.com/pseudo', 'v0.0.0-20191109021931-daa7c04131f5', 'constant.numeric.version.pseudo.go.sum'],
    ['example.com/incompat', 'v3.0.0+incompatible', 'constant.numeric.version.go.sum'],
    ['example.com/incompat', '/go.mod', 'storage.modifier.go-mod-suffix.go.sum'],
    ['example.com/future', 'h9', 'invalid.illegal.unknown-hash.go.sum'],
  ]));

test('every fixture starts with a line saying what it demonstrates', async () => {
  for (const f of ['directives.go.mod', 'blocks.go.mod', 'versions.go.mod', 'workspace.go.work', 'checksums.go.sum']) {
    assert.match(fixture(f).split('\n')[0]!, /^\/\/ \S/, f);
  }
});
