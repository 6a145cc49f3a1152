// Fixes for editor-terminal-mismatch, per blamed input: align the editor with the terminal (the
// workspace's .vscode/settings.json: go.toolsEnvVars and gopls build.env), align the terminal with
// the editor (a command to copy — a terminal's environment is the user's shell, never changed
// silently), or remove the cause (go mod vendor, a go.work use line, a replace).

import * as path from 'node:path';
import type { ImportVerdict } from '../analyze/types';
import type { LocalModule } from '../analyze/local-modules';
import { localModuleProviding } from '../analyze/local-modules';
import type { FileSystem } from '../fsys/fsys';
import type { GoEnv } from '../env/types';
import { loadLayers } from '../env/compute';
import { BUILD_FLAGS_INPUT, moduleOf, NO_GO_WORK } from '../diagnose/blame';
import type { Fix, InputDifference, MismatchBlame } from '../diagnose/types';
import type { View } from '../resolve/types';
import { LineIndex, fileStartRange } from '../text/position';
import { vendorCommand } from './commands';
import { addUseFix, replaceLocalFix } from './wiring';
import { mainModuleAt } from '../resolve/main-modules';

export interface MismatchFixContext {
  folder: string;
  mods: readonly LocalModule[];
  fs: FileSystem;
}

/** Names that are Go variables (the go.work in effect and the go version are not settable so). */
const VARIABLE_NAME = /^[A-Z][A-Z0-9_]*$/;

export function mismatchFixes(v: ImportVerdict, blame: MismatchBlame, editor: View, terminal: View, ctx: MismatchFixContext): Fix[] {
  const vars = blame.blamed.map(asVariable).filter((d) => VARIABLE_NAME.test(d.name));
  const buildFlags = blame.blamed.find((d) => d.input === BUILD_FLAGS_INPUT);
  // Aligning the failing side makes the import resolve; aligning the working side only makes the
  // two agree (both fail), so it comes last.
  const editorFails = blame.failing === 'editor';
  const alignEditor = alignEditorFix(vars, buildFlags, ctx, !editorFails);
  const alignTerminal = alignTerminalFix(vars, terminal.env, editorFails);
  const bad = editorFails ? editor : terminal;
  const fixes = (editorFails ? [alignEditor, ...removeCauseFixes(v, blame, bad, ctx), alignTerminal] : [...removeCauseFixes(v, blame, bad, ctx), alignTerminal, alignEditor]).filter(
    (f): f is Fix => f !== undefined,
  );
  // One click (and the CLI's fix) takes the first fix: only when it changes something itself.
  if (fixes[0] && (fixes[0].edits?.length || fixes[0].commands?.length)) fixes[0] = { ...fixes[0], preferred: true };
  return fixes;
}

/** A go.work found from different directories is set the same way on both sides with GOWORK. */
function asVariable(d: InputDifference): InputDifference {
  if (d.name !== 'go.work') return d;
  const setting = (file: string) => (file === NO_GO_WORK ? 'off' : file);
  return { ...d, name: 'GOWORK', editor: setting(d.editor), terminal: setting(d.terminal) };
}

/** The editor takes the terminal's values; `breaksImport` when the editor is the working side.
 * The server reads these settings back, so the editor's view changes once the edit is saved. */
function alignEditorFix(diffs: InputDifference[], buildFlags: InputDifference | undefined, ctx: MismatchFixContext, breaksImport: boolean): Fix | undefined {
  if (diffs.length === 0 && !buildFlags) return undefined;
  const consequence = breaksImport ? ', so it shows the failure the terminal has' : '';
  const values = Object.fromEntries(diffs.map((d) => [d.name, d.terminal]));
  // The terminal runs go without the editor's command-line flags.
  const flags = buildFlags ? buildFlags.terminal.split(' ').filter((f) => f !== '') : undefined;
  const what = [...diffs.map((d) => (d.terminal ? `${d.name}=${d.terminal}` : `no ${d.name}`)), ...(flags ? [flags.length ? `build flags ${flags.join(' ')}` : 'no build flags'] : [])].join(', ');
  return editorSettingsFix(values, flags, ctx, `Make the editor use ${what} like the terminal${consequence}`);
}

/** The edit of .vscode/settings.json that gives the editor these Go variables (go.toolsEnvVars and
 * gopls build.env) and build flags (gopls build.buildFlags), keeping the rest of the file; or, when
 * the file is not plain JSON, the settings to add by hand. The server reads these settings back, so
 * the editor's view changes once the edit is saved. */
export function editorSettingsFix(values: Record<string, string>, flags: string[] | undefined, ctx: { folder: string; fs: FileSystem }, title: string): Fix {
  const file = path.join(ctx.folder, '.vscode', 'settings.json');
  const where = [Object.keys(values).length ? 'go.toolsEnvVars and gopls build.env' : '', flags ? 'gopls build.buildFlags' : ''].filter(Boolean).join(', ');
  const text = ctx.fs.readText(file);
  const settings = text === undefined ? {} : parseJsonObject(text);
  if (settings === undefined) {
    return {
      title: `${title}: .vscode/settings.json has comments or trailing commas this fix cannot keep, so add ${where} by hand`,
      destructive: false,
      copyText: JSON.stringify(withGoEnv({}, values, flags), null, 2),
    };
  }
  const newText = JSON.stringify(withGoEnv(settings, values, flags), null, indentOf(text)) + '\n';
  const range = text === undefined ? fileStartRange() : new LineIndex(text).range(0, text.length);
  return {
    title: `${title} (${where} in .vscode/settings.json)`,
    destructive: false,
    edits: [{ file, create: text === undefined, edits: [{ range, newText }] }],
  };
}

