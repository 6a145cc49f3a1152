// The terminal's environment per module directory (AnalyzeOptions.terminalEnvFor): a shell hook
// gives one module GOFLAGS=-mod=vendor, and only that module's imports disagree with the editor —
// as the real go command run in each module directory with its environment says. Results and
// views are kept per environment object: a module whose environment did not change keeps its
// verdicts when another's changes.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { analyzeFolder, FolderAnalyzer } from '../../../server/src/analyze/analyze';
import type { Analysis } from '../../../server/src/analyze/types';
import { loadGoEnv } from '../../../server/src/env/goenv';
import type { GoEnv } from '../../../server/src/env/types';
import { DiskFileSystem } from '../../../server/src/fsys/fsys';
import { hermeticGo } from '../../harness/goenv';
import { goTruth, importKey } from '../../harness/golist';
import { writeTree } from '../../harness/tree';

/** Two modules of the same shape, each requiring the sibling lib through a replace, with no vendor
 * directory: with -mod=vendor go stops with inconsistent vendoring before loading any import. */
const FILES = {
  'lib/go.mod': 'module example.com/lib\n\ngo 1.22\n',
  'lib/lib.go': '//go:build !hidden\n\npackage lib\n\nfunc Hello() string { return "hi" }\n',
  'vendored/go.mod': 'module example.com/vendored\n\ngo 1.22\n\nrequire example.com/lib v0.0.0\n\nreplace example.com/lib => ../lib\n',
  'vendored/main.go': 'package main\n\nimport (\n\t"fmt"\n\n\t"example.com/lib"\n)\n\nfunc main() { fmt.Println(lib.Hello()) }\n',
  'vendored/sub/sub.go': 'package sub\n\nimport "example.com/lib"\n\nvar _ = lib.Hello\n',
  'plain/go.mod': 'module example.com/plain\n\ngo 1.22\n\nrequire example.com/lib v0.0.0\n\nreplace example.com/lib => ../lib\n',
  'plain/main.go': 'package main\n\nimport (\n\t"fmt"\n\n\t"example.com/lib"\n)\n\nfunc main() { fmt.Println(lib.Hello()) }\n',
};

/** What a user sees: every verdict and every diagnostic. */
function visible(a: Analysis): unknown {
  const res = (r: Analysis['imports'][number]['editor'] | undefined) => (r === undefined ? null : r.ok ? ['ok', r.via, r.dir] : ['broken', r.code, r.message]);
  return {
    imports: a.imports.map((v) => [v.file, v.importPath, res(v.editor), res(v.terminal)].map((x) => JSON.stringify(x)).join(' ')).sort(),
    diagnostics: a.diagnostics.map((d) => JSON.stringify(d)).sort(),
  };
}

const mismatchFiles = (a: Analysis) => [...new Set(a.diagnostics.filter((d) => d.code === 'editor-terminal-mismatch').map((d) => d.file))].sort();

