// Go Module Doctor: Clear module cache — the server asks for confirmation (with the cache's size),
// runs `go clean -modcache` with progress, and re-analyses.

import type { LanguageClient } from 'vscode-languageclient/node';
import { ServerCommands } from '../../../server/src/lsp/protocol';
import type { ClearModuleCacheArgs } from '../../../server/src/lsp/protocol';
import { pickFolder, report, serverCommand } from './server-command';

export async function clearModuleCache(client: LanguageClient): Promise<void> {
  const folder = await pickFolder();
  const args: ClearModuleCacheArgs = { folderUri: folder ? client.code2ProtocolConverter.asUri(folder.uri) : undefined };
  report(await serverCommand(client, ServerCommands.clearModuleCache, args));
}
