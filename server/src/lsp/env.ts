// The environments an analysis of one workspace folder runs in, from the settings (./launch.ts
// composes them): the editor's is what golang.go and gopls run go with there — the server's process
// environment with go.goroot, go.toolsEnvVars, gopls build.env and build.buildFlags, and our own
// goModuleDoctor.toolsEnv and goPath over them; the terminal's comes from
// goModuleDoctor.terminalEnv: "auto" asks the shell a new integrated terminal in the folder starts
// (terminal.integrated.defaultProfile/profiles/env; env/terminal.ts), a path names a KEY=VALUE
// file, "off" compares nothing. Per folder, not per module: a terminal opened in a module's
// directory below the folder could differ (direnv and the like), which is not modelled.

import * as fs from 'node:fs';
import { definedEnv } from '../env/compute';
import { loadGoEnv } from '../env/goenv';
import { captureTerminalEnv } from '../env/terminal';
import type { GoEnv } from '../env/types';
import { parseEnvFile } from '../cli/args';
import { editorLaunch, terminalLaunch, terminalOrigins, terminalPlatform } from './launch';
import { DEFAULT_TOOL_SETTINGS } from './protocol';
import type { Settings, TerminalPlatform, ToolSettings } from './protocol';

export interface Environments {
  editorEnv: GoEnv;
  terminalEnv?: GoEnv;
  /** Problems reading the settings, for the log. */
  warnings: string[];
}

/** `trusted` false: nothing may run the go command, so the environment is computed, not asked of
 * `go env`, and no login shell runs for "auto". `folder` is the workspace folder: where a new
 * terminal starts and what `${workspaceFolder}` names; the default, the server's working
 * directory, is the first workspace folder (the language client starts the server there).
 * `tools`: the folder's golang.go, gopls and terminal settings. */
export async function loadEnvironments(
  settings: Settings,
  processEnv: NodeJS.ProcessEnv,
  trusted: boolean,
  folder: string = process.cwd(),
  tools: ToolSettings = DEFAULT_TOOL_SETTINGS,
  platform: TerminalPlatform = terminalPlatform(),
): Promise<Environments> {
  const base = definedEnv(processEnv);
  const editor = editorLaunch(base, settings, tools.go, folder);
  const warnings = [...editor.warnings];
  const t = settings.terminalEnv.trim();
  // The terminal inherits the editor's process environment, not the Go tools' settings. Its shell
  // starts while the editor's go env runs.
  const terminal = terminalLaunch(base, tools.terminal, folder, platform);
  const capturing = t === 'auto' && trusted ? captureTerminalEnv({ cwd: folder, baseEnv: base, shell: terminal.shell, args: terminal.args, extraEnv: terminal.extraEnv }) : undefined;
  const editorEnv = await loadGoEnv(editor.env, { goBinary: editor.goBinary, runGo: trusted, searchInstallDirs: true, buildFlags: editor.buildFlags, origins: editor.origins });
  let terminalEnv: GoEnv | undefined;
  if (t === 'auto') {
    const captured = await capturing;
    if (!captured) {
      warnings.push('goModuleDoctor.terminalEnv is "auto", but this workspace is not trusted, so the login shell (and its profiles) is not run: the terminal\'s environment is not compared, as with "off". Trust the workspace, or name a KEY=VALUE file.');
    } else if (captured.ok) {
      warnings.push(...terminal.warnings);
      terminalEnv = await loadGoEnv(captured.env, { ...terminalGoEnvOptions(trusted), origins: terminalOrigins(captured.env, terminal) });
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
  if (terminalEnv && !terminalEnv.goBinary) {
    warnings.push(`The terminal's PATH (${terminalEnv.processEnv.PATH ?? 'unset'}) has no go binary, so go cannot run there at all; imports are not compared one by one. Add Go's bin directory to PATH in your shell profile.`);
  }
  return { editorEnv, terminalEnv, warnings };
}

/** The terminal runs the first go on its own PATH: goModuleDoctor.goPath is the editor's (as in
 * the CLI's --terminal-env). */
function terminalGoEnvOptions(trusted: boolean): Parameters<typeof loadGoEnv>[1] {
  return { runGo: trusted };
}
