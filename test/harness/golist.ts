// The go command's verdict on every import of the packages under a directory: the truth the
// fixture corpus and the engine are checked against. It runs `go list -e -deps -json ./...`
// (and `go build ./...`) and works out, per (importing package, import path), whether go could
// load the import — from the shapes in which go reports errors (go-resolution-spec.md §9):
//   - a missing/unloadable package: a -deps entry whose Error is about the package itself
//     (its Pos, if any, points into an importer's file; its stack ends at the package);
//   - an error on the importer at an import's position ("use of internal package ... not
//     allowed"): found by reading the quoted path at Error.Pos;
//   - an import cycle: Error "import cycle not allowed" with the cycle as ImportStack and no Pos.
// When go fails before loading any package (a malformed go.mod, inconsistent vendoring, a
// too-new go line, a go.work duplicate) there is no JSON: that is a fatal, view-level failure.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { HermeticGo } from './goenv';
import { parseJsonStream } from './proxy';

interface PackageError {
  ImportStack?: string[];
  Pos?: string;
  Err: string;
}

export interface ListedPackage {
  Dir?: string;
  ImportPath: string;
  Name?: string;
  Standard?: boolean;
  DepOnly?: boolean;
  GoFiles?: string[];
  Imports?: string[];
  ImportMap?: Record<string, string>;
  Module?: { Path: string; Main?: boolean; Dir?: string };
  Error?: PackageError;
  DepsErrors?: PackageError[];
  /** Set by this harness when go refuses to load the package at all: why. */
  unloadable?: string;
}

export interface ImportTruth {
  broken: boolean;
  /** What go said about it. */
  err?: string;
}

export interface GoTruth {
  /** Set when go failed before loading packages: its stderr. */
  fatal?: string;
  /** Keyed by importKey(importing package dir, import path as written). */
  imports: Map<string, ImportTruth>;
  /** The packages go listed (the importers and their dependencies). */
  packages: ListedPackage[];
  buildOk: boolean;
  buildStderr: string;
}

export function importKey(pkgDir: string, importPath: string): string {
  return `${pkgDir}\x00${importPath}`;
}

export function splitImportKey(key: string): { pkgDir: string; importPath: string } {
  const [pkgDir, importPath] = key.split('\x00');
  return { pkgDir, importPath };
}

const CYCLE = 'import cycle not allowed';

/** The go command's verdict on every import of the packages `./...` matches in `cwd`. */
export async function goTruth(go: HermeticGo, cwd: string, env: Record<string, string> = {}): Promise<GoTruth> {
  const build = await go.run(['build', './...'], cwd, env);
  const buildResult = { buildOk: build.exitCode === 0, buildStderr: build.stderr };

  let listed = await listPackages(go, cwd, env, ['./...']);
  if (listed.fatal === undefined && listed.packages.every((p) => !p.Dir && p.Error)) {
    // "./..." matched no package of a main module (no go.mod, or a module outside go.work):
    // ask about each directory's files instead, as `go build file.go` would load them.
    listed = await listByFiles(go, cwd, env);
  }
  if (listed.fatal !== undefined) return { fatal: listed.fatal, imports: new Map(), packages: [], ...buildResult };
  return { imports: importVerdicts(listed.packages, cwd), packages: listed.packages, ...buildResult };
}

async function listPackages(go: HermeticGo, cwd: string, env: Record<string, string>, args: string[]): Promise<{ fatal?: string; packages: ListedPackage[] }> {
  const r = await go.run(['list', '-e', '-deps', '-json', ...args], cwd, env);
  const packages = parseJsonStream<ListedPackage>(r.stdout);
  if (packages.length === 0) return { fatal: r.stderr.trim() || `go list exited ${r.exitCode} with no output`, packages };
  return { packages };
}

/** Lists every package directory under cwd by its .go files (command-line-arguments packages).
 * A directory go refuses to load as a package (a module left out of go.work) has every import
 * broken with go's reason. */
