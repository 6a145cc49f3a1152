// Toolchain selection (cmd/go/internal/toolchain.Select), modelled, never executed: before a go
// command loads any package in module mode it reads GOTOOLCHAIN and the go and toolchain lines of
// the go.work (else go.mod) in effect, and may re-run itself as another Go toolchain, found on
// PATH, in the module cache (golang.org/toolchain) or downloaded through GOPROXY. When go can
// get none, it fails before loading anything: that is a ViewError here. When it could run or
// download the other toolchain, the view keeps modelling the installed go (the extension itself
// never runs or downloads a toolchain: its go commands run with GOTOOLCHAIN=local).

import * as path from 'node:path';
import type { FileSystem } from '../fsys/fsys';
import type { GoEnv } from '../env/types';
import { findOnPath } from '../env/path';
import { compareGoVersion, goVersionFromToolchain } from '../module/gover';
import { LineIndex, type Range } from '../text/position';
import { findGoWork, searchModuleRoot, shortPath } from './discover';
import type { Evidence, ViewError } from './types';
import { extractedDir } from './modcache';

/** Why go would run another toolchain. */
export type SwitchReason = 'GOTOOLCHAIN' | 'toolchain line' | 'go line';

export interface ToolchainSwitch {
  /** The toolchain name go would run, like "go1.25.0". */
  target: string;
  reason: SwitchReason;
  /** GOTOOLCHAIN=path or <name>+path: only PATH is searched. */
  pathOnly: boolean;
  /** The go.work or go.mod whose line asked for it (reason 'toolchain line' or 'go line'). */
  file?: string;
  range?: Range;
}

export type ToolchainSelection = { kind: 'local' } | { kind: 'switch'; switch: ToolchainSwitch } | { kind: 'invalid'; error: ViewError };

const TOOLCHAIN_MODULE = 'golang.org/toolchain';
const TOOLCHAIN_MODULE_VERSION = 'v0.0.1';

/** What Select decides for a go command run in cwd with env. */
export function selectToolchain(cwd: string, env: GoEnv, fs: FileSystem): ToolchainSelection {
  // modload.WillBeEnabled: GOPATH mode never switches.
  const g111 = env.go111module;
  if (g111 === 'off') return { kind: 'local' };
  const local = env.goVersion;
  const gotoolchain = env.gotoolchain;
  if (!local || gotoolchain === '') return { kind: 'local' };
  if (g111 === 'auto' && !searchModuleRoot(cwd, env, fs).root) return { kind: 'local' };

  const envEvidence: Evidence = { kind: 'env', name: 'GOTOOLCHAIN', value: gotoolchain, note: `the installed go is ${local}` };
  const invalid = (goText: string): ToolchainSelection => ({
    kind: 'invalid',
    error: { code: 'toolchain-unavailable', headline: `GOTOOLCHAIN=${gotoolchain} is not a setting go accepts`, message: `GOTOOLCHAIN=${gotoolchain} is not a setting go accepts, so every go command stops. ${goText}`, evidence: [envEvidence] },
  });

  let minToolchain = `go${local}`;
  let minVers = local;
  let mode: string;
  let reason: SwitchReason = 'GOTOOLCHAIN';
  if (gotoolchain === 'auto' || gotoolchain === 'path') mode = gotoolchain;
  else {
    const plus = gotoolchain.indexOf('+');
    const min = plus < 0 ? gotoolchain : gotoolchain.slice(0, plus);
    const suffix = plus < 0 ? '' : gotoolchain.slice(plus + 1);
    if (min !== 'local') {
      const v = goVersionFromToolchain(min);
      if (v === '') return invalid(plus < 0 ? `go: invalid GOTOOLCHAIN "${gotoolchain}"` : `go: invalid GOTOOLCHAIN "${gotoolchain}": invalid minimum toolchain "${min}"`);
      minToolchain = min;
      minVers = v;
    }
    if (plus >= 0 && suffix !== 'auto' && suffix !== 'path') return invalid(`go: invalid GOTOOLCHAIN "${gotoolchain}": only version suffixes are +auto and +path`);
    mode = suffix;
  }

  let target = minToolchain;
  let file: string | undefined;
  let range: Range | undefined;
  if (mode === 'auto' || mode === 'path') {
    const lines = goAndToolchainLines(cwd, env, fs);
    if (lines && lines.toolchain?.name !== 'default') {
      const tc = lines.toolchain;
      if (tc) {
        const tv = goVersionFromToolchain(tc.name);
        if (tv === '' || (!tc.name.startsWith('go') && !tc.name.includes('-go'))) {
          const short = shortPath(cwd, lines.file);
          return {
            kind: 'invalid',
            error: { code: 'toolchain-unavailable', headline: `${short} names toolchain ${tc.name}, which go cannot use`, message: `${short} names a toolchain go cannot use. go: invalid toolchain "${tc.name}" in ${short}`, file: lines.file, range: tc.range, evidence: [{ kind: 'file', file: lines.file, range: tc.range, note: `toolchain ${tc.name}` }] },
          };
        }
        if (compareGoVersion(tv, minVers) > 0) {
          target = tc.name;
          minVers = tv;
          reason = 'toolchain line';
          file = lines.file;
          range = tc.range;
        }
      }
      const go = lines.go;
      if (go && compareGoVersion(go.version, minVers) > 0) {
        target = `go${go.version}`;
        minVers = go.version;
        // Since Go 1.21 the first release of a language version is N.0; go never fetches "go1.22".
        if (isLanguageVersion(go.version) && compareGoVersion(go.version, '1.21') >= 0) target += '.0';
        reason = 'go line';
        file = lines.file;
        range = go.range;
      }
    }
  }
  if (target === `go${local}`) return { kind: 'local' };
  if (!target.startsWith('go1') && !target.includes('-go1')) return invalid(`go: invalid GOTOOLCHAIN "${target}"`);
  return { kind: 'switch', switch: { target, reason, pathOnly: gotoolchain === 'path' || gotoolchain.endsWith('+path'), file, range } };
}

