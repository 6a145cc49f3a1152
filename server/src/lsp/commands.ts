// workspace/executeCommand: fixes that run go commands, and the palette commands. Every go command
// goes through runGo (no shell, time limit, cancellation), shows progress, logs its output, asks
// first when it deletes or rewrites, and is refused in an untrusted workspace.

import { downloadsOff } from '../env/proxy';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CancellationToken, Connection } from 'vscode-languageserver/node';
import { folderLayout } from '../analyze/layout';
import { compareEnvironments as compareModule } from '../diagnose/compare';
import type { Fix, GoCommand } from '../diagnose/types';
import { clearTerminalEnvCache } from '../env/terminal';
import { goModDownload, goModTidy, goWorkUse } from '../fix/commands';
import { relDir } from '../fix/wiring';
import type { FileSystem } from '../fsys/fsys';
import { describeGoFailure, goFailureReason, runGo } from '../gocmd/run';
import { parseGoWork } from '../parse';
import { addUse, formatNewGoWork } from '../parse/edit';
import { applyEdits } from '../text/edit';
import { LineIndex } from '../text/position';
import { editedFiles, pathToUri, toWorkspaceEdit, uriToPath } from './convert';
import { comparisonMarkdown } from './compare';
import type { Environments } from './env';
import { explainText, verdictAt } from './explain';
import type { FolderState } from './folder';
import { object, optionalBoolean, optionalString, optionalStrings, position, string, textDocument } from './params';
import { CommandFailedNotification, SaveFilesRequest, ServerCommands, type CommandFailedParams } from './protocol';
import type {
  ClearModuleCacheArgs,
  CommandResult,
  CompareEnvironmentsArgs,
  CompareEnvironmentsResult,
  ExplainImportArgs,
  GenerateGoWorkArgs,
  GenerateGoWorkResult,
  RunFixArgs,
  RunGoModTidyArgs,
} from './protocol';

export interface CommandHost {
  connection: Connection;
  fs: FileSystem;
  folders(): FolderState[];
  trusted(): boolean;
  /** The environments of the workspace folder at `dir` (default: the first folder's). */
  environments(dir?: string): Promise<Environments>;
  documentChanges: boolean;
  workDoneProgress: boolean;
}

/** Go commands are limited to five minutes (a download can be slow); the user can cancel. */
const COMMAND_TIMEOUT_MS = 300_000;

/** Runs a command of ServerCommands. Its arguments are checked first (InvalidParams when they do
 * not have the protocol's shape), and no argv, go binary or path outside the workspace folders is
 * ever taken from them: runFix names a fix the server planned, the others a workspace folder or a
 * file in one. */
export async function executeCommand(host: CommandHost, command: string, args: unknown[], token: CancellationToken): Promise<unknown> {
  const arg = (name: string) => (args[0] === undefined || args[0] === null ? {} : object(args[0], `the arguments of ${name}`));
  switch (command) {
    case ServerCommands.runFix: {
      const a = arg('runFix');
      return runFix(host, { folderUri: string(a.folderUri, 'folderUri'), fixId: string(a.fixId, 'fixId') }, token);
    }
    case ServerCommands.generateGoWork: {
      const a = arg('generateGoWork');
      return generateGoWork(host, { folderUri: string(a.folderUri, 'folderUri'), dryRun: optionalBoolean(a.dryRun, 'dryRun'), use: optionalStrings(a.use, 'use') }, token);
    }
    case ServerCommands.clearModuleCache:
      return clearModuleCache(host, { folderUri: optionalString(arg('clearModuleCache').folderUri, 'folderUri') }, token);
    case ServerCommands.runGoModTidy:
      return runGoModTidy(host, { uri: string(arg('runGoModTidy').uri, 'uri') }, token);
    case ServerCommands.explainImport: {
      const a = arg('explainImport');
      return explainImport(host, { textDocument: textDocument(a.textDocument, 'textDocument'), position: position(a.position, 'position') });
    }
    case ServerCommands.refreshTerminalEnv:
      return refreshTerminalEnv(host);
    case ServerCommands.compareEnvironments: {
      const a = arg('compareEnvironments');
      return compareEnvironments(host, { uri: optionalString(a.uri, 'uri'), folderUri: optionalString(a.folderUri, 'folderUri') });
    }
    default:
      return { ok: false, message: `unknown command ${command}` } satisfies CommandResult;
  }
}

