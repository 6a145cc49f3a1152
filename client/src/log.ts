// The extension's one output channel (a LogOutputChannel, shared with the language client so the
// server's window/logMessage lands in it too).

import * as vscode from 'vscode';

export function createLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel('Go Module Doctor', { log: true });
}
