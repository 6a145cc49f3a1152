// The engine reads files only through this interface, so the language server can lay unsaved
// editor buffers over the disk and tests can count reads. Synchronous on purpose: resolution does
// many tiny reads, and the engine's callers bound the work per call.

import * as fs from 'node:fs';
import { decodeGoBytes } from '../text/utf8';

export interface DirEntry {
  /** The name as UTF-8; bytes that are not UTF-8 read as U+FFFD (see `nonUtf8`). */
  name: string;
  isDir: boolean;
  isFile: boolean;
  isSymlink: boolean;
  /** A name whose bytes are not UTF-8: no path built from `name` opens it. */
  nonUtf8?: NonUtf8Name;
}

/** What a listing can tell of a directory entry whose name is not UTF-8. */
export interface NonUtf8Name {
  /** The name as Go's %q shows it, without quotes: bytes that are not UTF-8 as \xNN. */
  shown: string;
  /** For a directory: the directories in it or below it (itself as '') holding .go files, as
   * paths relative to it with `/` and names shown as above; at most MAX_NON_UTF8_PACKAGES. */
  goDirs: string[];
}

const MAX_NON_UTF8_PACKAGES = 20;
const MAX_NON_UTF8_DIRS = 1000;

export interface FileInfo {
  isDir: boolean;
  isFile: boolean;
  size: number;
  mtimeMs: number;
}

/** Why a path cannot be read: `readFailure`'s answer. */
export interface ReadFailure {
  /** `permission`: the open is denied; `special`: a FIFO, device or socket, never opened for
   * reading (a FIFO blocks, a device can be endless); `too-large`: over MAX_TEXT_BYTES; `error`:
   * another error of the system. */
  reason: 'permission' | 'special' | 'too-large' | 'error';
  /** The error as the go command prints it, Go's os.PathError (`open /p/go.mod: permission
   * denied`); absent where go would not fail this way (it blocks on a FIFO, reads any size). */
  goText?: string;
  /** In our words, for messages: "is a FIFO (named pipe)", "is larger than 16 MiB". */
  what: string;
}

/** The most readText returns: the go command's own limit on a go.mod file
 * (cmd/go/internal/modfetch/codehost.MaxGoMod, 16 MiB). Real go.mod, go.work, go.sum and
 * vendor/modules.txt files are far smaller; a larger one is refused, not read. */
export const MAX_TEXT_BYTES = 16 << 20;

/** The most readBytes returns: the go command's limit on a module zip (codehost.MaxZipFile). */
export const MAX_BYTES = 500 << 20;

export interface FileSystem {
  /** The whole file as UTF-8, or undefined if it cannot be read (missing, a directory, no
   * permission, not a regular file, larger than MAX_TEXT_BYTES: readFailure says which). */
  readText(path: string): string | undefined;
  /** At most `maxBytes` from the start of a file, as UTF-8 (a cut multi-byte character is dropped). */
  readHead(path: string, maxBytes: number): string | undefined;
  readBytes(path: string): Buffer | undefined;
  /** Follows symlinks. */
  stat(path: string): FileInfo | undefined;
  readDir(path: string): DirEntry[] | undefined;
  realpath(path: string): string | undefined;
  /** Why `path` (a file, or a directory to list) cannot be read, when it exists and cannot;
   * undefined when it does not exist or can be read (a regular file of at most MAX_TEXT_BYTES, a
   * directory that can be listed). */
  readFailure(path: string): ReadFailure | undefined;
  /** A value computed from a directory's listing and the files directly in it (a package scan).
   * Caching file systems keep it until one of those changes, when `keepIf` allows; others compute
   * it every time. */
  derive?<T>(dir: string, name: string, compute: () => T, keepIf?: (v: T) => boolean): T;
}

export class DiskFileSystem implements FileSystem {
  readText(path: string): string | undefined {
    const b = this.readRegular(path, MAX_TEXT_BYTES);
    return b === undefined ? undefined : decodeGoBytes(b);
  }

