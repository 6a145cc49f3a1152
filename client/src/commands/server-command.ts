// Asking the server to run one of its commands (workspace/executeCommand), with errors shown.

import * as vscode from 'vscode';
import { ExecuteCommandRequest } from 'vscode-languageclient/node';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { CommandResult } from '../../../server/src/lsp/protocol';

export async function serverCommand<T = CommandResult>(client: LanguageClient, command: string, arg: unknown): Promise<T | undefined> {
  try {
    return (await client.sendRequest(ExecuteCommandRequest.type, { command, arguments: [arg] })) as T;
  } catch (e) {
    void vscode.window.showErrorMessage(`Go Module Doctor: ${command} failed: ${(e as Error).message}`);
    return undefined;
  }
}

/** The workspace folder of the active editor, or the only one, or the user's pick. */
export async function pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const active = vscode.window.activeTextEditor?.document.uri;
  const ofActive = active ? vscode.workspace.getWorkspaceFolder(active) : undefined;
  if (ofActive) return ofActive;
  if (folders.length <= 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Which folder?' });
}

/** Shows a command's one-line result (errors and refusals are shown by the server itself). */
export function report(result: CommandResult | undefined): void {
  if (result?.ok) void vscode.window.showInformationMessage(result.message);
}
