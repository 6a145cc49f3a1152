// Command-line parsing for go-module-doctor: small and strict, so bad usage exits 2 with a message.

import { isCode } from '../codes';
import type { Code } from '../codes';

export interface CheckArgs {
  command: 'check';
  json: boolean;
  terminalEnvFile?: string;
  dir: string;
}

export interface FixArgs {
  command: 'fix';
  yes: boolean;
  code?: Code;
  terminalEnvFile?: string;
  dir: string;
}

export interface EnvDiffArgs {
  command: 'env-diff';
  json: boolean;
  terminalEnvFile?: string;
  dir: string;
}

export type CliArgs = CheckArgs | FixArgs | EnvDiffArgs | { command: 'help' };

export class UsageError extends Error {}

export const USAGE = `usage:
  go-module-doctor check [--json] [--terminal-env FILE] [DIR]
  go-module-doctor fix [--yes] [--code CODE] [--terminal-env FILE] [DIR]
  go-module-doctor env-diff [--json] [--terminal-env FILE] [DIR]

check     explains every import of the Go modules under DIR (default .) that the go command
          would not resolve, as an editor opened at DIR sees them; exit 0 when there are no
          errors, 1 when there are, 2 on bad usage or input.
fix       applies the first fix of each diagnostic (destructive ones only with --yes), then
          checks again; exit 0 only when the fixed diagnostics are gone.
env-diff  compares the editor's (this process's) Go environment with the terminal's.
--terminal-env FILE  KEY=VALUE lines: the complete environment of the user's terminal.`;

export function parseArgs(argv: readonly string[]): CliArgs {
  const [command, ...rest] = argv;
  if (!command || command === '-h' || command === '--help' || command === 'help') return { command: 'help' };
  if (command !== 'check' && command !== 'fix' && command !== 'env-diff') throw new UsageError(`unknown command "${command}"`);
  let json = false;
  let yes = false;
  let code: Code | undefined;
  let terminalEnvFile: string | undefined;
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    const takeValue = (name: string) => {
      const eq = a.indexOf('=');
      if (eq >= 0) return a.slice(eq + 1);
      const v = rest[++i];
      if (v === undefined) throw new UsageError(`${name} needs a value`);
      return v;
    };
    if (a === '--') {
      positional.push(...rest.slice(i + 1));
      break;
    } else if (a === '--json' && command !== 'fix') json = true;
    else if (a === '--yes' && command === 'fix') yes = true;
    else if ((a === '--code' || a.startsWith('--code=')) && command === 'fix') {
      const v = takeValue('--code');
      if (!isCode(v)) throw new UsageError(`unknown code "${v}"`);
      code = v;
    } else if (a === '--terminal-env' || a.startsWith('--terminal-env=')) terminalEnvFile = takeValue('--terminal-env');
    else if (a.startsWith('-')) throw new UsageError(`unknown flag "${a}" for ${command}`);
    else positional.push(a);
  }
  if (positional.length > 1) throw new UsageError(`${command} takes at most one directory`);
  const dir = positional[0] ?? '.';
  if (command === 'check') return { command, json, terminalEnvFile, dir };
  if (command === 'env-diff') return { command, json, terminalEnvFile, dir };
  return { command, yes, code, terminalEnvFile, dir };
}

/** Reads a KEY=VALUE file (the output of `env`): one variable a line; lines without `=` continue
 * the previous value (a multi-line value), blank lines and `#` comments are skipped. */
export function parseEnvFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  let last: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (m) {
      env[m[1]!] = m[2]!;
      last = m[1]!;
    } else if (line.trim() === '' || line.startsWith('#')) {
      continue;
    } else if (last !== undefined) {
      env[last] += `\n${line}`;
    }
  }
  return env;
}
