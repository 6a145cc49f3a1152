// An incremental analysis must say exactly what an analysis from scratch says. For every fixture
// case, a FolderAnalyzer follows a script of edits (a go.mod renamed and restored, a go.work
// created or trimmed, a package added and removed, an import added, a nested go.mod), told of each
// change as a watcher would tell it; after every step its verdicts and diagnostics must equal a
// fresh analyzeFolder's, and a step that touches one module must keep other packages' verdicts.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeFolder, FolderAnalyzer } from '../../../server/src/analyze/analyze';
import { DiskFileSystem } from '../../../server/src/fsys/fsys';
import type { FileChange } from '../../../server/src/fsys/cache';
import { loadGoEnv } from '../../../server/src/env/goenv';
import type { GoEnv } from '../../../server/src/env/types';
import type { Analysis } from '../../../server/src/analyze/types';
import { listCases, moduleRoots, prepareCase } from '../../harness/cases';
import { hermeticGo } from '../../harness/goenv';
import { writeTree } from '../../harness/tree';

/** What a user sees of an analysis: every verdict and every diagnostic with its fixes. */
function visible(a: Analysis): unknown {
  const res = (r: Analysis['imports'][number]['editor'] | undefined) => (r === undefined ? null : r.ok ? ['ok', r.via, r.dir, r.module ?? null, r.warnings ?? null] : ['broken', r.code, r.message, r.evidence]);
  return {
    imports: a.imports.map((v) => [v.file, v.importPath, v.range, res(v.editor), res(v.terminal)]).sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y))),
    diagnostics: a.diagnostics.map((d) => JSON.stringify(d)).sort(),
  };
}

interface Step {
  name: string;
  /** Makes the change on disk and returns what a watcher would report. */
  apply(): FileChange[];
}

function write(file: string, text: string, changes: FileChange[]): void {
  const existed = fs.existsSync(file);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  changes.push({ path: file, kind: existed ? 'changed' : 'created' });
}

function remove(p: string, changes: FileChange[]): void {
  fs.rmSync(p, { recursive: true, force: true });
  changes.push({ path: p, kind: 'deleted' });
}

/** The edit script for a case tree: each step undone by a later one, so the tree ends as it began. */
function script(dir: string): Step[] {
  const roots = moduleRoots(dir);
  const steps: Step[] = [{ name: 'nothing changed', apply: () => [] }];
  const first = roots[0];
  if (first) {
    const goMod = path.join(first, 'go.mod');
    const original = fs.readFileSync(goMod, 'utf8');
    const renamed = original.replace(/^module\s+(\S+)/m, (_m, p: string) => `module ${p}renamed`);
    steps.push(
      { name: 'a comment appended to a go.mod', apply: () => (c => (write(goMod, original + '\n// touched\n', c), c))([]) },
      { name: 'a go.mod renames its module', apply: () => (c => (write(goMod, renamed, c), c))([]) },
      { name: 'the go.mod restored', apply: () => (c => (write(goMod, original, c), c))([]) },
    );
    const pkg = path.join(first, 'zz_added');
    const modPath = /^module\s+(\S+)/m.exec(original)?.[1] ?? 'example.com/x';
    steps.push(
      { name: 'a package added', apply: () => (c => (write(path.join(pkg, 'a.go'), `package zz_added\n\nimport (\n\t"fmt"\n\t"${modPath}/zz_missing"\n)\n\nvar _ = fmt.Sprint\n`, c), c))([]) },
      { name: 'an import added to it', apply: () => (c => (write(path.join(pkg, 'b.go'), `package zz_added\n\nimport "${modPath}/zz_added/inner"\n`, c), write(path.join(pkg, 'inner', 'i.go'), 'package inner\n', c), c))([]) },
      { name: 'a nested go.mod makes it a module of its own', apply: () => (c => (write(path.join(pkg, 'go.mod'), `module ${modPath}/zz_added\n\ngo 1.22\n`, c), c))([]) },
      { name: 'the package removed', apply: () => (c => (remove(pkg, c), c))([]) },
    );
  }
  const work = path.join(dir, 'go.work');
  if (fs.existsSync(work)) {
    const original = fs.readFileSync(work, 'utf8');
    const trimmed = original.replace(/^\s*(use\s+)?\.\/[^\s)]+\s*$/m, '');
    steps.push(
      { name: 'a use line dropped from go.work', apply: () => (c => (write(work, trimmed, c), c))([]) },
      { name: 'go.work restored', apply: () => (c => (write(work, original, c), c))([]) },
    );
  } else if (roots.length > 0) {
    const uses = roots.map((r) => `\t./${path.relative(dir, r).split(path.sep).join('/')}`).join('\n');
    steps.push(
      { name: 'a go.work created', apply: () => (c => (write(work, `go 1.22\n\nuse (\n${uses}\n)\n`, c), c))([]) },
      { name: 'the go.work deleted', apply: () => (c => (remove(work, c), c))([]) },
    );
  }
  return steps;
}

async function envs(c: { env: Record<string, string>; terminalEnv?: Record<string, string> }): Promise<{ editorEnv: GoEnv; terminalEnv?: GoEnv }> {
  return { editorEnv: await loadGoEnv(c.env), terminalEnv: c.terminalEnv ? await loadGoEnv(c.terminalEnv) : undefined };
}

for (const name of listCases()) {
  test(`incremental analysis equals a fresh one through edits: ${name}`, async () => {
    const c = await prepareCase(name);
    try {
      const opts = await envs(c);
      const analyzer = new FolderAnalyzer(c.dir, new DiskFileSystem());
      await analyzer.analyze(opts);
      for (const step of script(c.dir)) {
        analyzer.filesChanged(step.apply());
        const incremental = await analyzer.analyze(opts);
        const fresh = await analyzeFolder(c.dir, opts);
        assert.deepEqual(visible(incremental), visible(fresh), `${name}, after: ${step.name}`);
        if (step.name === 'nothing changed') assert.equal(analyzer.counts.kept, analyzer.counts.packages, 'an analysis with no change keeps every package');
      }
    } finally {
      c.dispose();
    }
  });
}

