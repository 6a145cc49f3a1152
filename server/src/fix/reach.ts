// What a fix writes, and whether any of it lies outside the analysed folder: a go.work in a parent
// directory, a module beside the folder, or a go.mod that is a symlink to a file elsewhere. Such a
// fix says so in its title and is never applied without asking (the CLI needs --yes), since the
// user asked about this folder and may not know the file is shared.

import * as path from 'node:path';
import type { FileSystem } from '../fsys/fsys';
import type { Diagnostic, Fix, GoCommand } from '../diagnose/types';

/** The fixes of `diagnostics` with `outside` set (and their titles naming those files) where they
 * write outside `folder`. Fix lists shared between diagnostics stay shared. */
export function markFixesOutside(diagnostics: Diagnostic[], folder: string, fs: FileSystem): void {
  const reach = new FolderReach(folder, fs);
  const lists = new Map<Diagnostic['fixes'], Diagnostic['fixes']>();
  const fixes = new Map<Fix, Fix>();
  for (const d of diagnostics) {
    let list = lists.get(d.fixes);
    if (!list) {
      list = d.fixes.map((f) => {
        let marked = fixes.get(f);
        if (!marked) fixes.set(f, (marked = reach.mark(f)));
        return marked;
      });
      lists.set(d.fixes, list);
    }
    d.fixes = list;
  }
}

class FolderReach {
  private readonly root: string;
  private readonly realDirs = new Map<string, string>();

  constructor(
    private readonly folder: string,
    private readonly fs: FileSystem,
  ) {
    this.root = fs.realpath(folder) ?? path.resolve(folder);
  }

  mark(fix: Fix): Fix {
    const outside = [...new Set(filesWritten(fix, this.fs).filter((f) => !this.inside(f)))];
    if (outside.length === 0) return fix;
    const named = outside.map((f) => this.display(f)).join(', ');
    return { ...fix, outside, title: `${fix.title}; it writes ${named}, outside ${path.basename(this.folder) || this.folder}` };
  }

  /** Where the file really is: through a symlinked file or any symlinked directory above it. */
  private inside(file: string): boolean {
    const real = this.fs.realpath(file) ?? path.join(this.realDir(path.dirname(file)), path.basename(file));
    return real === this.root || real.startsWith(this.root + path.sep);
  }

  private realDir(dir: string): string {
    let r = this.realDirs.get(dir);
    if (r === undefined) {
      const parent = path.dirname(dir);
      r = this.fs.realpath(dir) ?? (parent === dir ? dir : path.join(this.realDir(parent), path.basename(dir)));
      this.realDirs.set(dir, r);
    }
    return r;
  }

  /** Relative to the folder when that reads well (../go.work), else absolute; a link inside the
   * folder says where it leads. */
  private display(file: string): string {
    const rel = path.relative(this.folder, file);
    if (!rel.startsWith('..')) return `${rel} (a link to ${this.fs.realpath(file) ?? this.realDir(path.dirname(file))})`;
    return rel.split(path.sep).filter((s) => s === '..').length <= 2 ? rel : file;
  }
}

/** The files a fix's edits and go commands write (the module cache aside: it is go's, not the
 * user's). A go command writes its module's go.mod and go.sum, and `go work` its go.work. */
function filesWritten(fix: Fix, fs: FileSystem): string[] {
  const out = (fix.edits ?? []).map((e) => e.file);
  for (const c of fix.commands ?? []) out.push(...commandWrites(c, fs));
  return out;
}

function commandWrites(c: GoCommand, fs: FileSystem): string[] {
  const sub = c.argv.slice(1).filter((a) => !a.startsWith('-'));
  if (sub[0] === 'clean' || sub[0] === 'env' || sub[0] === 'version' || sub[0] === 'list' || sub[0] === 'build') return [];
  if (sub[0] === 'work') {
    const goWork = c.env?.GOWORK && c.env.GOWORK !== 'off' ? path.resolve(c.cwd, c.env.GOWORK) : findUp(c.cwd, 'go.work', fs);
    if (goWork) return [goWork];
    if (sub[1] === 'init') return [path.join(c.cwd, 'go.work')];
    return [];
  }
  // go mod / go get: the go.mod found from the directory it runs in (go mod init: that directory's),
  // and its go.sum.
  const goMod = (sub[0] === 'mod' && sub[1] === 'init' ? undefined : findUp(c.cwd, 'go.mod', fs)) ?? path.join(c.cwd, 'go.mod');
  return [goMod, path.join(path.dirname(goMod), 'go.sum')];
}

function findUp(dir: string, name: string, fs: FileSystem): string | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    const f = path.join(d, name);
    if (fs.stat(f)?.isFile) return f;
    if (path.dirname(d) === d) return undefined;
  }
}
