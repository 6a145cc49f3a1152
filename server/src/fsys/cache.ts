// Reads that outlive one analysis. The language server analyses the same tree again after every
// change; reading and scanning 20,000 files each time costs seconds, while a change touches a few.
// CachingFileSystem keeps what it read until a change names it (gopls keys its file handles the
// same way: by what the watcher reported, not by polling the disk), and RecordingFileSystem notes
// what a computation read, so a caller can tell whether a change can affect its result.
//
// Dependencies are keys: `R:<file>` (contents), `S:<path>` (stat), `L:<dir>` (the listing of a
// directory), `D:<dir>` (what is derived from the files directly in it), `P:<path>` (realpath).

import * as path from 'node:path';
import type { DirEntry, FileInfo, FileSystem, ReadFailure } from './fsys';

export type FileChangeKind = 'created' | 'changed' | 'deleted';

export interface FileChange {
  path: string;
  kind: FileChangeKind;
}

/** The dependency keys a change invalidates. A changed file changes its contents, its stat and
 * what is derived from its directory; a created or deleted path also changes its directory's
 * listing and, because a whole new tree may have appeared or gone with it, the stat, listing and
 * derived values of every ancestor, and everything under it. */
export class DirtySet {
  private readonly keys = new Set<string>();
  /** Created or deleted paths: everything under them is dirty too. */
  private readonly trees = new Set<string>();

  constructor(changes: readonly FileChange[]) {
    for (const c of changes) {
      const p = c.path;
      this.keys.add('R:' + p).add('S:' + p).add('D:' + path.dirname(p)).add('P:' + p);
      if (c.kind === 'changed') continue;
      this.keys.add('L:' + p).add('D:' + p);
      this.trees.add(p);
      for (let d = path.dirname(p); ; d = path.dirname(d)) {
        this.keys.add('S:' + d).add('L:' + d).add('D:' + d).add('P:' + d);
        if (path.dirname(d) === d) break;
      }
    }
  }

  get empty(): boolean {
    return this.keys.size === 0;
  }

  /** Whether every invalidated key is listed by keys() (no whole tree was created or deleted). */
  get enumerable(): boolean {
    return this.trees.size === 0;
  }

  listKeys(): Iterable<string> {
    return this.keys;
  }

  /** Whether a dependency key is invalidated. */
  has(key: string): boolean {
    if (this.keys.has(key)) return true;
    if (this.trees.size === 0) return false;
    // A git checkout reports thousands of paths: look the key's ancestors up rather than scan them.
    for (let d = path.dirname(key.slice(2)); ; d = path.dirname(d)) {
      if (this.trees.has(d)) return true;
      if (path.dirname(d) === d) return false;
    }
  }

  /** Whether any of `deps` is invalidated. */
  hits(deps: ReadonlySet<string>): boolean {
    // A save invalidates a handful of keys and a package read dozens: look the fewer up.
    if (this.trees.size === 0 && this.keys.size < deps.size) {
      for (const k of this.keys) if (deps.has(k)) return true;
      return false;
    }
    for (const d of deps) if (this.has(d)) return true;
    return false;
  }
}

export interface CachingOptions {
  /** Paths whose reads are trusted until a change names them: ones a watcher reports changes for,
   * and GOROOT, which does not change under a running server. Reads of other paths are checked
   * again by revalidate. */
  keep(p: string): boolean;
}

export class CachingFileSystem implements FileSystem {
  private readonly texts = new Map<string, string | undefined>();
  /** By path, then by maxBytes. */
  private readonly heads = new Map<string, Map<number, string | undefined>>();
  private readonly stats = new Map<string, FileInfo | undefined>();
  private readonly dirs = new Map<string, DirEntry[] | undefined>();
  private readonly realpaths = new Map<string, string | undefined>();
  private readonly failures = new Map<string, ReadFailure | undefined>();
  /** By directory, then by name. */
  private readonly derived = new Map<string, Map<string, unknown>>();
  /** Paths read that keep() does not cover. */
  private unkept = new Set<string>();

