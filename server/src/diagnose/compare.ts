// The editor's and the terminal's views of one module side by side: the go binary and version,
// the go.work each finds, every differing input grouped as blame.ts tries them (blamed when it
// flips some import's verdict, listed when it differs without mattering), the imports whose
// verdicts differ, and the fixes of their editor-terminal-mismatch diagnostics. The CLI's env-diff
// and the language server's Compare command both read it; it adds no analysis of its own.

import * as path from 'node:path';
import type { Analysis, ImportVerdict } from '../analyze/types';
import { goworkSetting } from '../env/compute';
import type { GoEnv } from '../env/types';
import type { Resolution, View } from '../resolve/types';
import type { Range } from '../text/position';
import { viewInputDifferences } from './blame';
import { RESOLUTION_VARS } from './mismatch';
import type { Diagnostic, Fix, InputDifference } from './types';
import { innermost } from '../analyze/layout';

/** One line of env-diff: a variable (or the go binary, the go version) on both sides. */
export interface EnvRow {
  name: string;
  editor: string;
  terminal: string;
  differs: boolean;
}

/** The variables that can change how an import resolves, then the go binary and version. */
export function envDiffRows(editor: GoEnv, terminal: GoEnv): EnvRow[] {
  return [
    ...RESOLUTION_VARS.map((name) => ({ name, editor: editor.vars[name] ?? '', terminal: terminal.vars[name] ?? '' })),
    { name: 'go binary', editor: editor.goBinary ?? '(none)', terminal: terminal.goBinary ?? '(none)' },
    { name: 'go version', editor: editor.goVersion ?? '(none)', terminal: terminal.goVersion ?? '(none)' },
  ].map((r) => ({ ...r, differs: r.editor !== r.terminal }));
}

/** How one side runs go for the module. */
export interface SideSummary {
  goBinary?: string;
  goVersion?: string;
  /** The go.work in effect, absolute; undefined when none. */
  goWork?: string;
  /** How that go.work was chosen: the GOWORK setting, or discovery from a directory. */
  goWorkFrom: { kind: 'setting'; value: string } | { kind: 'discovered'; dir: string };
  /** module, workspace, vendor, gopath or no-module. */
  mode: string;
  /** Why -mod is what it is (go's wording), when it matters. */
  buildModReason: string;
  /** What stops go before any import loads (inconsistent vendoring, a bad go.mod). */
  errors: string[];
}

/** One input as blame.ts tries it, with the variables in it that differ. */
export interface InputGroup {
  input: string;
  differences: InputDifference[];
  /** The imports (in this module) whose verdict it flips. */
  flips: number;
}

export interface ImportDifference {
  file: string;
  range: Range;
  importPath: string;
  /** Which side fails; 'neither' when both resolve, to different places. */
  failing: 'editor' | 'terminal' | 'neither';
  editor: string;
  terminal: string;
  /** The inputs whose values, taken from the working side, make it resolve. */
  blamed: string[];
}

export interface EnvironmentComparison {
  folder: string;
  moduleDir: string;
  editor: SideSummary;
  /** Undefined when no terminal environment was compared. */
  terminal?: SideSummary;
  /** Set when the terminal has no go binary: imports are not compared one by one. */
  terminalHasNoGo?: boolean;
  /** env-diff's rows (every resolution variable, the go binary and version). */
  rows: EnvRow[];
  /** Inputs that flip at least one verdict. */
  blamed: InputGroup[];
  /** Inputs that differ without changing any verdict here. */
  listed: InputGroup[];
  imports: ImportDifference[];
  /** The fixes of the module's mismatch diagnostics, each once, in the order first offered. */
  fixes: Fix[];
}

/** The comparison for the module at (or holding) `dir`; undefined when the analysis has no editor
 * view there. `envs.editorEnv`, the editor's environment the analysis ran in, gives the variable
 * table the user's values (the editor's per-module views carry GOWORK=off by construction); the
 * terminal's is the module's view's own (it can differ per module directory). */
