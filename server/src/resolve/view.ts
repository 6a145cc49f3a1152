// loadView: how the go command run in one directory with one environment sees the world (spec §1):
// GOPATH or module mode, the go.work and its use dirs or the single main module, -mod and why,
// vendoring, go.sum and the build list. Problems that make go fail before loading any package are
// ViewErrors; the view is still filled as far as it can be so imports get useful verdicts.

import * as path from 'node:path';
import type { FileSystem, ReadFailure } from '../fsys/fsys';
import { unreadableHeadline, unreadableMessage } from '../fsys/failure';
import { checkImportPath } from '../module/path';
import { RecordingFileSystem, type DirtySet } from '../fsys/cache';
import type { GoEnv } from '../env/types';
import { flagSource } from '../env/goflags';
import type { ModFile, ModulesTxt, ParseError, SumFile, WorkFile } from '../parse/ast';
import { parseGoMod, parseModulesTxt } from '../parse';
import { compareGoVersion, DEFAULT_GO_MOD_VERSION, PRUNED_GRAPH_GO_VERSION } from '../module/gover';
import { fileStartRange, type Range } from '../text/position';
import { SumIndex } from './gosum';
import { parseGoModOnce, parseGoSumOnce, parseGoWorkOnce } from './parsed';
import { parseMainGoMod } from './version-fixer';
import { goErrorLines } from '../parse/errors';
import { computeBuildList, graphErrorEffect, type GraphError, type Pruning } from './buildlist';
import type { FullGraphFacts } from './graph-spot-check';
import { readZiphash } from './modcache';
import { findGoWork, searchModuleRoot, shortPath, workUseDirs } from './discover';
import { checkVendorConsistency } from './vendor';
import { toolchainSwitch } from './toolchain';
import { explainReplaceConflict } from './replace-conflict';
import type { BuildListEntry, Evidence, MainModule, View, ViewError } from './types';

/** What loadView adds to View for the resolver: kept on the object, optional for other readers. */
export interface LoadedView extends View {
  sums?: SumIndex;
  graphErrors?: GraphError[];
  pruning?: Pruning;
  /** A pruned single module: what loading its packages may make go find in the full graph. */
  fullGraph?: FullGraphFacts;
  /** go's stderr warnings while choosing the module root. */
  warnings?: string[];
  /** go would look for another toolchain here, on PATH first (so PATH can change the view). */
  switchesToolchain?: boolean;
}


function parseErrorText(cwd: string, file: string, parsed: { syntax: { text: string }; errors: ParseError[] }): string {
  return `errors parsing ${shortPath(cwd, file)}:\n` + goErrorLines(parsed.syntax.text, parsed.errors).map((l) => `${shortPath(cwd, file)}:${l}`).join('\n');
}

/** TooNewError (gover/toolchain.go) when `goVersion` is newer than the running toolchain. */
function tooNew(view: { cwd: string; env: GoEnv }, file: string, describe: () => string, goLine: { version: string; range: Range } | undefined): ViewError | undefined {
  const local = view.env.goVersion;
  if (!goLine || !local || compareGoVersion(goLine.version, local) <= 0) return undefined;
  // Worded only when it is an error: every main go.mod of a workspace goes through here.
  const what = describe();
  const tc = view.env.gotoolchain;
  const auto = tc === '' || tc === 'auto' || tc.endsWith('+auto');
  const goText = auto
    ? `go: ${what} requires go >= ${goLine.version}; switching to go${goLine.version} (the toolchain download fails offline or with GOPROXY=off)`
    : `go: ${what} requires go >= ${goLine.version} (running go ${local}${tc && tc !== 'auto' ? `; GOTOOLCHAIN=${tc}` : ''})`;
  return {
    code: 'go-version-too-new',
    headline: `${what} needs go ${goLine.version}; this go is ${local}`,
    message: `${what} asks for Go ${goLine.version}, but the go command here is ${local}. ${goText}`,
    file,
    range: goLine.range,
    evidence: [
      { kind: 'file', file, range: goLine.range, note: `go ${goLine.version}` },
      { kind: 'env', name: 'GOTOOLCHAIN', value: tc, note: `running go ${local}` },
    ],
  };
}

