// npm run bench: the engine's cold `check` next to the go list runs it must beat, over the same
// generated trees, measured alternately in one run so machine noise hits all of them:
//   - minimal: `go list -e -deps -json=ImportPath,Error` (what deciding every import needs);
//   - gopls:   the go list gopls runs to load a workspace (golang.org/x/tools/go/packages golist.go:
//              its fields and -compiled -test -export=false -deps -find=false -pgo=off);
// over the 200-module / 20,000-file workspace (bench-workspace.mjs) and the go.sum-heavy shape
// (bench-shapes.mjs); then `check` alone on a go.mod of 100k requires and a go.work of 10k use
// lines, half of them missing; then the editor's figures (bench-editor.mjs). Prints medians, peak
// RSS and ratios against the targets; asserts nothing. BENCH_ONLY=workspace,sum,scale,editor
// picks sections.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MODULES, generate, hermeticEnv, median, timeRun } from './bench-workspace.mjs';
import { generateManyRequires, generateManyUses, generateSumHeavy, MANY_REQUIRES, MANY_USES, SUM_DIRECT, SUM_MODULES, SUM_POOL } from './bench-shapes.mjs';
import { benchEditor } from './bench-editor.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const ONLY = new Set((process.env.BENCH_ONLY ?? 'workspace,sum,scale,editor').split(','));
const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const RSS_TARGET_MB = 250;

// gopls' fields, in the order go/packages' jsonFlag adds them for gopls' load mode.
const GOPLS_FIELDS = [
  'Name', 'ImportPath', 'Error', 'Dir', 'GoFiles', 'IgnoredGoFiles', 'IgnoredOtherFiles', 'CFiles', 'CgoFiles', 'CXXFiles', 'MFiles',
  'HFiles', 'FFiles', 'SFiles', 'SwigFiles', 'SwigCXXFiles', 'SysoFiles', 'TestGoFiles', 'XTestGoFiles', 'CompiledGoFiles', 'Export',
  'DepOnly', 'Imports', 'ImportMap', 'TestImports', 'XTestImports', 'ForTest', 'DepsErrors', 'Module', 'EmbedFiles',
];
const GO_LISTS = {
  minimal: ['list', '-e', '-deps', '-json=ImportPath,Error'],
  gopls: ['list', '-e', `-json=${GOPLS_FIELDS.join(',')}`, '-compiled=true', '-test=true', '-export=false', '-deps=true', '-find=false', '-pgo=off'],
};

// GNU time gives every command's peak RSS the same way (go's children included); without it,
// node's own figure for check and none for go.
const GNU_TIME = ['/usr/bin/time', '/bin/time'].find((t) => timeRun(t, ['-f', '%M', 'true'], {}).r.status === 0);

/** Runs cmd to completion: wall ms, peak RSS in MB (NaN when unknown), its result. */
function measure(cmd, args, opts) {
  if (GNU_TIME) {
    const m = timeRun(GNU_TIME, ['-f', 'BENCH_MAXRSS_KB=%M', cmd, ...args], opts);
    return { ms: m.ms, rss: rssOf(m.r.stderr), r: m.r };
  }
  const node = cmd === process.execPath;
  const m = timeRun(cmd, node ? ['-r', path.join(repo, 'scripts/bench-rss.cjs'), ...args] : args, opts);
  return { ms: m.ms, rss: node ? rssOf(m.r.stderr) : NaN, r: m.r };
}

function rssOf(stderr) {
  const all = [...stderr.matchAll(/BENCH_MAXRSS_KB=(\d+)/g)];
  return all.length ? Number(all[all.length - 1][1]) / 1024 : NaN;
}

function check(dir, env) {
  const m = measure(process.execPath, [path.join(repo, 'dist/cli.js'), 'check', '--json', dir], { env });
  if (m.r.status !== 0 && m.r.status !== 1) throw new Error(`check ${dir} failed (${m.r.status}): ${m.r.stderr.slice(0, 2000)}`);
  return { ...m, diagnostics: JSON.parse(m.r.stdout).diagnostics.length };
}

function goList(kind, ws, patterns, env, minPackages) {
  const m = measure('go', [...GO_LISTS[kind], '--', ...patterns], { env, cwd: ws });
  if (m.r.status !== 0) throw new Error(`go list (${kind}) failed: ${m.r.stderr.slice(0, 2000)}`);
  // A listing with fewer packages than expected timed an error, not the workspace.
  const listed = (m.r.stdout.match(/^\t"ImportPath":/gm) ?? []).length;
  if (listed < minPackages) throw new Error(`go list (${kind}) listed ${listed} packages: ${m.r.stdout.slice(0, 1000)}`);
  return { ...m, listed };
}

const fmtMs = (x) => `${x.toFixed(0).padStart(6)} ms`;
const fmtMb = (x) => (Number.isNaN(x) ? '    ? MB' : `${x.toFixed(0).padStart(5)} MB`);

