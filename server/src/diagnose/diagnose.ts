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
import { markFixesOutside } from '../fix/reach';
import { mismatchDiagnostic } from './mismatch';
import { fileStartRange } from '../text/position';
import { stdPackageDir } from '../resolve/std';
import { clipLine, HEADLINE_MAX, splitGoSays } from '../text/sentence';
import { readPackageDir } from '../scan/package';
import { buildContextOf } from '../env/goenv';
import { unreadableHeadline, unreadableMessage } from '../fsys/failure';
import type { FolderLayout } from '../analyze/layout';

export interface DiagnoseContext {
  mods: LocalModule[];
  /** The folder's directories whose names are not UTF-8 (folderLayout's nonUtf8Dirs). */
  nonUtf8Dirs?: FolderLayout['nonUtf8Dirs'];
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

  const viewErrors = new Map<View, Diagnostic[]>();
  for (const { view, role } of analysis.views) {
    if (role !== 'editor' || viewErrors.has(view)) continue;
    const ds = view.errors.map((e) => viewErrorDiagnostic(e, view, analysis.folder, mods, ctx.fs));
    viewErrors.set(view, ds);
    ds.forEach(push);
  }
  // A view error the terminal does not have: its preferred fix aligns the editor, as the
  // mismatches on its imports say (the first such mismatch's fixes, before the view error's own).
  const aligned = new Set<View>();
  const alignViewErrors = (view: View, d: Diagnostic) => {
    if (aligned.has(view)) return;
    aligned.add(view);
    for (const e of viewErrors.get(view) ?? []) {
      const titles = new Set(d.fixes.map((f) => f.title));
      const own = e.fixes.filter((f) => !titles.has(f.title)).map(({ preferred: _, ...f }) => f);
      e.fixes = [...d.fixes, ...own];
      e.blame = d.blame;
      e.message = d.message;
      e.detail = d.detail;
      e.goSays = d.goSays ?? e.goSays;
    }
  };
  const importsUnder = ctx.importsUnder ?? ((modulePath: string) => searchImportsUnder(analysis, modulePath));
  const rest = { folder: analysis.folder, mods, importsUnder, fs: ctx.fs, fixesOnce: new Map() };
  const mismatches = new Map<string, Diagnostic>();
  // One side fails the whole module (a go line, a toolchain, vendoring, a module go.work leaves
  // out): said once, on the cause — the editor's view error takes the fixes that align the editor;
  // otherwise a diagnostic on the line of the failing side's view error, or of its evidence.
  const wholeViewMismatches = new WeakMap<View, Set<string>>();
  const wholeViewMismatch = (v: ImportVerdict, editorView: View, tv: View) => {
    const [b, failingView] = v.editor.ok ? [v.terminal as Broken, tv] : [v.editor, editorView];
    let seenIn = wholeViewMismatches.get(failingView);
    if (!seenIn) wholeViewMismatches.set(failingView, (seenIn = new Set()));
    const key = causeKey(b);
    if (seenIn.has(key)) return;
    seenIn.add(key);
    const d = mismatchDiagnostic(v, editorView, tv, { ...ctx, folder: analysis.folder }, { wholeView: true });
    if (failingView === editorView && editorView.errors.length) return alignViewErrors(editorView, d);
    const at = failingView.errors[0] ? viewErrorPlace(failingView.errors[0], failingView, ctx.fs) : fileEvidence(b);
    if (at) push({ ...d, ...at, importPath: undefined });
  };
  // A whole-module failure that is no view error (a module go.work does not use): said once per
  // module, on the line its evidence names (the go.work), with the fixes an import would get.
  const wholeModuleCauses = new Set<string>();
  const wholeModuleCause = (v: ImportVerdict, b: Broken, view: View) => {
    const at = fileEvidence(b);
    const key = causeKey(b);
    if (!at || wholeModuleCauses.has(key)) return;
    wholeModuleCauses.add(key);
    push({ ...importDiagnostic(v, b, view, rest), ...at, importPath: undefined });
  };
  // One diagnostic per import: where the editor and the terminal disagree, the mismatch (which
  // carries the failing side's cause and fixes); else the editor's error, or its first warning.
  for (const pkg of analysis.packages.values()) {
    if (pkg.clean) continue;
    for (const v of pkg.imports) {
      if (v.editor.ok && !v.editor.warnings && (!v.terminal || v.terminal.ok)) continue;
      const editorView = pkg.editor;
      const tv = pkg.terminal;
      // A terminal with no go on its PATH builds nothing; comparing import by import would flag
      // every import. The environment loader says so once instead.
      if (v.terminal && v.terminal.ok !== v.editor.ok && tv && tv.env.goBinary) {
        const [failing, failingView] = v.editor.ok ? [v.terminal, tv] : [v.editor, editorView];
        if (!failing.ok && isCollateral(failing, failingView, ctx.fs)) {
          wholeViewMismatch(v, editorView, tv);
          continue;
        }
        // Blame re-resolves the import under each candidate set of inputs: once per package and
        // import path, not once per file that imports it.
        const key = `${v.packageDir}\x00${v.importPath}`;
        let d = mismatches.get(key);
        if (!d) mismatches.set(key, (d = mismatchDiagnostic(v, editorView, tv, { ...ctx, folder: analysis.folder })));
        if (!v.editor.ok && v.editor.wholeView) alignViewErrors(editorView, d);
        push({ ...d, file: v.file, range: v.range });
        continue;
      }
      if (!v.editor.ok) {
        if (!isCollateral(v.editor, editorView, ctx.fs)) push(importDiagnostic(v, v.editor, editorView, rest));
        else if (!editorView.errors.length) wholeModuleCause(v, v.editor, editorView);
        continue;
      }
      // Resolved, but with a cause for concern the go command lets pass (a replace directory whose
      // go.mod declares another path): a warning, with the same fixes an error would get.
      const w = v.editor.warnings?.[0];
      if (w) push({ ...importDiagnostic(v, { ok: false, importPath: v.importPath, ...w }, editorView, rest), severity: 'warning' });
    }
  }
  for (const [dir, pkg] of analysis.packages) {
    const d = unreadablePackageFile(dir, pkg.editor, ctx.fs);
    if (d) push(d);
    const m = goModDirectory(dir, pkg.editor, ctx.fs);
    if (m) push(m);
  }
  for (const d of ctx.nonUtf8Dirs ?? []) {
    const n = nonUtf8Directory(d, mods);
    if (n) push(n);
  }
  for (const d of causeLineDiagnostics(out)) push(d);
  markFixesOutside(out, analysis.folder, ctx.fs);
  return out;
}

