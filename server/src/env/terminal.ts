// The terminal's view of the environment: what `env` prints in a new VS Code integrated terminal.
// We start the user's shell the way a terminal does (login + interactive, so the same profiles
// run) and have it print its environment between random markers, so whatever the profiles print
// before or after cannot be mistaken for it.
//
// Safety: no `shell: true`; the workspace path is only the child's cwd, never part of the command
// (the command holds nothing but our own random marker); stdin is /dev/null, so a profile that
// asks for input reads end-of-file instead of waiting; the shell runs in its own process group,
// which is killed at the time limit and after the environment is read (a terminal being closed
// would hang up on whatever the profiles started, too).

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import * as path from 'node:path';
import { findOnPath } from './path';
import { sortedEntries } from './vars';

export interface CaptureTerminalEnvOptions {
  /** The shell (absolute, or a name looked up on PATH); default $SHELL, else /bin/sh. */
  shell?: string;
  /** The terminal profile's args (terminal.integrated.profiles.*.args); default: the login flag
   * for the shell. An interactive flag is added where the shell has one: a terminal's shell is
   * interactive because it has a tty, which ours does not. */
  args?: string[];
  /** Where the terminal starts: the module's or workspace folder's directory. */
  cwd: string;
  /** terminal.integrated.env.linux and the profile's env: set over baseEnv before the profiles
   * run; null unsets the variable, as in VS Code. */
  extraEnv?: Record<string, string | null>;
  /** The environment the terminal inherits (the editor's process environment). */
  baseEnv: Record<string, string>;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export type TerminalEnvResult = { ok: true; env: Record<string, string>; shell: string } | { ok: false; message: string; timedOut?: true };

export const DEFAULT_TERMINAL_ENV_TIMEOUT_MS = 10_000;

const captures = new Map<string, Promise<TerminalEnvResult>>();

/** Forgets every captured terminal environment (the user changed a profile). */
export function clearTerminalEnvCache(): void {
  captures.clear();
}

/** The environment a new terminal would have in opts.cwd. Never rejects. Cached per (shell, args,
 * cwd, extraEnv), failures included (a hanging profile should cost its time limit once, not on
 * every analysis); a cancelled capture is not cached. */
export function captureTerminalEnv(opts: CaptureTerminalEnvOptions): Promise<TerminalEnvResult> {
  const shell = resolveShell(opts.shell ?? opts.baseEnv.SHELL ?? '/bin/sh', opts.baseEnv.PATH);
  const args = opts.args ?? null;
  const extra = sortedEntries(opts.extraEnv ?? {});
  const key = JSON.stringify([shell, args, opts.cwd, extra]);
  let p = captures.get(key);
  if (!p) {
    const run = runShell(shell, opts);
    captures.set(key, run);
    void run.then((r) => {
      if ('cancelled' in r && captures.get(key) === run) captures.delete(key);
    });
    p = run;
  }
  return p;
}

function resolveShell(shell: string, pathList: string | undefined): string {
  if (shell.includes('/')) return shell;
  return findOnPath(shell, pathList) ?? shell;
}

/** How the shell is told to be a login and interactive shell, and how it is given the command. */
export function shellArgv(shell: string, profileArgs: string[] | undefined, command: string): string[] {
  const name = path.basename(shell).replace(/\.exe$/, '');
  // csh and tcsh take -l only as their sole flag, so they cannot be both login and -c; VS Code
  // resolves their environment with -ic too.
  const args = name === 'csh' || name === 'tcsh' ? (profileArgs ?? []).filter((a) => a !== '-l') : (profileArgs ?? ['-l']);
  return [...args, ...withInteractive(args), '-c', command];
}

function withInteractive(args: string[]): string[] {
  return args.includes('-i') || args.includes('--interactive') ? [] : ['-i'];
}

/** The command the shell runs: the prompt hooks, then the environment, NUL-separated (multi-line
 * values survive), between markers. `command` skips an alias or function named env; csh has no
 * `command`. */
export function printEnvCommand(shell: string, begin: string, end: string): string {
  const name = path.basename(shell).replace(/\.exe$/, '');
  const csh = /^t?csh$/.test(name);
  return `${promptHooks(name)}printf '%s' ${begin}; ${csh ? '' : 'command '}env -0; printf '%s' ${end}`;
}

/** What the shell runs before its first prompt, which a terminal shows before the user types
 * `go build`: direnv, mise and the like hook in there (bash PROMPT_COMMAND, a string or an array;
 * zsh precmd; fish's fish_prompt event) to load a directory's environment. */
function promptHooks(name: string): string {
  if (name === 'bash') return 'for __gmd_hook in "${PROMPT_COMMAND[@]}"; do eval "$__gmd_hook"; done; unset __gmd_hook; ';
  if (name === 'zsh') return '(( $+functions[precmd] )) && precmd; for __gmd_hook in $precmd_functions; do $__gmd_hook; done; unset __gmd_hook; ';
  if (name === 'fish') return 'emit fish_prompt; ';
  return '';
}

type Outcome = TerminalEnvResult | { ok: false; message: string; cancelled: true };

function runShell(shell: string, opts: CaptureTerminalEnvOptions): Promise<Outcome> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TERMINAL_ENV_TIMEOUT_MS;
  const mark = randomBytes(16).toString('hex');
  const begin = `GMD_ENV_BEGIN_${mark}`;
  const end = `GMD_ENV_END_${mark}`;
  const argv = shellArgv(shell, opts.args, printEnvCommand(shell, begin, end));
  // PWD as a terminal started there has it: a shell keeps a logical PWD (through symlinks) only
  // when the inherited one names its cwd.
  const env: Record<string, string> = { ...opts.baseEnv };
  for (const [k, v] of Object.entries(opts.extraEnv ?? {})) {
    if (v === null) delete env[k];
    else env[k] = v;
  }
  env.PWD = opts.cwd;

