// The environments an analysis runs in, from the settings: the editor's is the server's process
// environment plus goModuleDoctor.toolsEnv (like go.toolsEnvVars) with goModuleDoctor.goPath as the
// go binary; the terminal's comes from goModuleDoctor.terminalEnv when it names a KEY=VALUE file.

import * as fs from 'node:fs';
import { loadGoEnv } from '../env/goenv';
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
 * `go env`. */
export async function loadEnvironments(settings: Settings, processEnv: NodeJS.ProcessEnv, trusted: boolean): Promise<Environments> {
  const warnings: string[] = [];
  const base: Record<string, string> = {};
  for (const [k, v] of Object.entries(processEnv)) if (v !== undefined) base[k] = v;
  const editorEnv = await loadGoEnv({ ...base, ...settings.toolsEnv }, { ...goEnvOptions(settings, trusted), searchInstallDirs: true });
  let terminalEnv: GoEnv | undefined;
  const t = settings.terminalEnv.trim();
  // "auto" (capturing the login shell's environment) is not implemented yet: same as "off".
  if (t !== '' && t !== 'auto' && t !== 'off') {
    try {
      const vars = parseEnvFile(fs.readFileSync(t, 'utf8'));
      if (Object.keys(vars).length === 0) warnings.push(`goModuleDoctor.terminalEnv: ${t} has no KEY=VALUE lines`);
      else terminalEnv = await loadGoEnv(vars, goEnvOptions(settings, trusted));
    } catch (e) {
      warnings.push(`goModuleDoctor.terminalEnv: cannot read ${t}: ${(e as Error).message}`);
    }
  }
  return { editorEnv, terminalEnv, warnings };
}

function goEnvOptions(settings: Settings, trusted: boolean): Parameters<typeof loadGoEnv>[1] {
  return { goBinary: settings.goPath || undefined, runGo: trusted };
}