/** The go.mod, go.work, go.sum or modules.txt lines that import diagnostics name as their cause
 * (a replace pointing where the module is not, a module line declaring another path): each gets a
 * diagnostic of its own, with the imports it breaks as related information (the imports' own
 * related information points back at it) and the first such import's fixes. */
function causeLineDiagnostics(ds: readonly Diagnostic[]): Diagnostic[] {
  const byLine = new Map<string, { at: { file: string; range: Diagnostic['range'] }; imports: Diagnostic[] }>();
  for (const d of ds) {
    if (d.importPath === undefined) continue;
    for (const c of d.related) {
      if (!c.cause) continue;
      const key = `${c.file}\x00${c.range.start.offset}\x00${d.code}`;
      let line = byLine.get(key);
      if (!line) byLine.set(key, (line = { at: { file: c.file, range: c.range }, imports: [] }));
      line.imports.push(d);
    }
  }
  const taken = new Set(ds.map((d) => `${d.file}\x00${d.range.start.offset}\x00${d.code}`));
  const out: Diagnostic[] = [];
  for (const [key, { at, imports }] of byLine) {
    if (taken.has(key)) continue;
    const first = imports[0]!;
    const n = new Set(imports.map((d) => `${d.file}\x00${d.importPath}`)).size;
    const count = ` (${n === 1 ? `breaks the import of ${first.importPath}` : `breaks ${n} imports`})`;
    out.push({
      ...at,
      severity: first.severity,
      code: first.code,
      message: first.message.length + count.length <= HEADLINE_MAX ? first.message + count : first.message,
      detail: first.detail,
      goSays: first.goSays,
      related: imports.slice(0, 20).map((d) => ({ file: d.file, range: d.range, message: `the import of ${d.importPath} it breaks` })),
      fixes: first.fixes,
    });
  }
  return out;
}

