// The semantic model of go.mod, go.work, go.sum and vendor/modules.txt, as the parsers produce it.
// Like golang.org/x/mod/modfile, syntax (tokens, lines, blocks, comments: ./syntax.ts) and meaning
// are separate layers: every semantic entry points back to its syntax line, so diagnostics and
// edits address exact characters.

import type { Range } from '../text/position';
import type { Line, FileSyntax } from './syntax';

export interface ParseError {
  range: Range;
  message: string;
  /** The directive the error is in, when known (`require`, `replace`, ...). */
  verb?: string;
  /** The message is in our words, not the go command's (a version fixer's guess at a lookup). */
  ours?: true;
}

/** A module path with an optional version (`path` or `path vX.Y.Z`). */
export interface ModuleVersion {
  path: string;
  version?: string;
}

export interface ModuleStmt {
  path: string;
  /** Text after `// Deprecated:` in the comment before or after the module line. */
  deprecated?: string;
  pathRange: Range;
  syntax: Line;
}

export interface GoStmt {
  version: string;
  versionRange: Range;
  syntax: Line;
}

export interface ToolchainStmt {
  name: string;
  nameRange: Range;
  syntax: Line;
}

export interface Godebug {
  key: string;
  value: string;
  syntax: Line;
}

export interface Require {
  path: string;
  version: string;
  indirect: boolean;
  pathRange: Range;
  versionRange: Range;
  syntax: Line;
}

export interface Exclude {
  path: string;
  version: string;
  pathRange: Range;
  versionRange: Range;
  syntax: Line;
}

export interface Replace {
  old: ModuleVersion;
  new: ModuleVersion;
  oldPathRange: Range;
  newPathRange: Range;
  /** The ranges of the versions, when written. */
  oldVersionRange?: Range;
  newVersionRange?: Range;
  /** True when `new` is a directory (starts with ./ ../ / or is . or ..): x/mod's IsDirectoryPath. */
  newIsDir: boolean;
  syntax: Line;
}

export interface Retract {
  /** The versions as written (modfile.Parse neither checks nor canonicalizes them). */
  low: string;
  high: string;
  rationale: string;
  syntax: Line;
}

export interface PathStmt {
  path: string;
  pathRange: Range;
  syntax: Line;
}

export interface ModFile {
  fileName: string;
  syntax: FileSyntax;
  module?: ModuleStmt;
  go?: GoStmt;
  toolchain?: ToolchainStmt;
  godebug: Godebug[];
  require: Require[];
  exclude: Exclude[];
  replace: Replace[];
  retract: Retract[];
  tool: PathStmt[];
  ignore: PathStmt[];
  errors: ParseError[];
}

export interface Use {
  /** The directory as written. */
  path: string;
  /** The module path in a trailing comment (`use ./a // example.com/a`), as addUse writes it;
   * the go command ignores the comment. */
  modulePath?: string;
  pathRange: Range;
  syntax: Line;
}

export interface WorkFile {
  fileName: string;
  syntax: FileSyntax;
  go?: GoStmt;
  toolchain?: ToolchainStmt;
  godebug: Godebug[];
  use: Use[];
  replace: Replace[];
  errors: ParseError[];
}

export interface SumLine {
  path: string;
  /** The version without the `/go.mod` suffix. */
  version: string;
  /** True for `path version/go.mod hash` lines (the go.mod file alone). */
  goMod: boolean;
  hash: string;
  range: Range;
}

export interface SumFile {
  fileName: string;
  lines: SumLine[];
  errors: ParseError[];
}

export interface VendoredModule {
  path: string;
  version?: string;
  replacement?: ModuleVersion;
  explicit: boolean;
  goVersion?: string;
  packages: string[];
  range: Range;
}

export interface ModulesTxt {
  fileName: string;
  /** `## workspace` on the first line: the vendor directory was made by `go work vendor`. */
  workspace: boolean;
  modules: VendoredModule[];
  errors: ParseError[];
}
