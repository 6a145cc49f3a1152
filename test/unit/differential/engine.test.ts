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
import { execFileSync } from 'node:child_process';
import { analyzeFolder } from '../../../server/src/analyze/analyze';
import { loadGoEnv } from '../../../server/src/env/goenv';
import { applyFix } from '../../../server/src/fix/apply';
import type { Analysis, ImportVerdict } from '../../../server/src/analyze/types';
import { editorEnvWithSettings, fixBuildDirs, isUnder, listCases, moduleRootOf, prepareCase, type PreparedCase, type ViewRole } from '../../harness/cases';
import { goTruth, importKey, type GoTruth } from '../../harness/golist';
import { blameProblems } from './blame';
import { HEADLINE_MAX } from '../../../server/src/text/sentence';

for (const name of listCases()) {
  test(`engine agrees with go on case ${name}`, async () => {
    const c = await prepareCase(name);
    try {
      const analysis = await analyze(c);
      const problems = [
        ...(await disagreements(c, analysis, 'editor')),
        ...(c.terminalEnv ? await disagreements(c, analysis, 'terminal') : []),
        ...codeProblems(c, analysis),
        ...shapeProblems(c, analysis),
        ...(await blameProblems(c, analysis, { cwdOf: (dir) => moduleRootOf(c.dir, dir) ?? dir, envOf: (role) => truthEnv(c, analysis, role) })),
      ];
      assert.deepEqual(problems, [], `engine and go disagree on ${name}`);

      if (c.spec.fixBuilds) {
        const log = await applyFirstFixes(c);
        const env = editorEnvWithSettings(c.dir, c.env);
        for (const dir of fixBuildDirs(c)) {
          const r = await c.go.run(['build', './...'], dir, env);
          assert.equal(r.exitCode, 0, `go build ./... in ${rel(c, dir)} fails after the fixes:\n${r.stderr}\nfixes applied:\n${log.join('\n')}`);
        }
      }
    } finally {
      c.dispose();
    }
  });
}

