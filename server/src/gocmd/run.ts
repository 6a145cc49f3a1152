// The one way the project runs a go command: no shell, a complete explicit environment,
// GOTOOLCHAIN=local unless the user opted in, a time limit, and cancellation (interrupt, then kill).

import { spawn } from 'node:child_process';
import type { GoRunOptions, GoRunResult } from './types';

export const DEFAULT_GO_TIMEOUT_MS = 60_000;
/** How long a go process may take to exit after SIGINT before it is killed. */
const KILL_GRACE_MS = 2_000;

/** The environment a go command actually runs with: GOTOOLCHAIN pinned to local unless allowed. */
export function goCommandEnv(env: Readonly<Record<string, string>>, allowToolchainSwitch = false): Record<string, string> {
  const out: Record<string, string> = { ...env };
  if (!allowToolchainSwitch) out.GOTOOLCHAIN = 'local';
  return out;
}

/** Runs `go <args>`. Never rejects: failures are reported in the result. */
export function runGo(args: readonly string[], opts: GoRunOptions): Promise<GoRunResult> {
  const goBinary = opts.goBinary ?? 'go';
  const argv = [goBinary, ...args];
  const env = goCommandEnv(opts.env, opts.allowToolchainSwitch);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_GO_TIMEOUT_MS;

  return new Promise((resolve) => {
    const result: GoRunResult = { argv, exitCode: null, stdout: '', stderr: '', timedOut: false, cancelled: false };
    if (opts.signal?.aborted) {
      result.cancelled = true;
      resolve(result);
      return;
    }
    let child;
    try {
      // Its own process group, so a time limit or cancellation also stops what go started
      // (compilers, VCS tools) — they would otherwise hold the output pipes open.
      child = spawn(goBinary, args as string[], { cwd: opts.cwd, env, shell: false, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' });
    } catch (e) {
      result.spawnError = (e as Error).message;
      resolve(result);
      return;
    }
    let killTimer: NodeJS.Timeout | undefined;
    const signalGroup = (sig: NodeJS.Signals) => {
      try {
        if (process.platform !== 'win32' && child.pid) process.kill(-child.pid, sig);
        else child.kill(sig);
      } catch {
        /* already gone */
      }
    };
    const stop = () => {
      signalGroup('SIGINT');
      killTimer = setTimeout(() => signalGroup('SIGKILL'), KILL_GRACE_MS);
    };
    const timer = setTimeout(() => {
      result.timedOut = true;
      stop();
    }, timeoutMs);
    const onAbort = () => {
      result.cancelled = true;
      stop();
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });

    child.stdout!.setEncoding('utf8');
    child.stderr!.setEncoding('utf8');
    child.stdout!.on('data', (s: string) => {
      result.stdout += s;
      opts.onOutput?.(s, 'stdout');
    });
    child.stderr!.on('data', (s: string) => {
      result.stderr += s;
      opts.onOutput?.(s, 'stderr');
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      result.spawnError = e.code === 'ENOENT' ? `go binary not found: ${goBinary}` : e.message;
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (killTimer) clearTimeout(killTimer);
      opts.signal?.removeEventListener('abort', onAbort);
      result.exitCode = code;
      resolve(result);
    });
  });
}

/** A one-line description of a failed run, for messages. */
/** Why a go command failed, in one line for a notification: go's own last "go: …" line (which
 * names the module and what went wrong), else its first line of stderr. */
export function goFailureReason(r: GoRunResult): string {
  if (r.spawnError) return `go could not be started (${r.spawnError})`;
  if (r.timedOut) return 'it ran past its time limit and was stopped';
  if (r.cancelled) return 'cancelled';
  // go continues a message on indented lines ("go: a imports\n\tb: …"): one entry each.
  const entries: string[] = [];
  for (const l of r.stderr.split('\n')) {
    if (!l.trim()) continue;
    if (/^\s/.test(l) && entries.length) entries[entries.length - 1] += ` ${l.trim()}`;
    else entries.push(l.trim());
  }
  const goLine = [...entries].reverse().find((l) => l.startsWith('go: '));
  const line = (goLine ?? entries[0])?.replace(/^go: /, '');
  return line ? (line.length > 200 ? `${line.slice(0, 199)}…` : line) : `exit status ${r.exitCode}, and go printed nothing`;
}

export function describeGoFailure(r: GoRunResult): string {
  const cmd = r.argv.join(' ');
  if (r.spawnError) return `${cmd}: ${r.spawnError}`;
  if (r.timedOut) return `${cmd}: killed after its time limit`;
  if (r.cancelled) return `${cmd}: cancelled`;
  const err = r.stderr.trim().split('\n').slice(0, 20).join('\n');
  return `${cmd}: exit ${r.exitCode}${err ? `\n${err}` : ''}`;
}
