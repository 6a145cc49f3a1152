// npm run bench: the engine's cold `check` next to `go list -e -deps` over the same generated
// workspace (200 modules in a go.work, 20,000 .go files, some broken imports), measured
// alternately in one run so machine noise hits both. Prints figures; asserts nothing.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';

const MODULES = Number(process.env.BENCH_MODULES ?? 200);
const FILES = Number(process.env.BENCH_FILES ?? 20000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PACKAGES_PER_MODULE = 10;
const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

function generate(root) {
  const filesPerPackage = Math.max(1, Math.round(FILES / (MODULES * PACKAGES_PER_MODULE)));
  const uses = [];
  let broken = 0;
  for (let m = 0; m < MODULES; m++) {
    const dir = path.join(root, `svc${m}`);
    const modPath = `example.com/bench/svc${m}`;
    uses.push(`./svc${m}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'go.mod'), `module ${modPath}\n\ngo 1.22\n`);
    for (let p = 0; p < PACKAGES_PER_MODULE; p++) {
      const pdir = path.join(dir, `pkg${p}`);
      fs.mkdirSync(pdir, { recursive: true });
      for (let f = 0; f < filesPerPackage; f++) {
        const imports = ['"fmt"', '"strings"'];
        if (p > 0) imports.push(`"${modPath}/pkg${p - 1}"`);
        if (m > 0 && p === 0) imports.push(`"example.com/bench/svc${m - 1}/pkg${PACKAGES_PER_MODULE - 1}"`);
        // A few broken imports: a std typo and a module nobody requires.
        if (f === 0 && p === 3 && m % 20 === 0) (imports.push('"strngs"'), broken++);
        if (f === 0 && p === 5 && m % 25 === 0) (imports.push('"github.com/missing/dep"'), broken++);
        const body = `// Code generated for the benchmark. DO NOT EDIT.\n\npackage pkg${p}\n\nimport (\n${imports.map((i) => `\t_ ${i}`).join('\n')}\n)\n\n` +
          `// F${f} does nothing much.\nfunc F${f}() string {\n\treturn "${'x'.repeat(200)}"\n}\n`;
        fs.writeFileSync(path.join(pdir, `f${f}.go`), body);
      }
    }
  }
  fs.writeFileSync(path.join(root, 'go.work'), `go 1.22\n\nuse (\n${uses.map((u) => `\t${u}`).join('\n')}\n)\n`);
  return { files: MODULES * PACKAGES_PER_MODULE * filesPerPackage, broken };
}

function hermeticEnv(root) {
  const env = {
    PATH: process.env.PATH, HOME: path.join(root, 'home'), GOPATH: path.join(root, 'gopath'),
    GOMODCACHE: path.join(root, 'gopath', 'pkg', 'mod'), GOCACHE: path.join(root, 'gocache'),
    GOPROXY: 'off', GOSUMDB: 'off', GOTOOLCHAIN: 'local', GOFLAGS: '', CGO_ENABLED: '0',
  };
  for (const d of [env.HOME, env.GOPATH]) fs.mkdirSync(d, { recursive: true });
  return env;
}

function timeRun(cmd, args, opts) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { ...opts, encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return { ms, r };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

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
    const g = timeRun('go', ['list', '-e', '-deps', '-json', './...'], { env, cwd: ws });
    if (g.r.status !== 0) throw new Error(`go list failed: ${g.r.stderr.slice(0, 2000)}`);
    golist.push(g.ms);
  }
  const em = median(engine);
  const gm = median(golist);
  console.log(`rounds: ${ROUNDS} (alternating), medians:`);
  console.log(`  go-module-doctor check (cold)   ${em.toFixed(0).padStart(7)} ms   peak RSS ${Math.max(...rss).toFixed(0)} MB   ${diagnostics} diagnostics`);
  console.log(`  go list -e -deps -json ./...    ${gm.toFixed(0).padStart(7)} ms`);
  console.log(`  ratio check / go list           ${(em / gm).toFixed(2)}   (target <= 1.0, aim 0.5; peak RSS target < 300 MB)`);
  console.log(`  all runs: check ${engine.map((x) => x.toFixed(0)).join(', ')} ms; go list ${golist.map((x) => x.toFixed(0)).join(', ')} ms`);
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