test('a module whose terminal environment differs (GOFLAGS=-mod=vendor) is the only one whose imports disagree, as go says', async () => {
  const go = hermeticGo();
  try {
    const ws = path.join(go.root, 'ws');
    writeTree(ws, FILES);
    const dir = (rel: string) => path.join(ws, rel);
    const editorEnv = await loadGoEnv(go.env);
    const terminalEnv = await loadGoEnv({ ...go.env, PWD: ws });
    const vendorEnv = await loadGoEnv({ ...go.env, GOFLAGS: '-mod=vendor' });
    const asked: string[][] = [];
    let vendoredEnv: GoEnv = vendorEnv;
    const terminalEnvFor = async (moduleDirs: string[]) => {
      asked.push(moduleDirs);
      return new Map(moduleDirs.map((d) => [d, d === dir('vendored') ? vendoredEnv : terminalEnv]));
    };
    const analyzer = new FolderAnalyzer(ws, new DiskFileSystem());
    const a = await analyzer.analyze({ editorEnv, terminalEnv, terminalEnvFor });
    assert.deepEqual(asked, [[dir('lib'), dir('plain'), dir('vendored')]]);

    // The real go in each module directory, with that directory's terminal environment.
    const vendoredTruth = await goTruth(go, dir('vendored'), { GOFLAGS: '-mod=vendor' });
    assert.match(vendoredTruth.fatal ?? '', /inconsistent vendoring/);
    const plainTruth = await goTruth(go, dir('plain'));
    assert.equal(plainTruth.fatal, undefined);
    for (const v of a.imports) {
      assert.equal(v.editor.ok, true, `${v.file} ${v.importPath} in the editor`);
      if (v.packageDir.startsWith(dir('vendored'))) assert.equal(v.terminal?.ok, false, `${v.file} ${v.importPath}: go stops before loading it`);
      else if (v.packageDir.startsWith(dir('plain'))) {
        const truth = plainTruth.imports.get(importKey(v.packageDir, v.importPath));
        assert.ok(truth, `go listed ${v.packageDir} ${v.importPath}`);
        assert.equal(v.terminal?.ok, !truth.broken, `${v.file} ${v.importPath}`);
      } else assert.equal(v.terminal?.ok, true);
    }
    assert.deepEqual(mismatchFiles(a), [dir('vendored/go.mod'), dir('vendored/main.go'), dir('vendored/sub/sub.go')]);
    const mismatch = a.diagnostics.find((d) => d.code === 'editor-terminal-mismatch')!;
    assert.deepEqual(mismatch.blame?.blamed.map((b) => b.name), ['GOFLAGS']);
    // Each module's terminal view is in its own environment.
    const terminalViewEnv = (rel: string) => a.views.find((v) => v.role === 'terminal' && v.moduleDir === dir(rel))?.view.env;
    assert.equal(terminalViewEnv('vendored'), vendorEnv);
    assert.equal(terminalViewEnv('plain'), terminalEnv);
    assert.deepEqual(visible(a), visible(await analyzeFolder(ws, { editorEnv, terminalEnv, terminalEnvFor })));

    // Asked again with the same environment objects: everything is kept.
    const again = await analyzer.analyze({ editorEnv, terminalEnv, terminalEnvFor });
    assert.equal(analyzer.counts.kept, analyzer.counts.packages);
    assert.deepEqual(visible(again), visible(a));

    // The hook is gone from the vendored module: only its two packages are resolved again, and
    // the analysis is the one every module sharing the folder's environment gives.
    vendoredEnv = terminalEnv;
    const aligned = await analyzer.analyze({ editorEnv, terminalEnv, terminalEnvFor });
    assert.equal(analyzer.counts.packages - analyzer.counts.kept, 2, `kept ${analyzer.counts.kept} of ${analyzer.counts.packages}`);
    assert.deepEqual(mismatchFiles(aligned), []);
    const shared = await analyzeFolder(ws, { editorEnv, terminalEnv });
    assert.deepEqual(visible(aligned), visible(shared));
    assert.deepEqual(
      aligned.views.map((v) => [v.role, v.moduleDir, v.view.env === terminalEnv]),
      shared.views.map((v) => [v.role, v.moduleDir, v.view.env === terminalEnv]),
    );

    // Another environment that loads the same view (GOFLAGS=-tags=hidden changes no module, only
    // which files count, and lib has none left): the module's packages are still resolved again.
    vendoredEnv = await loadGoEnv({ ...go.env, GOFLAGS: '-tags=hidden' });
    const tagged = await analyzer.analyze({ editorEnv, terminalEnv, terminalEnvFor });
    assert.equal(analyzer.counts.packages - analyzer.counts.kept, 2, `kept ${analyzer.counts.kept} of ${analyzer.counts.packages}`);
    assert.deepEqual(mismatchFiles(tagged), [dir('vendored/main.go'), dir('vendored/sub/sub.go')]);
    const hiddenTruth = await goTruth(go, dir('vendored'), { GOFLAGS: '-tags=hidden' });
    for (const v of tagged.imports.filter((i) => i.packageDir.startsWith(dir('vendored')))) {
      assert.equal(v.terminal?.ok, !hiddenTruth.imports.get(importKey(v.packageDir, v.importPath))?.broken, `${v.file} ${v.importPath} with -tags=hidden`);
    }
    assert.ok(tagged.imports.some((v) => v.importPath === 'example.com/lib' && v.terminal?.ok === false));
    assert.deepEqual(visible(tagged), visible(await analyzeFolder(ws, { editorEnv, terminalEnv, terminalEnvFor })));
  } finally {
    go.dispose();
  }
});

test('terminalEnvFor is not asked without a terminal environment, and an empty answer means the folder’s for every module', async () => {
  const go = hermeticGo();
  try {
    const ws = path.join(go.root, 'ws');
    writeTree(ws, FILES);
    const editorEnv = await loadGoEnv(go.env);
    const terminalEnv = await loadGoEnv({ ...go.env, GOFLAGS: '-mod=vendor' });
    let asked = 0;
    const none = await analyzeFolder(ws, { editorEnv, terminalEnvFor: async () => (asked++, new Map()) });
    assert.equal(asked, 0);
    assert.ok(none.imports.every((v) => v.terminal === undefined));
    const empty = await analyzeFolder(ws, { editorEnv, terminalEnv, terminalEnvFor: async () => (asked++, new Map()) });
    assert.equal(asked, 1);
    assert.deepEqual(visible(empty), visible(await analyzeFolder(ws, { editorEnv, terminalEnv })));
    assert.deepEqual(mismatchFiles(empty), [path.join(ws, 'plain/go.mod'), path.join(ws, 'plain/main.go'), path.join(ws, 'vendored/go.mod'), path.join(ws, 'vendored/main.go'), path.join(ws, 'vendored/sub/sub.go')]);
  } finally {
    go.dispose();
  }
});
