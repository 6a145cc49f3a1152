// Go Module Doctor: Explain import — the resolution trace of the import under the cursor, in a
// read-only Markdown document beside the editor.

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ServerCommands } from '../../../server/src/lsp/protocol';
import type { CommandResult, ExplainImportArgs } from '../../../server/src/lsp/protocol';
import { serverCommand } from './server-command';

export async function explainImport(client: LanguageClient): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'go') {
    void vscode.window.showInformationMessage('Put the cursor on an import in a Go file first.');
    return;
  }
  const args: ExplainImportArgs = {
    textDocument: { uri: client.code2ProtocolConverter.asUri(editor.document.uri) },
    position: { line: editor.selection.active.line, character: editor.selection.active.character },
  };
  const result = await serverCommand<CommandResult>(client, ServerCommands.explainImport, args);
  if (!result) return;
  if (!result.ok) {
    void vscode.window.showInformationMessage(result.message);
    return;
  }
  const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: result.message });
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
}
