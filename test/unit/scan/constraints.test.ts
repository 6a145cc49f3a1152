// Build-constraint evaluation against go: random //go:build expressions and // +build lines,
// one file each, listed by go under a few build contexts.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ageTree, quietGo } from '../env/quiet-go';
import { parseJsonStream } from '../../harness/proxy';
import { DiskFileSystem } from '../../../server/src/fsys/fsys';
import { readPackageDir } from '../../../server/src/scan/package';
import { buildContextOf, clearGoEnvCache, loadGoEnv } from '../../../server/src/env/goenv';
import { parseGoBuildExpr, parsePlusBuildExpr } from '../../../server/src/scan/constraints';

const TAGS = ['linux', 'windows', 'darwin', 'android', 'amd64', 'arm64', 'cgo', 'unix', 'gc', 'gccgo', 'foo', 'go1.18', 'go1.99', 'ignore'];

function makeRandom(seed: number) {
  return (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
}

function randomGoBuild(rand: (n: number) => number, depth = 0): string {
  const r = rand(depth > 2 ? 2 : 6);
  if (r === 0) return TAGS[rand(TAGS.length)]!;
  if (r === 1) return `!${TAGS[rand(TAGS.length)]}`;
  if (r === 2) return `(${randomGoBuild(rand, depth + 1)})`;
  if (r === 3) return `!(${randomGoBuild(rand, depth + 1)})`;
  return `${randomGoBuild(rand, depth + 1)} ${r === 4 ? '&&' : '||'} ${randomGoBuild(rand, depth + 1)}`;
}

function randomPlusBuild(rand: (n: number) => number): string {
  const clauses = Array.from({ length: 1 + rand(3) }, () =>
    Array.from({ length: 1 + rand(3) }, () => `${rand(3) === 0 ? '!' : ''}${TAGS[rand(TAGS.length)]}`).join(','),
  );
  return `// +build ${clauses.join(' ')}`;
}

test('random //go:build and // +build constraints select the files go selects', async () => {
  const go = quietGo();
  try {
    const dir = path.join(go.root, 'm');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'go.mod'), 'module example.com/m\n\ngo 1.26\n');
    const rand = makeRandom(20260101);
    for (let i = 0; i < 150; i++) {
      const head =
        i % 3 === 2
          ? `${randomPlusBuild(rand)}\n${rand(2) ? `${randomPlusBuild(rand)}\n` : ''}`
          : `//go:build ${randomGoBuild(rand)}\n`;
      fs.writeFileSync(path.join(dir, `f${String(i).padStart(3, '0')}.go`), `${head}\npackage m\n`);
    }
    ageTree(dir);
    const configs: Record<string, string>[] = [
      { GOOS: 'linux', GOARCH: 'amd64', CGO_ENABLED: '0', GOFLAGS: '-tags=foo' },
      { GOOS: 'windows', GOARCH: 'arm64', CGO_ENABLED: '1' },
      { GOOS: 'android', GOARCH: 'amd64', CGO_ENABLED: '1', GOFLAGS: '-tags=ignore' },
    ];
    for (const config of configs) {
      const r = await go.run(['list', '-e', '-json', '.'], dir, config);
      const [listed] = parseJsonStream(r.stdout) as { GoFiles?: string[]; IgnoredGoFiles?: string[] }[];
      clearGoEnvCache();
      const pd = readPackageDir(new DiskFileSystem(), dir, buildContextOf(await loadGoEnv({ ...go.env, ...config })))!;
      assert.deepEqual(pd.goFiles, listed!.GoFiles ?? [], JSON.stringify(config));
      assert.deepEqual(pd.ignoredGoFiles, listed!.IgnoredGoFiles ?? [], JSON.stringify(config));
    }
  } finally {
    clearGoEnvCache();
    go.dispose();
  }
});

test('expression shapes: precedence, parentheses, legacy syntax', () => {
  const show = (x: ReturnType<typeof parseGoBuildExpr>['expr']): string =>
    !x ? '?' : x.kind === 'tag' ? x.tag : x.kind === 'not' ? `!${show(x.x)}` : `(${show(x.x)} ${x.kind} ${show(x.y)})`;
  assert.equal(show(parseGoBuildExpr('a || b && !c').expr), '(a or (b and !c))');
  assert.equal(show(parseGoBuildExpr('(a || b) && c').expr), '((a or b) and c)');
  assert.equal(show(parseGoBuildExpr('é_1.x').expr), 'é_1.x');
  assert.equal(parseGoBuildExpr('!!a').error, 'double negation not allowed');
  assert.equal(show(parsePlusBuildExpr('a,!b c').expr), '((a and !b) or c)');
  assert.equal(show(parsePlusBuildExpr('!!a').expr), 'ignore');
  assert.equal(show(parsePlusBuildExpr('').expr), 'ignore');
});
