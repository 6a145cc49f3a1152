// The editor's figures for `npm run bench`: the language server (`node dist/server.js --stdio`)
// driven as VS Code's client drives it, over the workspace bench.mjs generated. Measures
//   (a) server start + initialize → the first complete diagnostics (the `ready` status after the first analysis),
//   (b) a go.mod saved to disk + workspace/didChangeWatchedFiles → the `ready` status that reflects
//       it, over 50 edits (or what fits in BENCH_EDIT_BUDGET_S) alternating between breaking the module's imports and fixing them,
//       once per kind of terminal compared (TERMINALS),
//   (c) `go list -e -deps -json ./...` in that one module, side by side.
// Prints figures; asserts nothing. Run alone (own workspace) with `node scripts/bench-editor.mjs`.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { MODULES, generate, hermeticEnv, median, modulePath, quantile, timeRun } from './bench-workspace.mjs';

const EDITS = Number(process.env.BENCH_EDITS ?? 50);
// Edits stop early when this is spent (an analysis of the full workspace takes seconds), so the
// whole bench stays within minutes; the report says how many edits ran.
const EDIT_BUDGET_MS = Number(process.env.BENCH_EDIT_BUDGET_S ?? 120) * 1000;
const GO_LIST_RUNS = Number(process.env.BENCH_GO_LIST_RUNS ?? 5);
const TARGET_P95_MS = 50;
const WAIT_LIMIT_MS = 120_000;
const require = createRequire(import.meta.url);
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');

const uri = (p) => pathToFileURL(p).toString();
const now = () => Number(process.hrtime.bigint()) / 1e6;

/** What client/src/client.ts sends (normalizeSettings of the goModuleDoctor settings): the
 * defaults, except that the terminal's environment is named in a file rather than asked of the
 * login shell ("auto"), whose profiles differ per machine (a /etc/profile that resets PATH drops
 * go, and every import then differs between editor and terminal). The terminal is compared all
 * the same: here it agrees with the editor on every import. */
function settingsFor(terminalVars, dir) {
  const terminalEnv = path.join(dir, 'bench-terminal.env');
  fs.writeFileSync(terminalEnv, Object.entries(terminalVars).map(([k, v]) => `${k}=${v}`).join('\n') + '\n');
  return { goPath: '', toolsEnv: {}, terminalEnv, trace: { server: 'off' }, showWhenGoplsReports: true };
}

/** The terminals the edits are timed with. VS Code's integrated terminal (and a PATH of its own,
 * while go has no toolchain to switch to) only adds what module loading never reads, so it sees
 * the editor's views. A shell profile that sets a go variable the editor lacks (GOPRIVATE, which
 * changes no verdict here) gives the terminal views of its own, loaded and resolved again after
 * every edit. */
const TERMINALS = [
  { name: "VS Code's integrated terminal (TERM_PROGRAM, SHLVL and a PATH of its own)", vars: (env) => ({ ...env, TERM_PROGRAM: 'vscode', SHLVL: '1', PATH: `/opt/bench-terminal/bin:${env.PATH}` }) },
  { name: 'a terminal whose profile sets GOPRIVATE (views of its own)', vars: (env) => ({ ...env, GOPRIVATE: 'example.org/private' }) },
];

// The capabilities vscode-languageclient declares that the server looks at.
const CAPABILITIES = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
    workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] },
  },
  window: { workDoneProgress: true, showMessage: {} },
  textDocument: { publishDiagnostics: { relatedInformation: true, versionSupport: false } },
};

/** The server process and its connection; `next(check)` resolves at the first status after now
 * that satisfies check. */
