// Go Module Doctor: Run go mod tidy — in the module of the active file, after confirmation.

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ServerCommands } from '../../../server/src/lsp/protocol';
import type { RunGoModTidyArgs } from '../../../server/src/lsp/protocol';
import { report, serverCommand } from './server-command';

export async function runGoModTidy(client: LanguageClient): Promise<void> {
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc || doc.uri.scheme !== 'file') {
    void vscode.window.showInformationMessage('Open a file of the Go module to tidy first.');
    return;
  }
  // go mod tidy reads go.mod from the disk.
  if (doc.isDirty) await doc.save();
  const args: RunGoModTidyArgs = { uri: client.code2ProtocolConverter.asUri(doc.uri) };
  report(await serverCommand(client, ServerCommands.runGoModTidy, args));
}
