// CachingFileSystem and DirtySet: reads are kept until a change names them; unwatched paths are
// checked again before each analysis; RecordingFileSystem's keys are what a change invalidates.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DiskFileSystem } from '../../../server/src/fsys/fsys';
import { CachingFileSystem, DirtySet, RecordingFileSystem } from '../../../server/src/fsys/cache';

function tempDir(): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'gmd-cache-')));
}

/** The disk, with every read logged as "method basename". */
function countingDisk(reads: string[]): DiskFileSystem {
  const disk = new DiskFileSystem();
  return new Proxy(disk, {
    get: (target, name: keyof DiskFileSystem) => (...args: [string, number]) => (reads.push(`${String(name)} ${path.basename(args[0])}`), (target[name] as (...a: unknown[]) => unknown).apply(target, args)),
  });
}

test('CachingFileSystem answers repeated reads from memory, misses included, until a change names them', () => {
  const dir = tempDir();
  try {
    const file = path.join(dir, 'a.go');
    fs.writeFileSync(file, 'package a\n');
    const reads: string[] = [];
    const cache = new CachingFileSystem(countingDisk(reads));
    for (let i = 0; i < 3; i++) {
      assert.equal(cache.readHead(file, 4096), 'package a\n');
      assert.equal(cache.readText(path.join(dir, 'missing.go')), undefined);
      assert.deepEqual(cache.readDir(dir)?.map((e) => e.name), ['a.go']);
      assert.equal(cache.stat(file)?.size, 10);
    }
    assert.deepEqual(reads, ['readHead a.go', 'readText missing.go', 'readDir ' + path.basename(dir), 'stat a.go']);
    // A listing handed out is the caller's: changing it leaves the next one as it was.
    cache.readDir(dir)!.length = 0;
    assert.equal(cache.readDir(dir)?.length, 1);

    fs.writeFileSync(file, 'package b\n');
    assert.equal(cache.readHead(file, 4096), 'package a\n', 'no change reported yet');
    cache.invalidate(new DirtySet([{ path: file, kind: 'changed' }]));
    assert.equal(cache.readHead(file, 4096), 'package b\n');
    assert.equal(cache.readText(path.join(dir, 'missing.go')), undefined);
    assert.ok(!reads.slice(4).includes('readText missing.go'), 'a change to a.go leaves other files cached');

    fs.writeFileSync(path.join(dir, 'missing.go'), 'package a\n');
    cache.invalidate(new DirtySet([{ path: path.join(dir, 'missing.go'), kind: 'created' }]));
    assert.deepEqual(cache.readDir(dir)?.map((e) => e.name).sort(), ['a.go', 'missing.go'], 'a created file changes its directory listing');
    assert.equal(cache.readText(path.join(dir, 'missing.go')), 'package a\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('derived values last as long as the directory they were computed from', () => {
  const dir = tempDir();
  try {
    fs.mkdirSync(path.join(dir, 'p'));
    fs.mkdirSync(path.join(dir, 'q'));
    const cache = new CachingFileSystem(new DiskFileSystem());
    let computed = 0;
    const scan = (d: string) => cache.derive(path.join(dir, d), 'scan', () => ++computed);
    assert.equal(scan('p'), 1);
    assert.equal(scan('p'), 1);
    assert.equal(scan('q'), 2);
    cache.invalidate(new DirtySet([{ path: path.join(dir, 'p', 'x.go'), kind: 'changed' }]));
    assert.equal(scan('p'), 3, 'a file in p changed');
    assert.equal(scan('q'), 2, 'q did not');
    assert.equal(cache.derive(dir, 'odd', () => 'not kept', () => false), 'not kept');
    assert.equal(cache.derive(dir, 'odd', () => 'computed again', () => false), 'computed again');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('revalidate reads unwatched paths again and reports those that changed', () => {
  const watched = tempDir();
  const elsewhere = tempDir();
  try {
    const w = path.join(watched, 'go.mod');
    const e = path.join(elsewhere, 'go.mod');
    fs.writeFileSync(w, 'module w\n');
    fs.writeFileSync(e, 'module e\n');
    const cache = new CachingFileSystem(new DiskFileSystem(), { keep: (p) => p.startsWith(watched + path.sep) });
    assert.equal(cache.readText(w), 'module w\n');
    assert.equal(cache.readText(e), 'module e\n');
    assert.equal(cache.stat(path.join(elsewhere, 'vendor')), undefined);
    assert.deepEqual(cache.revalidate(), [], 'nothing changed');

    fs.writeFileSync(w, 'module w2\n');
    fs.writeFileSync(e, 'module e2\n');
    fs.mkdirSync(path.join(elsewhere, 'vendor'));
    const changes = cache.revalidate();
    assert.deepEqual(changes.map((c) => c.path).sort(), [e, path.join(elsewhere, 'vendor')].sort());
    assert.equal(cache.readText(e), 'module e2\n');
    assert.equal(cache.stat(path.join(elsewhere, 'vendor'))?.isDir, true);
    assert.equal(cache.readText(w), 'module w\n', 'a watched path waits for its watcher');
  } finally {
    fs.rmSync(watched, { recursive: true, force: true });
    fs.rmSync(elsewhere, { recursive: true, force: true });
  }
});

test('DirtySet: what a changed, created or deleted path invalidates', () => {
  const changed = new DirtySet([{ path: '/w/m/p/a.go', kind: 'changed' }]);
  assert.ok(changed.has('R:/w/m/p/a.go') && changed.has('S:/w/m/p/a.go') && changed.has('D:/w/m/p'));
  assert.ok(!changed.has('L:/w/m/p') && !changed.has('L:/w/m') && !changed.has('R:/w/m/p/b.go') && !changed.has('S:/w/m/p'), 'its directory lists the same names');
  // More dependencies than invalidated keys: hits looks the keys up in the dependencies instead.
  const many = new Set(Array.from({ length: 20 }, (_, i) => `R:/w/m/p/f${i}.go`));
  assert.ok(!changed.hits(many));
  assert.ok(changed.hits(new Set([...many, 'D:/w/m/p'])));

  const created = new DirtySet([{ path: '/w/m/new/a.go', kind: 'created' }]);
  assert.ok(created.has('L:/w/m/new') && created.has('S:/w/m/new') && created.has('L:/w/m') && created.has('S:/w'), 'a new file may come with new directories');
  assert.ok(!created.has('R:/w/m/go.mod'));

  const deleted = new DirtySet([{ path: '/w/m/gone', kind: 'deleted' }]);
  assert.ok(deleted.has('R:/w/m/gone/x/a.go') && deleted.has('L:/w/m/gone/x'), 'everything under a deleted directory');
  assert.ok(!deleted.has('R:/w/m/gonebut/a.go'));
  assert.ok(deleted.hits(new Set(['R:/elsewhere', 'S:/w/m/gone/x'])));
  assert.ok(!deleted.hits(new Set(['R:/elsewhere'])));
});

test('RecordingFileSystem notes the keys a change would invalidate', () => {
  const dir = tempDir();
  try {
    fs.writeFileSync(path.join(dir, 'a.go'), 'package a\n');
    const rec = new RecordingFileSystem(new CachingFileSystem(new DiskFileSystem()));
    rec.readHead(path.join(dir, 'a.go'), 10);
    rec.stat(path.join(dir, 'go.mod'));
    rec.derive(dir, 'scan', () => 1);
    assert.deepEqual([...rec.deps].sort(), [`D:${dir}`, `R:${path.join(dir, 'a.go')}`, `S:${path.join(dir, 'go.mod')}`]);
    assert.ok(new DirtySet([{ path: path.join(dir, 'go.mod'), kind: 'created' }]).hits(rec.deps));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
