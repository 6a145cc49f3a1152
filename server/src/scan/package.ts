// Which .go files of a directory make up its package in a build context, as go/build's
// Context.Import sorts them (GoFiles, IgnoredGoFiles, TestGoFiles, XTestGoFiles), reading each
// file's head only.

import * as path from 'node:path';
import type { FileSystem, ReadFailure } from '../fsys/fsys';
import type { BuildContext, GoFileHeader, ImportSpec } from './types';
import { constraintsAllow, goodOSArchFile } from './constraints';
import { scanGoFileHead } from './gofile';

export interface PackageDir {
  dir: string;
  /** Files built in the context, tests excluded; cgo files are included when cgo is enabled. */
  goFiles: string[];
  /** The subset of goFiles that import "C". */
  cgoFiles: string[];
  /** Files excluded by build constraints or by name (_GOOS, _GOARCH), cgo files without cgo, and
   * `package documentation` files. */
  ignoredGoFiles: string[];
  testGoFiles: string[];
  xTestGoFiles: string[];
  /** Files go lists but cannot use: unreadable, a bad header (syntax error, multiple //go:build
   * lines), or cgo in a test. */
  invalidGoFiles: string[];
  /** A //go:build line that does not parse, in go's words (`a.go: parsing //go:build line: …`).
   * The go command's package index stops at that file, so the lists hold only the files before
   * it, and the package fails to load with this error. */
  buildLineError?: string;
  /** Files declaring different packages, in go's words: `found packages a (a.go) and b (b.go) in DIR`. */
  packageNameError?: string;
  /** The first source file that exists and cannot be read (no permission, a FIFO): go fails the
   * package with the error of its open (`open DIR/a.go: permission denied`). */
  readError?: { name: string; failure: ReadFailure };
  /** *.go files whose names start with _ or . (never part of a package). */
  invalidNames: string[];
  /** Header of every file that was read, by file name. */
  headers: Map<string, GoFileHeader>;
  /** Package names declared by goFiles. */
  packageNames: Set<string>;
  /** Whether the directory has any *.go entry (regular file or symlink to one, any name): the
   * go command's test for "this directory is a package candidate" (fsys.IsGoDir). */
  hasGoFiles: boolean;
  /** The same test as the go command's package index makes it: a *.go entry whose name does not
   * start with _ or . (the index leaves those out). */
  indexHasGoFiles: boolean;
  /** Whether go would read this directory through its index: every entry that is not a directory
   * is a regular file (no symlinks). go also skips the index for files changed in the last 2
   * seconds; that moment is not modelled. */
  indexable: boolean;
}

/** The package in `dir` under ctx; undefined when the directory cannot be read. The result is
 * shared by callers (a caching file system keeps it): never modify it. */
export function readPackageDir(fs: FileSystem, dir: string, ctx: BuildContext): PackageDir | undefined {
  if (!fs.derive) return scanPackageDir(fs, dir, ctx);
  // A symlinked entry reads a file outside the directory, whose changes the cache cannot see: such
  // a scan is not kept (go's package index makes the same call).
  return fs.derive(dir, `package ${contextKey(ctx)}`, () => scanPackageDir(fs, dir, ctx), (pd) => pd?.indexable !== false);
}

const contextKeys = new WeakMap<BuildContext, string>();

function contextKey(ctx: BuildContext): string {
  let k = contextKeys.get(ctx);
  if (k === undefined) contextKeys.set(ctx, (k = JSON.stringify([ctx.goos, ctx.goarch, ctx.tags, ctx.cgoEnabled, ctx.goVersion, ctx.compiler, ctx.toolTags ?? []])));
  return k;
}