/** A file of one of the folder's own packages that cannot be read: go fails that package with the
 * open's error (`open DIR/a.go: permission denied`), which no import of it shows here. */
function unreadablePackageFile(dir: string, view: View, fs: FileSystem): Diagnostic | undefined {
  const failure = readPackageDir(fs, dir, buildContextOf(view.env))?.readError;
  if (!failure) return undefined;
  const file = path.join(dir, failure.name);
  return { file, range: fileStartRange(), severity: 'error', code: 'unreadable-file', ...said({ headline: unreadableHeadline(file, failure.failure), message: unreadableMessage(file, failure.failure, 'so the go command cannot load its package', '') }), related: [], fixes: [] };
}

/** A go.mod that is a directory: go passes it by (findModuleRoot wants a file) and takes the
 * package for one of the module above, if any. Said on the package's first .go file: an error
 * when no module holds the package then, else a warning (go builds it, in that other module). */
function goModDirectory(dir: string, view: View, fs: FileSystem): Diagnostic | undefined {
  const goMod = path.join(dir, 'go.mod');
  if (!fs.stat(goMod)?.isDir) return undefined;
  const first = fs.readDir(dir)?.filter((e) => e.name.endsWith('.go') && !e.isDir).map((e) => e.name).sort()[0];
  if (!first) return undefined;
  return {
    file: path.join(dir, first),
    range: fileStartRange(),
    severity: view.mainModules.length ? 'warning' : 'error',
    code: 'unreadable-file',
    ...said({
      headline: `go.mod here is a directory, not a file, so go does not take ${path.basename(dir)}/ for a module root`,
      message: `${goMod} is a directory, not a file, so the go command does not take ${dir} for a module root: it looks for a go.mod in the directories above${view.mainModules.length ? `, and takes the package for one of ${view.mainModules.map((m) => m.path).join(', ')}` : ''}.`,
    }),
    related: [],
    fixes: [],
  };
}

/** A directory of a module whose name is not UTF-8: go refuses every package in it or below
 * (module.CheckImportPath: `malformed import path "example.com/m/bad\xff": invalid UTF-8`). Said
 * once, on the module line, quoting go's error for its first package. */
function nonUtf8Directory(d: FolderLayout['nonUtf8Dirs'][number], mods: LocalModule[]): Diagnostic | undefined {
  const mod = d.module && mods.find((m) => m.root === d.module!.root);
  const line = mod?.modFile.module;
  if (!mod || !line || mod.path === '') return undefined;
  const rel = path.relative(mod.root, d.parent).split(path.sep).filter(Boolean);
  const importPathOf = (goDir: string) => [mod.path, ...rel, d.name.shown, ...(goDir ? [goDir] : [])].join('/');
  // Names as go's %q shows them (the \xNN are already its escapes).
  const shownDir = path.join(d.parent, d.name.shown);
  const n = d.name.goDirs.length;
  return {
    file: mod.modFile.fileName,
    range: line.syntax.range,
    severity: 'error',
    code: 'unreadable-file',
    ...said({
      headline: `The directory name ${path.basename(shownDir)} is not valid UTF-8, so go refuses the packages in it`,
      message: `The name of ${shownDir} is not valid UTF-8, so the go command refuses ${n === 1 ? 'the package' : `each of the ${n}${n >= 20 ? '+' : ''} packages`} in or below it, and it is not analysed here. go says: malformed import path "${importPathOf(d.name.goDirs[0]!)}": invalid UTF-8`,
    }),
    related: [],
    fixes: [],
  };
}