export function compareEnvironments(analysis: Analysis, dir: string, envs?: { editorEnv: GoEnv }): EnvironmentComparison | undefined {
  const editorViews = analysis.views.filter((v) => v.role === 'editor');
  const moduleDir = innermost(editorViews.map((v) => v.moduleDir), dir, (d) => d);
  if (moduleDir === undefined) return undefined;
  const ev = editorViews.find((v) => v.moduleDir === moduleDir)!.view;
  const tv = analysis.views.find((v) => v.role === 'terminal' && v.moduleDir === moduleDir)?.view;
  const allDirs = editorViews.map((v) => v.moduleDir);
  const inModule = (p: string) => innermost(allDirs, p, (d) => d) === moduleDir;
  const editor = summarize(ev, analysis.folder);
  if (!tv) return { folder: analysis.folder, moduleDir, editor, rows: [], blamed: [], listed: [], imports: [], fixes: [] };

  // Blamed diagnostics: the mismatches on imports, and the one on the module's cause where one
  // side fails the whole module (a standard library import then has no diagnostic of its own).
  const mismatches = analysis.diagnostics.filter((d) => d.blame && (d.code === 'editor-terminal-mismatch' || d.importPath === undefined) && inModule(path.dirname(d.file)));
  const moduleBlame = mismatches.find((d) => d.importPath === undefined);
  const diagnosticOf = (v: ImportVerdict) =>
    mismatches.find((d) => d.file === v.file && d.importPath === v.importPath && d.range.start.offset === v.range.start.offset) ??
    ([v.editor, v.terminal].some((r) => r && !r.ok && r.wholeView) ? moduleBlame : undefined);

  const imports: ImportDifference[] = [];
  const flips = new Map<string, number>();
  for (const v of analysis.imports) {
    if (!v.terminal || !inModule(v.packageDir)) continue;
    const differs = v.editor.ok !== v.terminal.ok || (v.editor.ok && v.terminal.ok && v.editor.dir !== v.terminal.dir);
    if (!differs) continue;
    const d = diagnosticOf(v);
    const blamedInputs = [...new Set((d?.blame?.blamed ?? []).map((b) => b.input))];
    for (const i of blamedInputs) flips.set(i, (flips.get(i) ?? 0) + 1);
    imports.push({
      file: v.file,
      range: v.range,
      importPath: v.importPath,
      failing: !v.editor.ok ? 'editor' : !v.terminal.ok ? 'terminal' : 'neither',
      editor: outcome(v.editor),
      terminal: outcome(v.terminal),
      blamed: blamedInputs,
    });
  }

  const groups = new Map<string, InputGroup>();
  for (const d of viewInputDifferences(ev, tv)) {
    let g = groups.get(d.input);
    if (!g) groups.set(d.input, (g = { input: d.input, differences: [], flips: flips.get(d.input) ?? 0 }));
    g.differences.push(d);
  }
  const all = [...groups.values()];
  return {
    folder: analysis.folder,
    moduleDir,
    editor,
    terminal: summarize(tv, moduleDir),
    terminalHasNoGo: !tv.env.goBinary || undefined,
    rows: envDiffRows(envs?.editorEnv ?? ev.env, tv.env),
    blamed: all.filter((g) => g.flips > 0),
    listed: all.filter((g) => g.flips === 0),
    imports,
    fixes: uniqueFixes(mismatches),
  };
}


function summarize(view: View, discoveredFrom: string): SideSummary {
  const setting = goworkSetting(view.env.processEnv);
  return {
    goBinary: view.env.goBinary,
    goVersion: view.env.goVersion,
    goWork: view.goWork?.file,
    goWorkFrom: setting ? { kind: 'setting', value: setting } : { kind: 'discovered', dir: discoveredFrom },
    mode: view.buildMod === 'vendor' ? 'vendor' : view.kind,
    buildModReason: view.buildModReason,
    errors: view.errors.map((e) => e.message),
  };
}

function outcome(r: Resolution): string {
  if (!r.ok) return `${r.code}: ${r.message}`;
  const where = r.module ? `${r.module.path}${r.module.version ? '@' + r.module.version : ''}` : r.via;
  return `resolves (${r.via}${where !== r.via ? ', ' + where : ''}) in ${r.dir}`;
}

function uniqueFixes(ds: Diagnostic[]): Fix[] {
  const seen = new Map<string, Fix>();
  for (const d of ds) {
    for (const f of d.fixes) {
      const key = JSON.stringify([f.title, f.edits?.map((e) => [e.file, e.edits.map((x) => x.newText)]), f.commands?.map((c) => [c.argv, c.cwd]), f.copyText]);
      if (!seen.has(key)) seen.set(key, f);
    }
  }
  return [...seen.values()];
}
