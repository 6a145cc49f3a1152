// code-server (a real VS Code 1.139 with the Node extension host) on a free loopback port.
import { execFileSync } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';
import { spawnGroup } from './process-group.mjs';

function freeLoopbackPort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** `code-server --install-extension`: unpacks the vsix into the run's extensions dir (< 1 s). */
export function installExtension(tools, dirs, env, vsix) {
  execFileSync(tools.node, [tools.codeServer, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, '--install-extension', vsix], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Starts code-server and resolves once /healthz answers; `extraArgs` e.g. the smoke-test driver. */
export async function startCodeServer(tools, dirs, env, extraArgs = []) {
  const port = await freeLoopbackPort();
  const argv = [
    tools.node, tools.codeServer,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir', dirs.userData,
    '--extensions-dir', dirs.extensions,
    ...extraArgs,
  ];
  const group = spawnGroup(argv, { env, cwd: dirs.root, logFile: path.join(dirs.logs, 'code-server.log') });
  const origin = `http://127.0.0.1:${port}`;
  let exited = false;
  group.exited.then(() => (exited = true));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) throw new Error(`code-server exited before answering; see ${dirs.logs}/code-server.log`);
    try {
      const res = await fetch(`${origin}/healthz`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`code-server did not answer /healthz within 30 s`);
    await new Promise((r) => setTimeout(r, 100)); // poll interval of the /healthz probe, not a wait for state
  }
  return { origin, port, group };
}