function scanPackageDir(fs: FileSystem, dir: string, ctx: BuildContext): PackageDir | undefined {
  const entries = fs.readDir(dir);
  if (!entries) return undefined;
  const pd: PackageDir = {
    dir,
    goFiles: [],
    cgoFiles: [],
    ignoredGoFiles: [],
    testGoFiles: [],
    xTestGoFiles: [],
    invalidGoFiles: [],
    invalidNames: [],
    headers: new Map(),
    packageNames: new Set(),
    hasGoFiles: false,
    indexHasGoFiles: false,
    indexable: entries.every((e) => e.isDir || e.isFile),
  };
  // The first file's package name is the package's; an x_test file is one whose name is that plus _test.
  let firstName: string | undefined;
  let firstFile = '';
  const sourceNames: string[] = [];
  for (const entry of entries) {
    if (entry.isDir || !entry.name.endsWith('.go')) continue;
    // A symlink to a directory is not a source file.
    const target = entry.isSymlink ? fs.stat(path.join(dir, entry.name)) : undefined;
    if (target?.isDir) continue;
    if (entry.isFile || target?.isFile) pd.hasGoFiles = true;
    if (entry.name.startsWith('_') || entry.name.startsWith('.')) pd.invalidNames.push(entry.name);
    else sourceNames.push(entry.name);
  }
  pd.indexHasGoFiles = sourceNames.length > 0;
  pd.invalidNames.sort(compareBytes);
  sourceNames.sort(compareBytes);
  for (const name of sourceNames) {
    const file = path.join(dir, name);
    if (!goodOSArchFile(name, ctx)) {
      pd.ignoredGoFiles.push(name);
      continue;
    }
    const header = scanGoFileHead(fs, file);
    if (!header) {
      pd.invalidGoFiles.push(name);
      const failure = fs.readFailure(file);
      if (failure && !pd.readError) pd.readError = { name, failure };
      continue;
    }
    pd.headers.set(name, header);
    if (header.constraintError) {
      pd.invalidGoFiles.push(name);
      continue;
    }
    const allowed = constraintsAllow(header.goBuild, header.plusBuild, ctx);
    if (allowed.error) {
      // As modindex does (go/build instead marks the file invalid and goes on, but go uses it
      // only for files changed in the last 2 seconds).
      pd.buildLineError = `${name}: ${allowed.error}`;
      break;
    }
    if (!allowed.ok) {
      pd.ignoredGoFiles.push(name);
      continue;
    }
    const invalid = header.errors.length > 0;
    let pkg = header.packageName ?? '';
    if (pkg === 'documentation') {
      pd.ignoredGoFiles.push(name);
      continue;
    }
    const isTest = name.endsWith('_test.go');
    const isXTest = isTest && pkg.endsWith('_test') && firstName !== pkg;
    if (isXTest) pkg = pkg.slice(0, -'_test'.length);
    let misnamed = false;
    if (firstName === undefined) {
      firstName = pkg;
      firstFile = name;
    } else if (pkg !== firstName) {
      misnamed = true;
      pd.packageNameError ??= `found packages ${firstName} (${firstFile}) and ${pkg} (${name}) in ${dir}`;
    }
    if (invalid || misnamed || (isTest && header.usesCgo)) pd.invalidGoFiles.push(name);

    if (header.usesCgo && !isTest) {
      if (ctx.cgoEnabled) {
        pd.goFiles.push(name);
        pd.cgoFiles.push(name);
        pd.packageNames.add(pkg);
      } else pd.ignoredGoFiles.push(name);
    } else if (isXTest) pd.xTestGoFiles.push(name);
    else if (isTest) pd.testGoFiles.push(name);
    else {
      pd.goFiles.push(name);
      pd.packageNames.add(pkg);
    }
  }
  return pd;
}

/** Whether the go command counts the directory as a package (modload dirInModule): through its
 * index when that is enabled and the directory indexable, else by fsys.IsGoDir. */
export function isPackageCandidate(pd: PackageDir, goIndexEnabled: boolean): boolean {
  return goIndexEnabled && pd.indexable ? pd.indexHasGoFiles : pd.hasGoFiles;
}

/** go's NoGoError for a directory with no buildable files: every .go file is excluded by
 * constraints, or there are none. Test-only packages are fine for `go list`. */
export function packageFilesError(pd: PackageDir): 'no-go-files' | 'build-constraints-exclude' | undefined {
  if (pd.buildLineError !== undefined || pd.readError) return undefined; // go reports that error instead
  if (pd.goFiles.length + pd.testGoFiles.length + pd.xTestGoFiles.length > 0) return undefined;
  return pd.ignoredGoFiles.length > 0 ? 'build-constraints-exclude' : 'no-go-files';
}

/** go's text for packageFilesError (load.NoGoError), or undefined when the package has files. */
export function packageFilesErrorMessage(pd: PackageDir): string | undefined {
  switch (packageFilesError(pd)) {
    case 'build-constraints-exclude':
      return `build constraints exclude all Go files in ${pd.dir}`;
    case 'no-go-files':
      return `no Go files in ${pd.dir}`;
    default:
      return undefined;
  }
}

/** The imports the build uses: those of goFiles, in file order ("C" included; callers drop it). */
export function packageImports(pd: PackageDir): ImportSpec[] {
  return importsOf(pd, pd.goFiles);
}

/** The imports of the package's _test.go files (in-package and external). */
export function testImports(pd: PackageDir): ImportSpec[] {
  return importsOf(pd, [...pd.testGoFiles, ...pd.xTestGoFiles]);
}

function importsOf(pd: PackageDir, files: readonly string[]): ImportSpec[] {
  return files.flatMap((f) => pd.headers.get(f)?.imports ?? []);
}

// Go sorts directory entries by byte order of the UTF-8 names. For ASCII names that is the order
// of the UTF-16 code units, which needs no encoding.
const ASCII = /^[\x00-\x7f]*$/;

function compareBytes(a: string, b: string): number {
  if (ASCII.test(a) && ASCII.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
