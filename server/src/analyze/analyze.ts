// Analyses a folder the way an editor opened at it sees it: which view (go.work found from the
// folder, else each module on its own) every package belongs to, how each import resolves there,
// and — given the terminal's environment — how it resolves from the module directory in the
// terminal. Data flows one way: layout → views → verdicts → diagnostics.

import * as path from 'node:path';
import { DiskFileSystem } from '../fsys/fsys';
import type { FileSystem } from '../fsys/fsys';
import type { GoEnv } from '../env/types';
import { buildContextOf } from '../env/goenv';
import { readPackageDir } from '../scan/package';
import { findGoWork } from '../resolve/discover';
import { ViewCache } from '../resolve/view';
import { resolveImport, findImportCycles } from '../resolve/importer';
import type { Broken, Resolution, View } from '../resolve/types';
import { folderLayout } from './layout';
import { localModules } from './local-modules';
import { explainWithLocalModules } from './local-explain';
import type { ModuleLayout } from './layout';
import type { Analysis, AnalyzeOptions, ImportVerdict } from './types';
import { diagnoseAnalysis } from '../diagnose/diagnose';

export async function analyzeFolder(folderArg: string, opts: AnalyzeOptions): Promise<Analysis> {
  const fs = opts.fs ?? new DiskFileSystem();
  const folder = path.resolve(folderArg);
  const layout = folderLayout(folder, fs);
  const mods = localModules(layout, fs);
  const analysis: Analysis = { folder, views: [], imports: [], diagnostics: [] };

  const editor = new EditorViews(folder, opts.editorEnv, fs);
  const terminal = opts.terminalEnv ? new TerminalViews(opts.terminalEnv, fs) : undefined;

  const packageDirs = [...layout.modules.flatMap((m) => m.packageDirs.map((d) => ({ dir: d, mod: m as ModuleLayout | undefined }))), ...layout.outsideModules.map((d) => ({ dir: d, mod: undefined }))];
  let sinceYield = 0;
  for (const { dir, mod } of packageDirs) {
    if (opts.signal?.aborted) break;
    if (++sinceYield >= 50) {
      // Let a language server answer requests (and notice cancellation) during long analyses.
      sinceYield = 0;
      await new Promise((r) => setImmediate(r));
    }
    const ev = editor.viewFor(dir, mod);
    const tv = terminal?.viewFor(dir, mod);
    analysis.imports.push(...verdictsForPackage(dir, mod, ev, tv, fs).map((v) => ({
      ...v,
      editor: explainWithLocalModules(v.editor, ev.view, mods, folder, fs),
      terminal: v.terminal && tv ? explainWithLocalModules(v.terminal, tv.view, mods, folder, fs) : v.terminal,
    })));
  }
  markImportCycles(analysis.imports);

  analysis.views.push(...editor.all().map((v) => ({ role: 'editor' as const, moduleDir: v.moduleDir, view: v.view })));
  if (terminal) analysis.views.push(...terminal.all().map((v) => ({ role: 'terminal' as const, moduleDir: v.moduleDir, view: v.view })));
  analysis.diagnostics = diagnoseAnalysis(analysis, { mods, fs });
  return analysis;
}

interface ViewUse {
  view: View;
  /** The module root the package is analysed from (its go.mod dir), or the package dir outside modules. */
  moduleDir: string;
  /** Set when the view is a workspace whose use list leaves this module out. */
  notInWorkspace?: Broken;
}

/** Views shared by every directory that sees the same thing (the same go.work, or the same module
 * root, in one environment: resolve/view's ViewCache), listed per module directory. */
class ViewsByModule {
  private readonly byDir = new Map<string, View>();

  constructor(private readonly cache: ViewCache) {}

  load(moduleDir: string, cwd: string, env: GoEnv): View {
    const v = this.cache.get(cwd, env);
    this.byDir.set(moduleDir, v);
    return v;
  }

  all(): { moduleDir: string; view: View }[] {
    return [...this.byDir].map(([moduleDir, view]) => ({ moduleDir, view }));
  }
}

/** The editor's views: a go.work found from the folder (or GOWORK) covers everything; without
 * one, each module is its own view, as the Go extension's language server shows it. */
class EditorViews extends ViewsByModule {
  private readonly workFile: string | undefined;
  /** One object, so the view cache (keyed by environment identity) shares views across modules. */
  private readonly envWithoutWork: GoEnv;

  constructor(
    private readonly folder: string,
    private readonly env: GoEnv,
    fs: FileSystem,
  ) {
    super(new ViewCache(fs));
    this.workFile = env.go111module === 'off' ? undefined : findGoWork(folder, env, fs);
    this.envWithoutWork = withGoWorkOff(env);
  }

  viewFor(pkgDir: string, mod: ModuleLayout | undefined): ViewUse {
    const moduleDir = mod?.root ?? pkgDir;
    if (this.workFile) {
      const view = this.load(moduleDir, this.folder, this.env);
      const covered = view.mainModules.some((m) => m.dir === mod?.root);
      return { view, moduleDir, notInWorkspace: covered || !mod ? undefined : notInWorkspace(view, mod) };
    }
    return { view: this.load(moduleDir, moduleDir, mod ? this.envWithoutWork : this.env), moduleDir };
  }
}