function invalidFile(file: string, range: Range | undefined, goText: string, plain: string, headline: string): ViewError {
  return { code: 'invalid-module-file', headline, message: `${plain} ${goText}`, file, range, evidence: range ? [{ kind: 'file', file, range, note: 'here' }] : [] };
}

/** Reads and parses a main go.mod the way ReadModFile does; its errors in go's words. */
function readMainModFile(cwd: string, env: GoEnv, file: string, fs: FileSystem, errors: ViewError[]): ModFile | undefined {
  const text = fs.readText(file);
  if (text === undefined) {
    const failure = fs.readFailure(file);
    // go 1.26: "go: open /abs/go.mod: permission denied".
    if (failure) errors.push(unreadableError(file, failure, 'so the go command stops before loading any package', 'go: '));
    return undefined;
  }
  const mod = parseMainGoMod(parseGoModOnce(fs, file, text), text, file, env);
  const describe = () => shortPath(cwd, file);
  if (mod.errors.length) {
    const what = describe();
    const lax = parseMainGoMod(parseGoMod(text, file, { lax: true }), text, file, env, { lax: true });
    const tn = lax.errors.length ? undefined : tooNew({ cwd, env }, file, describe, lax.go && { version: lax.go.version, range: lax.go.versionRange });
    if (tn) errors.push(tn);
    else if (mod.errors.some((e) => e.ours)) {
      // A lookup go would make, whose failure we can only describe.
      const ours = parseErrorText(cwd, file, mod).replace(/^errors parsing [^\n]*\n/, '');
      errors.push(invalidFile(file, mod.errors[0].range, ours, `${what} cannot be loaded by the go command:`, `${what} cannot be loaded by the go command: ${mod.errors[0].message}`));
    } else errors.push(invalidFile(file, mod.errors[0].range, `go: ${parseErrorText(cwd, file, mod)}`, `${what} cannot be parsed, so the go command stops before loading any package.`, `${what} cannot be parsed: ${mod.errors[0].message}`));
    return mod;
  }
  const tn = tooNew({ cwd, env }, file, describe, mod.go && { version: mod.go.version, range: mod.go.versionRange });
  const malformed = mod.module && checkModuleLinePath(mod.module.path);
  if (tn) errors.push(tn);
  else if (mod.module && malformed) {
    // modload loadModFile: module.CheckImportPath of the module line, with the kind "module".
    const range = mod.module.pathRange ?? mod.module.syntax.range;
    errors.push(invalidFile(file, range, `go: ${malformed}`, `The module line of ${describe()} declares a path go refuses.`, `The module line of ${describe()} declares a path go refuses`));
  } else if (!mod.module) {
    const what = describe();
    errors.push(
      invalidFile(file, fileStartRange(), `go: error reading ${what}: missing module declaration. To specify the module path:\n\tgo mod edit -module=example.com/mod`, `${what} has no module line.`, `${what} has no module line`),
    );
  }
  return mod;
}

/** A go.sum, or undefined when there is none; one that exists and cannot be read is a view error
 * (go fails on it: modfetch initGoSum). */
function readSum(fs: FileSystem, file: string, errors: ViewError[]): SumFile | undefined {
  const text = fs.readText(file);
  if (text === undefined) {
    const failure = fs.readFailure(file);
    // go reads go.sum only when it needs a checksum: its words then are not modelled.
    if (failure) errors.push(unreadableError(file, failure, 'so the go command cannot check any module against it'));
    return undefined;
  }
  return parseGoSumOnce(fs, file, text);
}

/** A module file (go.mod, go.work, go.sum, vendor/modules.txt) that exists and cannot be read. */
function unreadableError(file: string, failure: ReadFailure, consequence: string, goPrefix?: string, goText?: string): ViewError {
  return { code: 'unreadable-file', headline: unreadableHeadline(file, failure), message: unreadableMessage(file, failure, consequence, goPrefix, goText), file, range: fileStartRange(), evidence: [] };
}

