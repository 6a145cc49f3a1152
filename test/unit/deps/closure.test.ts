// The dependency packages a main-module import reaches, judged with the real go as the truth:
// a replaced module's package whose import nothing provides breaks the import that reaches it
// (with the chain named), an edit inside the replacement directory is noticed by a kept analysis,
// an analysis whose views did not change judges no dependency package again, and the verdict
// quotes go's own error for the dependency package.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeFolder, FolderAnalyzer } from '../../../server/src/analyze/analyze';
import { DiskFileSystem } from '../../../server/src/fsys/fsys';
import { loadGoEnv } from '../../../server/src/env/goenv';
import type { Analysis } from '../../../server/src/analyze/types';
import { hermeticGo } from '../../harness/goenv';
import { writeTree } from '../../harness/tree';
import { prepareCase } from '../../harness/cases';
import { parseJsonStream } from '../../harness/proxy';
import type { ListedPackage } from '../../harness/golist';

/** app requires example.com/webkit, replaced by ../webkit; webkit's package imports its own
 * render package and, through it, example.com/webkit/render/theme. */
function writeReplacedFramework(dir: string): void {
  writeTree(dir, {
    'app/go.mod': 'module example.com/app\n\ngo 1.22\n\nrequire example.com/webkit v1.0.0\n\nreplace example.com/webkit => ../webkit\n',
    'app/main.go': 'package main\n\nimport "example.com/webkit"\n\nfunc main() { _ = webkit.Serve }\n',
    'app/util/util.go': 'package util\n',
    'app/web/web.go': 'package web\n\nimport _ "example.com/webkit"\n',
    'webkit/go.mod': 'module example.com/webkit\n\ngo 1.22\n',
    'webkit/webkit.go': 'package webkit\n\nimport "example.com/webkit/render"\n\nfunc Serve() string { return render.Page() }\n',
    'webkit/render/render.go': 'package render\n\nimport "example.com/webkit/render/theme"\n\nfunc Page() string { return theme.Name }\n',
    'webkit/render/theme/theme.go': 'package theme\n\nconst Name = "plain"\n',
  });
}

function appImport(a: Analysis, dir: string, appDir = 'app') {
  const v = a.imports.find((i) => i.file === path.join(dir, appDir, 'main.go') && i.importPath === 'example.com/webkit');
  assert.ok(v, 'the import of webkit has a verdict');
  return v.editor;
}

test('an edit deep in a replaced module breaks the main-module import that reaches it, and mending it restores it', async () => {
  const go = hermeticGo();
  try {
    const dir = path.join(go.root, 'ws');
    writeReplacedFramework(dir);
    const env = { ...go.env, GOWORK: 'off' };
    const opts = { editorEnv: await loadGoEnv(env) };
    const analyzer = new FolderAnalyzer(dir, new DiskFileSystem());
    assert.equal(appImport(await analyzer.analyze(opts), dir).ok, true);
    assert.equal((await go.run(['build', './...'], path.join(dir, 'app'), env)).exitCode, 0, 'go builds app as it is');

    // The theme package, two imports below app's, starts importing what no module provides.
    const theme = path.join(dir, 'webkit', 'render', 'theme', 'theme.go');
    const original = fs.readFileSync(theme, 'utf8');
    fs.writeFileSync(theme, 'package theme\n\nimport "example.com/palette"\n\nvar Name = palette.Default\n');
    analyzer.filesChanged([{ path: theme, kind: 'changed' }]);
    const broken = appImport(await analyzer.analyze(opts), dir);
    assert.equal(broken.ok, false);
    if (broken.ok) return;
    assert.equal(broken.code, 'no-required-module');
    assert.deepEqual(broken.chain, { packages: ['example.com/webkit', 'example.com/webkit/render', 'example.com/webkit/render/theme'], failingImport: 'example.com/palette' });
    assert.match(broken.message, /example\.com\/webkit → example\.com\/webkit\/render → example\.com\/webkit\/render\/theme → example\.com\/palette/);
    const build = await go.run(['build', './...'], path.join(dir, 'app'), env);
    assert.notEqual(build.exitCode, 0);
    assert.match(build.stderr, /no required module provides package example\.com\/palette/, 'go fails on the same import');
    const fresh = await analyzeFolder(dir, opts);
    assert.deepEqual(appImport(fresh, dir), broken, 'a fresh analysis says the same');
    // Every package importing webkit is broken, the one that resolved it first included.
    const web = (a: Analysis) => a.imports.find((i) => i.file === path.join(dir, 'app', 'web', 'web.go'))?.editor;
    assert.equal(web(fresh)?.ok, false);
    assert.deepEqual(web(await analyzer.analyze(opts)), web(fresh));

    fs.writeFileSync(theme, original);
    analyzer.filesChanged([{ path: theme, kind: 'changed' }]);
    assert.equal(appImport(await analyzer.analyze(opts), dir).ok, true);
  } finally {
    go.dispose();
  }
});

