// The layout of $GOMODCACHE and the checks the go command makes on it (cmd/go/internal/modfetch
// cache.go DownloadDir, fetch.go checkMod/isValidSum), plus x/mod's dirhash "h1:" so the engine
// can verify cached files against go.sum without running go.

import * as path from 'node:path';
import { createHash } from 'node:crypto';
import type { FileSystem } from '../fsys/fsys';
import { escapeModulePath, escapeVersion } from '../module/path';

/** <cache>/cache/download/<escaped path>/@v: where .mod, .zip, .ziphash, .info live. */
export function cacheDownloadDir(gomodcache: string, modPath: string): string {
  return under(gomodcache, `cache/download/${escapeModulePath(modPath)}/@v`);
}

/** modfetch.CachePath: <download dir>/<escaped version>.<ext>. */
export function cacheFile(gomodcache: string, modPath: string, version: string, ext: 'mod' | 'zip' | 'ziphash' | 'info' | 'partial' | 'lock'): string {
  return under(gomodcache, `cache/download/${escapeModulePath(modPath)}/@v/${escapeVersion(version)}.${ext}`);
}

/** <cache>/<escaped path>@<escaped version>: the extracted, read-only module tree. */
export function extractedDir(gomodcache: string, modPath: string, version: string): string {
  return under(gomodcache, `${escapeModulePath(modPath)}@${escapeVersion(version)}`);
}

/** path.join(base, ...rel.split('/')), by concatenation when that gives the same string: a build
 * list of 100k modules names several cache files each, and path.join's normalising was a fifth of
 * what such a check allocated. */
function under(base: string, rel: string): string {
  if (isCleanBase(base) && !/(^|\/)\.{0,2}(\/|$)|\\/.test(rel)) return base + path.sep + (path.sep === '/' ? rel : rel.replaceAll('/', path.sep));
  return path.join(base, ...rel.split('/'));
}

let lastBase = '';
let lastBaseClean = false;
function isCleanBase(base: string): boolean {
  if (base !== lastBase) {
    lastBase = base;
    lastBaseClean = path.isAbsolute(base) && path.normalize(base) === base && !base.endsWith(path.sep);
  }
  return lastBaseClean;
}

export type ModuleDirState =
  | { ok: true; dir: string }
  | {
      ok: false;
      /** missing: no directory; the others are go's DownloadDirPartialError, which it treats as missing too. */
      reason: 'missing' | 'partial' | 'no-ziphash' | 'not-dir';
      dir: string;
      /** go's text: "<dir>: not completely extracted", "<dir>: ziphash file is missing", "<dir>: not a directory". */
      detail: string;
      /** The .zip is cached, so go can (re-)extract it offline; without it go must download. */
      zipAvailable: boolean;
    };

/** modfetch.DownloadDir: whether the extracted tree of path@version is complete, checked in go's order. */
export function moduleDirState(fs: FileSystem, gomodcache: string, modPath: string, version: string): ModuleDirState {
  const dir = extractedDir(gomodcache, modPath, version);
  const zipAvailable = fs.stat(cacheFile(gomodcache, modPath, version, 'zip'))?.isFile === true;
  return dirState(fs, gomodcache, modPath, version, dir, zipAvailable);
}

/** The extracted tree of path@version when go would use it, without asking whether its zip is
 * cached (which matters only for what to do when it is not): the build list asks this of every
 * selected module, 100k of them in a go.mod of 100k requires. */
export function usableModuleDir(fs: FileSystem, gomodcache: string, modPath: string, version: string): string | undefined {
  const state = dirState(fs, gomodcache, modPath, version, extractedDir(gomodcache, modPath, version), false);
  return state.ok ? state.dir : undefined;
}

