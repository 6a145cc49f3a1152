// The engine reads files only through this interface, so the language server can lay unsaved
// editor buffers over the disk and tests can count reads. Synchronous on purpose: resolution does
// many tiny reads, and the engine's callers bound the work per call.

import * as fs from 'node:fs';
import { decodeGoBytes } from '../text/utf8';

export interface DirEntry {
  name: string;
  isDir: boolean;
  isFile: boolean;
  isSymlink: boolean;
}

export interface FileInfo {
  isDir: boolean;
  isFile: boolean;
  size: number;
  mtimeMs: number;
}

export interface FileSystem {
  /** The whole file as UTF-8, or undefined if it cannot be read (missing, a directory, no permission). */
  readText(path: string): string | undefined;
  /** At most `maxBytes` from the start of a file, as UTF-8 (a cut multi-byte character is dropped). */
  readHead(path: string, maxBytes: number): string | undefined;
  readBytes(path: string): Buffer | undefined;
  /** Follows symlinks. */
  stat(path: string): FileInfo | undefined;
  readDir(path: string): DirEntry[] | undefined;
  realpath(path: string): string | undefined;
  /** A value computed from a directory's listing and the files directly in it (a package scan).
   * Caching file systems keep it until one of those changes, when `keepIf` allows; others compute
   * it every time. */
  derive?<T>(dir: string, name: string, compute: () => T, keepIf?: (v: T) => boolean): T;
}

export class DiskFileSystem implements FileSystem {
  readText(path: string): string | undefined {
    const b = this.readBytes(path);
    return b === undefined ? undefined : decodeGoBytes(b);
  }

  readHead(path: string, maxBytes: number): string | undefined {
    let fd: number | undefined;
    try {
      fd = fs.openSync(path, 'r');
      const buf = Buffer.allocUnsafe(maxBytes);
      const n = fs.readSync(fd, buf, 0, maxBytes, 0);
      let s = buf.subarray(0, n).toString('utf8');
      if (n === maxBytes && s.endsWith('\uFFFD')) s = s.slice(0, -1);
      return s;
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  }

  readBytes(path: string): Buffer | undefined {
    try {
      return fs.readFileSync(path);
    } catch {
      return undefined;
    }
  }

  stat(path: string): FileInfo | undefined {
    try {
      const s = fs.statSync(path);
      return { isDir: s.isDirectory(), isFile: s.isFile(), size: s.size, mtimeMs: s.mtimeMs };
    } catch {
      return undefined;
    }
  }

  readDir(path: string): DirEntry[] | undefined {
    try {
      return fs.readdirSync(path, { withFileTypes: true }).map((d) => ({
        name: d.name,
        isDir: d.isDirectory(),
        isFile: d.isFile(),
        isSymlink: d.isSymbolicLink(),
      }));
    } catch {
      return undefined;
    }
  }

  realpath(path: string): string | undefined {
    try {
      return fs.realpathSync(path);
    } catch {
      return undefined;
    }
  }
}
