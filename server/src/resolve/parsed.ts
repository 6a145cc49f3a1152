// One parse per go.mod, go.work or go.sum text, shared by every view (and the folder's module list) that
// reads it while it is unchanged: parsing 200 go.mod files again for an edit to one would cost more
// than resolving the edit, and a view diff (view-diff.ts) can tell an untouched file by identity.

import * as path from 'node:path';
import type { FileSystem } from '../fsys/fsys';
import { parseGoMod, parseGoSum, parseGoWork } from '../parse';
import type { ModFile, SumFile, WorkFile } from '../parse/ast';

export function parseGoModOnce(fs: FileSystem, file: string, text: string): ModFile {
  return once(fs, file, text, 'go.mod syntax', () => parseGoMod(text, file));
}

export function parseGoWorkOnce(fs: FileSystem, file: string, text: string): WorkFile {
  return once(fs, file, text, `go.work syntax ${path.basename(file)}`, () => parseGoWork(text, file));
}

export function parseGoSumOnce(fs: FileSystem, file: string, text: string): SumFile {
  return once(fs, file, text, `go.sum lines ${path.basename(file)}`, () => parseGoSum(text, file));
}

function once<T>(fs: FileSystem, file: string, text: string, name: string, parse: () => T): T {
  if (!fs.derive) return parse();
  // Kept with the directory's other derived values; the text check covers a buffer edit that
  // reached the file system before its change was reported.
  const parsed = fs.derive(path.dirname(file), name, () => ({ text, syntax: parse() }));
  return parsed.text === text ? parsed.syntax : parse();
}
