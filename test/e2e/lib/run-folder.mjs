// One run's private world: a temp folder holding code-server's user data, extensions, XDG dirs,
// TMPDIR, the workspace copy, and a hermetic go environment (private HOME, GOPATH, module cache,
// build cache; GOPROXY=off unless a scenario brings a file:// proxy; GOTOOLCHAIN=local).
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot, workspacesRoot } from './paths.mjs';

const require = createRequire(import.meta.url);

/** The test harness compiled by `npm run compile-tests` (out/test/harness): one definition of the
 * hermetic go environment, the file:// proxy and the module cache layout for every test. */
export function harness() {
  const out = path.join(repoRoot, 'out', 'test', 'harness');
  if (!fs.existsSync(path.join(out, 'goenv.js'))) {
    execFileSync('npm', ['run', '--silent', 'compile-tests'], { cwd: repoRoot, stdio: 'inherit' });
  }
  return {
    goenv: require(path.join(out, 'goenv.js')),
    proxy: require(path.join(out, 'proxy.js')),
    cases: require(path.join(out, 'cases.js')),
  };
}

// Settings that keep the workbench quiet and deterministic: no telemetry, welcome page, update
// checks or AI entries in the quick-fix menu.
const QUIET_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'chat.disableAIFeatures': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'git.enabled': false,
  'files.autoSave': 'off',
  'window.restoreWindows': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

/** The go binary on PATH, as an absolute path. The extension host does not keep our PATH: VS Code's
 * server replaces it with the login shell's (Debian's /etc/profile drops /usr/local/go/bin), so
 * the run names its go explicitly in the machine setting goModuleDoctor.goPath. */
export function goBinaryOnPath(pathList) {
  for (const dir of pathList.split(path.delimiter)) {
    const candidate = path.join(dir, 'go');
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return fs.realpathSync(candidate);
    } catch {
      /* not here */
    }
  }
  throw new Error(`no go binary on PATH (${pathList})`);
}

/** `machineSettings` go to the remote machine's settings (user-data/Machine/settings.json): a
 * remote window, which code-server's is, ignores machine-scoped settings in the user's. */
export function createRunFolder(label, machineSettings = {}, userSettings = {}) {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `gmd-e2e-${label}-`)));
  const dirs = {
    root,
    userData: path.join(root, 'user-data'),
    extensions: path.join(root, 'extensions'),
    tmp: path.join(root, 'tmp'),
    xdgConfig: path.join(root, 'xdg', 'config'),
    xdgData: path.join(root, 'xdg', 'data'),
    xdgCache: path.join(root, 'xdg', 'cache'),
    workspaces: path.join(root, 'ws'),
    logs: path.join(root, 'logs'),
  };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  for (const [scope, settings] of [['User', { ...QUIET_SETTINGS, ...userSettings }], ['Machine', machineSettings]]) {
    fs.mkdirSync(path.join(dirs.userData, scope), { recursive: true });
    fs.writeFileSync(path.join(dirs.userData, scope, 'settings.json'), JSON.stringify(settings, null, 2));
  }
  return dirs;
}

/** Copies a fixture workspace into the run (applied quick fixes write to disk). */
export function copyWorkspace(dirs, name) {
  const dest = path.join(dirs.workspaces, name);
  fs.cpSync(path.join(workspacesRoot, name), dest, { recursive: true });
  return dest;
}

/** The environment code-server, its extension host and Chromium get: nothing of the caller's
 * but PATH (with Node 24 first) and the locale. */
export function runEnvironment(dirs, goEnv, nodeBinDir, extra = {}) {
  const gallery = 'http://127.0.0.1:9'; // the discard port: refused at once, never leaves the machine
  return {
    ...goEnv,
    PATH: `${nodeBinDir}:${goEnv.PATH}`,
    LANG: 'C.UTF-8',
    TMPDIR: dirs.tmp,
    XDG_CONFIG_HOME: dirs.xdgConfig,
    XDG_DATA_HOME: dirs.xdgData,
    XDG_CACHE_HOME: dirs.xdgCache,
    EXTENSIONS_GALLERY: JSON.stringify({
      serviceUrl: `${gallery}/gallery`,
      itemUrl: `${gallery}/item`,
      resourceUrlTemplate: `${gallery}/{publisher}/{name}/{version}/{path}`,
    }),
    ...extra,
  };
}

/** hermeticGo() with its private root inside the run folder (it makes the root in os.tmpdir()). */
export function hermeticGoIn(dirs, goenv) {
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = dirs.root;
  try {
    return goenv.hermeticGo();
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
}
