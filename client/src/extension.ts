// Activation only: the output channel, the status bar item, the language client and the commands.

import type * as vscode from 'vscode';
import { DoctorClient } from './client';
import { registerCommands } from './commands';
import { createLog, createTraceLog } from './log';
import { ResolutionStatus } from './status';

let doctor: DoctorClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = createLog();
  const traceLog = createTraceLog();
  const status = new ResolutionStatus();
  doctor = new DoctorClient(context, log, traceLog, status);
  context.subscriptions.push(log, traceLog, status, doctor, ...registerCommands({ doctor }));
  try {
    await doctor.start();
  } catch (e) {
    log.error(`the language server did not start: ${(e as Error).message}`);
    status.serverStopped();
  }
}

export async function deactivate(): Promise<void> {
  await doctor?.stop();
}
