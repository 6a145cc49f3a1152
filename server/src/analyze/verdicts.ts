// The verdicts on one package's imports, in the editor's view and the terminal's, and the
// import cycles among the folder's own packages.

import * as path from 'node:path';
import type { FileSystem } from '../fsys/fsys';
import { buildContextOf } from '../env/goenv';
import { readPackageDir } from '../scan/package';
import { findImportCycles, notInWorkspace } from '../resolve/importer';
import { DependencyLoads } from '../deps/closure';
import type { Broken, Resolution, View } from '../resolve/types';
import type { ModuleLayout } from './layout';
import type { ViewUse } from './views';
import type { ImportVerdict } from './types';
import { mainModuleAt } from '../resolve/main-modules';
import { RecordingFileSystem } from '../fsys/cache';
import { internalParentEnd } from '../resolve/internal';
import { viewContent } from '../resolve/view-content';

/** The module path of the package's own module, as its views see it. */
export function importerModulePath(mod: ModuleLayout | undefined, ev: ViewUse, tv: ViewUse | undefined): string | undefined {
  if (!mod) return undefined;
  return modulePathIn(ev.view, mod.root) ?? modulePathIn(tv?.view, mod.root);
}

function modulePathIn(view: View | undefined, root: string): string | undefined {
  return view && mainModuleAt(view, root)?.path;
}

/** Resolutions shared within one analysis by the packages of a module. From every package of a
 * module an import resolves alike, the importer mattering only through its module (root and
 * path), except under the internal rule, which looks at the importer's own import path, and in
 * GOPATH mode, which resolves relative to the importer. A package that reuses a resolution still
 * records what it read. */
export class ModuleResolutions {
  private readonly byView = new WeakMap<View, Map<string, { r: Resolution; deps: ReadonlySet<string> }>>();

  /** `dependencies` judges the dependency packages an import reaches (kept across analyses by
   * the caller; a fresh one serves a single analysis). */
  constructor(private readonly dependencies: DependencyLoads = new DependencyLoads()) {}

  resolve(view: View, importPath: string, importer: { dir: string; modulePath?: string }, moduleRoot: string | undefined, fs: FileSystem): Resolution {
    if (view.kind === 'gopath' || moduleRoot === undefined || internalParentEnd(importPath) >= 0 || !(fs instanceof RecordingFileSystem)) return this.dependencies.resolve(view, importPath, importer, fs);
    // Keyed by content: a terminal's copy of the editor's view (viewWithEnv) resolves alike.
    const content = viewContent(view);
    let memo = this.byView.get(content);
    if (!memo) this.byView.set(content, (memo = new Map()));
    const key = `${moduleRoot}\x00${importer.modulePath ?? ''}\x00${importPath}`;
    const hit = memo.get(key);
    if (hit) {
      fs.record(hit.deps);
      return hit.r;
    }
    const recorder = new RecordingFileSystem(fs);
    const r = this.dependencies.resolve(view, importPath, importer, recorder);
    memo.set(key, { r, deps: recorder.deps });
    return r;
  }
}

export function verdictsForPackage(dir: string, mod: ModuleLayout | undefined, ev: ViewUse, tv: ViewUse | undefined, fs: FileSystem, shared: ModuleResolutions): ImportVerdict[] {
  const pd = readPackageDir(fs, dir, buildContextOf(ev.view.env));
  if (!pd) return [];
  const files = [...pd.goFiles, ...pd.testGoFiles, ...pd.xTestGoFiles];
  const importer = { dir, modulePath: importerModulePath(mod, ev, tv) };
  const out: ImportVerdict[] = [];
  const memo = new Map<string, { e: Resolution; t?: Resolution }>();
  for (const name of files) {
    const header = pd.headers.get(name);
    if (!header) continue;
    const file = path.join(dir, name);
    for (const imp of header.imports) {
      if (imp.path === 'C') continue;
      if (imp.invalid) {
        const b = invalidImport(imp.path, imp.invalid);
        out.push({ file, packageDir: dir, importPath: imp.path, range: imp.range, editor: b, terminal: tv ? b : undefined });
        continue;
      }
      let r = memo.get(imp.path);
      if (!r) {
        const e = resolveIn(ev, imp.path, importer, mod?.root, fs, shared);
        // A terminal that sees the editor's view (viewWithEnv) resolves alike.
        const sameUse = tv !== undefined && viewContent(tv.view) === viewContent(ev.view) && !tv.notInWorkspace && !ev.notInWorkspace;
        r = { e, t: !tv ? undefined : sameUse ? e : resolveIn(tv, imp.path, importer, mod?.root, fs, shared) };
        memo.set(imp.path, r);
      }
      out.push({ file, packageDir: dir, importPath: imp.path, range: imp.range, editor: r.e, terminal: r.t });
    }
  }
  return out;
}

