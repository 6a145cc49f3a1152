// The fixture corpus: each test/fixtures/workspaces/<case>/ is a real Go tree plus a case.json
// saying what it demonstrates, how to run go there, what to put in the module cache, and which
// imports are broken (with the engine's code). prepareCase copies a case into a temp dir with
// its own hermetic go environment; the fixtures test, the differential test and the CLI/LSP/bench
// tests all start from it.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { hermeticGo, removeTree, type HermeticGo } from './goenv';
import { buildFileProxy, escapeModulePath, seedModuleCache } from './proxy';
import { isCode, type Code } from '../../server/src/codes';

export type ViewRole = 'editor' | 'terminal';

export interface ExpectedImport {
  /** The importing file, relative to the case root (forward slashes). */
  file: string;
  import: string;
  code: Code;
  /** The views in which go fails on the import; default ["editor"], or both when the case has a terminal view. */
  brokenIn?: ViewRole[];
  /** go fails on it only because it fails the whole module (a standard library import there): the
   * engine agrees it is broken, and puts no diagnostic on it — `code` is then that of the
   * diagnostic on the cause, which `diagnostics` names by its line. */
  noDiagnostic?: boolean;
}

/** One way to damage the seeded module cache or a go.sum, as users' machines get damaged. */
export type CorruptStep =
  | { op: 'delete-ziphash'; module: string }
  | { op: 'leave-partial'; module: string }
  | { op: 'remove-zip'; module: string }
  | { op: 'remove-extracted'; module: string }
  | { op: 'modify-extracted-file'; module: string; file: string }
  | { op: 'rewrite-sum'; module: string; sumFile: string; goMod?: boolean };

export interface CaseSpec {
  demonstrates: string;
  /** Where the editor-side go truth is taken, relative to the case root; default the root. */
  cwd?: string;
  /** Overrides of the hermetic environment for the editor; "${dir}" stands for the case root. */
  env?: Record<string, string>;
  terminalEnv?: Record<string, string>;
  terminalCwd?: string;
  cache?: { modules: string[]; corrupt?: CorruptStep[] };
  expect: ExpectedImport[] | { viewError: Code };
  /** Diagnostics on imports that go accepts (warnings), or on a line of a file (1-based `line`
   * instead of `import`: the cause of a whole-module failure): checked against the engine only. */
  diagnostics?: ({ file: string; import: string; code: Code } | { file: string; line: number; code: Code })[];
  /** After applying the first fix of each diagnostic, `go build ./...` passes. */
  fixBuilds?: boolean;
  /** Editor-vs-terminal cases: exactly the inputs the editor-terminal-mismatch diagnostics blame
   * (variable names, `go.work`, `go version`); taking them from the working view makes go
   * resolve the import in the failing one. */
  blame?: string[];
}

export interface PreparedCase {
  name: string;
  spec: CaseSpec;
  /** The temp copy of the case tree (its root). */
  dir: string;
  go: HermeticGo;
  /** The editor's complete environment (hermetic plus the case's overrides). */
  env: Record<string, string>;
  cwd: string;
  terminalEnv?: Record<string, string>;
  terminalCwd?: string;
  /** GOPROXY for fixes that download: a file:// proxy over the fixture modules. */
  proxyUrl: string;
  expect: CaseSpec['expect'];
  dispose(): void;
}

const REPO_ROOT = findRepoRoot(__dirname);

function findRepoRoot(from: string): string {
  for (let d = from; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, 'package.json')) && fs.existsSync(path.join(d, 'test', 'fixtures'))) return d;
    if (path.dirname(d) === d) throw new Error(`no repository root above ${from}`);
  }
}

export function fixtureModulesRoot(): string {
  return path.join(REPO_ROOT, 'test', 'fixtures', 'modules');
}

export function workspacesRoot(): string {
  return path.join(REPO_ROOT, 'test', 'fixtures', 'workspaces');
}