  return new Promise((resolve) => {
    if (opts.signal?.aborted) return resolve({ ok: false, message: 'cancelled', cancelled: true });
    let child;
    try {
      child = spawn(shell, argv, { cwd: opts.cwd, env, shell: false, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    } catch (e) {
      return resolve({ ok: false, message: `the login shell ${shell} could not be started: ${(e as Error).message}` });
    }
    // Decoded as it comes (a character may be split between chunks), searched for the end marker
    // only where it can newly appear, and parsed once.
    const decoder = new StringDecoder('utf8');
    let stdout = '';
    let stderr = '';
    let settled = false;
    const killGroup = () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* the group is gone already */
      }
    };
    const finish = (r: Outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      killGroup();
      resolve(r);
    };
    const timer = setTimeout(() => {
      const tail = lastLines(stderr);
      finish({
        ok: false,
        timedOut: true,
        message:
          `the login shell ${shell} did not print its environment within ${seconds(timeoutMs)}; a profile may be waiting for input or running a long command ` +
          `(its process group was killed)${tail ? `. Its last error output:\n${tail}` : ''}`,
      });
    }, timeoutMs);
    const onAbort = () => finish({ ok: false, message: 'cancelled', cancelled: true });
    opts.signal?.addEventListener('abort', onAbort, { once: true });

    child.stdout!.on('data', (b: Buffer) => {
      const searchFrom = Math.max(0, stdout.length - end.length);
      stdout += decoder.write(b);
      if (stdout.indexOf(end, searchFrom) < 0) return;
      const env = parseBetweenMarkers(stdout, begin, end);
      if (env) finish({ ok: true, env, shell });
    });
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (s: string) => {
      // Only the tail is ever reported.
      stderr = (stderr + s).slice(-4000);
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      finish({ ok: false, message: `the login shell ${shell} could not be started: ${e.code === 'ENOENT' ? 'not found' : e.message}` });
    });
    child.on('close', (code, signal) => {
      const tail = lastLines(stderr);
      finish({
        ok: false,
        message: `the login shell ${shell} exited (${signal ? `signal ${signal}` : `code ${code}`}) without printing its environment${tail ? `:\n${tail}` : ''}`,
      });
    });
  });
}

/** The NUL-separated KEY=VALUE entries between the markers, or undefined until both arrived. */
export function parseBetweenMarkers(out: string, begin: string, end: string): Record<string, string> | undefined {
  const from = out.indexOf(begin);
  if (from < 0) return undefined;
  const to = out.indexOf(end, from + begin.length);
  if (to < 0) return undefined;
  const env: Record<string, string> = {};
  for (const entry of out.slice(from + begin.length, to).split('\0')) {
    const eq = entry.indexOf('=');
    if (eq > 0) env[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  return env;
}

/** What an interactive shell without a terminal always says: not the profile's words. */
const NO_TTY_WARNING = /cannot set terminal process group|no job control in this shell/;

function lastLines(s: string, n = 5): string {
  return s
    .split('\n')
    .filter((l) => l.trim() !== '' && !NO_TTY_WARNING.test(l))
    .slice(-n)
    .join('\n');
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