function refused(host: CommandHost, what: string): CommandResult {
  const message = `This workspace is not trusted, so Go Module Doctor runs no go command here (${what}). Trust the workspace to allow it.`;
  void host.connection.window.showWarningMessage(message);
  return { ok: false, message };
}

async function confirm(host: CommandHost, message: string): Promise<boolean> {
  const answer = await host.connection.window.showWarningMessage(message, { title: 'Continue' }, { title: 'Cancel' });
  return answer?.title === 'Continue';
}

function folderFor(host: CommandHost, p: string): FolderState | undefined {
  return host
    .folders()
    .filter((f) => f.contains(p))
    .sort((a, b) => b.dir.length - a.dir.length)[0];
}

/** The workspace folder a URI names (none for any other directory); without one, the first. */
function folderByUri(host: CommandHost, uri: string | undefined): FolderState | undefined {
  const all = host.folders();
  if (uri === undefined) return all[0];
  const dir = uriToPath(uri);
  return all.find((f) => f.dir === dir);
}

async function refreshAll(host: CommandHost): Promise<void> {
  await Promise.all(host.folders().map((f) => f.refresh()));
}

/** The confirmation question for a destructive fix. */
export async function destructiveQuestion(fix: Fix, env: Environments): Promise<string> {
  const argvs = (fix.commands ?? []).map((c) => c.argv.join(' '));
  if (argvs.some((a) => a.includes('clean -modcache'))) return modcacheQuestion(env);
  if (argvs.some((a) => a.includes('mod tidy'))) return 'go mod tidy rewrites go.mod and go.sum. Continue?';
  return `"${fix.title}" changes more than the line it fixes. Continue?`;
}

/** A fix that writes outside the folder (a parent go.work, a linked go.mod) asks first. */
function outsideQuestion(fix: Fix): string {
  return `This writes ${fix.outside!.join(', ')}, outside the workspace folder. Continue?`;
}

function modcacheQuestion(env: Environments): string {
  const dir = env.editorEnv.gomodcache;
  const size = dirSize(dir);
  const offline = downloadsOff(env.editorEnv.goproxy) ? ' GOPROXY=off: nothing can be downloaded again, so every import from a module will stay broken.' : '';
  return `This deletes the module cache at ${dir} (${size.complete ? '' : 'over '}${formatBytes(size.bytes)}).${offline} Continue?`;
}

