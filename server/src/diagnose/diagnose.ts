// Turns an analysis (views and verdicts) into diagnostics: one per broken import, on the quoted
// path; one per view-level problem, on the go.mod/go.work line that causes it; and one per import
// on which the editor and the terminal disagree.

import * as path from 'node:path';
import type { FileSystem } from '../fsys/fsys';
import type { ImportFixContext } from '../fix/context';
import type { Analysis, ImportVerdict } from '../analyze/types';
import type { LocalModule } from '../analyze/local-modules';
import type { Broken, View, ViewError } from '../resolve/types';
import type { Diagnostic, RelatedInfo } from './types';
import { planFixes, planViewErrorFixes } from '../fix/plan';
import { mismatchDiagnostic } from './mismatch';
import { fileStartRange } from '../text/position';

export interface DiagnoseContext {
  mods: LocalModule[];
  fs: FileSystem;
  /** The analysis's imports of a module path and the paths under it; without it, every package's
   * imports are searched. */
  importsUnder?: (modulePath: string) => Iterable<ImportVerdict>;
}

export function diagnoseAnalysis(analysis: Analysis, ctx: DiagnoseContext): Diagnostic[] {
  const mods = ctx.mods;
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  const push = (d: Diagnostic) => {
    const key = `${d.file}\x00${d.range.start.offset}\x00${d.code}\x00${d.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(d);
  };

  for (const { view, role } of analysis.views) {
    if (role !== 'editor') continue;
    for (const e of view.errors) push(viewErrorDiagnostic(e, view, analysis.folder, mods, ctx.fs));
  }
  const importsUnder = ctx.importsUnder ?? ((modulePath: string) => searchImportsUnder(analysis, modulePath));
  const rest = { folder: analysis.folder, mods, importsUnder, fs: ctx.fs, fixesOnce: new Map() };
  const mismatches = new Map<string, Diagnostic>();
  for (const pkg of analysis.packages.values()) {
    if (pkg.clean) continue;
    for (const v of pkg.imports) {
      if (v.editor.ok && !v.editor.warnings && (!v.terminal || v.terminal.ok)) continue;
      const editorView = pkg.editor;
      if (!v.editor.ok) push(importDiagnostic(v, v.editor, editorView, rest));
      // Resolved, but with a cause for concern the go command lets pass (a replace directory whose
      // go.mod declares another path): a warning, with the same fixes an error would get.
      else for (const w of v.editor.warnings ?? []) push({ ...importDiagnostic(v, { ok: false, importPath: v.importPath, ...w }, editorView, rest), severity: 'warning' });
      if (v.terminal && v.terminal.ok !== v.editor.ok) {
        const tv = pkg.terminal;
        // A terminal with no go on its PATH builds nothing; comparing import by import would flag
        // every import. The environment loader says so once instead.
        if (tv && tv.env.goBinary) {
          // Blame re-resolves the import under each candidate set of inputs: once per package and
          // import path, not once per file that imports it.
          const key = `${v.packageDir}\x00${v.importPath}`;
          let d = mismatches.get(key);
          if (!d) mismatches.set(key, (d = mismatchDiagnostic(v, editorView, tv, { ...ctx, folder: analysis.folder })));
          push({ ...d, file: v.file, range: v.range });
        }
      }
    }
  }
  return out;
}

function* searchImportsUnder(analysis: Analysis, modulePath: string): Iterable<ImportVerdict> {
  for (const p of analysis.packages.values()) for (const v of p.imports) if (v.importPath === modulePath || v.importPath.startsWith(modulePath + '/')) yield v;
}

export function relatedFromEvidence(b: { evidence: Broken['evidence'] }): RelatedInfo[] {
  const out: RelatedInfo[] = [];
  for (const e of b.evidence) if (e.kind === 'file') out.push({ file: e.file, range: e.range, message: e.note });
  return out;
}

/** Fixes depend on the cause and the importing package, not on the file: every file of a package
 * that imports a broken path shares one plan. Keyed by the cause (a resolution object), then the
 * package directory. */
type FixesOnce = Map<Broken, Map<string, Diagnostic['fixes']>>;

function importDiagnostic(v: ImportVerdict, b: Broken, view: View, context: Omit<ImportFixContext, 'verdict' | 'broken' | 'view'> & { fixesOnce: FixesOnce }): Diagnostic {
  const { fixesOnce, ...rest } = context;
  let byDir = fixesOnce.get(b);
  if (!byDir) fixesOnce.set(b, (byDir = new Map()));
  let fixes = byDir.get(v.packageDir);
  if (!fixes) byDir.set(v.packageDir, (fixes = planFixes({ verdict: v, broken: b, view, ...rest })));
  const suggestion = b.suggestions?.length && !b.message.includes('Did you mean') ? ` Did you mean ${b.suggestions.map((s) => `"${s}"`).join(' or ')}?` : '';
  return {
    file: v.file,
    range: v.range,
    severity: 'error',
    code: b.code,
    message: b.message + suggestion,
    importPath: v.importPath,
    related: relatedFromEvidence(b),
    fixes,
  };
}

function viewErrorDiagnostic(e: ViewError, view: View, folder: string, mods: LocalModule[], fs: FileSystem): Diagnostic {
  return {
    file: e.file ?? view.goWork?.file ?? view.mainModules[0]?.modFile.fileName ?? path.join(view.cwd, 'go.mod'),
    range: e.range ?? fileStartRange(),
    severity: 'error',
    code: e.code,
    message: e.message,
    related: relatedFromEvidence(e),
    fixes: planViewErrorFixes({ error: e, view, folder, mods, fs }),
  };
}
