// The Go environment of a view: `go env -json` run once per (go binary, Go-relevant environment),
// or, without a usable go binary, the same variables computed offline (./compute.ts).

import * as fs from 'node:fs';
import * as path from 'node:path';
import { runGo } from '../gocmd/run';
import type { BuildContext } from '../scan/types';
import type { GoEnv } from './types';
import { computeGoEnv, definedEnv, getenvLayered, goEnvFromVars, goworkSetting, loadLayers, neutralCwd } from './compute';
import type { ViewSettings } from './compute';
import { findOnPath } from './path';
import { sortedEntries } from './vars';
import { compareGoVersion, goVersionFromToolchain } from '../module/gover';

export { computeGoEnv } from './compute';
export { parseGoFlags } from './goflags';
export { findOnPath } from './path';

export interface LoadGoEnvOptions {
  /** The go binary (absolute, or a name looked up on PATH); default `go` on processEnv.PATH. */
  goBinary?: string;
  /** false: never run the go command (an untrusted workspace); the environment is computed. */
  runGo?: boolean;
  timeoutMs?: number;
  /** When go is not on PATH, also look where Go is usually installed ($GOROOT/bin, /usr/local/go/bin,
   * ~/sdk/go*\/bin, …), as the Go extension does for the editor: an editor started from a desktop
   * launcher often lacks the shell's PATH. Not for the terminal's view, whose PATH is the truth. */
  searchInstallDirs?: boolean;
  /** Command-line build flags (gopls build.buildFlags), applied over GOFLAGS. */
  buildFlags?: readonly string[];
  /** Where variables of the environment were set (GoEnv.origins). */
  origins?: Readonly<Record<string, string>>;
}

// `go env -json` output per (binary, Go-relevant environment), and the GoEnv objects per
// (binary, whole environment): other variables do not change what go env prints, but they are
// part of the environment fixes run go with.
const goEnvRuns = new Map<string, Promise<Record<string, string> | undefined>>();
const goEnvs = new Map<string, Promise<GoEnv>>();

/** Forgets every cached `go env` result (after the go env file or the toolchain changed). */
export function clearGoEnvCache(): void {
  goEnvRuns.clear();
  goEnvs.clear();
}

/** The Go environment for processEnv. Never rejects: when go cannot be run or `go env` fails,
 * the variables are computed offline (source 'computed'). */
export function loadGoEnv(processEnvIn: Readonly<Record<string, string | undefined>>, opts: LoadGoEnvOptions = {}): Promise<GoEnv> {
  const processEnv = definedEnv(processEnvIn);
  const goBinary = locateGoBinary(opts.goBinary, processEnv.PATH) ?? (opts.searchInstallDirs && !opts.goBinary ? findInInstallDirs(processEnv) : undefined);
  const runs = opts.runGo !== false;
  const settings: ViewSettings = { buildFlags: opts.buildFlags, origins: opts.origins };
  const key = JSON.stringify([goBinary ?? null, runs, sortedEntries(processEnv), settings.buildFlags ?? [], sortedEntries(settings.origins ?? {})]);
  let p = goEnvs.get(key);
  if (!p) {
    p = readGoEnv(processEnv, goBinary, runs, opts.timeoutMs, settings);
    goEnvs.set(key, p);
  }
  return p;
}

async function readGoEnv(processEnv: Record<string, string>, goBinary: string | undefined, runs: boolean, timeoutMs: number | undefined, settings: ViewSettings): Promise<GoEnv> {
  const goroot = goBinary ? gorootOfBinary(goBinary) : undefined;
  const output = goBinary && runs ? await goEnvJson(processEnv, goBinary, timeoutMs) : undefined;
  if (!output) return withBinary(computeGoEnv(processEnv, goroot, settings), goBinary);
  const vars = { ...output };
  // The child ran with GOTOOLCHAIN=local and GOWORK=off forced; report the user's own settings.
  vars.GOTOOLCHAIN = getenvLayered(loadLayers(processEnv, vars.GOROOT), 'GOTOOLCHAIN');
  vars.GOWORK = goworkSetting(processEnv);
  const goVersion = vars.GOVERSION?.startsWith('go') ? vars.GOVERSION.slice(2) : undefined;
  return goEnvFromVars({ processEnv, vars, source: 'go env', goBinary, goVersion, ...settings });
}

/** `go env -json` in a neutral directory, once per binary and Go-relevant environment; undefined
 * when it fails. GOWORK=off: go env would report a go.work it discovers (or fail on a relative
 * GOWORK), while we want the setting. runGo pins GOTOOLCHAIN=local. */
function goEnvJson(processEnv: Record<string, string>, goBinary: string, timeoutMs: number | undefined): Promise<Record<string, string> | undefined> {
  const key = JSON.stringify([goBinary, goRelevant(processEnv)]);
  let p = goEnvRuns.get(key);
  if (!p) {
    p = runGo(['env', '-json'], { cwd: neutralCwd(), env: { ...processEnv, GOWORK: 'off' }, goBinary, timeoutMs }).then((r) => {
      if (r.exitCode !== 0) return undefined;
      try {
        const parsed = JSON.parse(r.stdout) as unknown;
        return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : undefined;
      } catch {
        return undefined;
      }
    });
    goEnvRuns.set(key, p);
  }
  return p;
}

function withBinary(env: GoEnv, goBinary: string | undefined): GoEnv {
  if (goBinary) env.goBinary = goBinary;
  return env;
}

