// One analysis reads the same files many times: every view that resolves an import into a package
// reads that package's heads, and every per-module terminal view reads the go.work and all its
// go.mod and go.sum files. SnapshotFileSystem answers repeated reads from memory for the lifetime
// of one analysis (made afresh for each, never kept), so nothing cached can outlive a change: a
// change during an analysis aborts it and schedules a new one, which reads the disk again.

import type { DirEntry, FileInfo, FileSystem } from '../fsys/fsys';

export class SnapshotFileSystem implements FileSystem {
  private readonly texts = new Map<string, string | undefined>();
  private readonly heads = new Map<string, string | undefined>();
  private readonly stats = new Map<string, FileInfo | undefined>();
  private readonly dirs = new Map<string, DirEntry[] | undefined>();
  private readonly realpaths = new Map<string, string | undefined>();

  constructor(private readonly fs: FileSystem) {}

  readText(p: string): string | undefined {
    return memo(this.texts, p, () => this.fs.readText(p));
  }

  readHead(p: string, maxBytes: number): string | undefined {
    return memo(this.heads, `${maxBytes}\0${p}`, () => this.fs.readHead(p, maxBytes));
  }

  /** Not memoized: callers may modify the buffer, and whole-file byte reads are rare. */
  readBytes(p: string): Buffer | undefined {
    return this.fs.readBytes(p);
  }

  stat(p: string): FileInfo | undefined {
    return memo(this.stats, p, () => this.fs.stat(p));
  }

  readDir(p: string): DirEntry[] | undefined {
    // A copy: a caller that sorts or filters its listing in place must not change the next one's.
    return memo(this.dirs, p, () => this.fs.readDir(p))?.slice();
  }

  realpath(p: string): string | undefined {
    return memo(this.realpaths, p, () => this.fs.realpath(p));
  }
}

function memo<T>(cache: Map<string, T>, key: string, read: () => T): T {
  if (cache.has(key)) return cache.get(key) as T;
  const v = read();
  cache.set(key, v);
  return v;
}
