// The package pass gives the event loop a turn every 50 packages once its time slice is up, also
// when that falls on a module's last package, and a pass resumed slice by slice records what one
// run to the end records.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { DiskFileSystem } from '../../../server/src/fsys/fsys';
import { CachingFileSystem, DirtySet } from '../../../server/src/fsys/cache';
import { loadGoEnv } from '../../../server/src/env/goenv';
import { ViewCache } from '../../../server/src/resolve/view';
import { folderLayout } from '../../../server/src/analyze/layout';
import { EditorViews } from '../../../server/src/analyze/views';
import { PackagePass, type ModuleDirs } from '../../../server/src/analyze/pass';
import { PackageMemory, ViewChanges } from '../../../server/src/analyze/records';
import { hermeticGo } from '../../harness/goenv';
import { writeTree } from '../../harness/tree';

test('a pass past its deadline stops every 50 packages, at a module boundary too, and resumes to the same records', async () => {
  const go = hermeticGo();
  try {
    // Six modules of ten packages: the 50th package is the last of the fifth module.
    const files: Record<string, string> = {};
    for (let m = 0; m < 6; m++) {
      files[`m${m}/go.mod`] = `module example.com/m${m}\n\ngo 1.22\n`;
      for (let p = 0; p < 10; p++) files[`m${m}/p${p}/p.go`] = `package p${p}\n\nimport _ "fmt"\n`;
    }
    const dir = path.join(go.root, 'ws');
    writeTree(dir, files);
    const env = await loadGoEnv(go.env);
    const fs = new CachingFileSystem(new DiskFileSystem());
    const layout = folderLayout(dir, fs);
    const modules: ModuleDirs[] = layout.modules.map((m) => ({ moduleDir: m.root, mod: m, dirs: m.packageDirs }));
    const newPass = () => new PackagePass(new PackageMemory(), false, new EditorViews(dir, env, fs, new ViewCache(fs)), undefined, new DirtySet([]), new ViewChanges(), fs);

    const sliced = newPass();
    const at = { module: 0, dir: 0 };
    let stops = 0;
    while (!sliced.visitUntil(modules, at, -Infinity)) stops++;
    assert.equal(stops, 1, 'one stop, after the 50th of 60 packages');
    const whole = newPass();
    assert.equal(whole.visitUntil(modules, { module: 0, dir: 0 }, Infinity), true);
    const summary = (p: PackagePass) => [...p.records()].map(([d, r]) => [path.relative(dir, d), r.verdicts.map((v) => [v.importPath, v.editor.ok])]);
    assert.equal(sliced.visited.length, 6);
    assert.deepEqual(summary(sliced), summary(whole));
    assert.equal([...sliced.records()].length, 60);
  } finally {
    go.dispose();
  }
});
