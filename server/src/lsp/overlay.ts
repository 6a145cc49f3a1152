// The engine's FileSystem with open editor buffers laid over the disk: an unsaved go.mod or .go
// file is analysed as the user sees it. Buffers that exist only in the editor appear in their
// directory's listing too. A buffer larger than the disk's limit is refused as a file that large
// would be (MAX_TEXT_BYTES): whole-file reads of it fail, and it is never parsed.

import * as path from 'node:path';
import { DiskFileSystem, MAX_TEXT_BYTES, tooLarge } from '../fsys/fsys';
import type { DirEntry, FileInfo, FileSystem, ReadFailure } from '../fsys/fsys';

/** Open buffers by absolute path: the text and when it last changed. */
export interface BufferSource {
  get(file: string): { text: string; changedAt: number } | undefined;
  /** Paths of all open buffers. */
  paths(): Iterable<string>;
}

export class OverlayFileSystem implements FileSystem {
  constructor(
    private readonly buffers: BufferSource,
    private readonly disk: FileSystem = new DiskFileSystem(),
  ) {}

  readText(p: string): string | undefined {
    const b = this.buffers.get(p);
    if (!b) return this.disk.readText(p);
    return oversized(b.text) ? undefined : b.text;
  }

  readFailure(p: string): ReadFailure | undefined {
    const b = this.buffers.get(p);
    if (!b) return this.disk.readFailure(p);
    return oversized(b.text) ? tooLarge(Buffer.byteLength(b.text, 'utf8')) : undefined;
  }

  readHead(p: string, maxBytes: number): string | undefined {
    const b = this.buffers.get(p);
    if (!b) return this.disk.readHead(p, maxBytes);
    const bytes = Buffer.from(b.text, 'utf8');
    if (bytes.length <= maxBytes) return b.text;
    const s = bytes.subarray(0, maxBytes).toString('utf8');
    return s.endsWith('\uFFFD') ? s.slice(0, -1) : s;
  }

  readBytes(p: string): Buffer | undefined {
    const b = this.buffers.get(p);
    if (!b) return this.disk.readBytes(p);
    return oversized(b.text) ? undefined : Buffer.from(b.text, 'utf8');
  }

  stat(p: string): FileInfo | undefined {
    const b = this.buffers.get(p);
    if (!b) return this.disk.stat(p);
    return { isDir: false, isFile: true, size: Buffer.byteLength(b.text, 'utf8'), mtimeMs: b.changedAt };
  }

  readDir(dir: string): DirEntry[] | undefined {
    const entries = this.disk.readDir(dir);
    const extra: DirEntry[] = [];
    for (const p of this.buffers.paths()) {
      if (path.dirname(p) !== dir) continue;
      const name = path.basename(p);
      if (!entries?.some((e) => e.name === name)) extra.push({ name, isDir: false, isFile: true, isSymlink: false });
    }
    if (!entries && extra.length === 0) return undefined;
    return [...(entries ?? []), ...extra];
  }

  realpath(p: string): string | undefined {
    return this.disk.realpath(p) ?? (this.buffers.get(p) ? p : undefined);
  }
}

/** Whether a buffer is over MAX_TEXT_BYTES, counted without encoding it (a UTF-16 unit is at most
 * 3 bytes of UTF-8). */
export function oversized(text: string): boolean {
  if (text.length <= MAX_TEXT_BYTES / 3) return false;
  return text.length > MAX_TEXT_BYTES || Buffer.byteLength(text, 'utf8') > MAX_TEXT_BYTES;
}
