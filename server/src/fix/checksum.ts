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
import { goModDownload } from './commands';

interface SumEntry {
  file: string;
  path: string;
  version: string;
  goMod: boolean;
}

/** The go.sum entry a checksum-mismatch error points at. */
function sumEntryOf(error: ViewError, fs: FileSystem): SumEntry | undefined {
  if (!error.file || !error.range || !/(^|\/)go(\.work)?\.sum$/.test(error.file)) return undefined;
  const text = fs.readText(error.file);
  if (text === undefined) return undefined;
  const fields = text.slice(error.range.start.offset, error.range.end.offset).trim().split(/\s+/);
  if (fields.length !== 3) return undefined;
  const goMod = fields[1]!.endsWith('/go.mod');
  return { file: error.file, path: fields[0]!, version: goMod ? fields[1]!.slice(0, -'/go.mod'.length) : fields[1]!, goMod };
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
  const entry = sumEntryOf(error, fs);
  const root = view.mainModules[0]?.dir;
  const resum = entry && root && !entry.goMod && cacheCopyIntact(fs, view.env.gomodcache, entry.path, entry.version) ? resumFix(entry, root, fs) : undefined;
  return [resum, clearCache].filter((f): f is Fix => f !== undefined);
}

/** Drop the go.sum lines of path@version and let `go mod download` record them again. */
function resumFix(entry: SumEntry, moduleRoot: string, fs: FileSystem): Fix | undefined {
  const text = fs.readText(entry.file);
  if (text === undefined) return undefined;
  const index = new LineIndex(text);
  const edits = [];
  for (let line = 0; line < index.lineCount; line++) {
    const f = index.lineText(line).trim().split(/\s+/);
    if (f[0] === entry.path && (f[1] === entry.version || f[1] === `${entry.version}/go.mod`)) {
      edits.push({ range: index.range(index.offsetAt(line, 0), index.offsetAt(line + 1, 0)), newText: '' });
    }
  }
  const mv = `${entry.path}@${entry.version}`;
  return {
    title: `Record the checksum of ${mv} again: the cached copy is intact, so the line in ${path.basename(entry.file)} is the odd one out (go mod download ${mv}; with GOSUMDB on, the checksum database verifies it)`,
    destructive: true,
    edits: [{ file: entry.file, edits }],
    commands: [goModDownload(moduleRoot, [mv])],
  };
}