  readHead(path: string, maxBytes: number): string | undefined {
    const buf = this.readRegular(path, maxBytes, true);
    if (buf === undefined) return undefined;
    let s = buf.toString('utf8');
    if (buf.length === maxBytes && s.endsWith('\uFFFD')) s = s.slice(0, -1);
    return s;
  }

  readBytes(path: string): Buffer | undefined {
    return this.readRegular(path, MAX_BYTES);
  }

  /** The contents of a regular file, at most `max` bytes: undefined when it holds more (or, with
   * `head`, the first `max`). Opened without blocking and checked with fstat before any read, so
   * a FIFO or a device (a go.mod linked to /dev/zero) is never read. */
  private readRegular(path: string, max: number, head = false): Buffer | undefined {
    let fd: number | undefined;
    try {
      fd = fs.openSync(path, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
      const st = fs.fstatSync(fd);
      if (!st.isFile() || (!head && st.size > max)) return undefined;
      // Read what fstat says is there: one read for nearly every file. A file that says 0 (those
      // under /proc) is read to the limit, and one that grows past it is refused.
      const want = st.size > 0 ? Math.min(st.size, max) : head ? max : max + 1;
      // A head is turned into text at once: it may use the shared scratch buffer.
      let buf = head ? scratchBuffer(want) : Buffer.allocUnsafe(st.size > 0 ? want : Math.min(want, 64 << 10));
      let n = 0;
      while (n < want) {
        if (n === buf.length) {
          const bigger = Buffer.allocUnsafe(Math.min(want, buf.length * 2));
          buf.copy(bigger, 0, 0, n);
          buf = bigger;
        }
        // Never past `want`: the shared scratch buffer may be longer.
        const r = fs.readSync(fd, buf, n, Math.min(buf.length, want) - n, n);
        if (r === 0) break;
        n += r;
      }
      if (n > max) return undefined;
      return buf.subarray(0, n);
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  }

  readFailure(path: string): ReadFailure | undefined {
    let fd: number | undefined;
    try {
      fd = fs.openSync(path, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
      const st = fs.fstatSync(fd);
      const special = specialKind(st);
      if (special) return { reason: 'special', what: `is ${special}, not a regular file` };
      if (st.isFile() && st.size > MAX_TEXT_BYTES) return tooLarge(st.size);
      return undefined;
    } catch (e) {
      return openFailure(path, e);
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  }

  stat(path: string): FileInfo | undefined {
    try {
      // No exception for a missing path: building one costs more than the stat itself, and the
      // module cache is probed for many paths that are not there.
      const s = fs.statSync(path, { throwIfNoEntry: false });
      if (!s) return undefined;
      return { isDir: s.isDirectory(), isFile: s.isFile(), size: s.size, mtimeMs: s.mtimeMs };
    } catch {
      return undefined;
    }
  }

  readDir(path: string): DirEntry[] | undefined {
    try {
      const entries: DirEntry[] = fs.readdirSync(path, { withFileTypes: true }).map((d) => ({
        name: d.name,
        isDir: d.isDirectory(),
        isFile: d.isFile(),
        isSymlink: d.isSymbolicLink(),
      }));
      if (entries.some((e) => e.name.includes('\uFFFD'))) markNonUtf8(path, entries);
      return entries;
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

export function tooLarge(size: number): ReadFailure {
  return { reason: 'too-large', what: `is ${(size / (1 << 20)).toFixed(1)} MiB, more than the ${MAX_TEXT_BYTES >> 20} MiB read of such a file` };
}

function specialKind(st: fs.Stats): string | undefined {
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return undefined;
}

/** Go's syscall texts for the errors an open can meet (strerror, lower case as Go has them). */
const ERRNO_TEXT: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ELOOP: 'too many levels of symbolic links',
  EIO: 'input/output error',
  ENAMETOOLONG: 'file name too long',
  ENXIO: 'no such device or address',
  EMFILE: 'too many open files',
};

/** An open that failed, as Go's os.PathError prints it; undefined when the path does not exist. */
function openFailure(path: string, e: unknown): ReadFailure | undefined {
  const code = (e as NodeJS.ErrnoException).code ?? '';
  if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
  const text = ERRNO_TEXT[code] ?? ((e as Error).message.replace(/^[A-Z]+: /, '').split(',')[0] || code);
  return { reason: code === 'EACCES' || code === 'EPERM' ? 'permission' : 'error', goText: `open ${path}: ${text}`, what: `cannot be opened (${text})` };
}

/** Marks the entries of `dir` whose names are not UTF-8, read again by their bytes (a path string
 * cannot name them). Directories are looked into, by bytes and boundedly, for .go files. */
function markNonUtf8(dir: string, entries: DirEntry[]): void {
  const raw = fs.readdirSync(dir, { withFileTypes: true, encoding: 'buffer' });
  const dirBytes = Buffer.from(dir, 'utf8');
  for (const d of raw) {
    if (isUtf8(d.name)) continue;
    const e = entries.find((x) => x.name === d.name.toString('utf8') && !x.nonUtf8);
    if (!e) continue;
    const goDirs = e.isDir ? goDirsUnder(Buffer.concat([dirBytes, Buffer.from('/'), d.name])) : [];
    e.nonUtf8 = { shown: goShownName(d.name), goDirs };
  }
}

function isUtf8(b: Buffer): boolean {
  return Buffer.from(b.toString('utf8'), 'utf8').equals(b);
}

/** The bytes as Go's %q shows a string, without quotes: invalid UTF-8 as \xNN. */
export function goShownName(b: Buffer): string {
  let out = '';
  for (let i = 0; i < b.length; ) {
    const n = utf8Length(b, i);
    if (n === 0) {
      out += '\\x' + b[i]!.toString(16).padStart(2, '0');
      i++;
    } else {
      out += b.subarray(i, i + n).toString('utf8');
      i += n;
    }
  }
  return out;
}

/** The length of the valid UTF-8 sequence at b[i], or 0. */
function utf8Length(b: Buffer, i: number): number {
  const c = b[i]!;
  const n = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
  if (n <= 1 || i + n > b.length) return n === 1 ? 1 : 0;
  return isUtf8(b.subarray(i, i + n)) ? n : 0;
}

/** The directories at or under `root` (bytes) holding .go files, relative with `/`, as go's walk of
 * ./... finds them (names starting with . or _, testdata and vendor skipped). Bounded. */
function goDirsUnder(root: Buffer): string[] {
  const out: string[] = [];
  let visited = 0;
  const walk = (dir: Buffer, rel: string) => {
    if (++visited > MAX_NON_UTF8_DIRS || out.length >= MAX_NON_UTF8_PACKAGES) return;
    let ents: fs.Dirent<Buffer>[];
    try {
      ents = fs.readdirSync(dir, { withFileTypes: true, encoding: 'buffer' });
    } catch {
      return;
    }
    if (ents.some((x) => x.isFile() && x.name.toString('latin1').endsWith('.go'))) out.push(rel);
    for (const x of ents) {
      const name = x.name.toString('latin1');
      if (!x.isDirectory() || name.startsWith('.') || name.startsWith('_') || name === 'testdata' || name === 'vendor') continue;
      walk(Buffer.concat([dir, Buffer.from('/'), x.name]), rel === '' ? goShownName(x.name) : `${rel}/${goShownName(x.name)}`);
    }
  };
  walk(root, '');
  return out;
}

let scratch = Buffer.allocUnsafe(0);

/** One buffer for every head read (the text is copied out of it at once), instead of a new one per
 * file: 20,000 heads of 4 KiB were a tenth of what a cold check allocated. */
function scratchBuffer(size: number): Buffer {
  if (size > 1 << 20) return Buffer.allocUnsafe(size);
  if (scratch.length < size) scratch = Buffer.allocUnsafe(size);
  return scratch;
}
