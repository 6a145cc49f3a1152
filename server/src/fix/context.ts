import type { FileSystem } from '../fsys/fsys';
import type { ImportVerdict } from '../analyze/types';
import type { LocalModule } from '../analyze/local-modules';
import type { Broken, View, ViewError } from '../resolve/types';

export interface ImportFixContext {
  verdict: ImportVerdict;
  broken: Broken;
  view: View;
  /** The folder the editor (or CLI) was opened at. */
  folder: string;
  mods: LocalModule[];
  /** Every import of the analysis: a module path change must rewrite all imports of the old path. */
  imports: readonly ImportVerdict[];
  fs: FileSystem;
}

export interface ViewFixContext {
  error: ViewError;
  view: View;
  folder: string;
  mods: LocalModule[];
  fs: FileSystem;
}
