// The environments an analysis of one workspace folder runs in, from the settings (./launch.ts
// composes them): the editor's is what golang.go and gopls run go with there — the server's process
// environment with go.goroot, go.toolsEnvVars, gopls build.env and build.buildFlags, and our own
// goModuleDoctor.toolsEnv and goPath over them; the terminal's comes from
// goModuleDoctor.terminalEnv: "auto" asks the shell a new integrated terminal in the folder starts
// (terminal.integrated.defaultProfile/profiles/env; env/terminal.ts), a path names a KEY=VALUE
// file, "off" compares nothing. With "auto" the shell is asked in each module's directory too, as
// a terminal opened there would start: a shell hook (direnv's .envrc, mise, a `cd` hook in
// .bashrc) can give a module below the folder another GOFLAGS, GOWORK or PATH.

import * as fs from 'node:fs';
import { definedEnv } from '../env/compute';
import { loadGoEnv } from '../env/goenv';
import { captureTerminalEnv } from '../env/terminal';
import type { TerminalEnvResult } from '../env/terminal';
import type { GoEnv } from '../env/types';
import { parseEnvFile } from '../cli/args';
import { editorLaunch, terminalLaunch, terminalOrigins, terminalPlatform } from './launch';
import { DEFAULT_TOOL_SETTINGS } from './protocol';
import type { Settings, TerminalPlatform, ToolSettings } from './protocol';
import { sortedEntries } from '../env/vars';

export interface Environments {
  editorEnv: GoEnv;
  /** The terminal's in the folder's directory: for packages outside modules, and for every module
   * unless terminalEnvFor gives another. */
  terminalEnv?: GoEnv;
  /** "auto" in a trusted workspace: the terminal's in each module directory (AnalyzeOptions'). */
  terminalEnvFor?: (moduleDirs: string[]) => Promise<Map<string, GoEnv>>;
  /** goModuleDoctor.terminalEnv as set ("auto", "off", a file), for reports. */
  terminalSetting: string;
  /** Problems reading the settings, for the log. */
  warnings: string[];
}

/** `trusted` false: nothing may run the go command, so the environment is computed, not asked of
 * `go env`, and no login shell runs for "auto". `folder` is the workspace folder: where a new
 * terminal starts and what `${workspaceFolder}` names; the default, the server's working
 * directory, is the first workspace folder (the language client starts the server there).
 * `tools`: the folder's golang.go, gopls and terminal settings. `warn` takes what goes wrong
 * later, capturing in a module directory (once per directory). */
export async function loadEnvironments(
  settings: Settings,
  processEnv: NodeJS.ProcessEnv,
  trusted: boolean,
  folder: string = process.cwd(),
  tools: ToolSettings = DEFAULT_TOOL_SETTINGS,
  platform: TerminalPlatform = terminalPlatform(),
  warn: (message: string) => void = () => {},
): Promise<Environments> {
  const base = definedEnv(processEnv);
  const editor = editorLaunch(base, settings, tools.go, folder);
  const warnings = [...editor.warnings];
  const t = settings.terminalEnv.trim();
  // The terminal inherits the editor's process environment, not the Go tools' settings. Its shell
  // starts while the editor's go env runs.
  const terminal = terminalLaunch(base, tools.terminal, folder, platform);
  const captureIn = (cwd: string) => captureTerminalEnv({ cwd, baseEnv: base, shell: terminal.shell, args: terminal.args, extraEnv: terminal.extraEnv });
  const capturing = t === 'auto' && trusted ? captureIn(folder) : undefined;
  const editorEnv = await loadGoEnv(editor.env, { goBinary: editor.goBinary, runGo: trusted, searchInstallDirs: true, buildFlags: editor.buildFlags, origins: editor.origins });
  let terminalEnv: GoEnv | undefined;
  let terminalEnvFor: Environments['terminalEnvFor'];
  if (t === 'auto') {
    const captured = await capturing;
    if (!captured) {
      warnings.push('goModuleDoctor.terminalEnv is "auto", but this workspace is not trusted, so the login shell (and its profiles) is not run: the terminal\'s environment is not compared, as with "off". Trust the workspace, or name a KEY=VALUE file.');
    } else if (captured.ok) {
      warnings.push(...terminal.warnings);
      const load = (env: Record<string, string>) => loadGoEnv(env, { ...terminalGoEnvOptions(trusted), origins: terminalOrigins(env, terminal) });
      terminalEnv = await load(captured.env);
      terminalEnvFor = moduleTerminalEnvs({ dir: folder, captured: captured.env, env: terminalEnv }, captureIn, load, warn);
    } else {
      warnings.push(...terminal.warnings);
      warnings.push(`goModuleDoctor.terminalEnv "auto": ${captured.message}; the terminal's environment is not compared (set goModuleDoctor.terminalEnv to "off" or to a KEY=VALUE file)`);
    }
  } else if (t !== '' && t !== 'off') {
    try {
      const vars = parseEnvFile(fs.readFileSync(t, 'utf8'));
      if (Object.keys(vars).length === 0) warnings.push(`goModuleDoctor.terminalEnv: ${t} has no KEY=VALUE lines`);
      else terminalEnv = await loadGoEnv(vars, terminalGoEnvOptions(trusted));
    } catch (e) {
      warnings.push(`goModuleDoctor.terminalEnv: cannot read ${t}: ${(e as Error).message}`);
    }
  }
  if (terminalEnv && !terminalEnv.goBinary) warnings.push(terminalWithoutGoNotice(terminalEnv));
  return { editorEnv, terminalEnv, terminalEnvFor, terminalSetting: t, warnings };
}

