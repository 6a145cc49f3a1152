// Fixes that wire a local module into the build: a go.work that uses it, or a replace + require
// in the importing go.mod. Both are plain edits, so they work in untrusted workspaces too.

import * as path from 'node:path';
import { addRequire, addReplace, addUse, formatNewGoWork } from '../parse/edit';
import { compareGoVersion } from '../module/gover';
import type { LocalModule } from '../analyze/local-modules';
import type { Fix, FileEdits } from '../diagnose/types';
import type { View } from '../resolve/types';
import { importerModule } from './context';
import type { ImportFixContext } from './context';
import { fileStartRange } from '../text/position';

/** A path as go.work/go.mod write it: relative, slash-separated, starting with ./ or ../. */
export function relDir(fromDir: string, toDir: string): string {
  const rel = path.relative(fromDir, toDir).split(path.sep).join('/');
  if (rel === '') return '.';
  return rel.startsWith('../') || rel === '..' ? rel : `./${rel}`;
}

/** The pseudo-version go uses for a requirement that only a directory replacement satisfies. */
export const ZERO_PSEUDO_VERSION = 'v0.0.0-00010101000000-000000000000';

/** How many use directories a title names before "and N more". */
const TITLE_DIRS = 3;

const goWorkFixes = new WeakMap<readonly LocalModule[], Map<string, Fix | undefined>>();

/** A go.work at the folder that uses every local module (one per module path). The same for every
 * broken import of a folder (2,000 in a large one without go.work): made once per module list. */
export function createGoWorkFix(folder: string, mods: readonly LocalModule[], view: View, title?: string): Fix | undefined {
  let made = goWorkFixes.get(mods);
  if (!made) goWorkFixes.set(mods, (made = new Map()));
  const key = `${folder}\x00${view.env.goVersion ?? ''}\x00${title ?? ''}`;
  if (!made.has(key)) made.set(key, makeGoWorkFix(folder, mods, view, title));
  return made.get(key);
}

function makeGoWorkFix(folder: string, mods: readonly LocalModule[], view: View, title: string | undefined): Fix | undefined {
  const chosen = uniqueByPath(mods);
  if (chosen.length === 0) return undefined;
  const goVersion = goWorkVersion(chosen, view);
  const file = path.join(folder, 'go.work');
  const dirs = chosen.map((m) => relDir(folder, m.root));
  const text = formatNewGoWork(goVersion, dirs);
  const named = dirs.length > TITLE_DIRS + 1 ? `${dirs.slice(0, TITLE_DIRS).join(', ')} and ${dirs.length - TITLE_DIRS} more` : dirs.join(', ');
  return {
    title: title ?? `Create go.work using ${chosen.length} module${chosen.length === 1 ? '' : 's'} (${named})`,
    destructive: false,
    edits: [{ file, create: true, edits: [{ range: fileStartRange(), newText: text }] }],
  };
}

/** go.work's go line must be at least every used module's (else: "module X listed in go.work file requires go >= V"). */
function goWorkVersion(mods: readonly LocalModule[], view: View): string {
  let v = view.env.goVersion ?? '1.22.0';
  for (const m of mods) {
    const mv = m.modFile.go?.version;
    if (mv && compareGoVersion(mv, v) > 0) v = mv;
  }
  return v;
}

function uniqueByPath(mods: readonly LocalModule[]): LocalModule[] {
  const seen = new Set<string>();
  const out: LocalModule[] = [];
  for (const m of [...mods].sort((a, b) => a.root.localeCompare(b.root))) {
    if (!m.path || seen.has(m.path) || m.modFile.errors.length > 0) continue;
    seen.add(m.path);
    out.push(m);
  }
  return out;
}

/** `use` the module in the go.work that is in effect. */
export function addUseFix(view: View, moduleRoot: string, modulePath?: string): Fix | undefined {
  const work = view.goWork;
  if (!work) return undefined;
  const dir = relDir(path.dirname(work.file), moduleRoot);
  return {
    title: `Add ${dir} to ${path.basename(work.file)} (go work use ${dir})`,
    destructive: false,
    edits: [{ file: work.file, edits: addUse(work.work, dir, modulePath) }],
  };
}

/** require + replace the local module in the importing module's go.mod. */
export function replaceLocalFix(ctx: ImportFixContext, target: LocalModule): Fix | undefined {
  const importer = importerModule(ctx);
  if (!importer) return undefined;
  const mod = importer.modFile;
  const dir = relDir(importer.dir, target.root);
  const edits: FileEdits = {
    file: mod.fileName,
    edits: [...addRequire(mod, target.path, ZERO_PSEUDO_VERSION), ...addReplace(mod, { path: target.path }, { path: dir })],
  };
  return { title: `Require ${target.path} and replace it with ${dir} in ${path.basename(path.dirname(mod.fileName))}/go.mod`, destructive: false, edits: [edits] };
}
