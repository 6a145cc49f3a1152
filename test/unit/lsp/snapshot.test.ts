// SnapshotFileSystem: one analysis reads each file once; a new snapshot sees the disk again.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DiskFileSystem } from '../../../server/src/fsys/fsys';
import { SnapshotFileSystem } from '../../../server/src/lsp/snapshot';

test('SnapshotFileSystem answers repeated reads from memory, including misses; a new one reads the disk', () => {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'gmd-snapshot-')));
  try {
    const file = path.join(dir, 'a.go');
    fs.writeFileSync(file, 'package a\n');
    const disk = new DiskFileSystem();
    const reads: string[] = [];
    const counting = new Proxy(disk, {
      get: (target, name: keyof DiskFileSystem) => (...args: [string, number]) => (reads.push(`${String(name)} ${path.basename(args[0])}`), (target[name] as (...a: unknown[]) => unknown).apply(target, args)),
    });
    const snap = new SnapshotFileSystem(counting);
    for (let i = 0; i < 3; i++) {
      assert.equal(snap.readHead(file, 4096), 'package a\n');
      assert.equal(snap.readText(path.join(dir, 'missing.go')), undefined);
      assert.deepEqual(snap.readDir(dir)?.map((e) => e.name), ['a.go']);
      assert.equal(snap.stat(file)?.size, 10);
    }
    assert.deepEqual(reads, ['readHead a.go', 'readText missing.go', 'readDir ' + path.basename(dir), 'stat a.go']);
    // A listing handed out is the caller's: changing it leaves the next one as it was.
    snap.readDir(dir)!.length = 0;
    assert.equal(snap.readDir(dir)?.length, 1);

    fs.writeFileSync(file, 'package b\n');
    assert.equal(snap.readHead(file, 4096), 'package a\n', 'within one analysis the first read stands');
    assert.equal(new SnapshotFileSystem(disk).readHead(file, 4096), 'package b\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
