// The resolver's model: a View is how the go command, run in one directory with one environment,
// sees the module graph; a Resolution is its answer for one import.

import type { Code } from '../codes';
import type { Range } from '../text/position';
import type { GoEnv } from '../env/types';
import type { ModFile, WorkFile, SumFile, ModulesTxt, Replace } from '../parse/ast';

/** A fact that led to a verdict: a line of a file, an environment variable, or a directory. */
export type Evidence =
  /** cause: this line of a go.mod, go.work, go.sum or modules.txt is what is wrong (it gets a
   * diagnostic of its own, linked to the imports it breaks). */
  | { kind: 'file'; file: string; range: Range; note: string; cause?: boolean }
  | { kind: 'env'; name: string; value: string; note: string }
  | { kind: 'dir'; dir: string; note: string };

export interface MainModule {
  /** Absolute module root. */
  dir: string;
  /** The module path from go.mod (may be empty when go.mod has no module line). */
  path: string;
  modFile: ModFile;
  sum?: SumFile;
}

/** A problem of the whole view (not of one import): a malformed go.mod, a go.work duplicate,
 * inconsistent vendoring, a too-new go line. The go command fails on these before any import. */
export interface ViewError {
  code: Code;
  /** One line of about 120 characters at most, in our words: what the diagnostic says. */
  headline: string;
  /** The whole story: our explanation, then what go says (after "go says:"). */
  message: string;
  file?: string;
  range?: Range;
  evidence: Evidence[];
  /** go's "conflicting replacements": the two replace statements that disagree. */
  replaceConflict?: ReplaceConflict;
}

/** Two replace statements of one old path[@version] with different targets. */
export interface ReplaceConflict {
  old: string;
  sides: ReplaceSide[];
}

export interface ReplaceSide {
  file: string;
  stmt: Replace;
  /** The directory a directory replacement points at (absolute). */
  dir?: string;
}

/** One selected module of the build list. (view-diff.ts's sameEntry compares its fields one by
 * one: a new field goes there too.) */
export interface BuildListEntry {
  path: string;
  /** The selected version; '' for a main module. */
  version: string;
  /** The replacement in effect, if any (from go.work or a main go.mod). */
  replace?: { target: { path: string; version?: string }; dir?: string; stmt: Replace; file: string };
  /** Where the module's files are (main module dir, replacement dir, or module cache dir);
   * undefined when not on disk. */
  dir?: string;
  /** Where the go.mod used for the graph was read from, or why it could not be. */
  goModSource?: string;
}

export type ViewKind = 'workspace' | 'module' | 'gopath' | 'no-module';

export interface View {
  kind: ViewKind;
  /** The directory the go command would run in. */
  cwd: string;
  env: GoEnv;
  goWork?: { file: string; work: WorkFile };
  mainModules: MainModule[];
  /** -mod in effect: explicit from GOFLAGS, else vendor when vendor/ exists and go ≥ 1.14, else readonly. */
  buildMod: 'readonly' | 'vendor' | 'mod';
  /** Why buildMod is what it is (the go command's BuildModReason), for messages. */
  buildModReason: string;
  vendor?: { dir: string; modulesTxt?: ModulesTxt };
  /** Selected version of every module path in the (pruned) graph. */
  buildList: Map<string, BuildListEntry>;
  errors: ViewError[];
}

export type ResolvedVia = 'std' | 'main-module' | 'workspace-module' | 'replace-dir' | 'module-cache' | 'vendor' | 'gopath';

export interface Resolved {
  ok: true;
  importPath: string;
  via: ResolvedVia;
  module?: { path: string; version: string };
  dir: string;
  /** Problems go tolerates but a user should see (a replace directory whose go.mod declares
   * another module path: code replace-path-mismatch). Diagnostics should show them as warnings. */
  warnings?: { code: Code; headline: string; message: string; evidence: Evidence[] }[];
  /** Set when go also loads dependency packages for it (deps/): the module paths of those
   * packages and any import path among them that fails. A view change to one of these modules
   * can change the verdict, as one to a module providing the import itself can. */
  reaches?: ReadonlySet<string>;
}

export interface Broken {
  ok: false;
  importPath: string;
  code: Code;
  /** One line of about 120 characters at most, in our words: what the diagnostic says. */
  headline: string;
  /** Plain words: the root cause and what the go command says. */
  message: string;
  evidence: Evidence[];
  /** Near matches for "did you mean" (std packages, sibling packages, local modules). */
  suggestions?: string[];
  /** missing-go-sum: the build-list modules whose go.sum lines go needs and lacks (which need not
   * provide the import itself: a dependency package may import from them). */
  missingSums?: { path: string; version: string }[];
  /** missing-go-sum met while go loads the full module graph: the go.mod checksums
   * ("M V/go.mod") that graph needs and go.sum lacks. go writes such a line only when the command
   * itself loads the full graph (`go mod download` without arguments does); `go mod download M@V`
   * keeps none for a version that is not a root (verified with go 1.26). */
  missingGoModSums?: { path: string; version: string }[];
  /** The failure is inside a dependency package the import reaches: the packages from the
   * imported one to the one whose import fails, and that import. */
  chain?: { packages: string[]; failingImport: string };
  /** As Resolved.reaches. */
  reaches?: ReadonlySet<string>;
  /** Build-list modules the build loads packages from that the main go.mod does not require
   * (deps/roots: go's "updates to go.mod needed" in a pruned module). */
  unlisted?: { path: string; version: string }[];
  /** go fails the whole view (a view error): this import is broken because every import is, not
   * for a fault of its own. A standard library import so broken gets no diagnostic of its own. */
  wholeView?: true;
}

export type Resolution = Resolved | Broken;