function dirState(fs: FileSystem, gomodcache: string, modPath: string, version: string, dir: string, zipAvailable: boolean): ModuleDirState {
  const st = fs.stat(dir);
  if (!st) return { ok: false, reason: 'missing', dir, detail: `stat ${dir}: no such file or directory`, zipAvailable };
  if (!st.isDir) return { ok: false, reason: 'not-dir', dir, detail: `${dir}: not a directory`, zipAvailable };
  if (fs.stat(cacheFile(gomodcache, modPath, version, 'partial'))) {
    return { ok: false, reason: 'partial', dir, detail: `${dir}: not completely extracted`, zipAvailable };
  }
  // golang.org/fips140 is unpacked from GOROOT, never downloaded, so it has no ziphash.
  if (modPath !== 'golang.org/fips140' && !fs.stat(cacheFile(gomodcache, modPath, version, 'ziphash'))) {
    return { ok: false, reason: 'no-ziphash', dir, detail: `${dir}: ziphash file is missing`, zipAvailable };
  }
  return { ok: true, dir };
}

export type Ziphash = { state: 'ok'; hash: string } | { state: 'missing' } | { state: 'invalid'; text: string };

/** The cached .ziphash as modfetch.checkMod reads it: trimmed; invalid (NUL bytes or wrong length)
 * means go re-hashes the zip instead of trusting it. */
export function readZiphash(fs: FileSystem, gomodcache: string, modPath: string, version: string): Ziphash {
  const text = fs.readText(cacheFile(gomodcache, modPath, version, 'ziphash'));
  if (text === undefined) return { state: 'missing' };
  const hash = text.trim();
  // "h1:" + base64 of a SHA-256 (44 characters).
  if (hash.includes('\0') || hash.length !== 3 + 44) return { state: 'invalid', text: hash };
  return { state: 'ok', hash };
}

/** The cached go.mod of path@version (its .mod file), or undefined when not downloaded. */
export function readCachedGoMod(fs: FileSystem, gomodcache: string, modPath: string, version: string): Buffer | undefined {
  return fs.readBytes(cacheFile(gomodcache, modPath, version, 'mod'));
}

/** dirhash.Hash1 over named contents: sha256 of the lines "<hex sha256>  <name>\n", sorted by name. */
export function hash1(files: { name: string; data: Buffer }[]): string {
  const sorted = [...files].sort((a, b) => Buffer.compare(Buffer.from(a.name), Buffer.from(b.name)));
  const summary = createHash('sha256');
  for (const f of sorted) {
    summary.update(`${createHash('sha256').update(f.data).digest('hex')}  ${f.name}\n`);
  }
  return 'h1:' + summary.digest('base64');
}

/**
 * dirhash.HashDir(dir, prefix, Hash1): every file under dir named "<prefix>/<slash path>". For a
 * cached module the prefix is "<path>@<version>" (unescaped), and the result equals its go.sum
 * line and .ziphash. Returns '' when a file cannot be read (go would fail too).
 */
export function hashDir(fs: FileSystem, dir: string, prefix: string): string {
  const files: { name: string; data: Buffer }[] = [];
  const walk = (d: string, rel: string): boolean => {
    const entries = fs.readDir(d);
    if (!entries) return false;
    for (const e of entries) {
      const full = path.join(d, e.name);
      const name = rel === '' ? e.name : `${rel}/${e.name}`;
      // filepath.WalkDir descends real directories only; a symlink is hashed as the file it names.
      if (e.isDir) {
        if (!walk(full, name)) return false;
        continue;
      }
      const data = fs.readBytes(full);
      if (data === undefined || name.includes('\n')) return false;
      files.push({ name: `${prefix}/${name}`, data });
    }
    return true;
  };
  return walk(dir, '') ? hash1(files) : '';
}

/** goModSum: the go.sum hash of a go.mod alone (the "<path> <version>/go.mod h1:..." line). */
export function hashGoModText(text: string | Buffer): string {
  return hash1([{ name: 'go.mod', data: typeof text === 'string' ? Buffer.from(text, 'utf8') : text }]);
}

/** Whether p is a file or directory inside an extracted module directory (GOMODCACHE/path@version/…).
 * go extracts a module whole and makes it read-only, so what is inside never changes; only the
 * directory itself can appear or go (a download, go clean -modcache). */
export function isInsideExtractedModule(p: string, gomodcache: string): boolean {
  if (!gomodcache || !p.startsWith(gomodcache + path.sep)) return false;
  const parts = p.slice(gomodcache.length + 1).split(path.sep);
  if (parts[0] === 'cache') return false;
  return parts.slice(0, -1).some((part) => part.includes('@'));
}
