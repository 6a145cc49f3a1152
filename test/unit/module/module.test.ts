// module/semver, gover and path against Go's own code: every answer is compared with the x/mod
// sources (and go/version) of the installed Go tree, run as a small program.

import { test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { buildXModOracle, type XModOracle } from './xmod-oracle';
import { isValidSemver, compareSemver, semverMajor, canonicalSemver, isPseudoVersion } from '../../../server/src/module/semver';
import { compareGoVersion, isValidGoVersion, goLanguageVersion, goVersionFromToolchain } from '../../../server/src/module/gover';
import {
  checkModulePath, checkImportPath, splitPathVersion, checkPathMajor, escapeModulePath, escapeVersion,
  unescapeModulePath, unescapeVersion, isDirectoryPath, isStandardImportPath, hasPathPrefix,
} from '../../../server/src/module/path';

let oracle: XModOracle;
before(async () => {
  oracle = await buildXModOracle();
});
after(() => oracle?.dispose());

const semvers = [
  'v1', 'v1.2', 'v1.2.3', 'v0.0.0', 'v01.2.3', 'v1.02.3', 'v1.2.03', '1.2.3', 'v', '', 'v1.2.3.4', 'v1.2.x',
  'v1.2.3-pre', 'v1.2.3-pre.1', 'v1.2.3-pre.01', 'v1.2.3-0pre', 'v1.2.3-pre..1', 'v1.2.3-', 'v1.2.3+meta', 'v1.2.3+meta.01',
  'v1.2.3-pre+meta', 'v1.2.3+', 'v2.0.0+incompatible', 'v2.0+incompatible', 'v1.2.3-alpha', 'v1.2.3-alpha.1', 'v1.2.3-alpha.beta',
  'v1.2.3-beta', 'v1.2.3-beta.2', 'v1.2.3-beta.11', 'v1.2.3-rc.1', 'v1.2.4', 'v10.0.0', 'v9.0.0', 'v1.10.0', 'v1.9.0',
  'v0.0.0-20191109021931-daa7c04131f5', 'v1.2.4-0.20191109021931-daa7c04131f5', 'v1.2.3-pre.0.20191109021931-daa7c04131f5',
  'v2.0.0-20191109021931-daa7c04131f5+incompatible', 'v0.0.0-2019110902193-daa7c04131f5', 'v1.2.3-0.20191109021931-daa7c04131f5',
  'v0.0.0-00010101000000-000000000000', 'v1.2.3-x.0.20191109021931-daa7c04131f5', 'v1.0.0-RC1', 'v1.2.3-a-b', 'V1.2.3',
];

test('semver: validity, major, canonical form and pseudo-versions match x/mod', () => {
  const calls = semvers.flatMap((v) => [
    { fn: 'semver.IsValid', args: [v] },
    { fn: 'semver.Major', args: [v] },
    { fn: 'module.CanonicalVersion', args: [v] },
    { fn: 'module.IsPseudoVersion', args: [v] },
  ]);
  const want = oracle.ask(calls);
  const got = semvers.flatMap((v) => [isValidSemver(v), semverMajor(v), canonicalSemver(v), isPseudoVersion(v)]);
  for (let i = 0; i < calls.length; i++) assert.deepEqual(got[i], want[i], `${calls[i].fn}(${calls[i].args.join(', ')})`);
});

test('semver: Compare over every pair matches x/mod', () => {
  const calls = semvers.flatMap((a) => semvers.map((b) => ({ fn: 'semver.Compare', args: [a, b] })));
  const want = oracle.ask(calls);
  calls.forEach((c, i) => assert.equal(compareSemver(c.args[0], c.args[1]), want[i], `compare(${c.args[0]}, ${c.args[1]})`));
});

// No "-" or "+" suffixes: go/version drops them (go1.21-bigcorp), gover does not.
const goVersions = [
  '1', '1.0', '1.0.1', '1.16', '1.17', '1.20', '1.20.3', '1.21', '1.21rc1', '1.21rc2', '1.21beta1', '1.21alpha1', '1.21.0',
  '1.21.1', '1.21.10', '1.21.9', '1.22', '1.22.0', '1.26', '1.26.8', '2', '1.021', '1.21.', '1.21rc', '1.21RC1',
  '', 'go1.21', '1.21.0rc1', '10.0', '1.9', '1.100',
];

test('gover: Compare, IsValid and Lang match go/version', () => {
  const calls = goVersions.flatMap((a) => goVersions.map((b) => ({ fn: 'version.Compare', args: [a, b] })));
  const want = oracle.ask(calls);
  calls.forEach((c, i) => assert.equal(compareGoVersion(c.args[0], c.args[1]), want[i], `compare(${c.args[0]}, ${c.args[1]})`));
  const valid = oracle.ask(goVersions.map((v) => ({ fn: 'version.IsValid', args: [v] })));
  goVersions.forEach((v, i) => assert.equal(isValidGoVersion(v), valid[i], `isValid(${v})`));
  const lang = oracle.ask(goVersions.map((v) => ({ fn: 'version.Lang', args: [v] })));
  // go/version.Lang answers with the "go" prefix and '' for invalid versions.
  goVersions.forEach((v, i) => assert.equal(goLanguageVersion(v) === '' ? '' : 'go' + goLanguageVersion(v), lang[i], `lang(${v})`));
});

test('gover: toolchain names', () => {
  assert.equal(goVersionFromToolchain('go1.21.3'), '1.21.3');
  assert.equal(goVersionFromToolchain('go1.22.0-custom'), '1.22.0');
  assert.equal(goVersionFromToolchain('default'), '');
  assert.equal(goVersionFromToolchain('go1.21/x'), '');
});

const paths = [
  'example.com/m', 'example.com/m/v2', 'example.com/m/v1', 'example.com/m/v0', 'example.com/m/v02', 'example.com/m/v2.1',
  'example.com/m/v2/pkg', 'gopkg.in/yaml.v2', 'gopkg.in/yaml.v0', 'gopkg.in/yaml.v01', 'gopkg.in/yaml', 'gopkg.in/check.v1-unstable',
  'github.com/Azure/azure-sdk', 'github.com/user/repo', 'Example.com/m', 'example/m', 'fmt', 'net/http', 'my-module',
  '-example.com/m', 'example.com//m', 'example.com/m/', '/example.com', '', 'example.com/.m', 'example.com/m.', 'example.com/...',
  'example.com/m+x', 'example.com/m@v1', 'example.com/con', 'example.com/com1.txt', 'example.com/a~1', 'example.com/a~b',
  'exa_mple.com/m', 'example.com/é', 'example.com/m v1', 'example.com/"q"', 'example.com/a\\b', 'ex!ample.com/m',
  'github.com/!azure/x', 'github.com/!!x', 'github.com/!', 'github.com/!1', 'example.com/m/v3/internal', 'localhost.localdomain/x',
];

test('path: CheckPath, CheckImportPath, SplitPathVersion and escaping match x/mod', () => {
  const calls = paths.flatMap((p) => [
    { fn: 'module.CheckPath', args: [p] },
    { fn: 'module.CheckImportPath', args: [p] },
    { fn: 'module.SplitPathVersion', args: [p] },
    { fn: 'module.EscapePath', args: [p] },
    { fn: 'module.UnescapePath', args: [p] },
    { fn: 'modfile.IsDirectoryPath', args: [p] },
  ]);
  const want = oracle.ask(calls);
  const got = paths.flatMap((p) => [
    checkModulePath(p) ?? null,
    checkImportPath(p) ?? null,
    splitPathVersion(p) ?? null,
    // x/mod escapes only valid module paths; ours escapes anything, so compare where x/mod answers.
    null,
    unescapeModulePath(p) ?? null,
    isDirectoryPath(p),
  ]);
  for (let i = 0; i < calls.length; i++) {
    if (calls[i].fn === 'module.EscapePath') {
      if (want[i] !== null) assert.equal(escapeModulePath(calls[i].args[0]), want[i], `escape(${calls[i].args[0]})`);
      continue;
    }
    assert.deepEqual(got[i], want[i], `${calls[i].fn}(${JSON.stringify(calls[i].args[0])})`);
  }
});

test('path: CheckPathMajor and EscapeVersion match x/mod', () => {
  const majors = ['', '/v2', '/v3', '.v1', '.v2', '.v0', '.v1-unstable'];
  const versions = ['v0.1.0', 'v1.2.3', 'v2.0.0', 'v3.1.0', 'v2.0.0+incompatible', 'v0.0.0-20191109021931-daa7c04131f5', 'v1.0.0-RC1'];
  const calls = versions.flatMap((v) => majors.map((m) => ({ fn: 'module.CheckPathMajor', args: [v, m] })));
  const want = oracle.ask(calls);
  calls.forEach((c, i) => assert.equal(checkPathMajor(c.args[0], c.args[1]) ?? null, want[i], `checkPathMajor(${c.args.join(', ')})`));
  const esc = oracle.ask(versions.map((v) => ({ fn: 'module.EscapeVersion', args: [v] })));
  versions.forEach((v, i) => assert.equal(escapeVersion(v), esc[i]));
  const escaped = ['v1.0.0-!r!c1', 'v1.0.0-RC1', 'v1.0.0-!1', 'v1.0.0!', 'v1.0.0', 'master', 'a/b', '..', 'v1 x', 'v1.0.0-!r!c1+build'];
  const unesc = oracle.ask(escaped.map((v) => ({ fn: 'module.UnescapeVersion', args: [v] })));
  escaped.forEach((v, i) => assert.equal(unescapeVersion(v) ?? null, unesc[i], `unescapeVersion(${v})`));
});

test('path: standard import paths and path prefixes', () => {
  assert.equal(isStandardImportPath('net/http'), true);
  assert.equal(isStandardImportPath('example.com/x'), false);
  assert.equal(isStandardImportPath('mymod/x.y'), true);
  assert.equal(hasPathPrefix('a/b/c', 'a/b'), true);
  assert.equal(hasPathPrefix('a/b', 'a/b'), true);
  assert.equal(hasPathPrefix('a/bc', 'a/b'), false);
  assert.equal(hasPathPrefix('a', ''), true);
  assert.equal(hasPathPrefix('a', 'a/b'), false);
});
