import type { FileSystem } from '../fsys/fsys';
import type { ImportVerdict } from '../analyze/types';
import { mainModuleHolding } from '../resolve/main-modules';
import type { LocalModule } from '../analyze/local-modules';
import type { Broken, MainModule, View, ViewError } from '../resolve/types';

export interface ImportFixContext {
  verdict: ImportVerdict;
  broken: Broken;
  view: View;
  /** The folder the editor (or CLI) was opened at. */
  folder: string;
  mods: LocalModule[];
  /** Every import of the analysis whose path is `modulePath` or under it: a module path change
   * must rewrite all imports of the old path. */
  importsUnder(modulePath: string): Iterable<ImportVerdict>;
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
  return mainModuleHolding(ctx.view, ctx.verdict.packageDir);
}