/** Toolchain selection for a go command run here: whether go would look for another toolchain
 * (then PATH and the module cache decide whether it finds one), and the ViewError when it must
 * run one and can get none (none when go runs the installed toolchain, or could run or download
 * the other one). */
export function toolchainSwitch(cwd: string, env: GoEnv, fs: FileSystem): { switches: boolean; error?: ViewError } {
  const sel = selectToolchain(cwd, env, fs);
  return { switches: sel.kind === 'switch', error: switchError(cwd, env, fs, sel) };
}

function switchError(cwd: string, env: GoEnv, fs: FileSystem, sel: ReturnType<typeof selectToolchain>): ViewError | undefined {
  if (sel.kind === 'local') return undefined;
  if (sel.kind === 'invalid') return sel.error;
  const sw = sel.switch;
  // toolchain.Exec: PATH first (golang.org/dl installs), then the module cache or GOPROXY.
  if (findOnPath(sw.target, env.processEnv.PATH)) return undefined;
  let goText: string;
  const hostOS = env.vars.GOHOSTOS || env.goos;
  const hostArch = env.vars.GOHOSTARCH || env.goarch;
  if (sw.pathOnly) goText = `go: cannot find "${sw.target}" in PATH`;
  else {
    const version = `${TOOLCHAIN_MODULE_VERSION}-${sw.target}.${hostOS}-${hostArch}`;
    if (inModuleCache(env, version, fs) || proxyCanServe(env, version, fs)) return undefined;
    const tv = goVersionFromToolchain(sw.target);
    const failure =
      isLanguageVersion(tv) && compareGoVersion(tv, '1.21') >= 0
        ? `go: invalid toolchain: ${sw.target} is a language version but not a toolchain version (${sw.target}.x)`
        : `go: download ${sw.target} for ${hostOS}/${hostArch}: toolchain not available`;
    goText = `go: downloading ${sw.target} (${hostOS}/${hostArch})\n${failure}`;
  }
  const local = env.goVersion!;
  const where = env.gotoolchain === 'path' || env.gotoolchain.endsWith('+path') ? 'PATH has no such toolchain' : 'it is not on PATH or in the module cache, and GOPROXY cannot download it';
  const evidence: Evidence[] = [{ kind: 'env', name: 'GOTOOLCHAIN', value: env.gotoolchain, note: `the installed go is ${local}` }];
  if (sw.file && sw.range) evidence.unshift({ kind: 'file', file: sw.file, range: sw.range, note: sw.reason === 'go line' ? `go ${goVersionFromToolchain(sw.target)}` : `toolchain ${sw.target}` });
  const why =
    sw.reason === 'GOTOOLCHAIN'
      ? `GOTOOLCHAIN=${env.gotoolchain} makes go run ${sw.target} instead of the installed go ${local}`
      : `${shortPath(cwd, sw.file!)} asks for ${sw.target} by its ${sw.reason} and GOTOOLCHAIN=${env.gotoolchain} lets go switch from the installed go ${local}`;
  return {
    code: sw.reason === 'go line' ? 'go-version-too-new' : 'toolchain-unavailable',
    headline:
      sw.reason === 'GOTOOLCHAIN'
        ? `GOTOOLCHAIN=${env.gotoolchain} asks for ${sw.target}, which is not available`
        : `${shortPath(cwd, sw.file!)} asks for ${sw.target}, which is not available (this go is ${local})`,
    message: `${why}, but ${where}, so go stops before loading any package. ${goText}`,
    file: sw.file,
    range: sw.range,
    evidence,
  };
}