/** An import path go/build refuses: go fails the whole file with it, and lists none of the file's
 * imports; the others here keep their own verdicts. */
function invalidImport(importPath: string, goText: string): Broken {
  return {
    ok: false,
    importPath,
    code: 'invalid-import-path',
    headline: 'Not an import path go accepts: go fails this whole file',
    message: `${JSON.stringify(importPath)} is not an import path go accepts, so the go command fails this whole file (its other imports are checked here all the same). go says: ${goText}`,
    evidence: [],
  };
}

function resolveIn(use: ViewUse, importPath: string, importer: { dir: string; modulePath?: string }, moduleRoot: string | undefined, fs: FileSystem, shared: ModuleResolutions): Resolution {
  // go's words depend on the package directory: each package gets its own.
  if (use.notInWorkspace) return notInWorkspace(use.view, importPath, importer, moduleRoot ?? importer.dir);
  return viewFailure(use.view, importPath) ?? shared.resolve(use.view, importPath, importer, moduleRoot, fs);
}

/** The view's own fatal problem turned into the verdict of every import it would load. */
function viewFailure(view: View, importPath: string): Broken | undefined {
  const e = view.errors[0];
  if (!e) return undefined;
  return { ok: false, importPath, code: e.code, headline: e.headline, message: e.message, evidence: e.evidence, wholeView: true };
}

/** An import of one package that resolves to a package of a main module (or workspace module),
 * outside test files: the edges import cycles run along (test imports may legally close a loop
 * through an external test package). */
export interface LocalImport {
  importPath: string;
  dir: string;
}

export function localImports(verdicts: readonly ImportVerdict[]): LocalImport[] {
  const out = new Map<string, LocalImport>();
  for (const v of verdicts) {
    const e = v.editor;
    if (!e.ok || (e.via !== 'main-module' && e.via !== 'workspace-module') || v.file.endsWith('_test.go') || out.has(v.importPath)) continue;
    out.set(v.importPath, { importPath: v.importPath, dir: e.dir });
  }
  return [...out.values()];
}

/** The import cycles among the folder's packages ("import cycle not allowed"). */
export interface ImportCycles {
  /** Each package in a cycle: its directory → its import path. */
  pathOf: Map<string, string>;
  cycles: string[][];
  /** The imports that close a cycle, as `from\0to` import paths. */
  closing: Set<string>;
}

/** The cycles along `packages`' local imports (each package directory with its local imports), or
 * undefined when there are none. */
export function findPackageCycles(packages: Iterable<[string, readonly LocalImport[]]>): ImportCycles | undefined {
  const list: [string, readonly LocalImport[]][] = [];
  const pathOf = new Map<string, string>();
  for (const entry of packages) {
    if (entry[1].length === 0) continue;
    list.push(entry);
    for (const i of entry[1]) pathOf.set(i.dir, i.importPath);
  }
  const edges = new Map<string, string[]>();
  for (const [dir, imports] of list) {
    const from = pathOf.get(dir);
    // Nothing imports it, so it is in no cycle.
    if (!from) continue;
    let to = edges.get(from);
    if (!to) edges.set(from, (to = []));
    // One directory is one import path: the imports of one package are already distinct.
    if (to.length === 0) for (const i of imports) to.push(i.importPath);
    else for (const i of imports) if (!to.includes(i.importPath)) to.push(i.importPath);
  }
  const cycles = findImportCycles(edges);
  if (cycles.length === 0) return undefined;
  const closing = new Set<string>();
  for (const c of cycles) for (let i = 0; i < c.length; i++) closing.add(`${c[i]}\x00${c[(i + 1) % c.length]}`);
  return { pathOf, cycles, closing };
}