async function listByFiles(go: HermeticGo, cwd: string, env: Record<string, string>): Promise<{ fatal?: string; packages: ListedPackage[] }> {
  const packages: ListedPackage[] = [];
  for (const dir of goSourceDirs(cwd)) {
    const asPackage = await listPackages(go, dir, env, ['.']);
    const refusal = asPackage.packages.find((p) => p.Error && !p.GoFiles?.length)?.Error;
    const files = fs.readdirSync(dir).filter((n) => n.endsWith('.go') && !n.endsWith('_test.go'));
    const r = await listPackages(go, dir, env, files);
    if (r.fatal !== undefined) return r;
    for (const p of r.packages) absolutizePositions(p, dir);
    if (refusal) {
      // Keep only the importer, marked so that every one of its imports counts as broken.
      const importer = r.packages.find((p) => p.Dir === dir && !p.DepOnly);
      if (importer) packages.push({ ...importer, unloadable: refusal.Err });
    } else {
      packages.push(...r.packages);
    }
  }
  return { packages };
}

/** Error positions are relative to the directory go ran in; make them independent of it. */
function absolutizePositions(p: ListedPackage, cwd: string): void {
  for (const e of [p.Error, ...(p.DepsErrors ?? [])]) {
    if (e?.Pos && !path.isAbsolute(e.Pos)) e.Pos = path.join(cwd, e.Pos);
  }
}

/** Directories holding .go files, skipping what the go command skips (testdata, _x, .x, vendor). */
export function goSourceDirs(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    const ents = fs.readdirSync(dir, { withFileTypes: true });
    if (ents.some((e) => e.isFile() && e.name.endsWith('.go') && !e.name.startsWith('_') && !e.name.startsWith('.'))) out.push(dir);
    for (const e of ents) {
      if (!e.isDirectory() || e.name === 'testdata' || e.name === 'vendor' || /^[._]/.test(e.name)) continue;
      walk(path.join(dir, e.name));
    }
  };
  walk(root);
  return out.sort();
}

/** The per-import verdicts for the packages go was asked about (not its dependencies). */
function importVerdicts(packages: ListedPackage[], cwd: string): Map<string, ImportTruth> {
  const byPath = new Map(packages.map((p) => [p.ImportPath, p]));
  const importers = packages.filter((p) => p.Dir && !p.DepOnly && !p.Standard);
  const verdicts = new Map<string, ImportTruth>();
  const markBroken = (pkgDir: string, importPath: string, err: string) => {
    const key = importKey(pkgDir, importPath);
    if (verdicts.has(key)) verdicts.set(key, { broken: true, err });
  };

  for (const p of importers) {
    for (const written of writtenImports(p)) verdicts.set(importKey(p.Dir!, written), { broken: false });
  }
  for (const p of importers) {
    const writtenOf = invert(p.ImportMap);
    for (const resolved of p.Imports ?? []) {
      const dep = byPath.get(resolved);
      const written = writtenOf.get(resolved) ?? resolved;
      if (p.unloadable) markBroken(p.Dir!, written, p.unloadable);
      else if (!dep) markBroken(p.Dir!, written, 'not listed by go list -deps');
      else if (dep.Error && isAboutPackageItself(dep, cwd)) markBroken(p.Dir!, written, dep.Error.Err);
    }
  }
  // go loads every package an import reaches, and one that fails fails the importer's build: an
  // import of another module's package is broken too when a package of another module it reaches
  // (through such packages only: a main module's packages have verdicts of their own) has an error.
  const failureBelow = dependencyFailures(byPath);
  for (const p of importers) {
    // Module mode only: GOPATH packages have no modules to tell apart.
    if (!p.Module) continue;
    const writtenOf = invert(p.ImportMap);
    for (const resolved of p.Imports ?? []) {
      const dep = byPath.get(resolved);
      const written = writtenOf.get(resolved) ?? resolved;
      const err = dep && isDependencyPackage(dep) ? failureBelow(dep) : undefined;
      if (err !== undefined && verdicts.get(importKey(p.Dir!, written))?.broken === false) markBroken(p.Dir!, written, err);
    }
  }
  // Errors that name an import by its position, or an import cycle by its stack.
  for (const p of packages) {
    for (const e of [p.Error, ...(p.DepsErrors ?? [])]) {
      if (!e) continue;
      if (e.Err.includes(CYCLE)) {
        // The stack runs from the root of the load to the cycle; only the loop's edges are broken.
        const stack = e.ImportStack ?? [];
        for (let i = stack.indexOf(stack[stack.length - 1]); i >= 0 && i + 1 < stack.length; i++) {
          const from = byPath.get(stack[i]);
          if (from?.Dir) markBroken(from.Dir, invert(from.ImportMap).get(stack[i + 1]) ?? stack[i + 1], e.Err);
        }
        continue;
      }
      // An import path go/build refuses fails its file, whose imports go then does not list; the
      // error names the import in its text ("/abs/a.go:5:2: invalid import path: …"), not in Pos.
      const invalidAt = /^(.*:\d+:\d+): invalid import path: /.exec(e.Err)?.[1];
      const at = e.Pos || invalidAt ? importAtPosition(e.Pos || invalidAt!, cwd, p.Dir) : undefined;
      if (at && invalidAt) verdicts.set(importKey(at.pkgDir, at.importPath), { broken: false });
      if (at) markBroken(at.pkgDir, at.importPath, e.Err);
    }
  }
  return verdicts;
}

