// Go Module Doctor: Generate go.work — shows the `use` lines it would write, lets the user
// untick some, then asks the server to write them (go work init/use, or an edit of go.work).

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ServerCommands } from '../../../server/src/lsp/protocol';
import type { GenerateGoWorkArgs, GenerateGoWorkResult } from '../../../server/src/lsp/protocol';
import { pickFolder, serverCommand } from './server-command';

export async function generateGoWork(client: LanguageClient): Promise<void> {
  const folder = await pickFolder();
  if (!folder) return;
  const folderUri = client.code2ProtocolConverter.asUri(folder.uri);
  const plan = await serverCommand<GenerateGoWorkResult>(client, ServerCommands.generateGoWork, { folderUri, dryRun: true } satisfies GenerateGoWorkArgs);
  if (!plan || !('missing' in plan)) return;
  if (plan.missing.length === 0) {
    void vscode.window.showInformationMessage(plan.exists ? 'go.work already uses every module in this folder.' : 'There is no Go module in this folder.');
    return;
  }
  const picked = await vscode.window.showQuickPick(
    plan.missing.map((dir) => ({ label: `use ${dir}`, dir, picked: true })),
    {
      canPickMany: true,
      title: plan.exists ? `Add to ${plan.goWork}` : `Create ${plan.goWork}`,
      placeHolder: 'The use lines to write',
    },
  );
  if (!picked || picked.length === 0) return;
  const result = await serverCommand<GenerateGoWorkResult>(client, ServerCommands.generateGoWork, { folderUri, use: picked.map((p) => p.dir) } satisfies GenerateGoWorkArgs);
  if (result?.done) void vscode.window.showInformationMessage(`Go Module Doctor: ${result.done}`);
}