/** check against both go lists, cold (a fresh GOCACHE for go; a fresh process for us), alternating. */
function compareWithGoList(title, ws, patterns, env, minPackages) {
  const runs = { check: [], minimal: [], gopls: [] };
  let diagnostics = 0;
  const listed = {};
  for (let i = 0; i < ROUNDS; i++) {
    fs.rmSync(env.GOCACHE, { recursive: true, force: true });
    const c = check(ws, env);
    diagnostics = c.diagnostics;
    runs.check.push(c);
    for (const kind of ['minimal', 'gopls']) {
      fs.rmSync(env.GOCACHE, { recursive: true, force: true });
      const g = goList(kind, ws, patterns, env, minPackages);
      listed[kind] = g.listed;
      runs[kind].push(g);
    }
  }
  const med = Object.fromEntries(Object.entries(runs).map(([k, rs]) => [k, { ms: median(rs.map((r) => r.ms)), rss: median(rs.map((r) => r.rss)), all: rs.map((r) => r.ms.toFixed(0)).join(', ') }]));
  console.log(`\n${title}`);
  console.log(`  rounds: ${ROUNDS} (alternating, cold), medians:`);
  console.log(`  go-module-doctor check --json        ${fmtMs(med.check.ms)}   peak RSS ${fmtMb(med.check.rss)}   ${diagnostics} diagnostics`);
  console.log(`  go list minimal (${listed.minimal} packages)    ${fmtMs(med.minimal.ms)}   peak RSS ${fmtMb(med.minimal.rss)}   ${GO_LISTS.minimal.slice(1).join(' ')}`);
  console.log(`  go list as gopls runs it (${listed.gopls})    ${fmtMs(med.gopls.ms)}   peak RSS ${fmtMb(med.gopls.rss)}   -json=<${GOPLS_FIELDS.length} fields> ${GO_LISTS.gopls.slice(3).join(' ')}`);
  const r1 = med.check.ms / med.minimal.ms;
  const r2 = med.check.ms / med.gopls.ms;
  console.log(`  ratio check / minimal go list        ${r1.toFixed(2)}   (target <= 1.0: ${r1 <= 1 ? 'met' : 'NOT met'})`);
  console.log(`  ratio check / gopls' go list         ${r2.toFixed(2)}   (target <= 0.5: ${r2 <= 0.5 ? 'met' : 'NOT met'})`);
  console.log(`  check peak RSS                       ${fmtMb(med.check.rss)}   (target <= ${RSS_TARGET_MB} MB: ${med.check.rss <= RSS_TARGET_MB ? 'met' : Number.isNaN(med.check.rss) ? 'unknown' : 'NOT met'})`);
  console.log(`  all runs (ms): check ${med.check.all}; minimal ${med.minimal.all}; gopls ${med.gopls.all}`);
}

/** check alone on a tree built to be large: under 3 s and the RSS target. */
function checkAlone(title, dir, env) {
  const runs = [];
  let diagnostics = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const c = check(dir, env);
    diagnostics = c.diagnostics;
    runs.push(c);
  }
  const ms = median(runs.map((r) => r.ms));
  const rss = median(runs.map((r) => r.rss));
  console.log(`\n${title}`);
  console.log(`  go-module-doctor check --json (median of ${ROUNDS}) ${fmtMs(ms)} (target < 3000 ms: ${ms < 3000 ? 'met' : 'NOT met'})   peak RSS ${fmtMb(rss)} (target <= ${RSS_TARGET_MB} MB: ${rss <= RSS_TARGET_MB ? 'met' : 'NOT met'})   ${diagnostics} diagnostics`);
  console.log(`  all runs (ms): ${runs.map((r) => r.ms.toFixed(0)).join(', ')}`);
}

const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'gmd-bench-')));
try {
  const env = hermeticEnv(root);
  if (!GNU_TIME) console.log('(no GNU time: peak RSS of go list unknown, of check from node itself)');
  if (ONLY.has('workspace') || ONLY.has('editor')) {
    const ws = path.join(root, 'ws');
    const gen = generate(ws);
    if (ONLY.has('workspace')) {
      compareWithGoList(`workspace: ${MODULES} modules in a go.work, ${gen.files} .go files, ${gen.broken} broken imports`, ws, gen.moduleDirs.map((d) => `${d}/...`), env, MODULES);
    }
    if (ONLY.has('editor')) await benchEditor({ repo, ws, env });
  }
  if (ONLY.has('sum')) {
    const ws = path.join(root, 'sum-heavy');
    const gen = generateSumHeavy(ws, env.GOMODCACHE);
    compareWithGoList(
      `go.sum-heavy: ${SUM_MODULES} modules in a go.work, each requiring ${SUM_DIRECT} of ${SUM_POOL} cached modules, a ${gen.sumLines}-line go.sum each`,
      ws, gen.moduleDirs.map((d) => `${d}/...`), env, SUM_MODULES * 10,
    );
  }
  if (ONLY.has('scale')) {
    const many = path.join(root, 'many-requires');
    generateManyRequires(many);
    checkAlone(`scale: a go.mod of ${MANY_REQUIRES} requires, none cached`, many, env);
    const uses = path.join(root, 'many-uses');
    generateManyUses(uses);
    checkAlone(`scale: a go.work of ${MANY_USES} use lines, half without go.mod`, uses, env);
  }
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
