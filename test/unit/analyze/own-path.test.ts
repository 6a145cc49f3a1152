// ownPackageElsewhere: when an import names the importing module's own package under another
// module path — and when a package that merely shares a directory name is not one.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DiskFileSystem } from '../../../server/src/fsys/fsys';
import { parseGoMod } from '../../../server/src/parse/gomod';
import type { LocalModule } from '../../../server/src/analyze/local-modules';
import { ownPackageElsewhere } from '../../../server/src/analyze/own-path';
import { explainWithLocalModules } from '../../../server/src/analyze/local-explain';
import type { Broken, Resolution, View } from '../../../server/src/resolve/types';

function tree(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'gmd-own-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}

function local(root: string, rel = '.'): LocalModule {
  const file = path.join(root, rel, 'go.mod');
  const modFile = parseGoMod(fs.readFileSync(file, 'utf8'), file);
  return { root: path.join(root, rel), path: modFile.module?.path ?? '', modFile };
}

test('a typo away from the module line, or ending in the module directory name: its own package', () => {
  const root = tree({
    'svc/go.mod': 'module example.com/shop/svc\n',
    'svc/util/u.go': 'package util\n',
    'svc/nested/go.mod': 'module example.com/shop/svc/nested\n',
    'svc/nested/x/x.go': 'package x\n',
  });
  try {
    const fsys = new DiskFileSystem();
    const svc = local(root, 'svc');
    const nested = local(root, 'svc/nested');
    const mods = [svc, nested];
    const typo = ownPackageElsewhere({ ...svc, path: 'example.com/shop/scv' }, mods, 'example.com/shop/svc/util', fsys);
    assert.equal(typo?.expectedPath, 'example.com/shop/svc');
    assert.equal(typo?.packageDir, path.join(root, 'svc', 'util'));
    // Renamed far from its old name, but the path still ends in the directory's name.
    const renamed = ownPackageElsewhere({ ...svc, path: 'svc' }, mods, 'github.com/acme/svc/util', fsys);
    assert.equal(renamed?.expectedPath, 'github.com/acme/svc');
    // Its declared path resolves by itself; a package of a nested module is not its own.
    assert.equal(ownPackageElsewhere(svc, mods, 'example.com/shop/svc/util', fsys), undefined);
    assert.equal(ownPackageElsewhere({ ...svc, path: 'example.com/shop/scv' }, mods, 'example.com/shop/svc/nested/x', fsys), undefined);
    // Another project's package that shares a directory name with one of ours.
    assert.equal(ownPackageElsewhere(svc, mods, 'github.com/other/tools/util', fsys), undefined);
    // No Go files there.
    assert.equal(ownPackageElsewhere({ ...svc, path: 'example.com/shop/scv' }, mods, 'example.com/shop/svc/missing', fsys), undefined);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('another major version of the same module is not its own package', () => {
  const root = tree({ 'tool/go.mod': 'module github.com/acme/tool/v2\n', 'tool/util/u.go': 'package util\n' });
  try {
    const tool = local(root, 'tool');
    assert.equal(ownPackageElsewhere(tool, [tool], 'github.com/acme/tool/util', new DiskFileSystem()), undefined);
    assert.equal(ownPackageElsewhere(tool, [tool], 'github.com/acme/tool/v3/util', new DiskFileSystem()), undefined);
    assert.equal(ownPackageElsewhere({ ...tool, path: 'github.com/acme/tool/v2x' }, [tool], 'github.com/acme/tool/v2/util', new DiskFileSystem())?.expectedPath, 'github.com/acme/tool/v2');
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

// explainWithLocalModules on an import go could not look inside yet (the providing module's files
// or checksum are missing): only a published copy of the module itself makes it our own package.
test('a missing download is a module line mistake only when the missing module is a published copy of this one', () => {
  const root = tree({
    'exporters/legacy/go.mod': 'module example.com/telemetry/exporters/legacy\n',
    'exporters/legacy/legacy.go': 'package legacy\n',
    'kit/go.mod': 'module example.com/kti\n',
    'kit/util/util.go': 'package util\n',
  });
  try {
    const fsys = new DiskFileSystem();
    const exporter = local(root, 'exporters/legacy');
    const kit = local(root, 'kit');
    const mods = [exporter, kit];
    const viewWith = (...paths: string[]) => ({ buildList: new Map(paths.map((p) => [p, { path: p, version: 'v1.0.0' }])) }) as unknown as View;
    const notInCache = (importPath: string): Broken => ({ ok: false, importPath, code: 'module-not-in-cache', headline: 'h', message: 'm', evidence: [] });
    const missingSum = (importPath: string): Broken => ({ ...notInCache(importPath), code: 'missing-go-sum' });
    const codeOf = (r: Resolution) => (r.ok ? 'ok' : r.code);
    // example.com/kit/legacy ends in the exporter's directory name, but example.com/kit provides it.
    for (const r of [notInCache('example.com/kit/legacy'), missingSum('example.com/kit/legacy')]) {
      assert.equal(codeOf(explainWithLocalModules(r, viewWith('example.com/kit'), mods, root, fsys, exporter.root)), r.code);
    }
    // A published example.com/kit is what the mistyped module kit/ (example.com/kti) used to be.
    for (const r of [notInCache('example.com/kit/util'), missingSum('example.com/kit/util')]) {
      assert.equal(codeOf(explainWithLocalModules(r, viewWith('example.com/kit'), mods, root, fsys, kit.root)), 'module-path-mismatch');
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
