// The environments an analysis runs in, from the settings: the editor's is the server's process
// environment plus goModuleDoctor.toolsEnv (like go.toolsEnvVars) with goModuleDoctor.goPath as the
// go binary; the terminal's comes from goModuleDoctor.terminalEnv: "auto" asks the user's login
// shell (env/terminal.ts), a path names a KEY=VALUE file, "off" compares nothing.

import * as fs from 'node:fs';
import { loadGoEnv } from '../env/goenv';
import { captureTerminalEnv } from '../env/terminal';
import type { GoEnv } from '../env/types';
import { parseEnvFile } from '../cli/args';
import type { Settings } from './protocol';

export interface Environments {
  editorEnv: GoEnv;
  terminalEnv?: GoEnv;
  /** Problems reading the settings, for the log. */
  warnings: string[];
}

/** `trusted` false: nothing may run the go command, so the environment is computed, not asked of
 * `go env`, and no login shell runs for "auto". `terminalCwd` is where the terminal would start;
 * the default, the server's working directory, is the first workspace folder (the language client
 * starts the server there), as it is for a new VS Code terminal. */
export async function loadEnvironments(settings: Settings, processEnv: NodeJS.ProcessEnv, trusted: boolean, terminalCwd: string = process.cwd()): Promise<Environments> {
  const warnings: string[] = [];
  const base: Record<string, string> = {};
  for (const [k, v] of Object.entries(processEnv)) if (v !== undefined) base[k] = v;
  const t = settings.terminalEnv.trim();
  // The terminal inherits the editor's process environment, not goModuleDoctor.toolsEnv. Its shell
  // starts while the editor's go env runs.
  const capturing = t === 'auto' && trusted ? captureTerminalEnv({ cwd: terminalCwd, baseEnv: base }) : undefined;
  const editorEnv = await loadGoEnv({ ...base, ...settings.toolsEnv }, { ...goEnvOptions(settings, trusted), searchInstallDirs: true });
  let terminalEnv: GoEnv | undefined;
  if (t === 'auto') {
    const captured = await capturing;
    if (!captured) {
      warnings.push('goModuleDoctor.terminalEnv is "auto", but this workspace is not trusted, so the login shell (and its profiles) is not run: the terminal\'s environment is not compared, as with "off". Trust the workspace, or name a KEY=VALUE file.');
    } else if (captured.ok) {
      terminalEnv = await loadGoEnv(captured.env, terminalGoEnvOptions(trusted));
    } else {
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
  if (terminalEnv && !terminalEnv.goBinary) {
    warnings.push(`The terminal's PATH (${terminalEnv.processEnv.PATH ?? 'unset'}) has no go binary, so go cannot run there at all; imports are not compared one by one. Add Go's bin directory to PATH in your shell profile.`);
  }
  return { editorEnv, terminalEnv, warnings };
}

function goEnvOptions(settings: Settings, trusted: boolean): Parameters<typeof loadGoEnv>[1] {
  return { goBinary: settings.goPath || undefined, runGo: trusted };
}

/** The terminal runs the first go on its own PATH: goModuleDoctor.goPath is the editor's (as in
 * the CLI's --terminal-env). */
function terminalGoEnvOptions(trusted: boolean): Parameters<typeof loadGoEnv>[1] {
  return { runGo: trusted };
}
