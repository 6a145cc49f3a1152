// The engine's front door: analyse a folder as an editor opened at it would, in the editor's
// environment and optionally the terminal's. The CLI, the language server and the tests call this.

import type { Range } from '../text/position';
import type { GoEnv } from '../env/types';
import type { FileSystem } from '../fsys/fsys';
import type { Diagnostic } from '../diagnose/types';
import type { Resolution, View } from '../resolve/types';

export interface AnalyzeOptions {
  /** The editor's environment (the extension host's / the CLI process's). */
  editorEnv: GoEnv;
  /** The user's terminal environment; when given, every import is resolved in both. */
  terminalEnv?: GoEnv;
  /** The terminal's environment in each module directory, where a shell hook (direnv, mise, a `cd`
   * hook) can make it differ from terminalEnv: asked with the folder's module roots once they are
   * known. A module it leaves out, and every package outside modules, uses terminalEnv; without
   * terminalEnv it is not asked. Equal environments must be the same object: views and kept
   * results are keyed by the environment's identity. */
  terminalEnvFor?: (moduleDirs: string[]) => Promise<ReadonlyMap<string, GoEnv>>;
  /** Defaults to the disk; the language server passes one that overlays unsaved buffers. */
  fs?: FileSystem;
  /** Checked between modules; analysis stops early (returning what it has) when aborted. */
  signal?: AbortSignal;
}

/** The verdict on one import of one file. */
export interface ImportVerdict {
  /** Absolute path of the importing .go file. */
  file: string;
  /** The importing package's directory. */
  packageDir: string;
  importPath: string;
  /** The quoted path in the file. */
  range: Range;
  editor: Resolution;
  terminal?: Resolution;
}

/** One package directory of an analysis. */
export interface AnalyzedPackage {
  /** The views it was resolved in. */
  editor: View;
  terminal?: View;
  /** The verdicts on its imports, file by file. */
  imports: readonly ImportVerdict[];
  /** Every import resolves in both views with nothing to warn of: no diagnostic can come from it. */
  clean: boolean;
}

export interface Analysis {
  folder: string;
  /** Every view used: the editor's per module root, and the terminal's when asked for. */
  views: { role: 'editor' | 'terminal'; moduleDir: string; view: View }[];
  /** By package directory, in the order of the folder's layout. */
  packages: ReadonlyMap<string, AnalyzedPackage>;
  /** Every package's verdicts, one after the other (gathered from packages when first read). */
  readonly imports: readonly ImportVerdict[];
  diagnostics: Diagnostic[];
}
