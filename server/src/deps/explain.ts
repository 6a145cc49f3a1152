// How a failure inside the dependency packages is told on the main-module import that reaches it:
// the chain of imports down to the one go rejects, that import's own explanation, and for a
// missing checksum the exact go.sum lines go wants.

import { HEADLINE_MAX, lowerFirst } from '../text/sentence';
import * as path from 'node:path';
import type { LoadedView } from '../resolve/view';
import type { Broken, Evidence, Resolved, View } from '../resolve/types';
import { fileStartRange } from '../text/position';
import type { Failure } from './judged';

/** The verdict on the import of `pkg` when loading what it imports stops at `failure` (its chain
 * runs from pkg's import path to the failing import's importer). */
export function closureBroken(view: View, pkg: Resolved, failure: Failure): Broken {
  const { packages: chain, broken: failing, at } = failure;
  const steps = [...chain, failing.importPath].join(' → ');
  const sumLines = failing.code === 'missing-go-sum' ? missingSumLines(view as LoadedView, failing.missingSums ?? []) : undefined;
  const where = sumLines ? `; ${sumLines.file} lacks ${sumLines.lines.map((l) => `"${l} h1:…"`).join(' and ')}` : '';
  const message = `${pkg.importPath} resolves, but go also loads what it imports, and fails there: ${steps}${where}. ${failing.message}`;
  const evidence: Evidence[] = [];
  if (sumLines) evidence.push(sumLines.evidence);
  evidence.push({ kind: 'file', file: at.file, range: at.range, note: `${chain[chain.length - 1]} imports ${failing.importPath}` }, ...failing.evidence);
  const importer = chain[chain.length - 1];
  // The failing import's headline speaks of "this package": here that is the deeper import. When
  // the two do not fit in a headline, the hover tells the rest.
  const full = `Its dependency ${importer} imports ${failing.importPath}: ${lowerFirst(failing.headline).replace(/\bthis package\b/, 'it')}`;
  const headline = sumLines
    ? `go.sum lacks "${sumLines.lines[0]}"${sumLines.lines.length > 1 ? ` and ${sumLines.lines.length - 1} more` : ''}, needed to load its dependency ${importer}`
    : full.length <= HEADLINE_MAX ? full : `Its dependency ${importer} imports ${failing.importPath}, which go fails to load`;
  const b: Broken = { ok: false, importPath: pkg.importPath, code: failing.code, headline, message, evidence, chain: { packages: chain, failingImport: failing.importPath } };
  if (failing.missingSums) b.missingSums = failing.missingSums;
  if (failing.missingGoModSums) b.missingGoModSums = failing.missingGoModSums;
  return b;
}

/** The go.sum lines go needs for `mods` and the view's sums lack: the module's zip hash
 * ("M V") and its go.mod hash ("M V/go.mod"), in the go.sum go would write. */
function missingSumLines(view: LoadedView, mods: { path: string; version: string }[]): { file: string; lines: string[]; evidence: Evidence } | undefined {
  const lines: string[] = [];
  for (const m of mods) {
    if (!view.sums?.has(m.path, m.version, false)) lines.push(`${m.path} ${m.version}`);
    if (!view.sums?.has(m.path, m.version, true)) lines.push(`${m.path} ${m.version}/go.mod`);
  }
  const file = view.sums?.mainSumFile ?? (view.mainModules[0] ? path.join(view.mainModules[0].dir, 'go.sum') : undefined);
  if (!file || lines.length === 0) return undefined;
  const note = `lacks ${lines.map((l) => `"${l} h1:…"`).join(', ')}`;
  const exists = view.sums?.mainSumFile !== undefined;
  return { file: path.basename(file), lines, evidence: exists ? { kind: 'file', file, range: fileStartRange(), note } : { kind: 'dir', dir: path.dirname(file), note: `has no go.sum; it ${note}` } };
}
