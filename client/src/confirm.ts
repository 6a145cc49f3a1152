// window/showMessageRequest with a "Cancel" action is the server asking before something
// destructive (go clean -modcache, go mod tidy): show it as a modal dialog, whose own Cancel
// button (and Escape) stands for the server's "Cancel". Other requests show as usual.

import * as vscode from 'vscode';
import { MessageType } from 'vscode-languageclient/node';
import type { MessageActionItem, ShowMessageRequestParams } from 'vscode-languageclient/node';

export async function showMessageRequest(params: ShowMessageRequestParams): Promise<MessageActionItem | null> {
  const actions = params.actions ?? [];
  const cancel = actions.find((a) => a.title === 'Cancel');
  if (cancel) {
    const picked = await vscode.window.showWarningMessage(params.message, { modal: true }, ...actions.filter((a) => a !== cancel));
    return picked ?? cancel;
  }
  const show =
    params.type === MessageType.Error ? vscode.window.showErrorMessage : params.type === MessageType.Warning ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  return (await show(params.message, ...actions)) ?? null;
}
