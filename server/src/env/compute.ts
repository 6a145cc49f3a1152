// The go variables computed without the go command, by cmd/go/internal/cfg's rules: a value is
// the process environment's when non-empty, else the `go env -w` file's (GOENV), else
// $GOROOT/go.env's, else the built-in default.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { GoEnv } from './types';
import { parseGoFlags, withBuildFlags } from './goflags';
import { findOnPath } from './path';

type Env = Readonly<Record<string, string>>;

/** Go's names for this machine's OS and architecture (runtime.GOOS/GOARCH). */
export function hostGoos(): string {
  const map: Record<string, string> = { win32: 'windows', sunos: 'solaris' };
  return map[process.platform] ?? process.platform;
}

export function hostGoarch(): string {
  const map: Record<string, string> = { x64: 'amd64', ia32: '386', ppc64: 'ppc64le', mipsel: 'mipsle', loong64: 'loong64' };
  return map[process.arch] ?? process.arch;
}

/** The user's `go env -w` file (cfg.EnvFile): $GOENV, else os.UserConfigDir()/go/env; undefined
 * for GOENV=off or when there is no config directory. */
export function goEnvFilePath(env: Env, goos = hostGoos()): string | undefined {
  if (env.GOENV) return env.GOENV === 'off' ? undefined : env.GOENV;
  const dir = userConfigDir(env, goos);
  return dir ? path.join(dir, 'go', 'env') : undefined;
}

function userConfigDir(env: Env, goos: string): string | undefined {
  if (goos === 'windows') return env.AppData || undefined;
  if (goos === 'darwin' || goos === 'ios') return env.HOME ? path.join(env.HOME, 'Library', 'Application Support') : undefined;
  if (goos === 'plan9') return env.home ? path.join(env.home, 'lib') : undefined;
  const xdg = env.XDG_CONFIG_HOME;
  if (xdg) return path.isAbsolute(xdg) ? xdg : undefined;
  return env.HOME ? path.join(env.HOME, '.config') : undefined;
}

/** KEY=VALUE lines of a go env file (cfg.readEnvFile): lines without `=` or not starting with
 * A-Z are skipped. */
export function readGoEnvFile(file: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!file) return out;
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return out;
  }
  for (const line of text.split('\n')) {
    const i = line.indexOf('=');
    if (i < 0 || !(line[0]! >= 'A' && line[0]! <= 'Z')) continue;
    out[line.slice(0, i)] = line.slice(i + 1);
  }
  return out;
}

/** Where a go variable's value comes from, in go's order of precedence. */
export interface GoEnvLayers {
  processEnv: Env;
  userFile: Record<string, string>;
  gorootFile: Record<string, string>;
}

export function loadLayers(processEnv: Env, goroot: string | undefined): GoEnvLayers {
  const userFile = readGoEnvFile(goEnvFilePath(processEnv));
  const root = processEnv.GOROOT || userFile.GOROOT || goroot;
  return { processEnv, userFile, gorootFile: readGoEnvFile(root ? path.join(root, 'go.env') : undefined) };
}

/** cfg.Getenv: the process environment's value when non-empty, else the files'. */
export function getenvLayered(layers: GoEnvLayers, key: string): string {
  return layers.processEnv[key] || (layers.userFile[key] ?? layers.gorootFile[key] ?? '');
}

/** GOWORK as set, not as discovered: only the process environment can set it (`go env -w GOWORK`
 * is refused), and `auto` means the same as unset. */
export function goworkSetting(processEnv: Env): string {
  const v = processEnv.GOWORK ?? '';
  return v === 'auto' ? '' : v;
}

/** The go variables for `processEnv`, computed offline. `goroot` is the toolchain's root when a go
 * binary was found; GOROOT in the environment or the go env file takes precedence. */