  constructor(
    private readonly inner: FileSystem,
    readonly options: CachingOptions = { keep: () => true },
  ) {}

  readText(p: string): string | undefined {
    return memo(this.texts, p, () => this.read(p, () => this.inner.readText(p)));
  }

  readHead(p: string, maxBytes: number): string | undefined {
    let byMax = this.heads.get(p);
    if (!byMax) this.heads.set(p, (byMax = new Map()));
    return memo(byMax, maxBytes, () => this.read(p, () => this.inner.readHead(p, maxBytes)));
  }

  /** Not memoized: callers may modify the buffer, and whole-file byte reads are rare. */
  readBytes(p: string): Buffer | undefined {
    return this.inner.readBytes(p);
  }

  stat(p: string): FileInfo | undefined {
    return memo(this.stats, p, () => this.read(p, () => this.inner.stat(p)));
  }

  readDir(p: string): DirEntry[] | undefined {
    // A copy: a caller that sorts or filters its listing in place must not change the next one's.
    return memo(this.dirs, p, () => this.read(p, () => this.inner.readDir(p)))?.slice();
  }

  realpath(p: string): string | undefined {
    return memo(this.realpaths, p, () => this.read(p, () => this.inner.realpath(p)));
  }

  /** Asked only after a read failed: kept like the contents, and forgotten with them or the stat. */
  readFailure(p: string): ReadFailure | undefined {
    return memo(this.failures, p, () => this.inner.readFailure(p));
  }

  /** A read from the inner file system, noting paths revalidate must check. */
  private read<T>(p: string, r: () => T): T {
    if (!this.options.keep(p)) this.unkept.add(p);
    return r();
  }

  derive<T>(dir: string, name: string, compute: () => T, keepIf: (v: T) => boolean = () => true): T {
    let byName = this.derived.get(dir);
    if (byName?.has(name)) return byName.get(name) as T;
    const v = compute();
    if (keepIf(v)) {
      if (!byName) this.derived.set(dir, (byName = new Map()));
      byName.set(name, v);
    }
    return v;
  }

  /** Forgets what changes invalidate. */
  invalidate(dirty: DirtySet): void {
    if (dirty.empty) return;
    if (dirty.enumerable) {
      for (const key of dirty.listKeys()) {
        const p = key.slice(2);
        if (key.startsWith('R:')) (this.texts.delete(p), this.heads.delete(p), this.failures.delete(p));
        else if (key.startsWith('S:')) (this.stats.delete(p), this.failures.delete(p));
        else if (key.startsWith('L:')) this.dirs.delete(p);
        else if (key.startsWith('D:')) this.derived.delete(p);
        else this.realpaths.delete(p);
      }
      return;
    }
    drop(this.texts, (k) => dirty.has('R:' + k));
    drop(this.heads, (k) => dirty.has('R:' + k));
    drop(this.failures, (k) => dirty.has('R:' + k) || dirty.has('S:' + k));
    drop(this.stats, (k) => dirty.has('S:' + k));
    drop(this.dirs, (k) => dirty.has('L:' + k));
    drop(this.realpaths, (k) => dirty.has('P:' + k));
    drop(this.derived, (k) => dirty.has('D:' + k));
  }

  /** Called before each analysis: reads again what was read of paths nobody watches (the module
   * cache, GOPATH) and returns, as changes, those that differ; the cache is invalidated for them. */
  revalidate(): FileChange[] {
    const changes: FileChange[] = [];
    for (const p of this.unkept) {
      if (!this.holds(p)) {
        this.unkept.delete(p);
        continue;
      }
      const kind = this.changeAt(p);
      if (kind) changes.push({ path: p, kind });
    }
    this.invalidate(new DirtySet(changes));
    return changes;
  }

