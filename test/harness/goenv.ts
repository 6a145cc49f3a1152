// The hermetic go environment for tests: the one place it is defined. Every test that runs the
// go command or the engine against a real go uses it, so no test reads the developer's HOME,
// module cache or proxy settings, and none touches the network.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runGo } from '../../server/src/gocmd/run';
import type { GoRunResult } from '../../server/src/gocmd/types';

export interface HermeticGo {
  /** Root of the private directories (HOME, GOPATH, caches); removed by dispose(). */
  root: string;
  env: Record<string, string>;
  /** Runs go with this environment (plus overrides) in `cwd`. */
  run(args: string[], cwd: string, overrides?: Record<string, string>): Promise<GoRunResult>;
  dispose(): void;
}

/** The build cache shared by every hermetic environment of one test run (scripts/run-tests.mjs
 * makes it in a temp dir and removes it afterwards). The build cache is content-addressed, so
 * sharing it changes no resolution outcome — it only spares each case compiling the standard
 * library again. Outside the runner each environment gets its own. */
const SHARED_GOCACHE = process.env.GMD_TEST_GOCACHE;

/** Makes a private HOME, GOPATH, GOMODCACHE and GOCACHE. `proxy` is GOPROXY (default off). */
export function hermeticGo(opts: { proxy?: string; extra?: Record<string, string> } = {}): HermeticGo {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'gmd-go-')));
  const home = path.join(root, 'home');
  const gopath = path.join(root, 'gopath');
  for (const d of [home, gopath, path.join(root, 'gocache'), path.join(root, 'tmp')]) fs.mkdirSync(d, { recursive: true });
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/local/go/bin:/usr/bin:/bin',
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    GOPATH: gopath,
    GOMODCACHE: path.join(gopath, 'pkg', 'mod'),
    GOCACHE: SHARED_GOCACHE ?? path.join(root, 'gocache'),
    GOTMPDIR: path.join(root, 'tmp'),
    GOPROXY: opts.proxy ?? 'off',
    GOSUMDB: 'off',
    GOTOOLCHAIN: 'local',
    GOFLAGS: '',
    GONOSUMDB: '',
    GOPRIVATE: '',
    GONOPROXY: '',
    GO111MODULE: '',
    GOWORK: '',
    CGO_ENABLED: '0',
    ...opts.extra,
  };
  // Telemetry off: in its default mode the first go run in a fresh HOME starts a background
  // process that writes there, racing dispose().
  const telemetryMode = path.join(env.XDG_CONFIG_HOME!, 'go', 'telemetry', 'mode');
  fs.mkdirSync(path.dirname(telemetryMode), { recursive: true });
  fs.writeFileSync(telemetryMode, 'off');
  return {
    root,
    env,
    run: (args, cwd, overrides) => {
      const runEnv = { ...env, ...overrides };
      return runGo(args, { cwd, env: runEnv, timeoutMs: 120_000, allowToolchainSwitch: cannotDownload(runEnv) });
    },
    dispose: () => removeTree(root),
  };
}

/** Whether go run with env can fetch nothing from the network: GOPROXY set (the variable beats
 * any go env file) to off or file:// proxies only. Only then is the environment's GOTOOLCHAIN
 * obeyed, so that a case's terminal that pins another toolchain shows go's own verdict (it looks
 * for the toolchain on PATH, then fails to download it: "toolchain not available") instead of
 * silently running the installed go; otherwise GOTOOLCHAIN=local is forced as everywhere. */
export function cannotDownload(env: Record<string, string>): boolean {
  const entries = (env.GOPROXY ?? '').split(/[,|]/).map((e) => e.trim());
  if (entries.length === 0 || entries[0] === '') return false;
  for (const e of entries) {
    if (e === 'off') return true;
    if (!e.startsWith('file://')) return false;
  }
  return true;
}

/** rm -rf that also handles the module cache's read-only directories. */
export function removeTree(dir: string): void {
  if (!fs.existsSync(dir)) return;
  const makeWritable = (p: string) => {
    let st: fs.Stats;
    try {
      st = fs.lstatSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      try {
        fs.chmodSync(p, 0o755);
      } catch {
        /* ignore */
      }
      for (const n of fs.readdirSync(p)) makeWritable(path.join(p, n));
    }
  };
  makeWritable(dir);
  fs.rmSync(dir, { recursive: true, force: true });
}