function locateGoBinary(goBinary: string | undefined, pathList: string | undefined): string | undefined {
  const name = goBinary || 'go';
  if (name.includes('/') || name.includes('\\')) {
    const abs = path.resolve(name);
    return fs.existsSync(abs) ? abs : undefined;
  }
  return findOnPath(name, pathList);
}

/** The usual places a Go toolchain is installed, in the Go extension's order of preference. */
function findInInstallDirs(env: Record<string, string>): string | undefined {
  const home = env.HOME ?? '';
  const dirs = [
    env.GOROOT ? path.join(env.GOROOT, 'bin') : '',
    '/usr/local/go/bin',
    '/usr/lib/go/bin',
    '/opt/homebrew/bin',
    '/usr/local/bin',
    '/snap/bin',
    ...sdkDirs(home),
  ].filter(Boolean);
  return findOnPath('go', dirs.join(path.delimiter));
}

/** ~/sdk/go1.N.M/bin from golang.org/dl installs, newest version first (go1.21.0 before go1.9.7,
 * which a sort by name would put first). */
export function sdkDirs(home: string): string[] {
  if (!home) return [];
  try {
    return fs
      .readdirSync(path.join(home, 'sdk'))
      .filter((n) => /^go\d/.test(n))
      .sort((a, b) => compareGoVersion(goVersionFromToolchain(b), goVersionFromToolchain(a)))
      .map((n) => path.join(home, 'sdk', n, 'bin'));
  } catch {
    return [];
  }
}

/** A toolchain's root from its binary: $GOROOT/bin/go. */
function gorootOfBinary(goBinary: string): string | undefined {
  try {
    return path.dirname(path.dirname(fs.realpathSync(goBinary)));
  } catch {
    return undefined;
  }
}

// The variables that can change what `go env` prints: GO*, CGO_*, and where the go env file, the
// home directory and the C compiler are found.
const RELEVANT = new Set(['HOME', 'XDG_CONFIG_HOME', 'AppData', 'USERPROFILE', 'home', 'PATH', 'CC', 'CXX']);
function goRelevant(env: Record<string, string>): [string, string][] {
  return sortedEntries(env).filter(([k]) => k.startsWith('GO') || k.startsWith('CGO_') || RELEVANT.has(k));
}


/** Whether the go command reads packages through its index (modindex): not with
 * GODEBUG=goindex=0 or GOCACHE=off. */
export function goIndexEnabled(env: GoEnv): boolean {
  const godebug = (env.vars.GODEBUG ?? env.processEnv.GODEBUG ?? '').split(',').map((s) => s.trim());
  // The last goindex setting wins, as in GODEBUG generally.
  const setting = godebug.filter((s) => s.startsWith('goindex=')).at(-1);
  return setting !== 'goindex=0' && (env.vars.GOCACHE ?? env.processEnv.GOCACHE) !== 'off';
}

/** The toolchain's version without "go" ("1.26.8"): what go env said, else the first line of
 * $GOROOT/VERSION of a release toolchain; undefined when neither tells. */
export function goVersionOf(env: GoEnv): string | undefined {
  return env.goVersion ?? (env.goroot ? versionFileOf(env.goroot) : undefined);
}

const versionFiles = new Map<string, string | undefined>();
function versionFileOf(goroot: string): string | undefined {
  if (!versionFiles.has(goroot)) {
    let version: string | undefined;
    try {
      const first = fs.readFileSync(path.join(goroot, 'VERSION'), 'utf8').split('\n')[0]!.trim();
      version = /^go1(\.\d+)*([a-z]+\d+)?$/.test(first) ? first.slice(2) : undefined;
    } catch {
      version = undefined;
    }
    versionFiles.set(goroot, version);
  }
  return versionFiles.get(goroot);
}

const buildContexts = new WeakMap<GoEnv, BuildContext>();

/** The go/build context of an environment (one object per GoEnv). Without a known toolchain
 * version, release tags are those of the newest Go this model describes. */
export function buildContextOf(env: GoEnv): BuildContext {
  let ctx = buildContexts.get(env);
  if (!ctx) {
    ctx = {
      goos: env.goos,
      goarch: env.goarch,
      tags: env.flags.tags,
      cgoEnabled: env.cgoEnabled,
      goVersion: goVersionOf(env) ?? DEFAULT_GO_VERSION,
      compiler: 'gc',
      toolTags: archLevelTags(env),
    };
    buildContexts.set(env, ctx);
  }
  return ctx;
}

/** The Go version assumed when no go binary told us (the newest this model knows). */
export const DEFAULT_GO_VERSION = '1.26';

/** The microarchitecture tags go adds (internal/buildcfg gogoarchTags): amd64.v1…vN, arm64.v8.0…. */
function archLevelTags(env: GoEnv): string[] {
  if (env.goarch === 'amd64') {
    const level = Number(/^v([1-4])$/.exec(env.vars.GOAMD64 || 'v1')?.[1] ?? 1);
    return Array.from({ length: level }, (_, i) => `amd64.v${i + 1}`);
  }
  if (env.goarch === 'arm64') {
    const m = /^v(8|9)\.(\d+)/.exec(env.vars.GOARM64 || 'v8.0');
    const major = Number(m?.[1] ?? 8);
    const minor = Number(m?.[2] ?? 0);
    const tags: string[] = [];
    // v9.n implies v8.(n+5), as in buildcfg.
    const v8max = major === 9 ? Math.min(minor + 5, 9) : minor;
    for (let i = 0; i <= v8max; i++) tags.push(`arm64.v8.${i}`);
    if (major === 9) for (let i = 0; i <= minor; i++) tags.push(`arm64.v9.${i}`);
    return tags;
  }
  return [];
}