/** modGoToolchain: the go and toolchain lines of the go.work in effect (if it exists), else of
 * the go.mod found from cwd, read as gover.GoModLookup reads them (no parsing: the first line
 * that starts with the word). */
function goAndToolchainLines(cwd: string, env: GoEnv, fs: FileSystem): { file: string; go?: { version: string; range: Range }; toolchain?: { name: string; range: Range } } | undefined {
  let file = findGoWork(cwd, env, fs);
  if (file !== undefined && (!path.isAbsolute(file) || !fs.stat(file)?.isFile)) file = undefined;
  if (file === undefined) {
    const root = searchModuleRoot(cwd, env, fs).root;
    if (root === undefined) return undefined;
    file = path.join(root, 'go.mod');
  }
  const text = fs.readText(file);
  if (text === undefined) return undefined;
  const index = new LineIndex(text);
  const go = goModLookup(text, 'go');
  const toolchain = goModLookup(text, 'toolchain');
  return {
    file,
    go: go && { version: go.value, range: index.range(go.start, go.end) },
    toolchain: toolchain && { name: toolchain.value, range: index.range(toolchain.start, toolchain.end) },
  };
}

/** gover.GoModLookup: the value of the first line "key value" (comment stripped), with its offsets. */
export function goModLookup(text: string, key: string): { value: string; start: number; end: number } | undefined {
  let offset = 0;
  for (const raw of text.split('\n')) {
    const lineStart = offset;
    offset += raw.length + 1;
    const lead = raw.length - raw.trimStart().length;
    const line = raw.trim();
    if (!line.startsWith(key)) continue;
    let rest = line.slice(key.length);
    if (rest === '' || (rest[0] !== ' ' && rest[0] !== '\t')) continue;
    const comment = rest.indexOf('//');
    if (comment >= 0) rest = rest.slice(0, comment);
    const value = rest.trim();
    const start = lineStart + lead + key.length + rest.indexOf(value);
    return { value, start, end: start + value.length };
  }
  return undefined;
}

/** gover.IsLang: "1.21" but not "1.21.0", "1.21rc1" or "1.20" (which means 1.20.0). */
function isLanguageVersion(v: string): boolean {
  return /^\d+\.\d+$/.test(v) && compareGoVersion(v, '1.21') >= 0;
}

function inModuleCache(env: GoEnv, version: string, fs: FileSystem): boolean {
  return env.gomodcache !== '' && fs.stat(extractedDir(env.gomodcache, TOOLCHAIN_MODULE, version))?.isDir === true;
}

/** Whether GOPROXY could serve the toolchain module: a network entry before any "off", or a
 * file:// proxy that holds its zip. */
function proxyCanServe(env: GoEnv, version: string, fs: FileSystem): boolean {
  const list = env.goproxy.trim();
  if (list === '') return true;
  for (const entry of list.split(/[,|]/).map((e) => e.trim())) {
    if (entry === 'off') return false;
    if (entry.startsWith('file://')) {
      const dir = decodeURIComponent(entry.slice('file://'.length));
      if (fs.stat(path.join(dir, ...TOOLCHAIN_MODULE.split('/'), '@v', version + '.zip'))?.isFile) return true;
      continue;
    }
    if (entry !== '') return true;
  }
  return false;
}