/** settings with go.toolsEnvVars and gopls build.env set to `values` (and gopls
 * build.buildFlags to `buildFlags`). An empty value removes an override the settings have; without
 * one it is written as "", which hides the variable the editor inherited from its own
 * environment. */
function withGoEnv(settings: Record<string, unknown>, values: Record<string, string>, buildFlags?: string[]): Record<string, unknown> {
  const out = { ...settings };
  const gopls = { ...asObject(settings.gopls) };
  if (Object.keys(values).length > 0) {
    out['go.toolsEnvVars'] = withValues(asObject(settings['go.toolsEnvVars']), values);
    gopls['build.env'] = withValues(asObject(gopls['build.env']), values);
  }
  if (buildFlags) gopls['build.buildFlags'] = buildFlags;
  out.gopls = gopls;
  return out;
}

function withValues(obj: Record<string, unknown>, values: Record<string, string>): Record<string, unknown> {
  const out = { ...obj };
  for (const [k, v] of Object.entries(values)) {
    if (v || !(k in out)) out[k] = v;
    else delete out[k];
  }
  return out;
}

function asObject(x: unknown): Record<string, unknown> {
  return x && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : {};
}

/** The file as a JSON object, undefined when it is not plain JSON (VS Code allows comments). */
function parseJsonObject(text: string): Record<string, unknown> | undefined {
  if (text.trim() === '') return {};
  try {
    const x = JSON.parse(text) as unknown;
    return x && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function indentOf(text: string | undefined): number | string {
  const m = text ? /\n([ \t]+)"/.exec(text) : null;
  return m ? (m[1]!.includes('\t') ? '\t' : m[1]!.length) : 2;
}

/** The shell lines that give the terminal the editor's values (copy-only); `breaksImport` when
 * the terminal is the working side. */
function alignTerminalFix(diffs: InputDifference[], terminalEnv: GoEnv, breaksImport: boolean): Fix | undefined {
  if (diffs.length === 0) return undefined;
  const userFile = loadLayers(terminalEnv.processEnv, terminalEnv.goroot).userFile;
  const lines = diffs.map((d) => terminalCommand(d, terminalEnv, userFile));
  const copyText = lines.join('\n');
  const consequence = breaksImport ? ' (the import then fails there too, as in the editor)' : '';
  return { title: `In the terminal, run: ${lines.join('; ')}${consequence}`, destructive: false, copyText };
}

function terminalCommand(d: InputDifference, env: GoEnv, userFile: Record<string, string>): string {
  const fromProcess = (env.processEnv[d.name] ?? '') !== '';
  if (!d.editor) return fromProcess ? `unset ${d.name}` : userFile[d.name] ? `go env -u ${d.name}` : `export ${d.name}=`;
  // A value from the go env file is changed there; otherwise in the shell (and its profile).
  return !fromProcess && userFile[d.name] ? `go env -w ${d.name}=${shellQuote(d.editor)}` : `export ${d.name}=${shellQuote(d.editor)}`;
}

function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Changes to the project that make the failing view work without touching either environment. */
function removeCauseFixes(v: ImportVerdict, blame: MismatchBlame, bad: View, ctx: MismatchFixContext): (Fix | undefined)[] {
  const out: (Fix | undefined)[] = [];
  const blamed = new Set(blame.blamed.map((d) => d.name));
  const mod = moduleOf(ctx.mods, v.packageDir);
  if (blamed.has('GOFLAGS') && bad.env.flags.mod === 'vendor' && mod && !ctx.fs.stat(path.join(mod.root, 'vendor'))?.isDir) {
    const v = vendorCommand(bad.goWork?.file, mod.root);
    out.push({ title: `Create the vendor directory GOFLAGS=-mod=vendor asks for: ${v.text} (writes ${path.relative(ctx.folder, v.vendorDir) || 'vendor'}/)`, destructive: false, commands: [v.command] });
  }
  if (blamed.has('GOWORK') || blamed.has('go.work')) {
    if (bad.goWork && mod && !mainModuleAt(bad, mod.root)) out.push(addUseFix(bad, mod.root, mod.path));
    const local = localModuleProviding(ctx.mods, v.importPath);
    if (!bad.goWork && local && local !== mod && !mainModuleAt(bad, local.root)) {
      const broken = { ok: false as const, importPath: v.importPath, code: 'no-required-module' as const, headline: '', message: '', evidence: [] };
      out.push(replaceLocalFix({ verdict: v, broken, view: bad, folder: ctx.folder, mods: [...ctx.mods], importsUnder: () => [], fs: ctx.fs }, local));
    }
  }
  return out;
}
