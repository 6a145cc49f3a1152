// How the editor's Go tooling and a new integrated terminal are started, from the settings of one
// workspace folder: the process environment, the go binary and build flags the Go extension
// (golang.go) and gopls run go with, and the shell, arguments and environment VS Code gives a new
// terminal. Pure (reads only whether files exist); ./env.ts turns these into GoEnvs.
//
// Editor precedence, lowest first, as golang.go and gopls apply them: the server's process
// environment (the extension host's), go.goroot (GOROOT), go.toolsEnvVars, gopls build.env, then
// our own goModuleDoctor.toolsEnv. gopls build.buildFlags are command-line flags, over GOFLAGS.
// The go binary: goModuleDoctor.goPath, else go.alternateTools["go"] when it is an absolute path
// that exists, else <go.goroot>/bin/<name>, else <name> on PATH (name: the alternate tool's name,
// or go) — golang.go's getBinPath for go.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findOnPath, isExecutableFile } from '../env/path';
import type { GoToolSettings, Settings, TerminalPlatform, TerminalSettings } from './protocol';

/** What a `${…}` in a setting can name. */
export interface VariableContext {
  /** The workspace folder's directory. */
  folder: string;
  /** The editor's process environment, for `${env:NAME}`. */
  env: Readonly<Record<string, string>>;
}

/** A setting's value with VS Code's variables resolved: `${workspaceFolder}` (`${workspaceRoot}`),
 * `${workspaceFolderBasename}`, `${env:NAME}` (empty when unset), `${userHome}`,
 * `${pathSeparator}`; with `tilde`, a leading `~` is the home directory (golang.go's
 * resolvePath). Other variables are left as written. */
export function resolveVariables(value: string, ctx: VariableContext, tilde = false): string {
  const home = ctx.env.HOME || os.homedir();
  let out = value.replace(/\$\{([^}]+)\}/g, (whole, name: string) => {
    if (name === 'workspaceFolder' || name === 'workspaceRoot') return ctx.folder;
    if (name === 'workspaceFolderBasename') return path.basename(ctx.folder);
    if (name === 'userHome') return home;
    if (name === 'pathSeparator') return path.sep;
    if (name.startsWith('env:')) return ctx.env[name.slice(4).trim()] ?? '';
    return whole;
  });
  if (tilde && out.startsWith('~')) out = path.join(home, out.slice(1));
  return out;
}

export interface EditorLaunch {
  env: Record<string, string>;
  /** Where the variables settings set came from (GoEnv.origins). */
  origins: Record<string, string>;
  /** The go binary (a path, or a name to look up on PATH); undefined: go on PATH. */
  goBinary?: string;
  buildFlags: string[];
  warnings: string[];
}

export function editorLaunch(base: Readonly<Record<string, string>>, settings: Settings, go: GoToolSettings, folder: string): EditorLaunch {
  const ctx: VariableContext = { folder, env: base };
  const env: Record<string, string> = { ...base };
  const origins: Record<string, string> = {};
  const warnings: string[] = [];
  const set = (vars: Record<string, string>, origin: string, resolve: boolean) => {
    for (const [k, v] of Object.entries(vars)) {
      env[k] = resolve ? resolveVariables(v, ctx, true) : v;
      origins[k] = origin;
    }
  };
  let goroot = go.goroot ? resolveVariables(go.goroot, ctx, true) : '';
  if (goroot && !isDir(goroot)) {
    warnings.push(`go.goroot ${goroot} is not a directory; it is ignored, as the Go extension ignores it.`);
    goroot = '';
  }
  if (goroot) set({ GOROOT: goroot }, 'go.goroot', false);
  set(go.toolsEnvVars, 'go.toolsEnvVars', true);
  // gopls applies build.env as written: no variables.
  set(go.buildEnv, 'gopls build.env', false);
  set(settings.toolsEnv, 'goModuleDoctor.toolsEnv', false);

  const launch: EditorLaunch = { env, origins, buildFlags: go.buildFlags, warnings };
  if (settings.goPath) {
    launch.goBinary = settings.goPath;
    return launch;
  }
  const alternate = go.alternateGo ? resolveVariables(go.alternateGo, ctx, true) : '';
  if (alternate && path.isAbsolute(alternate)) {
    if (isExecutableFile(alternate)) {
      launch.goBinary = alternate;
      return launch;
    }
    warnings.push(`go.alternateTools names ${alternate} as go, which is not an executable file; the Go extension then looks for go as usual.`);
  }
  const name = alternate && !path.isAbsolute(alternate) ? alternate : 'go';
  const inGoroot = goroot ? path.join(goroot, 'bin', name) : '';
  if (inGoroot && isExecutableFile(inGoroot)) launch.goBinary = inGoroot;
  else if (name !== 'go') launch.goBinary = name;
  return launch;
}

