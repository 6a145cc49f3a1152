// Go Module Doctor: Refresh terminal environment — after editing a shell profile, read the login
// shell's environment again (goModuleDoctor.terminalEnv "auto") and re-analyse.

import { DidChangeConfigurationNotification } from 'vscode-languageclient/node';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ServerCommands } from '../../../server/src/lsp/protocol';
import { report, serverCommand } from './server-command';

export async function refreshTerminalEnv(client: LanguageClient): Promise<void> {
  const result = await serverCommand(client, ServerCommands.refreshTerminalEnv, {});
  if (!result?.ok) return;
  // The server forgot the captured environment; it loads its environments again (and re-analyses)
  // when told the configuration changed, reading the settings themselves back from the editor.
  await client.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  report(result);
}