/** findPackageCycles across analyses: the search over every package's imports is skipped while
 * each package's local imports are among those it had when a search last found no cycle, since
 * imports taken away cannot close one. (Breaking a module's imports, and mending them again, stays
 * within that graph.) */
export class PackageCycleSearch {
  /** Each package's local imports when the last search found no cycle, while every directory is
   * imported under one path (else two directories could meet in one node); else undefined. */
  private acyclic: ReadonlyMap<string, readonly LocalImport[]> | undefined;

  /** `renewed`, when given, lists the packages whose local imports may differ from the last call's. */
  find(packages: ReadonlyMap<string, { localImports: readonly LocalImport[] }>, renewed?: Iterable<string>): ImportCycles | undefined {
    if (this.acyclic && withinAcyclic(packages, this.acyclic, renewed ?? packages.keys())) return undefined;
    const found = findPackageCycles(mapLocalImports(packages));
    this.acyclic = found || !onePathPerDir(packages) ? undefined : new Map(mapLocalImports(packages));
    return found;
  }

  clear(): void {
    this.acyclic = undefined;
  }
}

function* mapLocalImports(packages: ReadonlyMap<string, { localImports: readonly LocalImport[] }>): Iterable<[string, readonly LocalImport[]]> {
  for (const [dir, p] of packages) yield [dir, p.localImports];
}

function withinAcyclic(packages: ReadonlyMap<string, { localImports: readonly LocalImport[] }>, acyclic: ReadonlyMap<string, readonly LocalImport[]>, dirs: Iterable<string>): boolean {
  for (const dir of dirs) {
    const now = packages.get(dir)?.localImports ?? [];
    const then = acyclic.get(dir);
    if (now === then || now.length === 0) continue;
    if (!then || !now.every((n) => then.some((t) => t.importPath === n.importPath && t.dir === n.dir))) return false;
  }
  return true;
}

function onePathPerDir(packages: ReadonlyMap<string, { localImports: readonly LocalImport[] }>): boolean {
  const pathOf = new Map<string, string>();
  for (const p of packages.values()) {
    for (const i of p.localImports) {
      const seen = pathOf.get(i.dir);
      if (seen === undefined) pathOf.set(i.dir, i.importPath);
      else if (seen !== i.importPath) return false;
    }
  }
  return true;
}

/** One package's verdicts with those imports that close a cycle replaced by an import-cycle
 * verdict; the same array when none does (the verdicts given are kept by an incremental analysis,
 * so they are never modified). */
export function withImportCycles(verdicts: readonly ImportVerdict[], dir: string, found: ImportCycles | undefined): readonly ImportVerdict[] {
  const from = found?.pathOf.get(dir);
  if (!found || !from) return verdicts;
  const closes = (v: ImportVerdict) => !v.file.endsWith('_test.go') && found.closing.has(`${from}\x00${v.importPath}`);
  if (!verdicts.some(closes)) return verdicts;
  return verdicts.map((v) => {
    if (!closes(v)) return v;
    const cycle = found.cycles.find((c) => c.includes(from) && c.includes(v.importPath))!;
    return {
      ...v,
      editor: {
        ok: false,
        importPath: v.importPath,
        code: 'import-cycle',
        headline: `Import cycle: ${[...cycle, cycle[0]].map((p) => p.slice(p.lastIndexOf('/') + 1)).join(' → ')}`,
        message: `Import cycle: ${[...cycle, cycle[0]].join(' → ')}. Go does not allow packages to import each other; go says: import cycle not allowed`,
        evidence: [],
      },
    };
  });
}
