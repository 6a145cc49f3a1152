import type { FileSystem } from '../fsys/fsys';
import type { AnalyzedPackage, ImportVerdict } from '../analyze/types';
import type { LocalModule } from '../analyze/local-modules';
import * as path from 'node:path';
import type { Broken, MainModule, View, ViewError } from '../resolve/types';

export interface ImportFixContext {
  verdict: ImportVerdict;
  broken: Broken;
  view: View;
  /** The folder the editor (or CLI) was opened at. */
  folder: string;
  mods: LocalModule[];
  /** Every package of the analysis: a module path change must rewrite all imports of the old path. */
  packages: ReadonlyMap<string, AnalyzedPackage>;
  fs: FileSystem;
}

export interface ViewFixContext {
  error: ViewError;
  view: View;
  folder: string;
  mods: LocalModule[];
  fs: FileSystem;
}

/** The main module holding the importing package (the innermost, should modules nest). */
export function importerModule(ctx: ImportFixContext): MainModule | undefined {
  let best: MainModule | undefined;
  for (const m of ctx.view.mainModules) {
    const holds = ctx.verdict.packageDir === m.dir || ctx.verdict.packageDir.startsWith(m.dir + path.sep);
    if (holds && (!best || m.dir.length > best.dir.length)) best = m;
  }
  return best;
}
