// The fix that points an import at another package ("did you mean"): the quoted path changes, and
// when the new package has another name, so do the file's references to the old one (`handlers.X`
// → `handler.X`) — else the build still fails on every use. An import with its own name (alias,
// `_`, `.`) keeps it, and its references are left as they are.

import * as path from 'node:path';
import { buildContextOf } from '../env/goenv';
import { readPackageDir } from '../scan/package';
import { scanGoFile } from '../scan/gofile';
import { resolveImport } from '../resolve/importer';
import { LineIndex } from '../text/position';
import type { TextEdit } from '../text/edit';
import type { Fix } from '../diagnose/types';
import type { ImportFixContext } from './context';

export function rewriteImportFix(ctx: ImportFixContext, newPath: string): Fix {
  const v = ctx.verdict;
  const title = `Change the import to "${newPath}"`;
  const pathEdit: TextEdit = { range: v.range, newText: JSON.stringify(newPath) };
  const text = ctx.fs.readText(v.file);
  const spec = text === undefined ? undefined : scanGoFile(text).imports.find((i) => i.range.start.offset === v.range.start.offset);
  if (text === undefined || !spec) return { title, destructive: false, edits: [{ file: v.file, edits: [pathEdit] }], preferred: false };
  if (spec.name !== undefined) return { title, destructive: false, edits: [{ file: v.file, edits: [pathEdit] }] };

  const oldName = defaultName(v.importPath);
  const newName = packageNameOf(ctx, newPath);
  // Without the new package's name the references cannot be made right: offered, never preferred.
  if (newName === undefined) return { title: `${title} (its package name is unknown: check the references)`, destructive: false, edits: [{ file: v.file, edits: [pathEdit] }], preferred: false };
  if (newName === oldName) return { title, destructive: false, edits: [{ file: v.file, edits: [pathEdit] }] };

  const lines = new LineIndex(text);
  const refs = selectorRefs(text, oldName, v.range.end.offset).map((r) => ({ range: lines.range(r, r + oldName.length), newText: newName }));
  const renamed = refs.length ? ` and rename ${oldName}. to ${newName}. (${refs.length} reference${refs.length === 1 ? '' : 's'} in ${path.basename(v.file)})` : '';
  return { title: `${title}${renamed}`, destructive: false, edits: [{ file: v.file, edits: [pathEdit, ...refs] }] };
}

/** The name a file uses for an import without a name of its own, when the package cannot be read:
 * its last path element, without a major version suffix (go's convention). */
function defaultName(importPath: string): string {
  const parts = importPath.split('/');
  let last = parts[parts.length - 1] ?? importPath;
  if (/^v\d+$/.test(last) && parts.length > 1) last = parts[parts.length - 2]!;
  return last.replace(/^go-/, '').replace(/[-.].*$/, '');
}

/** The package clause of newPath's files, as the view resolves it. */
function packageNameOf(ctx: ImportFixContext, newPath: string): string | undefined {
  const r = resolveImport(ctx.view, newPath, { dir: ctx.verdict.packageDir }, ctx.fs);
  if (!r.ok || r.dir === '') return undefined;
  const pd = readPackageDir(ctx.fs, r.dir, buildContextOf(ctx.view.env));
  const names = pd ? [...pd.packageNames].filter((n) => n !== 'main' && !n.endsWith('_test')) : [];
  return names.length === 1 ? names[0] : undefined;
}

/** Offsets of `name` used as a package qualifier (`name.X`) after `from`: identifiers not after a
 * `.`, followed by a `.`, outside comments, strings and runes. (A local variable of that name would
 * be renamed too; a file rarely has one shadowing the import it uses.) */
export function selectorRefs(text: string, name: string, from: number): number[] {
  const out: number[] = [];
  let i = from;
  let prevDot = false;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '/' && text[i + 1] === '/') {
      i = indexOrEnd(text, '\n', i);
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      i = indexOrEnd(text, '*/', i + 2) + 2;
      continue;
    }
    if (c === '"' || c === "'") {
      i = quotedEnd(text, i, c);
      prevDot = false;
      continue;
    }
    if (c === '`') {
      i = indexOrEnd(text, '`', i + 1) + 1;
      prevDot = false;
      continue;
    }
    if (/[\p{L}_]/u.test(c)) {
      let j = i + 1;
      while (j < text.length && /[\p{L}\p{Nd}_]/u.test(text[j]!)) j++;
      if (!prevDot && text.slice(i, j) === name && /^\s*\./.test(text.slice(j, j + 8))) out.push(i);
      prevDot = false;
      i = j;
      continue;
    }
    if (!/\s/.test(c)) prevDot = c === '.';
    i++;
  }
  return out;
}

function indexOrEnd(text: string, s: string, from: number): number {
  const k = text.indexOf(s, from);
  return k < 0 ? text.length : k;
}

/** The offset after a "…" or '…' literal starting at i (escapes skipped; a newline ends a bad one). */
function quotedEnd(text: string, i: number, quote: string): number {
  for (let k = i + 1; k < text.length; k++) {
    const c = text[k];
    if (c === '\\') k++;
    else if (c === quote || c === '\n') return k + 1;
  }
  return text.length;
}
