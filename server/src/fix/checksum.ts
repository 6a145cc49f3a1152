// A checksum mismatch between go.sum and the module cache has two possible culprits. When the
// cached download is intact (its zip and extracted files hash to its own .ziphash), the go.sum
// line is the odd one out (a bad merge, a hand edit, a re-tagged release): re-recording the
// checksum is the fix. Otherwise the cache is damaged: clear it and download again. Both are
// destructive — the first trusts a download over a recorded checksum — so both ask first.

import * as path from 'node:path';
import type { FileSystem } from '../fsys/fsys';
import type { Fix } from '../diagnose/types';
import type { View, ViewError } from '../resolve/types';
import { cacheFile, extractedDir, hashDir, readZiphash } from '../resolve/modcache';
import { hashZip } from '../resolve/modzip';
import { LineIndex } from '../text/position';
import { parseGoSum } from '../parse';
import type { SumFile, SumLine } from '../parse/ast';
import { goModDownload } from './commands';

/** The go.sum line a checksum-mismatch error points at, in its parsed file. */
function sumLineOf(error: ViewError, fs: FileSystem): { sum: SumFile; line: SumLine } | undefined {
  if (!error.file || !error.range || !/(^|\/)go(\.work)?\.sum$/.test(error.file)) return undefined;
  const text = fs.readText(error.file);
  if (text === undefined) return undefined;
  const sum = parseGoSum(text, error.file);
  const start = error.range.start.offset;
  const line = sum.lines.find((l) => l.range.start.offset <= start && start <= l.range.end.offset);
  return line && { sum, line };
}

/** Whether the cached download of path@version agrees with itself (zip and tree vs .ziphash). */
function cacheCopyIntact(fs: FileSystem, gomodcache: string, modPath: string, version: string): boolean {
  const zh = readZiphash(fs, gomodcache, modPath, version);
  if (zh.state !== 'ok') return false;
  const zip = cacheFile(gomodcache, modPath, version, 'zip');
  if (fs.stat(zip)?.isFile && hashZip(fs, zip) !== zh.hash) return false;
  const dir = extractedDir(gomodcache, modPath, version);
  if (fs.stat(dir)?.isDir && hashDir(fs, dir, `${modPath}@${version}`) !== zh.hash) return false;
  return true;
}

export function checksumFixes(error: ViewError, view: View, fs: FileSystem, clearCache: Fix | undefined): Fix[] {
  const found = sumLineOf(error, fs);
  const root = view.mainModules[0]?.dir;
  const resum = found && root && !found.line.goMod && cacheCopyIntact(fs, view.env.gomodcache, found.line.path, found.line.version) ? resumFix(found.sum, found.line, root, fs) : undefined;
  return [resum, clearCache].filter((f): f is Fix => f !== undefined);
}

/** Drop the go.sum lines of path@version and let `go mod download` record them again. */
function resumFix(sum: SumFile, entry: SumLine, moduleRoot: string, fs: FileSystem): Fix | undefined {
  const text = fs.readText(sum.fileName);
  if (text === undefined) return undefined;
  const index = new LineIndex(text);
  // Whole lines, their line breaks included.
  const edits = sum.lines
    .filter((l) => l.path === entry.path && l.version === entry.version)
    .map((l) => ({ range: index.range(index.offsetAt(l.range.start.line, 0), index.offsetAt(l.range.start.line + 1, 0)), newText: '' }));
  const mv = `${entry.path}@${entry.version}`;
  return {
    title: `Record the checksum of ${mv} again: the cached copy is intact, so the line in ${path.basename(sum.fileName)} is the odd one out (go mod download ${mv}; with GOSUMDB on, the checksum database verifies it)`,
    destructive: true,
    edits: [{ file: sum.fileName, edits }],
    commands: [goModDownload(moduleRoot, [mv])],
  };
}