/** module.CheckImportPath's error for a module line, worded as go words it ("malformed module path"). */
function checkModuleLinePath(p: string): string | undefined {
  return checkImportPath(p)?.replace(/^malformed import path/, 'malformed module path');
}

function emptyView(cwd: string, env: GoEnv, kind: View['kind']): LoadedView {
  return { kind, cwd, env, mainModules: [], buildMod: 'readonly', buildModReason: '', buildList: new Map(), errors: [] };
}

/** The view of a go command run in `cwd` with `env`. Never throws. */
export function loadView(cwdIn: string, env: GoEnv, fs: FileSystem): LoadedView {
  const view = loadViewOfInstalledGo(cwdIn, env, fs);
  // Toolchain selection comes first in go: when it must run another toolchain it cannot get,
  // that is the only error (the rest of the view stays for fixes and messages).
  const { switches, error: switchError } = toolchainSwitch(view.cwd, env, fs);
  if (switches) view.switchesToolchain = true;
  if (switchError) view.errors = [switchError];
  return view;
}

function loadViewOfInstalledGo(cwdIn: string, env: GoEnv, fs: FileSystem): LoadedView {
  const cwd = path.resolve(cwdIn);
  if (env.go111module === 'off') return emptyView(cwd, env, 'gopath');

  const workFile = findGoWork(cwd, env, fs);
  if (workFile !== undefined) return loadWorkspaceView(cwd, env, fs, workFile);

  const search = searchModuleRoot(cwd, env, fs);
  const gopathGoMod = search.warnings.some((w) => w.includes('$GOPATH'));
  if (env.go111module === 'auto' && (!search.root || gopathGoMod)) return emptyView(cwd, env, 'gopath');
  if (!search.root) {
    const v = emptyView(cwd, env, 'no-module');
    v.warnings = search.warnings;
    return v;
  }
  return loadModuleView(cwd, env, fs, search.root, search.warnings);
}

function loadModuleView(cwd: string, env: GoEnv, fs: FileSystem, root: string, warnings: string[]): LoadedView {
  const view = emptyView(cwd, env, 'module');
  view.warnings = warnings;
  const mod = readMainModFile(cwd, env, path.join(root, 'go.mod'), fs, view.errors);
  if (!mod) return view;
  const sum = readSum(fs, path.join(root, 'go.sum'), view.errors);
  const main: MainModule = { dir: root, path: mod.module?.path ?? '', modFile: mod, sum };
  view.mainModules = [main];
  setBuildMod(view, fs, root, 'go.mod', mod.go?.version ?? '', undefined);
  const sums = new SumIndex(sum ? [sum] : [], { workspace: false });
  view.sums = sums;
  if (view.errors.length) return view;
  checkVendor(view);
  const goVersion = mod.go?.version ?? '';
  const pruning = goVersion !== '' && compareGoVersion(goVersion, PRUNED_GRAPH_GO_VERSION) >= 0 ? 'pruned' : 'unpruned';
  if (view.buildMod !== 'vendor') fillBuildList(view, fs, { mustHaveSums: view.buildMod === 'readonly', pruning });
  return view;
}