function startServer(repo, env, folder, settings) {
  // BENCH_SERVER_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) profiles the server
  // (node refuses --cpu-prof in NODE_OPTIONS).
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, path.join(repo, 'dist/server.js'), '--stdio'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (b) => (stderr += b));
  const conn = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const logs = [];
  let waiter;
  conn.onNotification('goModuleDoctor/status', (p) => {
    if (waiter?.check(p)) waiter.resolve({ at: now(), status: p });
  });
  conn.onNotification('textDocument/publishDiagnostics', () => undefined);
  conn.onNotification('window/logMessage', (p) => logs.push(p.message));
  conn.onNotification('$/progress', () => undefined);
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => settings));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.listen();
  const next = (what, check) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}\n${logs.slice(-20).join('\n')}\n${stderr.slice(-2000)}`)), WAIT_LIMIT_MS);
      waiter = {
        check,
        resolve: (r) => {
          clearTimeout(timer);
          waiter = undefined;
          resolve(r);
        },
      };
    });
  const initialize = () =>
    conn.sendRequest('initialize', {
      processId: process.pid,
      clientInfo: { name: 'bench-editor' },
      rootUri: uri(folder),
      workspaceFolders: [{ uri: uri(folder), name: path.basename(folder) }],
      initializationOptions: { trusted: true, settings },
      capabilities: CAPABILITIES,
    });
  const stop = async () => {
    const exited = new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
    await conn.sendRequest('shutdown');
    await conn.sendNotification('exit');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000).unref())]);
    if (child.exitCode === null) child.kill();
    conn.dispose();
  };
  return { child, conn, logs, next, initialize, stop };
}

/** Peak resident set of a live process, in MB (VmHWM). */
function peakRssMb(pid) {
  const kb = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return kb ? Number(kb) / 1024 : NaN;
}

const ms = (x) => `${x.toFixed(0).padStart(7)} ms`;

export async function benchEditor({ repo, ws, env }) {
  // The edited module sits in the middle of the chain: its own packages and the next module import it.
  const m = Math.floor(MODULES / 2);
  const goMod = path.join(ws, `svc${m}`, 'go.mod');
  // The workspace was just written: flush it, so that the kernel's write-back does not run during
  // the timed edits of the first session.
  spawnSync('sync');
  const sessions = [];
  for (const terminal of TERMINALS) sessions.push({ terminal, ...(await editSession({ repo, ws, env, goMod, m, terminalVars: terminal.vars(env) })) });

  const goList = [];
  for (let i = 0; i < GO_LIST_RUNS; i++) {
    const g = timeRun('go', ['list', '-e', '-deps', '-json', './...'], { env, cwd: path.dirname(goMod) });
    if (g.r.status !== 0) throw new Error(`go list failed: ${g.r.stderr.slice(0, 2000)}`);
    goList.push(g.ms);
  }

  console.log(`editor (language server over stdio, as VS Code's client drives it; edited: svc${m}/go.mod):`);
  for (const { terminal, openToDiagnostics, counts, peakRss, edits, analyses } of sessions) {
    const p50 = quantile(edits, 0.5);
    const p95 = quantile(edits, 0.95);
    console.log(`  terminal compared: ${terminal.name}`);
    console.log(`    start + initialize → first diagnostics ${ms(openToDiagnostics)}   (${counts.fixed} diagnostics)   peak RSS ${peakRss.toFixed(0)} MB`);
    const cut = edits.length < EDITS ? ` of ${EDITS}: stopped at the ${EDIT_BUDGET_MS / 1000} s budget` : '';
    console.log(`    go.mod saved → updated diagnostics, ${edits.length} edits${cut} (${counts.fixed} ↔ ${counts.broken} diagnostics):`);
    console.log(`      p50 ${ms(p50).trim()}   p95 ${ms(p95).trim()}   max ${ms(Math.max(...edits)).trim()}   (target p95 <= ${TARGET_P95_MS} ms: ${p95 <= TARGET_P95_MS ? 'met' : 'missed'})`);
    console.log(`      of which analysis (server log, median) ${ms(median(analyses.slice(1))).trim()}; first analysis ${ms(analyses[0] ?? NaN).trim()}`);
    console.log(`      all edits: ${edits.map((x) => x.toFixed(0)).join(', ')} ms`);
    console.log(`      the server's analyses: ${analyses.slice(1).join(', ')} ms`);
  }
  console.log(`  go list -e -deps -json ./... in svc${m}, p50 of ${GO_LIST_RUNS}   ${ms(median(goList))}   (runs: ${goList.map((x) => x.toFixed(0)).join(', ')} ms)`);
}

/** One server session: start it, then time `EDITS` saves of goMod that alternately break and mend
 * the module's imports. */
async function editSession({ repo, ws, env, goMod, m, terminalVars }) {
  const folderUri = uri(ws);
  const fixed = fs.readFileSync(goMod, 'utf8');
  // Renaming the module leaves every import of example.com/bench/svcN/... unprovided.
  const broken = fixed.replace(`module ${modulePath(m)}\n`, `module ${modulePath(m)}-renamed\n`);
  if (broken === fixed) throw new Error(`unexpected go.mod in ${goMod}`);

  // Opening the workspace starts the server: the first figure counts its start-up too.
  const t0 = now();
  const server = startServer(repo, env, ws, settingsFor(terminalVars, path.dirname(ws)));
  const ready = (what, check = () => true) => server.next(what, (p) => p.folderUri === folderUri && p.state === 'ready' && check(p));
  try {
    const firstReady = ready('the first analysis');
    await server.initialize();
    await server.conn.sendNotification('initialized', {});
    const first = await firstReady;
    const openToDiagnostics = first.at - t0;
    const counts = { fixed: first.status.diagnostics, broken: undefined };

    const edits = [];
    const editsStarted = now();
    for (let i = 0; i < EDITS && (i < 2 || now() - editsStarted < EDIT_BUDGET_MS); i++) {
      const breaking = i % 2 === 0;
      fs.writeFileSync(goMod, breaking ? broken : fixed);
      // The update is the first ready status whose count is the edited state's (the broken count
      // is learnt from the first break: any count other than the fixed one).
      const expected = breaking ? counts.broken : counts.fixed;
      const updated = ready(`diagnostics after edit ${i + 1}`, (p) => (expected === undefined ? p.diagnostics !== counts.fixed : p.diagnostics === expected));
      const sent = now();
      await server.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(goMod), type: 2 }] });
      const r = await updated;
      if (breaking) counts.broken ??= r.status.diagnostics;
      edits.push(r.at - sent);
    }
    const peakRss = peakRssMb(server.child.pid);
    const analyses = server.logs.filter((l) => l.startsWith('analysed ')).map((l) => Number(/ in (\d+) ms/.exec(l)?.[1]));
    await server.stop();
    return { openToDiagnostics, counts, peakRss, edits, analyses };
  } catch (e) {
    server.child.kill();
    throw e;
  } finally {
    fs.writeFileSync(goMod, fixed);
  }
}

// Alone: a workspace of its own (BENCH_MODULES/BENCH_FILES scale it), removed afterwards.
if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'gmd-bench-editor-')));
  try {
    const ws = path.join(root, 'ws');
    const gen = generate(ws);
    console.log(`workspace: ${MODULES} modules in a go.work, ${gen.files} .go files, ${gen.broken} broken imports (${ws})`);
    await benchEditor({ repo, ws, env: hermeticEnv(root) });
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