test('an edit to one go.mod of a workspace resolves again only the packages it can affect', async () => {
  const c = await prepareCase('workspace-misses-module');
  try {
    const opts = await envs(c);
    // Ten more modules in the workspace, each importing the next: a rename of the last one
    // concerns its own package and the one module that imports it.
    const uses: string[] = [];
    for (let i = 0; i < 10; i++) {
      const m = path.join(c.dir, 'chain', `m${i}`);
      fs.mkdirSync(m, { recursive: true });
      fs.writeFileSync(path.join(m, 'go.mod'), `module example.com/chain/m${i}\n\ngo 1.22\n`);
      fs.writeFileSync(path.join(m, 'm.go'), `package m${i}\n\n${i > 0 ? `import _ "example.com/chain/m${i - 1}"\n` : ''}`);
      uses.push(`./chain/m${i}`);
    }
    fs.writeFileSync(path.join(c.dir, 'go.work'), `go 1.22\n\nuse (\n${[...uses, ...moduleRoots(c.dir).filter((r) => !r.includes(`${path.sep}chain${path.sep}`)).map((r) => './' + path.relative(c.dir, r))].map((u) => `\t${u}`).join('\n')}\n)\n`);
    const analyzer = new FolderAnalyzer(c.dir, new DiskFileSystem());
    await analyzer.analyze(opts);
    const goMod = path.join(c.dir, 'chain', 'm4', 'go.mod');
    fs.writeFileSync(goMod, 'module example.com/chain/m4renamed\n\ngo 1.22\n');
    analyzer.filesChanged([{ path: goMod, kind: 'changed' }]);
    const after = await analyzer.analyze(opts);
    assert.deepEqual(visible(after), visible(await analyzeFolder(c.dir, opts)));
    const { packages, kept } = analyzer.counts;
    assert.equal(packages - kept, 2, `m4 and m5 resolved again, the other ${packages - 2} kept (kept ${kept})`);
    assert.ok(after.diagnostics.some((d) => d.file === path.join(c.dir, 'chain', 'm5', 'm.go')), 'm5 can no longer import m4');
  } finally {
    c.dispose();
  }
});

test('an analysis cancelled before its pass reports no package, and the next one analyses the change', async () => {
  const go = hermeticGo();
  try {
    // app imports lib, which nothing wires in: the explanation names lib's module path.
    const dir = path.join(go.root, 'ws');
    writeTree(dir, {
      'app/go.mod': 'module example.com/app\n\ngo 1.22\n',
      'app/main.go': 'package main\n\nimport _ "example.com/lib"\n\nfunc main() {}\n',
      'lib/go.mod': 'module example.com/lib\n\ngo 1.22\n',
      'lib/lib.go': 'package lib\n',
    });
    const opts = { editorEnv: await loadGoEnv(go.env) };
    const analyzer = new FolderAnalyzer(dir, new DiskFileSystem());
    await analyzer.analyze(opts);
    const goMod = path.join(dir, 'lib', 'go.mod');
    fs.writeFileSync(goMod, 'module example.com/lib2\n\ngo 1.22\n');
    analyzer.filesChanged([{ path: goMod, kind: 'changed' }]);
    const cancel = new AbortController();
    cancel.abort();
    const cancelled = await analyzer.analyze({ ...opts, signal: cancel.signal });
    assert.equal(cancelled.packages.size, 0, 'a pass cancelled before it began visited nothing');
    const next = await analyzer.analyze(opts);
    assert.deepEqual(visible(next), visible(await analyzeFolder(dir, opts)), 'the change is analysed after all');
    // The import, and lib's module line that causes it.
    assert.deepEqual(next.diagnostics.map((d) => [path.relative(dir, d.file), d.code]), [[path.join('app', 'main.go'), 'module-path-mismatch'], [path.join('lib', 'go.mod'), 'module-path-mismatch']]);
  } finally {
    go.dispose();
  }
});

test('a change made before a watcher is live is seen once it is (keepChanged checks what was read unwatched)', async () => {
  const go = hermeticGo();
  try {
    const dir = path.join(go.root, 'ws');
    writeTree(dir, {
      'go.mod': 'module example.com/app\n\ngo 1.22\n',
      'main.go': 'package main\n\nimport _ "example.com/app/util"\n\nfunc main() {}\n',
      'util/util.go': 'package util\n',
    });
    const opts = { editorEnv: await loadGoEnv(go.env) };
    let watched = false;
    const analyzer = new FolderAnalyzer(dir, new DiskFileSystem(), { keep: () => watched });
    assert.deepEqual((await analyzer.analyze(opts)).diagnostics, []);
    // While the watcher still scans, the module line changes: nobody reports it.
    fs.writeFileSync(path.join(dir, 'go.mod'), 'module example.com/ap\n\ngo 1.22\n');
    watched = true;
    assert.equal(analyzer.keepChanged(), true, 'the change is found');
    const next = await analyzer.analyze(opts);
    assert.deepEqual(next.diagnostics.map((d) => [path.basename(d.file), d.code]), [['main.go', 'module-path-mismatch'], ['go.mod', 'module-path-mismatch']]);
    assert.deepEqual(visible(next), visible(await analyzeFolder(dir, opts)));
    assert.equal(analyzer.keepChanged(), false, 'nothing changed since');
  } finally {
    go.dispose();
  }
});