function loadWorkspaceView(cwd: string, env: GoEnv, fs: FileSystem, workFile: string): LoadedView {
  const view = emptyView(cwd, env, 'workspace');
  if (!path.isAbsolute(workFile)) {
    view.errors.push({ code: 'invalid-module-file', headline: `GOWORK is a relative path; go needs an absolute one`, message: `GOWORK is set to a relative path. go: invalid GOWORK: not an absolute path`, evidence: [{ kind: 'env', name: 'GOWORK', value: workFile, note: 'must be absolute' }] });
    return view;
  }
  const text = fs.readText(workFile);
  const workFailure = text === undefined ? fs.readFailure(workFile) : undefined;
  if (workFailure) {
    // go 1.26 names the file as base.ShortPath does: "go: reading go.work: open ../go.work: permission denied".
    const rel = path.relative(cwd, workFile);
    const goText = workFailure.goText?.replace(`open ${workFile}:`, `open ${rel.length < workFile.length ? rel : workFile}:`);
    view.errors.push(unreadableError(workFile, workFailure, 'so the go command stops before loading any package', 'go: reading go.work: ', goText));
    return view;
  }
  if (text === undefined) {
    view.errors.push({ code: 'invalid-module-file', headline: `GOWORK names a file that cannot be read`, message: `GOWORK names a file that cannot be read. go: reading go.work: open ${workFile}: no such file or directory`, file: workFile, evidence: [{ kind: 'env', name: 'GOWORK', value: workFile, note: 'the go.work in effect' }] });
    return view;
  }
  const work: WorkFile = parseGoWorkOnce(fs, workFile, text);
  view.goWork = { file: workFile, work };
  if (work.errors.length) {
    const tn = tooNew(view, workFile, () => shortPath(cwd, workFile), work.go && { version: work.go.version, range: work.go.versionRange });
    view.errors.push(tn ?? invalidFile(workFile, work.errors[0].range, `go: ${parseErrorText(cwd, workFile, work)}`, `${shortPath(cwd, workFile)} cannot be parsed.`, `${shortPath(cwd, workFile)} cannot be parsed: ${work.errors[0].message}`));
    return view;
  }
  const tn = tooNew(view, workFile, () => shortPath(cwd, workFile), work.go && { version: work.go.version, range: work.go.versionRange });
  if (tn) view.errors.push(tn);

  const workDir = path.dirname(workFile);
  const seenDirs = new Map<string, number>();
  const sumFiles: SumFile[] = [];
  const workSum = readSum(fs, workFile + '.sum', view.errors);
  if (workSum) sumFiles.push(workSum);
  const useDirs = workUseDirs(work);
  for (const [i, u] of work.use.entries()) {
    const { dir, goMod, goSum } = useDirs[i];
    if (seenDirs.has(dir)) {
      view.errors.push({
        code: 'work-duplicate-module',
        headline: `go.work lists ${dir} twice`,
        message: `go.work lists the directory ${dir} twice. go: error loading go.work:\n${shortPath(cwd, workFile)}:${u.syntax.range.start.line + 1}: path ${dir} appears multiple times in workspace`,
        file: workFile,
        range: u.syntax.range,
        evidence: [{ kind: 'file', file: workFile, range: u.syntax.range, note: 'repeated use' }],
      });
      continue;
    }
    seenDirs.set(dir, 1);
    const modErrors: ViewError[] = [];
    const mod = readMainModFile(cwd, env, goMod, fs, modErrors);
    if (!mod && modErrors.length) {
      view.errors.push(...modErrors);
      continue;
    }
    if (!mod) {
      const rel = shortPath(cwd, dir);
      view.errors.push({
        code: 'invalid-module-file',
        headline: `go.work uses ${u.path}, which has no go.mod`,
        message: `go.work uses ${u.path}, which has no go.mod. go: cannot load module ${rel} listed in go.work file: open ${shortPath(cwd, goMod)}: no such file or directory`,
        file: workFile,
        range: u.syntax.range,
        evidence: [{ kind: 'file', file: workFile, range: u.syntax.range, note: 'use of a directory without go.mod' }],
      });
      continue;
    }
    for (const e of modErrors) view.errors.push(e);
    // errWorkTooOld: a module (go >= 1.21) newer than the go.work's go line (1.18 when absent).
    const mv = mod.go?.version ?? DEFAULT_GO_MOD_VERSION;
    const wv = work.go?.version ?? '1.18';
    if (!modErrors.length && compareGoVersion(mv, wv) > 0 && compareGoVersion(mv, '1.21') >= 0) {
      const goText = `go: module ${shortPath(cwd, dir)} listed in go.work file requires go >= ${mv}, but go.work ${work.go ? 'lists' : 'implicitly requires'} go ${wv}; to update it:\n\tgo work use`;
      const range = work.go?.syntax.range ?? u.syntax.range;
      view.errors.push({
        code: 'go-version-too-new',
        headline: `${shortPath(cwd, goMod)} needs go ${mv}, above go.work's go line (${wv})`,
        message: `${shortPath(cwd, goMod)} asks for Go ${mv}, newer than the go line of go.work (${wv}). ${goText}`,
        file: workFile,
        range,
        evidence: [{ kind: 'file', file: workFile, range, note: `go.work: go ${wv}` }, ...(mod.go ? [{ kind: 'file' as const, file: mod.fileName, range: mod.go.syntax.range, note: `go ${mv}` }] : [])],
      });
    }
    const sum = readSum(fs, goSum, view.errors);
    if (sum) sumFiles.push(sum);
    view.mainModules.push({ dir, path: mod.module?.path ?? '', modFile: mod, sum });
  }

  // makeMainModules: one module path twice.
  const byPath = new Map<string, MainModule>();
  for (const mm of view.mainModules) {
    const prev = byPath.get(mm.path);
    if (prev && mm.path !== '') {
      const use = work.use.find((_, i) => useDirs[i].dir === mm.dir);
      const range = use?.syntax.range;
      view.errors.push({
        code: 'work-duplicate-module',
        headline: `Two go.work use directories declare module ${mm.path}: ${shortPath(cwd, prev.dir)} and ${shortPath(cwd, mm.dir)}`,
        message: `Two use directories of go.work (${prev.dir} and ${mm.dir}) declare the same module path ${mm.path}. go: module ${mm.path} appears multiple times in workspace`,
        file: workFile,
        range,
        evidence: [
          ...(range ? [{ kind: 'file' as const, file: workFile, range, note: 'second use of the module' }] : []),
          ...[prev, mm].flatMap((m): Evidence[] => (m.modFile.module ? [{ kind: 'file', file: m.modFile.fileName, range: m.modFile.module.syntax.range, note: `module ${m.path}` }] : [])),
        ],
      });
    } else byPath.set(mm.path, mm);
  }
  for (const r of work.replace) {
    if (r.old.version === undefined && byPath.has(r.old.path)) {
      view.errors.push({
        code: 'invalid-module-file',
        headline: `go.work replaces the workspace module ${r.old.path} at all versions`,
        message: `go.work replaces the workspace module ${r.old.path} at all versions. go: workspace module ${r.old.path} is replaced at all versions in the go.work file. To fix, remove the replacement from the go.work file or specify the version at which to replace the module.`,
        file: workFile,
        range: r.syntax.range,
        evidence: [{ kind: 'file', file: workFile, range: r.syntax.range, note: 'replace of a workspace module' }],
      });
    }
  }
  if (!view.mainModules.length && !view.errors.length) {
    view.errors.push({ code: 'invalid-module-file', headline: `go.work uses no module`, message: `go.work uses no module. go: no modules were found in the current workspace; see 'go help work'`, file: workFile, evidence: [] });
  }

  setBuildMod(view, fs, workDir, 'go.work', work.go?.version ?? '', true);
  view.sums = new SumIndex(sumFiles, { workspace: true });
  if (view.errors.length) return view;
  checkVendor(view);
  if (view.buildMod !== 'vendor') fillBuildList(view, fs, { mustHaveSums: false, pruning: 'workspace' });
  return view;
}

