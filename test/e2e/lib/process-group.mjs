// Child processes started in their own process group, so that stopping one stops everything it
// started (code-server leaves its extension host and file watcher behind if only its PID dies).
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';

const live = new Set();

/** Spawns `argv` as the leader of a new process group, output appended to `logFile`. */
export function spawnGroup(argv, { env, cwd, logFile }) {
  const out = fs.openSync(logFile, 'a');
  const child = spawn(argv[0], argv.slice(1), { env, cwd, detached: true, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const group = { pid: child.pid, exited, stop: () => stopGroup(group) };
  live.add(group);
  return group;
}

/** SIGTERM to the whole group, SIGKILL if it has not gone within 5 s. */
async function stopGroup(group) {
  if (!live.delete(group)) return;
  const signalGroup = (sig) => {
    try {
      process.kill(-group.pid, sig);
    } catch {
      /* already gone */
    }
  };
  signalGroup('SIGTERM');
  const timer = setTimeout(() => signalGroup('SIGKILL'), 5000);
  await group.exited;
  clearTimeout(timer);
  signalGroup('SIGKILL'); // children that ignored SIGTERM after the leader left
}

/** Stops every group still running; the launcher calls it on the way out, whatever happened. */
export async function stopAllGroups() {
  await Promise.all([...live].map((g) => stopGroup(g)));
}

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, () => {
    for (const g of live) {
      try {
        process.kill(-g.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    process.exit(130);
  });
}