/** 0 B, 312 KB, 4.2 MB, 1.3 GB: a small cache is not "0 MB". */
function formatBytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${i === 0 || n >= 10 ? Math.round(n) : n.toFixed(1)} ${units[i]}`;
}

/** Total size of a tree, giving up (complete: false) after a bounded number of entries. */
export function dirSize(dir: string, maxEntries = 200_000): { bytes: number; complete: boolean } {
  let bytes = 0;
  let entries = 0;
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop()!;
    let names: fs.Dirent[];
    try {
      names = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const n of names) {
      if (++entries > maxEntries) return { bytes, complete: false };
      const p = path.join(d, n.name);
      if (n.isDirectory()) stack.push(p);
      else {
        try {
          bytes += fs.lstatSync(p).size;
        } catch {
          /* vanished */
        }
      }
    }
  }
  return { bytes, complete: true };
}

/** Runs go commands in order under one progress notification; stops at the first failure. */
async function runCommands(host: CommandHost, title: string, commands: GoCommand[], env: Environments, token: CancellationToken): Promise<CommandResult> {
  const controller = new AbortController();
  const sub = token.onCancellationRequested(() => controller.abort());
  const progress = host.workDoneProgress ? await host.connection.window.createWorkDoneProgress() : undefined;
  const psub = progress?.token.onCancellationRequested(() => controller.abort());
  progress?.begin(title, undefined, undefined, true);
  const log = (s: string) => host.connection.console.log(s);
  try {
    for (const cmd of commands) {
      const [bin, ...args] = cmd.argv;
      const line = cmd.argv.join(' ');
      // Only go runs, and only the editor's go binary: every command the engine plans is one.
      if (bin !== 'go') return { ok: false, message: `${title}: not a go command: ${line}` };
      progress?.report(line);
      log(`$ ${line}   (in ${cmd.cwd})`);
      const r = await runGo(args, {
        cwd: cmd.cwd,
        env: { ...env.editorEnv.processEnv, ...cmd.env },
        goBinary: env.editorEnv.goBinary,
        timeoutMs: COMMAND_TIMEOUT_MS,
        signal: controller.signal,
        onOutput: (chunk) => log(chunk.replace(/\n$/, '')),
      });
      if (r.exitCode !== 0) {
        const message = describeGoFailure(r) + (r.spawnError ? ' (set goModuleDoctor.goPath to the go binary)' : '');
        log(message);
        if (!r.cancelled) void host.connection.sendNotification(CommandFailedNotification.method, { title, command: line, reason: goFailureReason(r) } satisfies CommandFailedParams);
        return { ok: false, message };
      }
    }
    return { ok: true, message: `${title}: done` };
  } finally {
    sub.dispose();
    psub?.dispose();
    progress?.done();
  }
}

/** A fix the server planned for the folder, named by its id: what it runs and edits, and whether
 * it asks first, are the server's own. */
async function runFix(host: CommandHost, args: RunFixArgs, token: CancellationToken): Promise<CommandResult> {
  const folder = folderByUri(host, args.folderUri);
  const fix = folder?.fixes.get(args.fixId);
  if (!folder || !fix) {
    // Said, not only answered: a quick fix's command result is shown nowhere.
    const message = folder ? 'That fix is gone: the files changed since it was offered. Try the quick fixes again.' : `${args.folderUri} is not a workspace folder.`;
    void host.connection.window.showWarningMessage(message);
    return { ok: false, message };
  }
  const hasCommands = (fix.commands?.length ?? 0) > 0;
  if (hasCommands && !host.trusted()) return refused(host, fix.title);
  const env = await host.environments(folder.dir);
  if (fix.destructive && !(await confirm(host, await destructiveQuestion(fix, env)))) return { ok: false, message: 'cancelled' };
  if (fix.outside?.length && !(await confirm(host, outsideQuestion(fix)))) return { ok: false, message: 'cancelled' };
  if (fix.edits?.length) {
    const edit = toWorkspaceEdit(fix, host.documentChanges);
    if (!edit) return { ok: false, message: 'the editor cannot create files through workspace edits' };
    const r = await host.connection.workspace.applyEdit({ label: fix.title, edit });
    if (!r.applied) return { ok: false, message: `the editor did not apply the edit${r.failureReason ? ': ' + r.failureReason : ''}` };
    // Saved before any go command reads the disk, and so that a terminal agrees at once.
    await host.connection.sendRequest(SaveFilesRequest.method, { uris: editedFiles(fix).map(pathToUri) }).catch(() => undefined);
  }
  let result: CommandResult = { ok: true, message: `${fix.title}: done` };
  if (hasCommands) result = await runCommands(host, fix.title, fix.commands!, env, token);
  await folder.refresh();
  return result;
}

/** The modules under the folder and the go.work at its root. */
function goWorkPlan(host: CommandHost, folder: FolderState): GenerateGoWorkResult & { text?: string } {
  const goWork = path.join(folder.dir, 'go.work');
  const text = host.fs.readText(goWork);
  const moduleDirs = folderLayout(folder.dir, host.fs).modules.map((m) => m.root);
  const used = new Set<string>();
  if (text !== undefined) for (const u of parseGoWork(text, goWork).use) used.add(path.resolve(folder.dir, u.path));
  const missing = moduleDirs.filter((d) => !used.has(d)).map((d) => relDir(folder.dir, d));
  return { goWork, exists: text !== undefined, missing, text };
}

async function generateGoWork(host: CommandHost, args: GenerateGoWorkArgs, token: CancellationToken): Promise<GenerateGoWorkResult | CommandResult> {
  const folder = folderByUri(host, args.folderUri);
  if (!folder) return { ok: false, message: 'no workspace folder' };
  const plan = goWorkPlan(host, folder);
  const { text, ...result } = plan;
  if (args.dryRun) return result;
  // Only directories the plan found: the client sends back a subset of `missing`.
  const dirs = (args.use ?? plan.missing).filter((d) => plan.missing.includes(d));
  if (dirs.length === 0) return { ...result, done: `${plan.exists ? 'go.work already uses' : 'there is no'} module to add` };

  if (text !== undefined) {
    // Present: add the use lines as one undoable edit of the file as the editor has it.
    let next = text;
    for (const d of dirs) next = applyEdits(next, addUse(parseGoWork(next, plan.goWork), d));
    const fix: Fix = { title: 'Generate go.work', destructive: false, edits: [{ file: plan.goWork, edits: [{ range: new LineIndex(text).range(0, text.length), newText: next }] }] };
    const r = await host.connection.workspace.applyEdit({ label: `Add ${dirs.length} use line(s) to go.work`, edit: toWorkspaceEdit(fix, host.documentChanges)! });
    await folder.refresh();
    return { ...result, done: r.applied ? `added ${dirs.join(', ')} to go.work` : 'the editor did not apply the edit' };
  }
  if (!host.trusted()) {
    // Untrusted: no go command, so write the file the way `go work init` + `go work use` would.
    const env = await host.environments(folder.dir);
    const newText = formatNewGoWork(env.editorEnv.goVersion ?? '1.22.0', dirs);
    const fix: Fix = { title: 'Generate go.work', destructive: false, edits: [{ file: plan.goWork, create: true, edits: [{ range: new LineIndex('').range(0, 0), newText }] }] };
    const edit = toWorkspaceEdit(fix, host.documentChanges);
    const r = edit ? await host.connection.workspace.applyEdit({ label: 'Generate go.work', edit }) : { applied: false };
    await folder.refresh();
    return { ...result, done: r.applied ? `created go.work using ${dirs.join(', ')}` : 'the editor did not create go.work' };
  }
  const env = await host.environments(folder.dir);
  const r = await runCommands(host, 'Generate go.work', [{ argv: ['go', 'work', 'init'], cwd: folder.dir }, goWorkUse(folder.dir, dirs)], env, token);
  await folder.refresh();
  return { ...result, done: r.ok ? `created go.work using ${dirs.join(', ')}` : r.message };
}

async function clearModuleCache(host: CommandHost, args: ClearModuleCacheArgs, token: CancellationToken): Promise<CommandResult> {
  if (!host.trusted()) return refused(host, 'go clean -modcache');
  const folder = folderByUri(host, args.folderUri);
  if (args.folderUri !== undefined && !folder) return { ok: false, message: `${args.folderUri} is not a workspace folder` };
  const env = await host.environments(folder?.dir);
  if (!(await confirm(host, modcacheQuestion(env)))) return { ok: false, message: 'cancelled' };
  const cwd = folder?.dir ?? env.editorEnv.processEnv.HOME ?? process.cwd();
  const r = await runCommands(host, 'Clear module cache', [{ argv: ['go', 'clean', '-modcache'], cwd }], env, token);
  if (!r.ok) return r;
  // The folder's modules, downloaded again when the user says so and go can.
  const modules = [...new Set(folder?.analysis?.views.filter((v) => v.role === 'editor' && v.view.kind === 'module').map((v) => v.moduleDir) ?? [])];
  if (modules.length && !downloadsOff(env.editorEnv.goproxy)) {
    const again = await host.connection.window.showInformationMessage(
      `The module cache is empty. Download the modules of ${modules.length === 1 ? path.basename(modules[0]!) : `${modules.length} modules`} again (go mod download)?`,
      { title: 'Download' },
      { title: 'Not now' },
    );
    if (again?.title === 'Download') {
      const d = await runCommands(host, 'Download modules again', modules.map((m) => goModDownload(m)), env, token);
      await refreshAll(host);
      return d.ok ? { ok: true, message: 'Cleared the module cache and downloaded the modules again' } : d;
    }
  }
  await refreshAll(host);
  return r;
}

function moduleRootOf(fsys: FileSystem, file: string): string | undefined {
  for (let d = path.dirname(file); ; d = path.dirname(d)) {
    if (fsys.stat(path.join(d, 'go.mod'))?.isFile) return d;
    if (path.dirname(d) === d) return undefined;
  }
}

/** go mod tidy in the module of a file in a workspace folder: a module inside the folder, or the
 * one above it that the folder's analysis has as a module. */
async function runGoModTidy(host: CommandHost, args: RunGoModTidyArgs, token: CancellationToken): Promise<CommandResult> {
  const file = uriToPath(args.uri);
  const folder = file === undefined ? undefined : folderFor(host, file);
  if (!file || !folder) return { ok: false, message: `${file ?? args.uri} is in no workspace folder` };
  const root = moduleRootOf(host.fs, file);
  if (!root) return { ok: false, message: 'no go.mod above this file' };
  if (!folder.contains(root) && !folder.analysis?.views.some((v) => v.moduleDir === root)) return { ok: false, message: `${root} is not a module of the workspace folder ${folder.dir}` };
  if (!host.trusted()) return refused(host, 'go mod tidy');
  if (!(await confirm(host, 'go mod tidy rewrites go.mod and go.sum. Continue?'))) return { ok: false, message: 'cancelled' };
  const env = await host.environments(folder.dir);
  const r = await runCommands(host, `go mod tidy in ${root}`, [goModTidy(root)], env, token);
  await refreshAll(host);
  return r;
}

async function explainImport(host: CommandHost, args: ExplainImportArgs): Promise<CommandResult> {
  const file = args.textDocument?.uri ? uriToPath(args.textDocument.uri) : undefined;
  if (!file || !args.position) return { ok: false, message: 'explainImport needs a file and a position' };
  const folder = folderFor(host, file);
  const verdict = folder?.analysis ? verdictAt(folder.analysis, file, args.position) : undefined;
  if (!folder || !verdict) return { ok: false, message: `No import at ${path.basename(file)}:${args.position.line + 1}:${args.position.character + 1}.` };
  return { ok: true, message: explainText(verdict, folder.dir) };
}

/** Forgets the terminal environment captured from the login shell (the user changed a profile).
 * The client then reports a configuration change, on which the server loads its environments
 * again, capturing anew, and re-analyses every folder. */
function refreshTerminalEnv(host: CommandHost): CommandResult {
  if (!host.trusted()) {
    const message = "This workspace is not trusted, so Go Module Doctor runs no login shell here to read the terminal's environment. Trust the workspace to allow it.";
    void host.connection.window.showWarningMessage(message);
    return { ok: false, message };
  }
  clearTerminalEnvCache();
  return { ok: true, message: "The terminal's environment will be read again from your login shell." };
}

/** The editor's and the terminal's views of one module, as a Markdown report with the fixes that
 * align them. Waits for the folder's first analysis when there is none yet. */
async function compareEnvironments(host: CommandHost, args: CompareEnvironmentsArgs): Promise<CompareEnvironmentsResult> {
  const none = { terminalCompared: false, mismatch: false, blamed: [], fixes: [], fixIds: [] };
  const target = args.uri ? uriToPath(args.uri) : undefined;
  const folder = target ? folderFor(host, target) : folderByUri(host, args.folderUri);
  if (!folder) return { ok: false, message: target ? `${target} is in no workspace folder.` : 'No workspace folder to compare.', ...none };
  if (!folder.analysis) await folder.refresh();
  const analysis = folder.analysis;
  if (!analysis) return { ok: false, message: `${folder.dir} has no Go module to compare.`, ...none };
  const moduleDirs = analysis.views.filter((v) => v.role === 'editor').map((v) => v.moduleDir);
  const dir = target ?? (moduleDirs.length === 1 ? moduleDirs[0]! : undefined);
  if (dir === undefined) return { ok: false, message: `${folder.dir} has ${moduleDirs.length} modules: name one (its directory or a file in it).`, ...none };
  const env = await host.environments(folder.dir);
  const c = compareModule(analysis, dir, env);
  if (!c) return { ok: false, message: `${path.relative(folder.dir, dir) || dir} is in no analysed module.`, ...none };
  const markdown = comparisonMarkdown(c, { value: env.terminalSetting, warnings: env.warnings.filter((w) => /terminal/i.test(w)), noGo: env.terminalEnv !== undefined && !env.terminalEnv.goBinary });
  const blamed = [...new Set(c.blamed.flatMap((g) => g.differences.map((d) => d.name)))];
  const mismatch = c.imports.some((i) => i.failing !== 'neither');
  const message = !c.terminal
    ? "The terminal's environment is not compared (goModuleDoctor.terminalEnv)."
    : mismatch
      ? `The editor and the terminal disagree on ${c.imports.filter((i) => i.failing !== 'neither').length} import(s)${blamed.length ? `: ${blamed.join(', ')} decides it` : ''}.`
      : 'The editor and the terminal resolve every import the same way.';
  // Named in the folder's table, like its diagnostics' fixes: runFix takes them by id.
  const fixIds = c.fixes.map((f) => folder.fixes.idOf(f));
  return { ok: true, message, moduleDir: c.moduleDir, folderUri: folder.uri, markdown, terminalCompared: c.terminal !== undefined, mismatch, blamed, fixes: c.fixes, fixIds };
}