/** setDefaultBuildMod (spec §1.8). */
function setBuildMod(view: LoadedView, fs: FileSystem, root: string, versionSource: 'go.mod' | 'go.work', goVersion: string, workspace: true | undefined): void {
  const explicit = view.env.flags.mod;
  const source = flagSource(view.env.flags, 'mod');
  if (explicit) {
    view.buildMod = explicit;
    view.buildModReason = '';
    if (workspace && explicit !== 'readonly' && explicit !== 'vendor') {
      view.errors.push({
        code: 'invalid-module-file',
        headline: `${source} sets -mod=${explicit}, which workspace mode refuses`,
        message: `${source} sets -mod=${explicit}, which workspace mode refuses. go: -mod may only be set to readonly or vendor when in workspace mode, but it is set to "${explicit}"\n\tRemove the -mod flag to use the default readonly value, \n\tor set GOWORK=off to disable workspace mode.`,
        evidence: [flagEvidence(view.env, 'mod', '-mod set explicitly')],
      });
    }
    if (explicit === 'vendor') readVendor(view, fs, root);
    return;
  }
  view.buildMod = 'readonly';
  view.buildModReason = '';
  const vendorDir = path.join(root, 'vendor');
  if (!fs.stat(vendorDir)?.isDir) return;
  if (goVersion === '') {
    view.buildModReason = `Go version in ${versionSource} is unspecified, so vendor directory was not used.`;
  } else if (compareGoVersion(goVersion, '1.14') < 0) {
    view.buildModReason = `Go version in ${versionSource} is ${goVersion}, so vendor directory was not used.`;
  } else {
    const txt = readModulesTxt(fs, vendorDir, view.errors);
    const forWorkspace = txt?.workspace ?? false;
    if (forWorkspace !== (versionSource === 'go.work')) {
      view.buildModReason = forWorkspace ? 'Outside workspace mode, but vendor directory is for a workspace.' : 'In workspace mode, but vendor directory is not for a workspace';
    } else {
      view.buildMod = 'vendor';
      view.buildModReason = `Go version in ${versionSource} is at least 1.14 and vendor directory exists.`;
      view.vendor = { dir: vendorDir, modulesTxt: txt };
    }
  }
}

