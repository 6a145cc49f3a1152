import type { Range } from '../text/position';
import type { ParseError } from '../parse/ast';

/** One import of a Go file. `range` covers the quoted path, quotes included: the squiggle's place. */
export interface ImportSpec {
  path: string;
  /** The local name (`foo`, `_`, `.`) when given. */
  name?: string;
  range: Range;
  /** go/build's error for a path it refuses (`invalid import path: example.com/a b`): the file
   * then fails as a whole in go; here the other imports are still resolved. */
  invalid?: string;
}

/** What resolution needs of a .go file: read from its head only, never the whole body. */
export interface GoFileHeader {
  packageName?: string;
  packageRange?: Range;
  imports: ImportSpec[];
  /** The expression of the `//go:build` line, if any, before the package clause. */
  goBuild?: string;
  /** The `// +build` lines (used only when there is no //go:build line). */
  plusBuild: string[];
  /** Whether the file imports "C" (cgo). */
  usesCgo: boolean;
  /** A header go/build rejects outright ("multiple //go:build comments"): the file is invalid. */
  constraintError?: string;
  errors: ParseError[];
}

/** The inputs that decide which files of a package are built (go/build.Context). */
export interface BuildContext {
  goos: string;
  goarch: string;
  /** -tags from GOFLAGS or build flags. */
  tags: string[];
  cgoEnabled: boolean;
  /** The go version of the toolchain, like "1.26": release tags go1.1 … go1.26 are satisfied. */
  goVersion: string;
  compiler: 'gc';
  /** Tags the toolchain adds (go/build ToolTags): the GOAMD64 levels like `amd64.v1`, enabled `goexperiment.X`. */
  toolTags?: string[];
}