/** Said once (the server also shows it as a notification): the terminal's environment has no go,
 * so nothing is compared with it and no terminal verdict is made. */
export function terminalWithoutGoNotice(terminalEnv: GoEnv): string {
  return `The terminal's PATH (${terminalEnv.processEnv.PATH ?? 'unset'}) has no go binary, so go cannot run there at all and nothing is compared with it. Add Go's bin directory to PATH in your shell profile (or set goModuleDoctor.terminalEnv to "off").`;
}

/** How many login shells run at once to capture module directories' environments. */
export const MODULE_CAPTURES_AT_ONCE = 4;

/** The terminal's environment per module directory: captured there (captureTerminalEnv keeps each
 * capture), made a GoEnv once per distinct content, so that modules whose shells agree share one
 * object, the folder's when they agree with it. Such a GoEnv has no PWD or OLDPWD (it stands for
 * several directories), which also keeps it the same object when the environments are loaded
 * again (loadGoEnv keeps one per environment). A capture that fails falls back to the folder's
 * environment, warned about once per directory. */
function moduleTerminalEnvs(
  folder: { dir: string; captured: Record<string, string>; env: GoEnv },
  capture: (cwd: string) => Promise<TerminalEnvResult>,
  load: (env: Record<string, string>) => Promise<GoEnv>,
  warn: (message: string) => void,
): (moduleDirs: string[]) => Promise<Map<string, GoEnv>> {
  const byContent = new Map<string, Promise<GoEnv>>([[JSON.stringify(sortedEntries(withoutShellDirs(folder.captured))), Promise.resolve(folder.env)]]);
  const byDir = new Map<string, Promise<GoEnv>>();
  const limited = concurrencyLimit(MODULE_CAPTURES_AT_ONCE);
  // A profile that hangs in one directory likely hangs in the next: after one capture times out,
  // the directories still waiting take the folder's environment rather than each costing the limit.
  let timedOut = false;
  const envIn = (dir: string): Promise<GoEnv> => {
    let p = byDir.get(dir);
    if (!p) {
      p = limited(async () => (timedOut ? undefined : capture(dir))).then((r) => {
        if (!r) return folder.env;
        if (!r.ok) {
          if (r.timedOut) timedOut = true;
          const which = r.timedOut ? 'the module and those not read yet are' : 'the module is';
          warn(`goModuleDoctor.terminalEnv "auto" in the module directory ${dir}: ${r.message}; ${which} compared with the terminal's environment in ${folder.dir} instead`);
          return folder.env;
        }
        const content = withoutShellDirs(r.env);
        const key = JSON.stringify(sortedEntries(content));
        let env = byContent.get(key);
        if (!env) byContent.set(key, (env = load(content)));
        return env;
      });
      byDir.set(dir, p);
    }
    return p;
  };
  return async (moduleDirs) => {
    const envs = await Promise.all(moduleDirs.map(envIn));
    return new Map(moduleDirs.map((d, i) => [d, envs[i]!]));
  };
}

/** A captured environment without PWD and OLDPWD, which only say where the shell started (the go
 * command takes its directory from the process, not from them). */
function withoutShellDirs(env: Record<string, string>): Record<string, string> {
  const { PWD: _pwd, OLDPWD: _oldpwd, ...rest } = env;
  return rest;
}


/** Runs at most `n` of the tasks given to it at once, the others in turn. */
function concurrencyLimit(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (running < n) running++;
    // A finishing task hands its place to the first waiting one.
    else await new Promise<void>((start) => waiting.push(start));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}

/** The terminal runs the first go on its own PATH: goModuleDoctor.goPath is the editor's (as in
 * the CLI's --terminal-env). */
function terminalGoEnvOptions(trusted: boolean): Parameters<typeof loadGoEnv>[1] {
  return { runGo: trusted };
}
