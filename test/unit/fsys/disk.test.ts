// The disk as the engine reads it: whole-file reads are bounded, special files are never read, and
// a read that fails says why (readFailure), as the caching layer keeps it until a change.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { DiskFileSystem, MAX_TEXT_BYTES } from '../../../server/src/fsys/fsys';
import { CachingFileSystem, DirtySet } from '../../../server/src/fsys/cache';

function tempDir(): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'gmd-disk-')));
}

test('a file over MAX_TEXT_BYTES is not read whole, and says so; its head still reads', () => {
  const dir = tempDir();
  try {
    const big = path.join(dir, 'go.sum');
    fs.writeFileSync(big, Buffer.alloc(MAX_TEXT_BYTES + 1, 0x61));
    const disk = new DiskFileSystem();
    assert.equal(disk.readText(big), undefined);
    assert.equal(disk.readFailure(big)?.reason, 'too-large');
    assert.equal(disk.readHead(big, 4)?.length, 4);
    const exact = path.join(dir, 'go.mod');
    fs.writeFileSync(exact, Buffer.alloc(MAX_TEXT_BYTES, 0x61));
    assert.equal(disk.readText(exact)?.length, MAX_TEXT_BYTES);
    assert.equal(disk.readFailure(exact), undefined);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('special files are never read: a FIFO and a device say what they are; a file whose size reads 0 is read whole', () => {
  const dir = tempDir();
  try {
    const fifo = path.join(dir, 'go.mod');
    spawnSync('mkfifo', [fifo]);
    const disk = new DiskFileSystem();
    // Without a writer, a read of the FIFO would block for ever: these return at once.
    assert.equal(disk.readText(fifo), undefined);
    assert.equal(disk.readHead(fifo, 4096), undefined);
    assert.equal(disk.readBytes(fifo), undefined);
    assert.deepEqual(disk.readFailure(fifo), { reason: 'special', what: 'is a FIFO (named pipe), not a regular file' });
    const zero = path.join(dir, 'go.work');
    fs.symlinkSync('/dev/zero', zero);
    assert.equal(disk.readText(zero), undefined);
    assert.equal(disk.readFailure(zero)?.what, 'is a character device, not a regular file');
    // /proc files are regular and say size 0: read to their end all the same.
    if (fs.existsSync('/proc/self/status')) assert.match(disk.readText('/proc/self/status') ?? '', /^Name:/);
    assert.equal(disk.readFailure(path.join(dir, 'missing')), undefined);
    assert.equal(disk.readFailure(dir), undefined);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('CachingFileSystem keeps why a read failed until a change names the file', () => {
  const dir = tempDir();
  try {
    const file = path.join(dir, 'go.mod');
    fs.writeFileSync(file, Buffer.alloc(MAX_TEXT_BYTES + 1, 0x61));
    const cache = new CachingFileSystem(new DiskFileSystem());
    assert.equal(cache.readFailure(file)?.reason, 'too-large');
    fs.writeFileSync(file, 'module example.com/m\n');
    assert.equal(cache.readFailure(file)?.reason, 'too-large', 'kept until a change is reported');
    cache.invalidate(new DirtySet([{ path: file, kind: 'changed' }]));
    assert.equal(cache.readFailure(file), undefined);
    assert.equal(cache.readText(file), 'module example.com/m\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