export function computeGoEnv(processEnvIn: Readonly<Record<string, string | undefined>>, goroot?: string, settings: ViewSettings = {}): GoEnv {
  const processEnv = definedEnv(processEnvIn);
  const layers = loadLayers(processEnv, goroot);
  const get = (k: string) => getenvLayered(layers, k);
  const hostOS = hostGoos();
  const hostArch = hostGoarch();
  const vars: Record<string, string> = {};
  vars.GOROOT = processEnv.GOROOT || layers.userFile.GOROOT || goroot || '';
  vars.GOENV = goEnvFilePath(processEnv) ?? ''; // GOENV=off reports ''
  vars.GOHOSTOS = hostOS;
  vars.GOHOSTARCH = hostArch;
  vars.GOOS = get('GOOS') || hostOS;
  vars.GOARCH = get('GOARCH') || hostArch;
  const home = processEnv[hostOS === 'windows' ? 'USERPROFILE' : hostOS === 'plan9' ? 'home' : 'HOME'];
  const defaultGopath = home && path.resolve(home, 'go') !== path.resolve(vars.GOROOT || '/nonexistent-goroot') ? path.join(home, 'go') : '';
  vars.GOPATH = get('GOPATH') || defaultGopath;
  const firstGopath = vars.GOPATH.split(path.delimiter)[0] ?? '';
  vars.GOMODCACHE = get('GOMODCACHE') || (firstGopath ? path.join(firstGopath, 'pkg', 'mod') : '');
  vars.GO111MODULE = get('GO111MODULE');
  vars.GOFLAGS = get('GOFLAGS');
  vars.GOWORK = goworkSetting(processEnv);
  vars.GOTOOLCHAIN = get('GOTOOLCHAIN');
  vars.GOPROXY = get('GOPROXY');
  vars.GOSUMDB = get('GOSUMDB');
  vars.GOPRIVATE = get('GOPRIVATE');
  vars.GONOSUMDB = get('GONOSUMDB') || vars.GOPRIVATE;
  vars.GONOPROXY = get('GONOPROXY') || vars.GOPRIVATE;
  vars.GOINSECURE = get('GOINSECURE');
  // go env shows the microarchitecture level of the target architecture only.
  if (vars.GOARCH === 'amd64') vars.GOAMD64 = get('GOAMD64') || 'v1';
  if (vars.GOARCH === 'arm64') vars.GOARM64 = get('GOARM64') || 'v8.0';
  vars.GOEXPERIMENT = get('GOEXPERIMENT');
  vars.CGO_ENABLED = defaultCgoEnabled(get('CGO_ENABLED'), vars.GOOS, vars.GOARCH, processEnv) ? '1' : '0';
  return goEnvFromVars({ processEnv, vars, source: 'computed', ...settings });
}

/** What an editor's settings add to a view beyond its process environment. */
export interface ViewSettings {
  buildFlags?: readonly string[];
  origins?: Readonly<Record<string, string>>;
}

/** cfg.defaultContext's cgo rule: an explicit 0/1 wins; a cross-compile disables cgo; else cgo
 * is on when the default C compiler (or $CC) can be found. */
function defaultCgoEnabled(setting: string, goos: string, goarch: string, env: Env): boolean {
  if (setting === '0' || setting === '1') return setting === '1';
  if (goos !== hostGoos() || goarch !== hostGoarch()) return false;
  if (env.CC) return true;
  const cc = goos === 'darwin' || goos === 'ios' || goos === 'freebsd' || goos === 'openbsd' ? 'clang' : 'gcc';
  return findOnPath(cc, env.PATH) !== undefined;
}

export function definedEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}

/** The structured GoEnv fields from `go env`-style variables. */
export function goEnvFromVars(a: {
  processEnv: Record<string, string>;
  vars: Record<string, string>;
  source: GoEnv['source'];
  goBinary?: string;
  goVersion?: string;
} & ViewSettings): GoEnv {
  const v = a.vars;
  const g111 = v.GO111MODULE ?? '';
  const env: GoEnv = {
    processEnv: a.processEnv,
    vars: v,
    source: a.source,
    goroot: v.GOROOT ?? '',
    gopath: (v.GOPATH ?? '').split(path.delimiter).filter((p) => p !== ''),
    gomodcache: v.GOMODCACHE ?? '',
    go111module: g111 === 'on' || g111 === 'off' || g111 === 'auto' ? g111 : '',
    gowork: v.GOWORK ?? '',
    flags: withBuildFlags(parseGoFlags(v.GOFLAGS ?? ''), a.buildFlags ?? []),
    goos: v.GOOS || hostGoos(),
    goarch: v.GOARCH || hostGoarch(),
    cgoEnabled: v.CGO_ENABLED === '1',
    gotoolchain: v.GOTOOLCHAIN ?? '',
    goproxy: v.GOPROXY ?? '',
    goprivate: v.GOPRIVATE ?? '',
    gonosumdb: v.GONOSUMDB ?? '',
    gonoproxy: v.GONOPROXY ?? '',
    gosumdb: v.GOSUMDB ?? '',
  };
  if (a.goBinary !== undefined) env.goBinary = a.goBinary;
  if (a.goVersion !== undefined) env.goVersion = a.goVersion;
  if (a.buildFlags?.length) env.buildFlags = a.buildFlags;
  if (a.origins && Object.keys(a.origins).length > 0) env.origins = a.origins;
  return env;
}

/** A neutral directory for running `go env`: the filesystem root, where no workspace's go.mod
 * or go.work is (the temp directory may hold other tools' files). */
export function neutralCwd(): string {
  return path.parse(os.tmpdir()).root;
}