export function listCases(): string[] {
  return fs
    .readdirSync(workspacesRoot(), { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(path.join(workspacesRoot(), e.name, 'case.json')))
    .map((e) => e.name)
    .sort();
}

export function loadCase(name: string): CaseSpec {
  const file = path.join(workspacesRoot(), name, 'case.json');
  const spec = JSON.parse(fs.readFileSync(file, 'utf8')) as CaseSpec;
  if (typeof spec.demonstrates !== 'string' || Object.keys(spec)[0] !== 'demonstrates') throw new Error(`${file}: "demonstrates" must be the first field`);
  const codes = [...(Array.isArray(spec.expect) ? spec.expect.map((e) => e.code) : [spec.expect.viewError]), ...(spec.diagnostics ?? []).map((d) => d.code)];
  for (const c of codes) if (!isCode(c)) throw new Error(`${file}: unknown code ${c}`);
  return spec;
}

export function isViewErrorCase(spec: CaseSpec): spec is CaseSpec & { expect: { viewError: Code } } {
  return !Array.isArray(spec.expect);
}

/** The views in which an expected import is broken. */
export function brokenIn(spec: CaseSpec, e: ExpectedImport): ViewRole[] {
  return e.brokenIn ?? (spec.terminalEnv || spec.terminalCwd ? ['editor', 'terminal'] : ['editor']);
}

export async function prepareCase(name: string): Promise<PreparedCase> {
  const spec = loadCase(name);
  const go = hermeticGo();
  try {
    const dir = path.join(go.root, 'ws', name);
    fs.cpSync(path.join(workspacesRoot(), name), dir, { recursive: true, filter: (src) => path.basename(src) !== 'case.json' });
    const proxyUrl = buildFileProxy(fixtureModulesRoot(), path.join(go.root, 'proxy'));
    if (spec.cache) {
      await seedModuleCache(go, proxyUrl, spec.cache.modules);
      for (const step of spec.cache.corrupt ?? []) corrupt(step, go, dir);
    }
    const withDir = (env: Record<string, string> | undefined) =>
      Object.fromEntries(Object.entries(env ?? {}).map(([k, v]) => [k, v.replaceAll('${dir}', dir)]));
    const hasTerminal = spec.terminalEnv !== undefined || spec.terminalCwd !== undefined;
    return {
      name,
      spec,
      dir,
      go,
      env: { ...go.env, ...withDir(spec.env) },
      cwd: path.join(dir, spec.cwd ?? '.'),
      terminalEnv: hasTerminal ? { ...go.env, ...withDir(spec.terminalEnv) } : undefined,
      terminalCwd: hasTerminal ? path.join(dir, spec.terminalCwd ?? spec.cwd ?? '.') : undefined,
      proxyUrl,
      expect: spec.expect,
      dispose: () => go.dispose(),
    };
  } catch (e) {
    go.dispose();
    throw e;
  }
}

/** Where a module version lives in the hermetic module cache. */
export function cachePaths(go: HermeticGo, module: string): { downloadBase: string; extracted: string } {
  const [p, v] = module.split('@');
  const esc = escapeModulePath(p);
  const ev = escapeModulePath(v);
  const cache = go.env.GOMODCACHE;
  return {
    downloadBase: path.join(cache, 'cache', 'download', ...esc.split('/'), '@v', ev),
    extracted: path.join(cache, ...esc.split('/')) + '@' + ev,
  };
}

// A syntactically valid h1 hash that matches nothing.
const WRONG_HASH = 'h1:' + Buffer.alloc(32, 7).toString('base64');

function corrupt(step: CorruptStep, go: HermeticGo, dir: string): void {
  const { downloadBase, extracted } = cachePaths(go, step.module);
  switch (step.op) {
    case 'delete-ziphash':
      fs.rmSync(downloadBase + '.ziphash');
      return;
    case 'leave-partial':
      fs.writeFileSync(downloadBase + '.partial', '');
      return;
    case 'remove-zip':
      fs.rmSync(downloadBase + '.zip');
      return;
    case 'remove-extracted':
      removeTree(extracted);
      return;
    case 'modify-extracted-file': {
      const f = path.join(extracted, ...step.file.split('/'));
      fs.chmodSync(path.dirname(f), 0o755);
      fs.chmodSync(f, 0o644);
      fs.appendFileSync(f, '\n// modified by hand in the module cache\n');
      return;
    }
    case 'rewrite-sum': {
      const [p, v] = step.module.split('@');
      const file = path.join(dir, ...step.sumFile.split('/'));
      const key = `${p} ${v}${step.goMod ? '/go.mod' : ''} `;
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      const i = lines.findIndex((l) => l.startsWith(key));
      if (i < 0) throw new Error(`${step.sumFile} has no line for ${key.trim()}`);
      lines[i] = key + WRONG_HASH;
      fs.writeFileSync(file, lines.join('\n'));
      return;
    }
  }
}

/** One place the go command's truth is taken: a role, a directory and a complete environment. */
export interface TruthView {
  role: ViewRole;
  cwd: string;
  env: Record<string, string>;
}

/** Where go is asked about a case, as the editor (and the terminal) would run it: the case's
 * cwd when it names one; else each module root (the folder itself when it has no module), with
 * any go.work found from there. (A go.work root that is not itself a module matches no package
 * with ./..., so go is never asked there.) */
export function truthViews(c: PreparedCase): TruthView[] {
  const views: TruthView[] = [];
  const editorDirs = c.spec.cwd !== undefined ? [c.cwd] : defaultTruthDirs(c.dir);
  // The editor finds a go.work from the workspace folder (the case root), not from each module: go
  // run in a module directory sees what the editor sees with GOWORK naming that go.work, or off.
  const rootWork = path.join(c.dir, 'go.work');
  const editorEnv = c.spec.cwd !== undefined || c.spec.env?.GOWORK !== undefined ? c.env : { ...c.env, GOWORK: fs.existsSync(rootWork) ? rootWork : 'off' };
  for (const cwd of editorDirs) views.push({ role: 'editor', cwd, env: editorEnv });
  if (c.terminalEnv && c.terminalCwd) {
    const terminalDirs = c.spec.terminalCwd !== undefined || c.spec.cwd !== undefined ? [c.terminalCwd] : defaultTruthDirs(c.dir);
    for (const cwd of terminalDirs) views.push({ role: 'terminal', cwd, env: c.terminalEnv });
  }
  return views;
}

function defaultTruthDirs(root: string): string[] {
  const roots = moduleRoots(root);
  return roots.length > 0 ? roots : [root];
}

/** Directories under root holding a go.mod (not inside vendor/ or testdata/). */
export function moduleRoots(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    if (fs.existsSync(path.join(dir, 'go.mod'))) out.push(dir);
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory() && e.name !== 'vendor' && e.name !== 'testdata' && !/^[._]/.test(e.name)) walk(path.join(dir, e.name));
    }
  };
  walk(root);
  return out.sort();
}

