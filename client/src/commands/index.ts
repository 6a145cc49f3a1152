// The command table: every palette command (ids in protocol.ts; package.json contributes exactly
// these, which test/unit/manifest checks). Each command lives in its own file; when the server is
// not running, a command says so instead of failing silently.

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ClientCommands, InternalClientCommands } from '../../../server/src/lsp/protocol';
import type { DoctorClient } from '../client';
import { generateGoWork } from './generate-go-work';
import { clearModuleCache } from './clear-module-cache';
import { runGoModTidy } from './run-go-mod-tidy';
import { explainImport } from './explain-import';
import { showOutput } from './show-output';
import { saveFiles } from '../save-files';
import { restartServer } from './restart-server';
import { refreshTerminalEnv } from './refresh-terminal-env';
import { compareEnvironments, REPORT_SCHEME, reports } from './compare-environments';

export interface CommandContext {
  doctor: DoctorClient;
}

type Handler = (ctx: CommandContext) => Promise<unknown> | unknown;
/** Commands that talk to the server get the running client, or are refused with a message. */
type ServerHandler = (client: LanguageClient, ctx: CommandContext) => Promise<unknown>;

const needsServer =
  (h: ServerHandler): Handler =>
  (ctx) => {
    const client = ctx.doctor.running;
    if (!client) {
      void vscode.window.showWarningMessage('The Go Module Doctor server is not running. Run "Go Module Doctor: Restart server" or see its output.');
      return undefined;
    }
    return h(client, ctx);
  };

export const COMMANDS: Record<(typeof ClientCommands)[keyof typeof ClientCommands], Handler> = {
  [ClientCommands.generateGoWork]: needsServer(generateGoWork),
  [ClientCommands.clearModuleCache]: needsServer(clearModuleCache),
  [ClientCommands.runGoModTidy]: needsServer(runGoModTidy),
  [ClientCommands.explainImport]: needsServer(explainImport),
  [ClientCommands.showOutput]: (ctx) => showOutput(ctx.doctor),
  [ClientCommands.restartServer]: (ctx) => restartServer(ctx.doctor),
  [ClientCommands.refreshTerminalEnv]: needsServer(refreshTerminalEnv),
  [ClientCommands.compareEnvironments]: needsServer((client, ctx) => compareEnvironments(client, ctx.doctor.status)),
};

export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    ...Object.entries(COMMANDS).map(([id, handler]) => vscode.commands.registerCommand(id, () => handler(ctx))),
    vscode.commands.registerCommand(InternalClientCommands.copyText, copyText),
    vscode.commands.registerCommand(InternalClientCommands.saveFiles, saveFiles),
    reports,
    vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, reports),
  ];
}

/** A copy-only quick fix (a command for the user's terminal): to the clipboard, never run. */
async function copyText(text: unknown): Promise<void> {
  if (typeof text !== 'string') return;
  await vscode.env.clipboard.writeText(text);
  void vscode.window.showInformationMessage(`Copied to the clipboard — run it in your terminal: ${text}`);
}