export interface TerminalLaunch {
  /** The shell; undefined: $SHELL. */
  shell?: string;
  args?: string[];
  /** Set over the inherited environment before the shell starts; null unsets. */
  extraEnv: Record<string, string | null>;
  /** The setting each variable of extraEnv comes from. */
  origins: Record<string, string>;
  warnings: string[];
}

/** The shell VS Code starts for a new terminal in `folder`, with its environment settings:
 * terminal.integrated.env.<platform>, then the default profile's env over it (VS Code's order). */
export function terminalLaunch(base: Readonly<Record<string, string>>, terminal: TerminalSettings, folder: string, platform: TerminalPlatform): TerminalLaunch {
  const ctx: VariableContext = { folder, env: base };
  const extraEnv: Record<string, string | null> = {};
  const origins: Record<string, string> = {};
  const warnings: string[] = [];
  const set = (vars: Record<string, string | null>, origin: string) => {
    for (const [k, v] of Object.entries(vars)) {
      extraEnv[k] = v === null ? null : resolveVariables(v, ctx);
      origins[k] = origin;
    }
  };
  set(terminal.env, `terminal.integrated.env.${platform}`);
  const launch: TerminalLaunch = { extraEnv, origins, warnings };
  if (terminal.missingProfile) {
    warnings.push(`terminal.integrated.defaultProfile.${platform} names "${terminal.missingProfile}", which terminal.integrated.profiles.${platform} does not define with a path; the terminal is taken to start $SHELL.`);
  }
  const profile = terminal.profile;
  if (!profile) return launch;
  const candidates = profile.path.map((p) => resolveVariables(p, ctx));
  const shell = candidates.map((p) => (p.includes('/') ? (isExecutableFile(p) ? p : undefined) : findOnPath(p, base.PATH))).find((p) => p !== undefined);
  if (!shell) {
    warnings.push(`The terminal profile "${profile.name}" has no shell that exists (${candidates.join(', ')}); the terminal is taken to start $SHELL.`);
    return launch;
  }
  launch.shell = shell;
  if (profile.args) launch.args = profile.args.map((a) => resolveVariables(a, ctx));
  set(profile.env, `terminal.integrated.profiles.${platform}["${profile.name}"].env`);
  return launch;
}

/** Which captured variables are as a terminal setting made them (the shell's profiles may have
 * changed them since): those settings are their origin. */
export function terminalOrigins(captured: Readonly<Record<string, string>>, launch: TerminalLaunch): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(launch.extraEnv)) {
    if (v === null ? captured[k] === undefined : captured[k] === v) out[k] = v === null ? `unset by ${launch.origins[k]}` : launch.origins[k]!;
  }
  return out;
}

/** VS Code's name for this platform in terminal settings. */
export function terminalPlatform(platform: NodeJS.Platform = process.platform): TerminalPlatform {
  return platform === 'darwin' ? 'osx' : platform === 'win32' ? 'windows' : 'linux';
}

function isDir(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
