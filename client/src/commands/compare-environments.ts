// Go Module Doctor: Compare Editor and Terminal — the server's report on how the editor's and the
// terminal's views of a module differ (go binary, go.work, the inputs that flip verdicts, the
// imports that differ, the fixes), shown as a read-only Markdown document beside the editor; a
// notification then offers the fixes. The module is the active file's, else the user's pick.

import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { InternalClientCommands, ServerCommands } from '../../../server/src/lsp/protocol';
import type { CommandResult, CompareEnvironmentsArgs, CompareEnvironmentsResult, RunFixArgs } from '../../../server/src/lsp/protocol';
import type { Fix } from '../../../server/src/diagnose/types';
import type { ResolutionStatus } from '../status';
import { pickFolder, report, serverCommand } from './server-command';

/** The scheme of our read-only reports. */
export const REPORT_SCHEME = 'go-module-doctor-report';
const APPLY = 'Apply a fix…';

/** The reports' text, by URI; documents on our scheme are read-only. */
export class ReportProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  set(uri: vscode.Uri, text: string): void {
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export const reports = new ReportProvider();

export async function compareEnvironments(client: LanguageClient, status: ResolutionStatus): Promise<CompareEnvironmentsResult | undefined> {
  const args = await target(client, status);
  if (!args) return undefined;
  const result = await serverCommand<CompareEnvironmentsResult>(client, ServerCommands.compareEnvironments, args);
  if (!result) return undefined;
  if (!result.ok || !result.markdown) {
    void vscode.window.showInformationMessage(result.message);
    return result;
  }
  const uri = reportUri(result.moduleDir ?? 'workspace');
  reports.set(uri, result.markdown);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
  if (result.fixes.length) void offerFixes(client, result, args, uri);
  else if (!result.terminalCompared) void vscode.window.showInformationMessage(`${result.message} The report says how to turn it on.`);
  return result;
}

/** One report per module: running the command again replaces its text. */
function reportUri(moduleDir: string): vscode.Uri {
  return vscode.Uri.from({ scheme: REPORT_SCHEME, path: `/Editor and terminal - ${path.basename(moduleDir)}.md`, query: moduleDir });
}

/** The active file's module, else a module of the picked folder. */
async function target(client: LanguageClient, status: ResolutionStatus): Promise<CompareEnvironmentsArgs | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active?.scheme === 'file' && vscode.workspace.getWorkspaceFolder(active)) return { uri: client.code2ProtocolConverter.asUri(active) };
  const folder = await pickFolder();
  if (!folder) return undefined;
  const root = folder.uri.fsPath;
  const modules = status.modules().filter((m) => m.dir === root || m.dir.startsWith(root + path.sep));
  if (modules.length <= 1) {
    const dir = modules[0]?.dir;
    return dir ? { uri: client.code2ProtocolConverter.asUri(vscode.Uri.file(dir)) } : { folderUri: client.code2ProtocolConverter.asUri(folder.uri) };
  }
  // The modules where the two disagree first.
  const items = [...modules]
    .sort((a, b) => Number(b.mismatch) - Number(a.mismatch) || a.dir.localeCompare(b.dir))
    .map((m) => ({
      label: `${m.mismatch ? '$(warning) ' : ''}${path.relative(root, m.dir) || '.'}`,
      description: m.mismatch ? `editor and terminal differ${m.mismatchInputs?.length ? ': ' + m.mismatchInputs.join(', ') : ''}` : m.mode,
      dir: m.dir,
    }));
  const picked = await vscode.window.showQuickPick(items, { title: 'Compare Editor and Terminal', placeHolder: 'Which module?' });
  return picked ? { uri: client.code2ProtocolConverter.asUri(vscode.Uri.file(picked.dir)) } : undefined;
}

/** A notification with the fixes behind one button (a report is read-only; it lists them). */
async function offerFixes(client: LanguageClient, result: CompareEnvironmentsResult, args: CompareEnvironmentsArgs, uri: vscode.Uri): Promise<void> {
  if ((await vscode.window.showInformationMessage(result.message, APPLY)) !== APPLY) return;
  const picked = await vscode.window.showQuickPick(
    result.fixes.map((fix, i) => ({ label: fix.title, description: fixKind(fix), fix, fixId: result.fixIds[i]! })),
    { title: 'Align the editor and the terminal', placeHolder: 'The fix to apply', matchOnDescription: true },
  );
  if (!picked) return;
  const { fix, fixId } = picked;
  if (!fix.edits?.length && !fix.commands?.length) {
    if (fix.copyText) await vscode.commands.executeCommand(InternalClientCommands.copyText, fix.copyText);
    return;
  }
  // By id: the server runs only the fixes it planned.
  const done = await serverCommand<CommandResult>(client, ServerCommands.runFix, { folderUri: result.folderUri!, fixId } satisfies RunFixArgs);
  report(done);
  // The server re-analysed before answering: the report shows what is left.
  const again = await serverCommand<CompareEnvironmentsResult>(client, ServerCommands.compareEnvironments, args);
  if (again?.ok && again.markdown) reports.set(uri, again.markdown);
}

function fixKind(fix: Fix): string {
  if (fix.commands?.length) return `runs ${fix.commands.map((c) => c.argv.join(' ')).join('; ')}`;
  if (fix.edits?.length) return `edits ${fix.edits.map((e) => path.basename(e.file)).join(', ')}`;
  return 'copies a command for your terminal';
}
