// The differential test: for every fixture case, the engine's verdict on each import must agree
// with the go command's (broken ⇔ broken), its diagnostic must carry the code case.json names,
// and — where case.json says so — applying the first fix of each diagnostic must make
// `go build ./...` pass.
//
// go's truth is taken where the engine says go would run: the importing package's module root
// (the package dir outside modules), with GOWORK set to the go.work the engine's editor view
// found (off when it found none); the terminal's in the terminal environment from the module root.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeFolder } from '../../../server/src/analyze/analyze';
import { loadGoEnv } from '../../../server/src/env/goenv';
import { applyFix } from '../../../server/src/fix/apply';
import type { Analysis, ImportVerdict } from '../../../server/src/analyze/types';
import { listCases, moduleRoots, prepareCase, type PreparedCase, type ViewRole } from '../../harness/cases';
import { goTruth, importKey, type GoTruth } from '../../harness/golist';
import { blameProblems } from './blame';

for (const name of listCases()) {
  test(`engine agrees with go on case ${name}`, async () => {
    const c = await prepareCase(name);
    try {
      const analysis = await analyze(c);
      const problems = [
        ...(await disagreements(c, analysis, 'editor')),
        ...(c.terminalEnv ? await disagreements(c, analysis, 'terminal') : []),
        ...codeProblems(c, analysis),
        ...(await blameProblems(c, analysis, { cwdOf: (dir) => moduleRootOf(c.dir, dir) ?? dir, envOf: (role) => truthEnv(c, analysis, role) })),
      ];
      assert.deepEqual(problems, [], `engine and go disagree on ${name}`);

      if (c.spec.fixBuilds) {
        const log = await applyFirstFixes(c);
        for (const dir of buildDirs(c)) {
          const r = await c.go.run(['build', './...'], dir, c.env);
          assert.equal(r.exitCode, 0, `go build ./... in ${rel(c, dir)} fails after the fixes:\n${r.stderr}\nfixes applied:\n${log.join('\n')}`);
        }
      }
    } finally {
      c.dispose();
    }
  });
}

async function analyze(c: PreparedCase): Promise<Analysis> {
  return analyzeFolder(c.dir, {
    editorEnv: await loadGoEnv(c.env),
    terminalEnv: c.terminalEnv ? await loadGoEnv(c.terminalEnv) : undefined,
  });
}

/** Imports on which the engine's broken/ok verdict differs from go's, in one role. */
async function disagreements(c: PreparedCase, analysis: Analysis, role: ViewRole): Promise<string[]> {
  const env = truthEnv(c, analysis, role);
  const verdicts = analysis.imports.filter((v) => !v.file.endsWith('_test.go')); // go list -deps leaves test imports out
  const byCwd = new Map<string, ImportVerdict[]>();
  for (const v of verdicts) {
    const cwd = moduleRootOf(c.dir, v.packageDir) ?? v.packageDir;
    byCwd.set(cwd, [...(byCwd.get(cwd) ?? []), v]);
  }

  const out: string[] = [];
  for (const [cwd, group] of byCwd) {
    const truth: GoTruth = await goTruth(c.go, cwd, env);
    const engineKeys = new Set<string>();
    for (const v of group) {
      const res = role === 'editor' ? v.editor : v.terminal;
      if (!res) {
        out.push(`${role}: ${where(c, v)}: the engine gave no ${role} verdict`);
        continue;
      }
      const key = importKey(v.packageDir, v.importPath);
      engineKeys.add(key);
      const goBroken = truth.fatal !== undefined ? true : truth.imports.get(key)?.broken;
      if (goBroken === undefined) out.push(`${role}: ${where(c, v)}: go does not load this import`);
      else if (goBroken === res.ok) {
        const said = res.ok ? `resolves (${res.via})` : `is broken (${res.code})`;
        const goSaid = truth.fatal ?? truth.imports.get(key)?.err ?? 'resolves';
        out.push(`${role}: ${where(c, v)}: engine says it ${said}; go says ${goBroken ? 'broken: ' + goSaid.split('\n')[0] : 'it resolves'}`);
      }
    }
    for (const [key, t] of truth.imports) {
      if (!engineKeys.has(key) && isUnder(cwd, key.split('\x00')[0])) out.push(`${role}: the engine has no verdict on ${rel(c, key.split('\x00')[0])} → ${key.split('\x00')[1]} (go: ${t.broken ? 'broken' : 'ok'})`);
    }
  }
  return out;
}

