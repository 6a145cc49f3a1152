// npm run bench: the engine's cold `check` next to `go list -e -deps` over the same generated
// workspace (200 modules in a go.work, 20,000 .go files, some broken imports), measured
// alternately in one run so machine noise hits both; then the editor's figures over the same
// workspace (bench-editor.mjs). Prints figures; asserts nothing.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MODULES, generate, hermeticEnv, median, timeRun } from './bench-workspace.mjs';
import { benchEditor } from './bench-editor.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'gmd-bench-')));
try {
  const ws = path.join(root, 'ws');
  const gen = generate(ws);
  const env = hermeticEnv(root);
  console.log(`workspace: ${MODULES} modules in a go.work, ${gen.files} .go files, ${gen.broken} broken imports (${ws})`);
  const engine = [];
  const golist = [];
  const rss = [];
  let diagnostics = 0;
  for (let i = 0; i < ROUNDS; i++) {
    // Cold for both: a fresh GOCACHE for go (its package index lives there); a fresh process for us.
    fs.rmSync(env.GOCACHE, { recursive: true, force: true });
    const e = timeRun(process.execPath, ['-r', path.join(repo, 'scripts/bench-rss.cjs'), path.join(repo, 'dist/cli.js'), 'check', '--json', ws], { env });
    if (e.r.status !== 0 && e.r.status !== 1) throw new Error(`check failed: ${e.r.stderr}`);
    diagnostics = JSON.parse(e.r.stdout).diagnostics.length;
    rss.push(Number(/BENCH_MAXRSS_KB=(\d+)/.exec(e.r.stderr)?.[1] ?? 0) / 1024);
    engine.push(e.ms);
    fs.rmSync(env.GOCACHE, { recursive: true, force: true });
    // Every workspace module's packages: at a go.work root that is no module, ./... matches nothing
    // (go answers "directory prefix . does not contain modules listed in go.work" in 10-odd ms).
    const g = timeRun('go', ['list', '-e', '-deps', '-json', ...gen.moduleDirs.map((d) => `${d}/...`)], { env, cwd: ws });
    if (g.r.status !== 0) throw new Error(`go list failed: ${g.r.stderr.slice(0, 2000)}`);
    // A listing with fewer packages than modules timed an error, not the workspace.
    const listed = (g.r.stdout.match(/^\t"ImportPath":/gm) ?? []).length;
    if (listed < MODULES) throw new Error(`go list listed ${listed} packages: ${g.r.stdout.slice(0, 1000)}`);
    golist.push(g.ms);
  }
  const em = median(engine);
  const gm = median(golist);
  console.log(`rounds: ${ROUNDS} (alternating), medians:`);
  console.log(`  go-module-doctor check (cold)   ${em.toFixed(0).padStart(7)} ms   peak RSS ${Math.max(...rss).toFixed(0)} MB   ${diagnostics} diagnostics`);
  console.log(`  go list -e -deps -json ./svc*/... ${gm.toFixed(0).padStart(6)} ms`);
  console.log(`  ratio check / go list           ${(em / gm).toFixed(2)}   (target <= 1.0, aim 0.5; peak RSS target < 300 MB)`);
  console.log(`  all runs: check ${engine.map((x) => x.toFixed(0)).join(', ')} ms; go list ${golist.map((x) => x.toFixed(0)).join(', ')} ms`);
  await benchEditor({ repo, ws, env });
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