/** Evidence for a flag the view runs with: GOFLAGS (saying which setting set it, if one did) or
 * the editor's command-line build flags. */
export function flagEvidence(env: GoEnv, flag: 'mod' | 'tags', note: string): Evidence {
  if (flagSource(env.flags, flag) !== 'GOFLAGS') return { kind: 'env', name: 'gopls build.buildFlags', value: (env.buildFlags ?? []).join(' '), note };
  const origin = env.origins?.GOFLAGS;
  return { kind: 'env', name: 'GOFLAGS', value: env.vars.GOFLAGS ?? '', note: origin ? `${note} (GOFLAGS from ${origin})` : note };
}

function readModulesTxt(fs: FileSystem, vendorDir: string, errors?: ViewError[]): ModulesTxt | undefined {
  const file = path.join(vendorDir, 'modules.txt');
  const text = fs.readText(file);
  if (text === undefined) {
    const failure = errors && fs.readFailure(file);
    if (failure) errors.push(unreadableError(file, failure, 'so vendor mode cannot check it against go.mod'));
    return undefined;
  }
  return parseModulesTxt(text, file);
}

function readVendor(view: LoadedView, fs: FileSystem, root: string): void {
  const dir = path.join(root, 'vendor');
  view.vendor = { dir, modulesTxt: readModulesTxt(fs, dir, view.errors) };
}

function checkVendor(view: LoadedView): void {
  if (view.buildMod !== 'vendor' || !view.vendor) return;
  const e = checkVendorConsistency(view.mainModules, view.goWork, view.vendor.dir, view.vendor.modulesTxt);
  if (e && !view.vendor.modulesTxt && !view.buildModReason) {
    // -mod=vendor asked for explicitly, and nothing was ever vendored: the cause is the flag, not
    // a stale vendor/modules.txt.
    const flag = flagEvidence(view.env, 'mod', '-mod=vendor: vendor mode asked for');
    const from = flag.kind === 'env' ? `${flag.name}=${flag.value}` : '-mod=vendor';
    e.headline = `${from} turns vendor mode on, but there is no vendor directory`;
    e.message = `${from} turns vendor mode on, and there is no vendor directory, so the go command refuses to build. go says: ${e.message.slice(e.message.indexOf('go: inconsistent'))}`;
    e.evidence = [flag, ...e.evidence.filter((x) => x.kind !== 'dir')];
  }
  if (e) view.errors.push(e);
  // A vendored module's `## go` newer than the toolchain is a TooNewError.
  for (const m of view.vendor.modulesTxt?.modules ?? []) {
    if (!m.goVersion) continue;
    const tn = tooNew(view, view.vendor.modulesTxt!.fileName, () => `${m.path} in vendor/modules.txt`, { version: m.goVersion, range: m.range });
    if (tn) {
      view.errors.push(tn);
      break;
    }
  }
  // Vendor mode: the build list is the vendored module list (go's vendorList), dirs inside vendor/.
  for (const mm of view.mainModules) view.buildList.set(mm.path, { path: mm.path, version: '', dir: mm.dir, goModSource: mm.modFile.fileName });
  for (const m of view.vendor.modulesTxt?.modules ?? []) {
    if (m.version === undefined || view.buildList.has(m.path)) continue;
    const entry: BuildListEntry = { path: m.path, version: m.version, dir: path.join(view.vendor.dir, ...m.path.split('/')) };
    view.buildList.set(m.path, entry);
  }
}

