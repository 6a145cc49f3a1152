// The verdicts on one package's imports, in the editor's view and the terminal's, and the
// import cycles among the folder's own packages.

import * as path from 'node:path';
import type { FileSystem } from '../fsys/fsys';
import { buildContextOf } from '../env/goenv';
import { readPackageDir } from '../scan/package';
import { resolveImport, findImportCycles } from '../resolve/importer';
import type { Broken, Resolution, View } from '../resolve/types';
import type { ModuleLayout } from './layout';
import type { ViewUse } from './views';
import type { ImportVerdict } from './types';

/** The module path of the package's own module, as its views see it. */
export function importerModulePath(mod: ModuleLayout | undefined, ev: ViewUse, tv: ViewUse | undefined): string | undefined {
  if (!mod) return undefined;
  return modulePathIn(ev.view, mod.root) ?? modulePathIn(tv?.view, mod.root);
}

const mainModuleDirs = new WeakMap<View, Map<string, string>>();

function modulePathIn(view: View | undefined, root: string): string | undefined {
  if (!view) return undefined;
  // A workspace view has a main module per use line, and every package asks.
  let byDir = mainModuleDirs.get(view);
  if (!byDir) {
    byDir = new Map();
    for (const m of view.mainModules) if (!byDir.has(m.dir)) byDir.set(m.dir, m.path);
    mainModuleDirs.set(view, byDir);
  }
  return byDir.get(root);
}

export function verdictsForPackage(dir: string, mod: ModuleLayout | undefined, ev: ViewUse, tv: ViewUse | undefined, fs: FileSystem): ImportVerdict[] {
  const pd = readPackageDir(fs, dir, buildContextOf(ev.view.env));
  if (!pd) return [];
  const files = [...pd.goFiles, ...pd.testGoFiles, ...pd.xTestGoFiles];
  const importer = { dir, modulePath: importerModulePath(mod, ev, tv) };
  const out: ImportVerdict[] = [];
  const memo = new Map<string, { e: Resolution; t?: Resolution }>();
  for (const name of files) {
    const header = pd.headers.get(name);
    if (!header) continue;
    for (const imp of header.imports) {
      if (imp.path === 'C') continue;
      let r = memo.get(imp.path);
      if (!r) {
        r = {
          e: resolveIn(ev, imp.path, importer, fs),
          t: tv ? resolveIn(tv, imp.path, importer, fs) : undefined,
        };
        memo.set(imp.path, r);
      }
      out.push({ file: path.join(dir, name), packageDir: dir, importPath: imp.path, range: imp.range, editor: r.e, terminal: r.t });
    }
  }
  return out;
}

function resolveIn(use: ViewUse, importPath: string, importer: { dir: string; modulePath?: string }, fs: FileSystem): Resolution {
  if (use.notInWorkspace) return { ...use.notInWorkspace, importPath };
  return viewFailure(use.view, importPath) ?? resolveImport(use.view, importPath, importer, fs);
}

/** The view's own fatal problem turned into the verdict of every import it would load. */
function viewFailure(view: View, importPath: string): Broken | undefined {
  const e = view.errors[0];
  if (!e) return undefined;
  return { ok: false, importPath, code: e.code, message: e.message, evidence: e.evidence };
}

/** One package's resolved imports, as cycle detection needs them (test files left out: test
 * imports may legally close a loop through an external test package). */
export interface ResolvedImport {
  importPath: string;
  dir: string;
  /** Resolved to a package of a main module (or workspace module). */
  local: boolean;
}

export function resolvedImports(verdicts: readonly ImportVerdict[]): ResolvedImport[] {
  const out = new Map<string, ResolvedImport>();
  for (const v of verdicts) {
    if (!v.editor.ok || v.file.endsWith('_test.go') || out.has(v.importPath)) continue;
    out.set(v.importPath, { importPath: v.importPath, dir: v.editor.dir, local: v.editor.via === 'main-module' || v.editor.via === 'workspace-module' });
  }
  return [...out.values()];
}

/** The verdicts with those imports between main-module packages that close a cycle ("import cycle
 * not allowed") replaced by an import-cycle verdict. `packages` gives each package directory's
 * resolved imports. The verdicts given are not modified (an incremental analysis keeps them). */
export function withImportCycles(verdicts: ImportVerdict[], packages: Iterable<[string, readonly ResolvedImport[]]>): ImportVerdict[] {
  const byPkgDir = new Map<string, string>();
  const list = [...packages];
  for (const [, imports] of list) for (const i of imports) if (i.local) byPkgDir.set(i.dir, i.importPath);
  const edges = new Map<string, string[]>();
  for (const [dir, imports] of list) {
    const from = byPkgDir.get(dir);
    if (!from) continue;
    for (const i of imports) {
      if (!byPkgDir.has(i.dir)) continue;
      const to = edges.get(from) ?? [];
      if (!to.includes(i.importPath)) to.push(i.importPath);
      edges.set(from, to);
    }
  }
  const cycles = findImportCycles(edges);
  if (cycles.length === 0) return verdicts;
  const inCycle = new Set<string>();
  for (const c of cycles) for (let i = 0; i < c.length; i++) inCycle.add(`${c[i]}\x00${c[(i + 1) % c.length]}`);
  return verdicts.map((v) => {
    const from = byPkgDir.get(v.packageDir);
    if (!from || v.file.endsWith('_test.go') || !inCycle.has(`${from}\x00${v.importPath}`)) return v;
    const cycle = cycles.find((c) => c.includes(from) && c.includes(v.importPath))!;
    return {
      ...v,
      editor: {
        ok: false,
        importPath: v.importPath,
        code: 'import-cycle',
        message: `Import cycle: ${[...cycle, cycle[0]].join(' → ')}. Go does not allow packages to import each other; go says: import cycle not allowed`,
        evidence: [],
      },
    };
  });
}
