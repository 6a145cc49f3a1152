// The extension's output channels, both LogOutputChannels: "Go Module Doctor" holds the server's
// log (window/logMessage: analyses, go commands and their output); the protocol trace
// (goModuleDoctor.trace.server) goes to its own channel so it never buries that log.

import * as vscode from 'vscode';

export function createLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel('Go Module Doctor', { log: true });
}

export function createTraceLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel('Go Module Doctor (trace)', { log: true });
}
