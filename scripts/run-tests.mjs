// Runs every compiled test file under out/test with node's built-in runner.
// Node 20's --test takes no globs, so the files are listed here. Arguments narrow the set:
// `node scripts/run-tests.mjs parse` runs the files whose path contains "parse".
import { mkdtempSync, readdirSync, rmSync, statSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith('.test.js')) out.push(p);
  }
  return out;
}

const filters = process.argv.slice(2);
const files = walk('out/test', []).filter((f) => filters.length === 0 || filters.some((s) => f.includes(s))).sort();
if (files.length === 0) {
  console.error('no test files found under out/test');
  process.exit(1);
}
// One go build cache for the whole run (see test/harness/goenv.ts), removed afterwards.
const runDir = mkdtempSync(join(tmpdir(), 'gmd-test-run-'));
const env = { ...process.env, GMD_TEST_GOCACHE: join(runDir, 'gocache') };
const r = spawnSync(process.execPath, ['--test', '--test-concurrency=2', ...files], { stdio: 'inherit', env });
removeTree(runDir);
process.exit(r.status ?? 1);

function removeTree(dir) {
  // The go build cache has read-only entries on some versions; make everything writable first.
  const walkChmod = (p) => {
    try {
      const st = statSync(p);
      if (st.isDirectory()) {
        chmodSync(p, 0o755);
        for (const n of readdirSync(p)) walkChmod(join(p, n));
      }
    } catch {
      /* already gone */
    }
  };
  walkChmod(dir);
  rmSync(dir, { recursive: true, force: true });
}