/** The environment go's truth is taken in for a role: the editor's with GOWORK set to the go.work
 * its view found (off when none), the terminal's as it is. */
function truthEnv(c: PreparedCase, analysis: Analysis, role: ViewRole): Record<string, string> {
  if (role === 'terminal') return c.terminalEnv!;
  const goWork = analysis.views.find((v) => v.role === 'editor' && v.view.goWork)?.view.goWork?.file;
  return { ...c.env, GOWORK: goWork ?? 'off' };
}

/** Expected codes missing from the engine's diagnostics (and view errors for viewError cases). */
function codeProblems(c: PreparedCase, analysis: Analysis): string[] {
  const out: string[] = [];
  const expect = c.spec.expect;
  if (!Array.isArray(expect)) {
    // A view's own error, or one found only while loading the module's packages (deps/roots),
    // which every import then carries.
    const codes = [
      ...analysis.views.filter((v) => v.role === 'editor').flatMap((v) => v.view.errors.map((e) => e.code)),
      ...analysis.imports.flatMap((i) => (i.editor.ok ? [] : [i.editor.code])),
    ];
    if (!codes.includes(expect.viewError)) out.push(`no editor view has the error ${expect.viewError} (view errors: ${codes.join(', ') || 'none'})`);
    return out;
  }
  for (const e of [...expect, ...(c.spec.diagnostics ?? [])]) {
    const file = path.join(c.dir, e.file);
    const onImport = analysis.diagnostics.filter((d) => d.file === file && d.importPath === e.import);
    if (!onImport.some((d) => d.code === e.code)) {
      out.push(`${e.file} → ${e.import}: expected a ${e.code} diagnostic, got ${onImport.map((d) => d.code).join(', ') || 'none'}`);
    }
  }
  return out;
}

/** Applies the first fix of a diagnostic, re-analyses, and repeats while diagnostics with fixes
 * remain (re-analysing keeps every fix's edit offsets fresh). Fixes may download from the proxy. */
async function applyFirstFixes(c: PreparedCase): Promise<string[]> {
  const log: string[] = [];
  const fixEnv = await loadGoEnv({ ...c.env, GOPROXY: c.proxyUrl });
  const applied = new Set<string>();
  for (let round = 0; round < 10; round++) {
    const analysis = await analyze(c);
    const next = analysis.diagnostics.find((d) => d.fixes.length > 0 && !applied.has(JSON.stringify(d.fixes[0])));
    if (!next) break;
    applied.add(JSON.stringify(next.fixes[0]));
    const r = await applyFix(next.fixes[0], { env: fixEnv });
    log.push(`[${next.code}] ${next.fixes[0].title}: ${r.ok ? 'ok' : 'FAILED'}`, ...r.log.map((l) => `  ${l}`));
  }
  return log;
}

/** Where `go build ./...` must pass after the fixes: the module of each expected broken import
 * (every module for a viewError case; the folder when there is no module). A module outside a
 * go.work, say, is not something the fixes promise to make build. */
function buildDirs(c: PreparedCase): string[] {
  const expect = c.spec.expect;
  const dirs = Array.isArray(expect)
    ? expect.map((e) => moduleRootOf(c.dir, path.dirname(path.join(c.dir, e.file))) ?? c.dir)
    : moduleRoots(c.dir);
  return dirs.length > 0 ? [...new Set(dirs)].sort() : [c.dir];
}

function moduleRootOf(caseDir: string, dir: string): string | undefined {
  for (let d = dir; isUnder(caseDir, d); d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, 'go.mod'))) return d;
    if (d === caseDir) break;
  }
  return undefined;
}

function isUnder(root: string, p: string): boolean {
  return p === root || p.startsWith(root + path.sep);
}

function rel(c: PreparedCase, p: string): string {
  return path.relative(c.dir, p) || '.';
}

function where(c: PreparedCase, v: ImportVerdict): string {
  return `${rel(c, v.file)} → ${v.importPath}`;
}