async function analyze(c: PreparedCase, editorEnv: Record<string, string> = c.env): Promise<Analysis> {
  return analyzeFolder(c.dir, {
    editorEnv: await loadGoEnv(editorEnv),
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
  // go run in one module may list another's packages (./... in a module go.work leaves out lists
  // the workspace's): a verdict the engine has in any group counts.
  const engineKeys = new Set(verdicts.map((v) => importKey(v.packageDir, v.importPath)));
  for (const [cwd, group] of byCwd) {
    const truth: GoTruth = await goTruth(c.go, cwd, env);
    for (const v of group) {
      const res = role === 'editor' ? v.editor : v.terminal;
      if (!res) {
        out.push(`${role}: ${where(c, v)}: the engine gave no ${role} verdict`);
        continue;
      }
      const key = importKey(v.packageDir, v.importPath);
      const goBroken = truth.fatal !== undefined ? true : truth.imports.get(key)?.broken;
      if (goBroken === undefined) out.push(`${role}: ${where(c, v)}: go does not load this import`);
      else if (goBroken && !res.ok) {
        // A "go says:" quote is text this go prints for this import (or before any package loads).
        const quote = goQuote(res.message);
        const goText = truth.fatal ?? truth.imports.get(key)?.err ?? '';
        if (quote !== undefined && !sameWords(goText).includes(sameWords(quote))) out.push(`${role}: ${where(c, v)}: the engine quotes go as saying "${quote}", but go says "${goText}"`);
      }
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

/** The text after "go says: " in an engine message, if it quotes go. */
function goQuote(message: string): string | undefined {
  const i = message.indexOf('go says: ');
  return i < 0 ? undefined : message.slice(i + 'go says: '.length).replace(/ Did you mean .*$/s, '');
}

/** go's text with its line breaks and indentation as single spaces, and without the "go: " prefix
 * go puts before a fatal error. */
function sameWords(s: string): string {
  return s.replace(/\s+/g, ' ').replace(/(^| )go: /g, '$1').trim();
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
  }
  for (const e of [...(Array.isArray(expect) ? expect : []), ...(c.spec.diagnostics ?? [])]) {
    const file = path.join(c.dir, e.file);
    if ('line' in e) {
      const onLine = analysis.diagnostics.filter((d) => d.file === file && d.range.start.line === e.line - 1);
      if (!onLine.some((d) => d.code === e.code)) out.push(`${e.file}:${e.line}: expected a ${e.code} diagnostic, got ${onLine.map((d) => d.code).join(', ') || 'none'}`);
      continue;
    }
    const onImport = analysis.diagnostics.filter((d) => d.file === file && d.importPath === e.import);
    if ('noDiagnostic' in e && e.noDiagnostic) {
      if (onImport.length) out.push(`${e.file} → ${e.import}: expected no diagnostic (go fails the whole module), got ${onImport.map((d) => d.code).join(', ')}`);
    } else if (!onImport.some((d) => d.code === e.code)) {
      out.push(`${e.file} → ${e.import}: expected a ${e.code} diagnostic, got ${onImport.map((d) => d.code).join(', ') || 'none'}`);
    }
  }
  return out;
}

/** What every analysis owes its user, whatever the case: one diagnostic per import, none on a
 * standard library import that go fails only because it fails the whole module, none on a file
 * that does not exist, at most one preferred fix per diagnostic — the first, which changes
 * something (an edit or a command) — and a message that is a headline: one line of at most 120
 * characters, not cut short, naming no temporary path, with go's own words kept apart. */
function shapeProblems(c: PreparedCase, analysis: Analysis): string[] {
  const out: string[] = [];
  const onImport = new Map<string, string[]>();
  for (const d of analysis.diagnostics) {
    const at = `${rel(c, d.file)}:${d.range.start.line + 1}:${d.range.start.character + 1}`;
    if (!fs.existsSync(d.file)) out.push(`${at}: a ${d.code} diagnostic on a file that does not exist`);
    if (d.message.includes('\n') || d.message.length > HEADLINE_MAX || d.message.endsWith('…')) out.push(`${at}: the ${d.code} message is no headline (${d.message.length} characters): ${JSON.stringify(d.message)}`);
    if (d.message.includes(c.dir) || d.message.includes(c.go.root)) out.push(`${at}: the ${d.code} headline names an absolute path: ${d.message}`);
    if (/go says|go: /.test(d.message)) out.push(`${at}: the ${d.code} headline quotes go: ${d.message}`);
    if (!d.detail) out.push(`${at}: the ${d.code} diagnostic has no detail for the hover`);
    // A cause line an import names is marked too (and links back to the import).
    for (const r of d.related) {
      if (r.cause && !analysis.diagnostics.some((x) => x.file === r.file && x.range.start.offset === r.range.start.offset)) out.push(`${at}: its cause ${rel(c, r.file)}:${r.range.start.line + 1} has no diagnostic`);
    }
    if (d.importPath !== undefined) {
      const key = `${d.file}\x00${d.range.start.offset}`;
      onImport.set(key, [...(onImport.get(key) ?? []), d.code]);
    }
    const preferred = d.fixes.filter((f) => f.preferred);
    if (preferred.length > 1) out.push(`${at}: ${preferred.length} preferred fixes on ${d.code}`);
    if (preferred.length === 1 && d.fixes[0] !== preferred[0]) out.push(`${at}: the preferred fix of ${d.code} is not the first`);
    if (preferred[0] && !preferred[0].edits?.length && !preferred[0].commands?.length) out.push(`${at}: the preferred fix of ${d.code} changes nothing`);
  }
  for (const [key, codes] of onImport) if (codes.length > 1) out.push(`${rel(c, key.split('\x00')[0])}: ${codes.length} diagnostics on one import (${codes.join(', ')})`);
  for (const v of analysis.imports) {
    const bad = [v.editor, v.terminal].find((r) => r && !r.ok && r.wholeView && isStdPackage(v.importPath));
    if (bad && analysis.diagnostics.some((d) => d.file === v.file && d.range.start.offset === v.range.start.offset)) out.push(`${where(c, v)}: a standard library import flagged for the whole module's failure`);
  }
  return out;
}

let goroot: string | undefined;

function isStdPackage(importPath: string): boolean {
  goroot ??= execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).trim();
  return fs.existsSync(path.join(goroot, 'src', ...importPath.split('/')));
}

/** Applies the first fix of a diagnostic, re-analyses, and repeats while diagnostics with fixes
 * remain (re-analysing keeps every fix's edit offsets fresh). Fixes may download from the proxy. */
async function applyFirstFixes(c: PreparedCase): Promise<string[]> {
  const log: string[] = [];
  const applied = new Set<string>();
  for (let round = 0; round < 10; round++) {
    // A fix may write the editor's settings: the next analysis sees them, as the server would.
    const analysis = await analyze(c, editorEnvWithSettings(c.dir, c.env));
    const next = analysis.diagnostics.find((d) => d.fixes.length > 0 && !applied.has(JSON.stringify(d.fixes[0])));
    if (!next) break;
    applied.add(JSON.stringify(next.fixes[0]));
    const r = await applyFix(next.fixes[0], { env: await loadGoEnv({ ...editorEnvWithSettings(c.dir, c.env), GOPROXY: c.proxyUrl }) });
    log.push(`[${next.code}] ${next.fixes[0].title}: ${r.ok ? 'ok' : 'FAILED'}`, ...r.log.map((l) => `  ${l}`));
  }
  return log;
}

function rel(c: PreparedCase, p: string): string {
  return path.relative(c.dir, p) || '.';
}

function where(c: PreparedCase, v: ImportVerdict): string {
  return `${rel(c, v.file)} → ${v.importPath}`;
}