  /** keep() answers differently now (the watched roots changed): sort the cached paths again. */
  reclassify(): void {
    const keep = this.options.keep;
    this.unkept = new Set();
    for (const m of [this.texts, this.heads, this.stats, this.dirs, this.realpaths]) for (const p of m.keys()) if (!keep(p)) this.unkept.add(p);
  }

  private holds(p: string): boolean {
    return this.stats.has(p) || this.dirs.has(p) || this.realpaths.has(p) || this.texts.has(p) || this.heads.has(p);
  }

  /** How what is cached of `p` differs from the inner file system now, if it does. */
  private changeAt(p: string): FileChangeKind | undefined {
    if (this.stats.has(p)) {
      const v = this.stats.get(p);
      const now = this.inner.stat(p);
      if (!now !== !v) return 'created';
      if (now && v && (now.isDir !== v.isDir || now.size !== v.size || now.mtimeMs !== v.mtimeMs)) return 'changed';
    }
    if (this.dirs.has(p) && !sameListing(this.inner.readDir(p), this.dirs.get(p))) return 'created';
    if (this.realpaths.has(p) && this.inner.realpath(p) !== this.realpaths.get(p)) return 'created';
    if (this.texts.has(p) && this.inner.readText(p) !== this.texts.get(p)) return 'changed';
    for (const [max, v] of this.heads.get(p) ?? []) if (this.inner.readHead(p, max) !== v) return 'changed';
    return undefined;
  }

  clear(): void {
    for (const m of [this.texts, this.heads, this.stats, this.dirs, this.realpaths, this.derived, this.failures]) m.clear();
    this.unkept.clear();
  }
}

/** Notes the dependency keys of every read, passing reads to `inner`. */
export class RecordingFileSystem implements FileSystem {
  readonly deps = new Set<string>();

  constructor(private readonly inner: FileSystem) {}

  readText(p: string): string | undefined {
    this.deps.add('R:' + p);
    return this.inner.readText(p);
  }

  readHead(p: string, maxBytes: number): string | undefined {
    this.deps.add('R:' + p);
    return this.inner.readHead(p, maxBytes);
  }

  readBytes(p: string): Buffer | undefined {
    this.deps.add('R:' + p);
    return this.inner.readBytes(p);
  }

  stat(p: string): FileInfo | undefined {
    this.deps.add('S:' + p);
    return this.inner.stat(p);
  }

  readDir(p: string): DirEntry[] | undefined {
    this.deps.add('L:' + p);
    return this.inner.readDir(p);
  }

  realpath(p: string): string | undefined {
    this.deps.add('P:' + p);
    return this.inner.realpath(p);
  }

  readFailure(p: string): ReadFailure | undefined {
    this.deps.add('R:' + p);
    return this.inner.readFailure(p);
  }

  /** Notes keys another recording noted: a result it computed is being reused here. A recording
   * this one reads through notes them too, as it notes the reads that pass through. */
  record(keys: ReadonlySet<string>): void {
    for (const k of keys) this.deps.add(k);
    if (this.inner instanceof RecordingFileSystem) this.inner.record(keys);
  }

  derive<T>(dir: string, name: string, compute: () => T, keepIf?: (v: T) => boolean): T {
    this.deps.add('D:' + dir);
    // The computation reads through this recorder, so a result computed now records its reads too.
    return this.inner.derive ? this.inner.derive(dir, name, compute, keepIf) : compute();
  }
}

function memo<K, T>(cache: Map<K, T>, key: K, read: () => T): T {
  if (cache.has(key)) return cache.get(key) as T;
  const v = read();
  cache.set(key, v);
  return v;
}

function sameListing(a: DirEntry[] | undefined, b: DirEntry[] | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.length !== b.length) return false;
  return a.every((e, i) => e.name === b[i].name && e.isDir === b[i].isDir && e.isFile === b[i].isFile && e.isSymlink === b[i].isSymlink);
}

function drop<T>(cache: Map<string, T>, stale: (key: string) => boolean): void {
  for (const k of cache.keys()) if (stale(k)) cache.delete(k);
}