/** The editor's environment once it reads back the workspace settings a fix wrote: `env` with
 * .vscode/settings.json's go.toolsEnvVars and then gopls build.env over it, in the order the
 * language server layers them (test/unit/lsp/tool-settings.test.ts proves the server does). */
export function editorEnvWithSettings(dir: string, env: Record<string, string>): Record<string, string> {
  const file = path.join(dir, '.vscode', 'settings.json');
  if (!fs.existsSync(file)) return env;
  const settings = JSON.parse(fs.readFileSync(file, 'utf8')) as { 'go.toolsEnvVars'?: Record<string, string>; gopls?: { 'build.env'?: Record<string, string> } };
  return { ...env, ...settings['go.toolsEnvVars'], ...settings.gopls?.['build.env'] };
}

/** Where `go build ./...` must pass after the fixes: the module of each expected broken import
 * (every module for a viewError case; the folder when there is no module). A module outside a
 * go.work, say, is not something the fixes promise to make build. */
export function fixBuildDirs(c: PreparedCase): string[] {
  const expect = c.spec.expect;
  const dirs = Array.isArray(expect)
    ? expect.map((e) => moduleRootOf(c.dir, path.dirname(path.join(c.dir, e.file))) ?? c.dir)
    : moduleRoots(c.dir);
  return dirs.length > 0 ? [...new Set(dirs)].sort() : [c.dir];
}

export function moduleRootOf(caseDir: string, dir: string): string | undefined {
  for (let d = dir; isUnder(caseDir, d); d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, 'go.mod'))) return d;
    if (d === caseDir) break;
  }
  return undefined;
}

export function isUnder(root: string, p: string): boolean {
  return p === root || p.startsWith(root + path.sep);
}