/** A package of a module other than the main modules, or of none (go found no module for it);
 * not of the standard library. */
function isDependencyPackage(p: ListedPackage): boolean {
  return !p.Standard && !p.Module?.Main;
}

/** The first error (its text) among a dependency package and the dependency packages it imports,
 * transitively; memoized over one listing. */
function dependencyFailures(byPath: Map<string, ListedPackage>): (p: ListedPackage) => string | undefined {
  const memo = new Map<string, string | undefined>();
  const below = (p: ListedPackage): string | undefined => {
    if (memo.has(p.ImportPath)) return memo.get(p.ImportPath);
    memo.set(p.ImportPath, undefined);
    let err = p.Error?.Err;
    for (const i of p.Imports ?? []) {
      if (err !== undefined) break;
      const dep = byPath.get(i);
      if (dep && isDependencyPackage(dep)) err = below(dep);
    }
    memo.set(p.ImportPath, err);
    return err;
  };
  return below;
}

/** Whether a package's Error is about the package itself (missing, unbuildable) rather than one
 * of its own imports (an internal-package or cycle error positioned in its own files). */
function isAboutPackageItself(p: ListedPackage, cwd: string): boolean {
  const e = p.Error!;
  if (e.Err.includes(CYCLE)) return false;
  if (!e.Pos) return true;
  if (!p.Dir) return true;
  const at = importAtPosition(e.Pos, cwd, p.Dir);
  return !at || at.pkgDir !== p.Dir;
}

function writtenImports(p: ListedPackage): string[] {
  const writtenOf = invert(p.ImportMap);
  return (p.Imports ?? []).map((i) => writtenOf.get(i) ?? i);
}

function invert(m: Record<string, string> | undefined): Map<string, string> {
  return new Map(Object.entries(m ?? {}).map(([written, resolved]) => [resolved, written]));
}

/** Reads the quoted import path at "file:line:col" (file relative to cwd, or to the package dir). */
export function importAtPosition(pos: string, cwd: string, pkgDir?: string): { pkgDir: string; importPath: string } | undefined {
  const m = /^(.*):(\d+):(\d+)$/.exec(pos);
  if (!m) return undefined;
  const candidates = [path.resolve(cwd, m[1]), ...(pkgDir ? [path.resolve(pkgDir, m[1])] : [])];
  const file = candidates.find((f) => fs.existsSync(f));
  if (!file) return undefined;
  const line = fs.readFileSync(file, 'utf8').split('\n')[Number(m[2]) - 1] ?? '';
  // Columns count bytes; fixture sources are ASCII where it matters.
  const q = /^["`]([^"`]*)["`]/.exec(line.slice(Number(m[3]) - 1));
  if (!q) return undefined;
  return { pkgDir: path.dirname(file), importPath: q[1] };
}
