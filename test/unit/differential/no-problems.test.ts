// "No problems found" means go agrees: on every fixture case where the engine reports no error
// diagnostic (what `check` exits 0 on), `go list -e -deps -test ./...` reports no error in any
// package of any module the engine analysed (a main module of its view) — dependency packages
// included — in the view the engine used (GOWORK set to the go.work its editor view found, else
// off). The same holds after the first fix of each diagnostic has been applied, for the cases
// whose fixes promise a build.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { analyzeFolder } from '../../../server/src/analyze/analyze';
import { loadGoEnv } from '../../../server/src/env/goenv';
import { applyFix } from '../../../server/src/fix/apply';
import type { Analysis } from '../../../server/src/analyze/types';
import { mainModuleAt } from '../../../server/src/resolve/main-modules';
import { listCases, prepareCase, type PreparedCase } from '../../harness/cases';
import { parseJsonStream } from '../../harness/proxy';
import type { ListedPackage } from '../../harness/golist';

/** The cases (and fixed cases) on which the property was put to go. */
const checked: string[] = [];

for (const name of listCases()) {
  test(`no error diagnostic means go loads everything: case ${name}`, async () => {
    const c = await prepareCase(name);
    try {
      const analysis = await analyze(c);
      if (errorCount(analysis) === 0) {
        assert.deepEqual(await goErrors(c, analysis), [], `the engine reports no error on ${name}, but go does`);
        checked.push(name);
      }
      if (c.spec.fixBuilds) {
        const fixed = await applyFirstFixes(c);
        if (errorCount(fixed) === 0) {
          assert.deepEqual(await goErrors(c, fixed), [], `after the fixes the engine reports no error on ${name}, but go does`);
          checked.push(`${name} (fixed)`);
        }
      }
    } finally {
      c.dispose();
    }
  });
}

test('the property was put to go on clean cases and on fixed ones', () => {
  assert.ok(checked.some((n) => !n.endsWith('(fixed)')), `no case without errors: ${checked.join(', ')}`);
  assert.ok(checked.some((n) => n.endsWith('(fixed)')), `no fixed case: ${checked.join(', ')}`);
});

async function analyze(c: PreparedCase): Promise<Analysis> {
  // As `check` runs: the editor's environment only.
  return analyzeFolder(c.dir, { editorEnv: await loadGoEnv(c.env) });
}

function errorCount(a: Analysis): number {
  return a.diagnostics.filter((d) => d.severity === 'error').length;
}

/** Every error go reports while loading each analysed module's packages with their tests and
 * dependencies, as "module dir: package: error". */
async function goErrors(c: PreparedCase, analysis: Analysis): Promise<string[]> {
  const goWork = analysis.views.find((v) => v.role === 'editor' && v.view.goWork)?.view.goWork?.file;
  const env = { ...c.env, GOWORK: goWork ?? 'off' };
  // The modules the engine analysed as go would load them: each editor view's module when it is
  // one of that view's main modules (a module a go.work leaves out is not loaded by go at all).
  const dirs = [...new Set(analysis.views.filter((v) => v.role === 'editor' && mainModuleAt(v.view, v.moduleDir)).map((v) => v.moduleDir))].sort();
  const out: string[] = [];
  for (const dir of dirs) {
    const r = await c.go.run(['list', '-e', '-deps', '-test', '-json', './...'], dir, env);
    const packages = parseJsonStream<ListedPackage>(r.stdout);
    const where = path.relative(c.dir, dir) || '.';
    if (packages.length === 0) out.push(`${where}: go list failed: ${r.stderr.trim().split('\n')[0]}`);
    for (const p of packages) {
      for (const e of [p.Error, ...(p.DepsErrors ?? [])]) if (e) out.push(`${where}: ${p.ImportPath}: ${e.Err.split('\n')[0]}`);
    }
  }
  return [...new Set(out)];
}

/** Applies the first fix of each diagnostic, analysing again after each, as `fix --yes` does;
 * returns the last analysis. */
async function applyFirstFixes(c: PreparedCase): Promise<Analysis> {
  const fixEnv = await loadGoEnv({ ...c.env, GOPROXY: c.proxyUrl });
  const applied = new Set<string>();
  for (let round = 0; round < 10; round++) {
    const analysis = await analyze(c);
    const next = analysis.diagnostics.find((d) => d.fixes.length > 0 && !applied.has(JSON.stringify(d.fixes[0])));
    if (!next) return analysis;
    applied.add(JSON.stringify(next.fixes[0]));
    await applyFix(next.fixes[0], { env: fixEnv });
  }
  return analyze(c);
}