/** One whole-module cause, whichever import it broke: a module go.work leaves out is named by its
 * directory (go's words differ per package), any other by its message. */
function causeKey(b: Broken): string {
  const dir = b.code === 'not-in-workspace' ? b.evidence.find((e) => e.kind === 'dir') : undefined;
  return `${b.code}\x00${dir?.kind === 'dir' ? dir.dir : b.message}`;
}

/** The first file line a resolution's evidence names (a go.work's use line). */
function fileEvidence(b: Broken): { file: string; range: Diagnostic['range'] } | undefined {
  for (const e of b.evidence) if (e.kind === 'file') return { file: e.file, range: e.range };
  return undefined;
}

/** A standard library import broken only because go fails the whole view: the view's own
 * diagnostic says why, and flagging `fmt` would point at the wrong place. */
function isCollateral(b: Broken, view: View, fs: FileSystem): boolean {
  return b.wholeView === true && stdPackageDir(view.env.goroot, b.importPath, fs) !== undefined;
}

function* searchImportsUnder(analysis: Analysis, modulePath: string): Iterable<ImportVerdict> {
  for (const p of analysis.packages.values()) for (const v of p.imports) if (v.importPath === modulePath || v.importPath.startsWith(modulePath + '/')) yield v;
}

/** What a diagnostic says: the headline (with a "did you mean" when it fits), our whole
 * explanation, and go's own words apart. */
function said(c: { headline: string; message: string; suggestions?: string[] }): Pick<Diagnostic, 'message' | 'detail' | 'goSays'> {
  const { ours, go } = splitGoSays(c.message);
  const options = c.suggestions?.slice(0, 2).map((s) => `"${s}"`).join(' or ');
  const headline = clipLine(c.headline);
  const withMean = options ? `${headline}; did you mean ${options}?` : headline;
  const message = withMean.length <= HEADLINE_MAX ? withMean : headline;
  const detail = options && !ours.includes('Did you mean') ? `${ours}. Did you mean ${options}?` : `${ours}.`;
  return go === undefined ? { message, detail } : { message, detail, goSays: go };
}

export function relatedFromEvidence(b: { evidence: Broken['evidence'] }): RelatedInfo[] {
  const out: RelatedInfo[] = [];
  for (const e of b.evidence) if (e.kind === 'file') out.push({ file: e.file, range: e.range, message: e.note, ...(e.cause ? { cause: true as const } : {}) });
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
  return {
    file: v.file,
    range: v.range,
    severity: 'error',
    code: b.code,
    ...said(b),
    importPath: v.importPath,
    related: relatedFromEvidence(b),
    fixes,
  };
}

function viewErrorDiagnostic(e: ViewError, view: View, folder: string, mods: LocalModule[], fs: FileSystem): Diagnostic {
  const { file, range } = viewErrorPlace(e, view, fs);
  return {
    file,
    range,
    severity: 'error',
    code: e.code,
    ...said(e),
    related: relatedFromEvidence(e),
    fixes: planViewErrorFixes({ error: e, view, folder, mods, fs }),
  };
}

/** Where a view's error is shown: its file and line, or — when that file does not exist (a
 * vendor/modules.txt that GOFLAGS=-mod=vendor asks for) or none is named — the module line of the
 * main go.mod (else the go.work), which exists. */
function viewErrorPlace(e: ViewError, view: View, fs: FileSystem): { file: string; range: Diagnostic['range'] } {
  if (e.file && fs.stat(e.file)?.isFile) return { file: e.file, range: e.range ?? fileStartRange() };
  if (view.goWork) return { file: view.goWork.file, range: view.goWork.work.go?.syntax.range ?? fileStartRange() };
  const main = view.mainModules[0]?.modFile;
  if (main && fs.stat(main.fileName)?.isFile) return { file: main.fileName, range: main.module?.syntax.range ?? fileStartRange() };
  return { file: e.file ?? path.join(view.cwd, 'go.mod'), range: e.range ?? fileStartRange() };
}