function fillBuildList(view: LoadedView, fs: FileSystem, opts: { mustHaveSums: boolean; pruning: Pruning }): void {
  const sums = view.sums ?? new SumIndex([]);
  const result = computeBuildList({ mainModules: view.mainModules, work: view.goWork, env: view.env, fs, sums, mustHaveSums: opts.mustHaveSums, pruning: opts.pruning });
  view.buildList = result.buildList;
  view.graphErrors = result.graphErrors;
  view.pruning = opts.pruning;
  view.fullGraph = result.fullGraph;
  // Readonly, a pruned module's packages come from the roots' own versions: go reads the full
  // graph only when something makes it, and then a root behind that graph fails the whole module.
  if (view.buildMod === 'readonly') for (const e of result.fullGraph?.rootEntries ?? []) view.buildList.set(e.path, e);
  view.errors.push(...result.replaceConflicts.map((e) => explainReplaceConflict(e, fs)));
  if (view.buildMod !== 'mod') {
    // A pruned module's loading meets the updates that need the full graph only when something
    // makes it load that graph: judged from its packages (deps/full-graph.ts).
    for (const u of result.goModUpdates.filter((x) => !result.fullGraph || !x.needsFullGraph)) {
      const goText = view.env.flags.mod ? u.message.replace('updates to go.mod needed', `updates to go.mod needed, disabled by -mod=${view.env.flags.mod}`) : u.message;
      view.errors.push({ code: 'invalid-module-file', headline: `go.mod needs updating: ${u.detail}`, message: `${u.detail} go says: go: ${goText}`, file: u.file, range: u.range, evidence: u.evidence });
    }
  }
  // Errors go reports with base.Fatal stop every package. Those that only strike when a package of
  // the module is imported are taken as fatal for the modules a main go.mod requires directly.
  const direct = new Set(view.mainModules.flatMap((m) => m.modFile.require.filter((r) => !r.indirect).map((r) => r.path)));
  for (const g of result.graphErrors) {
    const effect = graphErrorEffect(g, opts.pruning);
    if (effect.kind === 'fatal' || (effect.kind === 'if-imported' && effect.fatalText !== undefined && direct.has(g.path))) {
      view.errors.push({ ...g.error, message: `${g.error.message.split('\n')[0]} go says: ${effect.kind === 'fatal' ? effect.text : effect.fatalText}` });
    }
  }
  // A directly required module whose cached zip hash disagrees with go.sum: go's fetch of any of its
  // packages is a fatal "checksum mismatch".
  for (const e of view.buildList.values()) {
    if (e.version === '' || !direct.has(e.path) || e.replace?.dir !== undefined) continue;
    const mismatch = zipSumMismatch(view, fs, e);
    if (mismatch) view.errors.push(mismatch);
  }
}

/** The cached zip hash of a build-list module checked against the view's sums (modfetch checkMod). */
export function zipSumMismatch(view: LoadedView, fs: FileSystem, e: BuildListEntry): ViewError | undefined {
  if (!view.sums) return undefined;
  const actual = e.replace ? { path: e.replace.target.path, version: e.replace.target.version ?? '' } : { path: e.path, version: e.version };
  // Only a recorded h1: line can disagree: without one the ziphash is not worth a read (a go.mod
  // of 100k requires and no go.sum would read 100k ziphash files for nothing).
  if (!view.sums.has(actual.path, actual.version, false)) return undefined;
  const zh = readZiphash(fs, view.env.gomodcache, actual.path, actual.version);
  if (zh.state !== 'ok') return undefined;
  const c = view.sums.check(actual.path, actual.version, false, zh.hash);
  if (c.status !== 'mismatch') return undefined;
  return {
    code: 'checksum-mismatch',
    headline: `The cached ${actual.path}@${actual.version} does not match its checksum in ${path.basename(c.entry.file)}`,
    message: `The module cache's copy of ${actual.path}@${actual.version} does not match the checksum in ${path.basename(c.entry.file)}. go says: ${c.message}`,
    file: c.entry.file,
    range: c.entry.line.range,
    evidence: [{ kind: 'file', file: c.entry.file, range: c.entry.line.range, note: `recorded ${c.recorded}` }],
  };
}