/** The terminal's views: the go command run in the module directory, discovering go.work from there. */
class TerminalViews extends ViewsByModule {
  constructor(
    private readonly env: GoEnv,
    fs: FileSystem,
  ) {
    super(new ViewCache(fs));
  }

  viewFor(pkgDir: string, mod: ModuleLayout | undefined): ViewUse {
    const cwd = mod?.root ?? pkgDir;
    const view = this.load(cwd, cwd, this.env);
    const covered = view.kind !== 'workspace' || !mod || view.mainModules.some((m) => m.dir === mod.root);
    return { view, moduleDir: cwd, notInWorkspace: covered || !mod ? undefined : notInWorkspace(view, mod) };
  }
}

function withGoWorkOff(env: GoEnv): GoEnv {
  if (env.gowork === 'off') return env;
  return { ...env, gowork: 'off', vars: { ...env.vars, GOWORK: 'off' } };
}

function notInWorkspace(view: View, mod: ModuleLayout): Broken {
  const work = view.goWork!;
  const rel = path.relative(path.dirname(work.file), mod.root) || '.';
  return {
    ok: false,
    importPath: '',
    code: 'not-in-workspace',
    message:
      `This module (${mod.root}) is not listed in ${work.file}, so the go command ignores it and none of its imports resolve. ` +
      `go says: directory ${rel} is contained in a module that is not one of the workspace modules listed in go.work. You can add the module to the workspace using: go work use ${rel.startsWith('.') ? rel : './' + rel}`,
    evidence: [{ kind: 'file', file: work.file, range: work.work.syntax.stmts.length ? firstStmtRange(view) : { start: { offset: 0, line: 0, character: 0 }, end: { offset: 0, line: 0, character: 0 } }, note: 'the go.work in effect' }],
  };
}

function firstStmtRange(view: View) {
  const s = view.goWork!.work.use[0]?.syntax.range ?? view.goWork!.work.go?.syntax.range;
  return s ?? { start: { offset: 0, line: 0, character: 0 }, end: { offset: 0, line: 0, character: 0 } };
}

/** The view's own fatal problem turned into the verdict of every import it would load. */
function viewFailure(view: View, importPath: string): Broken | undefined {
  const e = view.errors[0];
  if (!e) return undefined;
  return { ok: false, importPath, code: e.code, message: e.message, evidence: e.evidence };
}

function verdictsForPackage(dir: string, mod: ModuleLayout | undefined, ev: ViewUse, tv: ViewUse | undefined, fs: FileSystem): ImportVerdict[] {
  const pd = readPackageDir(fs, dir, buildContextOf(ev.view.env));
  if (!pd) return [];
  const files = [...pd.goFiles, ...pd.testGoFiles, ...pd.xTestGoFiles];
  const modulePath = mod ? ev.view.mainModules.find((m) => m.dir === mod.root)?.path ?? modulePathFromView(tv?.view, mod.root) : undefined;
  const importer = { dir, modulePath };
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

function modulePathFromView(view: View | undefined, root: string): string | undefined {
  return view?.mainModules.find((m) => m.dir === root)?.path;
}

function resolveIn(use: ViewUse, importPath: string, importer: { dir: string; modulePath?: string }, fs: FileSystem): Resolution {
  if (use.notInWorkspace) return { ...use.notInWorkspace, importPath };
  return viewFailure(use.view, importPath) ?? resolveImport(use.view, importPath, importer, fs);
}

/** Marks imports between main-module packages that close a cycle ("import cycle not allowed"). */
function markImportCycles(verdicts: ImportVerdict[]): void {
  const byPkgDir = new Map<string, string>();
  const edges = new Map<string, string[]>();
  for (const v of verdicts) {
    if (!v.editor.ok || (v.editor.via !== 'main-module' && v.editor.via !== 'workspace-module')) continue;
    if (v.file.endsWith('_test.go')) continue; // test imports may legally close a loop through an external test package
    byPkgDir.set(v.editor.dir, v.importPath);
  }
  for (const v of verdicts) {
    const from = byPkgDir.get(v.packageDir);
    if (!from || !v.editor.ok || v.file.endsWith('_test.go')) continue;
    if (!byPkgDir.has(v.editor.dir)) continue;
    const list = edges.get(from) ?? [];
    if (!list.includes(v.importPath)) list.push(v.importPath);
    edges.set(from, list);
  }
  const cycles = findImportCycles(edges);
  if (cycles.length === 0) return;
  const inCycle = new Set<string>();
  for (const c of cycles) for (let i = 0; i < c.length; i++) inCycle.add(`${c[i]}\x00${c[(i + 1) % c.length]}`);
  for (const v of verdicts) {
    const from = byPkgDir.get(v.packageDir);
    if (!from || v.file.endsWith('_test.go') || !inCycle.has(`${from}\x00${v.importPath}`)) continue;
    const cycle = cycles.find((c) => c.includes(from) && c.includes(v.importPath))!;
    v.editor = {
      ok: false,
      importPath: v.importPath,
      code: 'import-cycle',
      message: `Import cycle: ${[...cycle, cycle[0]].join(' → ')}. Go does not allow packages to import each other; go says: import cycle not allowed`,
      evidence: [],
    };
  }
}