test('an analysis after an edit that changes no view judges no dependency package again', async () => {
  const go = hermeticGo();
  try {
    const dir = path.join(go.root, 'ws');
    writeReplacedFramework(dir);
    const opts = { editorEnv: await loadGoEnv({ ...go.env, GOWORK: 'off' }) };
    const analyzer = new FolderAnalyzer(dir, new DiskFileSystem());
    await analyzer.analyze(opts);
    assert.equal(analyzer.counts.dependenciesJudged, 3, 'webkit, render and theme judged once (for main.go and web.go)');

    // main.go itself changes (its verdicts are made anew), and so does another package of app.
    const main = path.join(dir, 'app', 'main.go');
    fs.appendFileSync(main, '\n// edited\n');
    const util = path.join(dir, 'app', 'util', 'util.go');
    fs.writeFileSync(util, 'package util\n\nimport _ "example.com/webkit/render"\n');
    analyzer.filesChanged([{ path: main, kind: 'changed' }, { path: util, kind: 'changed' }]);
    const a = await analyzer.analyze(opts);
    assert.ok(analyzer.counts.packages > analyzer.counts.kept, 'the edited packages were resolved again');
    assert.equal(analyzer.counts.dependenciesJudged, 0, 'their dependency packages were judged before');
    assert.equal(appImport(a, dir).ok, true);

    // A comment in go.mod reloads the view; the judgements hold, and main.go, resolved again with
    // them, still notices a later change below.
    const goMod = path.join(dir, 'app', 'go.mod');
    fs.appendFileSync(goMod, '\n// edited\n');
    analyzer.filesChanged([{ path: goMod, kind: 'changed' }]);
    await analyzer.analyze(opts);
    assert.equal(analyzer.counts.dependenciesJudged, 0, 'a comment changes no judgement');
    const theme = path.join(dir, 'webkit', 'render', 'theme', 'theme.go');
    fs.writeFileSync(theme, 'package theme\n\nimport "example.com/palette"\n\nvar Name = palette.Default\n');
    analyzer.filesChanged([{ path: theme, kind: 'changed' }]);
    const broken = await analyzer.analyze(opts);
    assert.equal(appImport(broken, dir).ok, false);
    assert.deepEqual(broken.imports.map((i) => [i.file, i.editor.ok]), (await analyzeFolder(dir, opts)).imports.map((i) => [i.file, i.editor.ok]));
  } finally {
    go.dispose();
  }
});

test('a go.mod edit that changes a module only the dependency packages reach is not missed by a kept verdict', async () => {
  const go = hermeticGo();
  try {
    const dir = path.join(go.root, 'ws');
    writeReplacedFramework(dir);
    // A workspace of app and other; webkit imports example.com/tracing, which other's go.mod
    // requires and replaces by a directory. app's own imports do not name tracing.
    const otherMod = path.join(dir, 'other', 'go.mod');
    const wired = 'module example.com/other\n\ngo 1.22\n\nrequire example.com/tracing v1.0.0\n\nreplace example.com/tracing => ../tracing\n';
    writeTree(dir, {
      'go.work': 'go 1.22\n\nuse (\n\t./app\n\t./other\n)\n',
      'other/go.mod': wired,
      'other/other.go': 'package other\n\nimport _ "example.com/tracing"\n',
      'webkit/webkit.go': 'package webkit\n\nimport (\n\t"example.com/tracing"\n\t"example.com/webkit/render"\n)\n\nfunc Serve() string { return render.Page() + tracing.ID }\n',
      'tracing/go.mod': 'module example.com/tracing\n\ngo 1.22\n',
      'tracing/tracing.go': 'package tracing\n\nconst ID = "t"\n',
      // The same module in another directory, in the middle of an edit.
      'tracing-next/go.mod': 'module example.com/tracing\n\ngo 1.22\n',
      'tracing-next/tracing.go': 'package tracing\n\nimport "example.com/spans"\n\nvar ID = spans.ID\n',
    });
    const env = { ...go.env, GOWORK: path.join(dir, 'go.work') };
    const opts = { editorEnv: await loadGoEnv(env) };
    const analyzer = new FolderAnalyzer(dir, new DiskFileSystem());
    assert.equal(appImport(await analyzer.analyze(opts), dir).ok, true);
    assert.equal((await go.run(['build', './...'], path.join(dir, 'app'), env)).exitCode, 0);

    fs.writeFileSync(otherMod, wired.replace('=> ../tracing\n', '=> ../tracing-next\n'));
    analyzer.filesChanged([{ path: otherMod, kind: 'changed' }]);
    const after = appImport(await analyzer.analyze(opts), dir);
    assert.equal(after.ok, false, 'go fails: tracing now imports what nothing provides');
    if (after.ok) return;
    assert.equal(after.code, 'no-required-module');
    assert.deepEqual(after.chain, { packages: ['example.com/webkit', 'example.com/tracing'], failingImport: 'example.com/spans' });
    const build = await go.run(['build', './...'], path.join(dir, 'app'), env);
    assert.match(build.stderr, /no required module provides package example\.com\/spans/);
    assert.deepEqual(appImport(await analyzeFolder(dir, opts), dir), after);
  } finally {
    go.dispose();
  }
});

for (const name of ['transitive-go-sum-missing', 'transitive-go-mod-sum-missing']) {
  test(`the verdict quotes go's own error for the dependency package: ${name}`, async () => {
    const c = await prepareCase(name);
    try {
      const env = { ...c.env, GOWORK: 'off' };
      const a = await analyzeFolder(c.dir, { editorEnv: await loadGoEnv(env) });
      const v = appImport(a, c.dir, '');
      assert.equal(v.ok, false);
      if (v.ok) return;
      const listed = parseJsonStream<ListedPackage>((await c.go.run(['list', '-e', '-deps', '-json', './...'], c.dir, env)).stdout);
      const logkit = listed.find((p) => p.ImportPath === 'example.com/logkit');
      assert.ok(logkit?.Error, 'go fails loading example.com/logkit');
      assert.ok(v.message.endsWith(`go says: ${logkit.Error.Err}`), `engine: ${v.message}\ngo: ${logkit.Error.Err}`);
      assert.deepEqual(v.chain, { packages: ['example.com/webkit'], failingImport: 'example.com/logkit' });
    } finally {
      c.dispose();
    }
  });
}