/**
 * Views reused across packages: the go command run anywhere inside one module (or under one
 * go.work) sees the same thing, so the key is the go.work or module root found from the
 * directory plus the environment object. A view is kept until a change reaches a file it read
 * (invalidate), so a language server reloads only the views an edit can change.
 */
export class ViewCache {
  private readonly views = new Map<string, { view: LoadedView; deps: Set<string> }>();
  private readonly roots = new Map<string, { root: string; deps: Set<string>; env: GoEnv }>();
  private readonly envIds = new WeakMap<GoEnv, number>();
  private nextEnvId = 0;

  constructor(private readonly fs: FileSystem) {}

  get(cwd: string, env: GoEnv): LoadedView {
    const id = this.envId(env);
    const key = `${id}\x00${this.rootOf(cwd, env, id)}`;
    let v = this.views.get(key);
    if (!v) {
      // What the view read, so that only a change to one of those files reloads it.
      const recorder = new RecordingFileSystem(this.fs);
      v = { view: loadView(cwd, env, recorder), deps: recorder.deps };
      this.views.set(key, v);
    }
    return v.view;
  }

  /** Forgets the views (and view roots) that read something `dirty` invalidates. */
  invalidate(dirty: DirtySet): void {
    for (const [k, v] of this.views) if (dirty.hits(v.deps)) this.views.delete(k);
    for (const [k, r] of this.roots) if (dirty.hits(r.deps)) this.roots.delete(k);
  }

  clear(): void {
    this.views.clear();
    this.roots.clear();
  }

  /** Forgets the views of every environment but `envs` (the ones no longer in use). */
  retainEnvs(envs: ReadonlySet<GoEnv>): void {
    for (const [k, v] of this.views) if (!envs.has(v.view.env)) this.views.delete(k);
    for (const [k, r] of this.roots) if (!envs.has(r.env)) this.roots.delete(k);
  }

  /** What decides the view of a go command run in `cwd` with `env`: `work:<go.work>`, `mod:<module
   * root>`, or the cwd itself outside modules (`none:`, `gopath:`). */
  viewRoot(cwd: string, env: GoEnv): string {
    return this.rootOf(cwd, env, this.envId(env));
  }

  private envId(env: GoEnv): number {
    let id = this.envIds.get(env);
    if (id === undefined) this.envIds.set(env, (id = this.nextEnvId++));
    return id;
  }

  /** viewRootOf, kept like a view: every module directory asks, after every change. */
  private rootOf(cwd: string, env: GoEnv, envId: number): string {
    const key = `${envId}\x00${cwd}`;
    let r = this.roots.get(key);
    if (!r) {
      const recorder = new RecordingFileSystem(this.fs);
      r = { root: viewRootOf(path.resolve(cwd), env, recorder), deps: recorder.deps, env };
      this.roots.set(key, r);
    }
    return r.root;
  }
}

/** What decides a view for a cwd: the go.work, else the module root, else the cwd itself (GOPATH
 * and no-module views resolve relative to the importer, so they are per directory). */
function viewRootOf(cwd: string, env: GoEnv, fs: FileSystem): string {
  if (env.go111module === 'off') return `gopath:${cwd}`;
  const work = findGoWork(cwd, env, fs);
  if (work !== undefined) return `work:${work}`;
  const root = searchModuleRoot(cwd, env, fs).root;
  return root ? `mod:${root}` : `none:${cwd}`;
}
