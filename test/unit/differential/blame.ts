// The blame half of the differential test: an editor-terminal-mismatch diagnostic must blame
// exactly the inputs case.json names, and go itself must agree that they matter — run in the
// failing view's environment with those inputs taken from the working view, go resolves the import.

import * as path from 'node:path';
import type { Analysis } from '../../../server/src/analyze/types';
import type { InputDifference } from '../../../server/src/diagnose/types';
import { brokenIn, type PreparedCase } from '../../harness/cases';
import { goTruth, importKey } from '../../harness/golist';

/** Where go runs for a package (its module root) and the failing view's environment before any change. */
export interface TruthPlace {
  cwdOf(packageDir: string): string;
  envOf(role: 'editor' | 'terminal'): Record<string, string>;
}

export async function blameProblems(c: PreparedCase, analysis: Analysis, place: TruthPlace): Promise<string[]> {
  const expect = c.spec.expect;
  if (!c.spec.blame || !Array.isArray(expect)) return [];
  const want = [...c.spec.blame].sort();
  const out: string[] = [];
  for (const e of expect.filter((x) => x.code === 'editor-terminal-mismatch')) {
    const where = `${e.file} → ${e.import}`;
    const file = path.join(c.dir, e.file);
    // An import go fails only with its whole module has its blame on the cause's line instead.
    const causeLines = (c.spec.diagnostics ?? []).flatMap((x) => ('line' in x ? [{ file: path.join(c.dir, x.file), line: x.line - 1 }] : []));
    const d = e.noDiagnostic
      ? analysis.diagnostics.find((x) => x.blame && x.importPath === undefined && causeLines.some((l) => l.file === x.file && l.line === x.range.start.line))
      : analysis.diagnostics.find((x) => x.file === file && x.importPath === e.import && x.code === 'editor-terminal-mismatch');
    if (!d?.blame) {
      out.push(`${where}: no mismatch diagnostic with a blame`);
      continue;
    }
    const got = d.blame.blamed.map((b) => b.name).sort();
    if (JSON.stringify(got) !== JSON.stringify(want)) out.push(`${where}: blamed ${JSON.stringify(got)}, case.json says ${JSON.stringify(want)} (listed: ${d.blame.listed.map((b) => b.name).join(', ') || 'none'})`);
    const failing = brokenIn(c.spec, e);
    if (failing.length !== 1 || failing[0] !== d.blame.failing) out.push(`${where}: the diagnostic says the ${d.blame.failing} fails; case.json: ${failing.join(', ')}`);

    const pkgDir = path.dirname(file);
    const env = withInputsFromWorkingView(place.envOf(d.blame.failing), d.blame.blamed, d.blame.failing);
    const truth = await goTruth(c.go, place.cwdOf(pkgDir), env);
    const t = truth.imports.get(importKey(pkgDir, e.import));
    if (truth.fatal !== undefined || !t || t.broken) {
      out.push(`${where}: go still fails in the ${d.blame.failing}'s view with ${got.join(', ')} taken from the other: ${truth.fatal ?? t?.err ?? 'import not loaded'}`);
    }
  }
  return out;
}

function withInputsFromWorkingView(env: Record<string, string>, blamed: InputDifference[], failing: 'editor' | 'terminal'): Record<string, string> {
  const out = { ...env };
  for (const d of blamed) {
    const value = failing === 'editor' ? d.terminal : d.editor;
    if (d.name === 'go.work') out.GOWORK = value === '(none)' ? 'off' : value;
    else if (d.name === 'go version') throw new Error('a go version blame cannot be proven with one toolchain');
    else out[d.name] = value;
  }
  return out;
}
