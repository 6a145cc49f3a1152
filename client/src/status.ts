// The status bar item: how the active Go file's imports resolve (module, workspace, vendor,
// GOPATH), from the server's status notifications; a warning when the editor and the terminal
// environments resolve imports differently.

import * as path from 'node:path';
import * as vscode from 'vscode';
import { ClientCommands, completeStatus } from '../../server/src/lsp/protocol';
import type { ResolutionMode, StatusMessage, StatusParams } from '../../server/src/lsp/protocol';

const LABEL: Record<ResolutionMode, string> = {
  module: 'module',
  workspace: 'workspace',
  vendor: 'vendor',
  gopath: 'GOPATH',
  'no-module': 'no module',
};

const GO_LANGUAGES = new Set(['go', 'go.mod', 'go.work', 'go.sum']);

export class ResolutionStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('goModuleDoctor.status', vscode.StatusBarAlignment.Left, 50);
  private readonly byFolder = new Map<string, StatusParams>();
  private readonly subscriptions: vscode.Disposable[] = [];
  private stopped = false;

  constructor() {
    this.item.name = 'Go Module Doctor';
    this.item.command = ClientCommands.showOutput;
    this.subscriptions.push(vscode.window.onDidChangeActiveTextEditor(() => this.render()));
  }

  update(m: StatusMessage): void {
    this.stopped = false;
    this.byFolder.set(m.folderUri, completeStatus(m, this.byFolder.get(m.folderUri)));
    this.render();
  }

  /** Every analysed module, from the last status of each folder. */
  modules(): StatusParams['modules'] {
    return [...this.byFolder.values()].flatMap((s) => s.modules);
  }

  serverStopped(): void {
    this.stopped = true;
    this.render();
  }

  render(): void {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || !GO_LANGUAGES.has(doc.languageId) || doc.uri.scheme !== 'file') {
      this.item.hide();
      return;
    }
    if (this.stopped) {
      this.show('$(error) Go: server stopped', 'The Go Module Doctor server is not running. Click for its output.', true);
      return;
    }
    const file = doc.uri.fsPath;
    let best: { status: StatusParams; module: StatusParams['modules'][number] } | undefined;
    for (const status of this.byFolder.values()) {
      for (const m of status.modules) {
        if ((file === m.dir || file.startsWith(m.dir + path.sep)) && (!best || m.dir.length > best.module.dir.length)) best = { status, module: m };
      }
    }
    if (!best) {
      const analyzing = [...this.byFolder.values()].some((s) => s.state === 'analyzing');
      this.show(analyzing ? '$(sync~spin) Go' : 'Go: no module', analyzing ? 'Go Module Doctor is analysing the workspace.' : 'This file is in no analysed module.', false);
      return;
    }
    const { status, module } = best;
    // Paths and variable names are the workspace's: appended as text, never read as Markdown.
    const tooltip = new vscode.MarkdownString('', true);
    tooltip.appendMarkdown(`**Go Module Doctor**: imports of this file resolve in **${LABEL[module.mode]}** mode\n\nmodule directory: `).appendText(module.dir);
    if (module.goWork) tooltip.appendMarkdown('\n\ngo.work: ').appendText(module.goWork);
    if (module.mismatch) tooltip.appendMarkdown('\n\n$(warning) ').appendText(`${mismatchText(module)} Click to compare them.`);
    if (status.restricted) tooltip.appendMarkdown('\n\nUntrusted workspace: analysis only, no go command runs.');
    const text = module.mismatch ? `$(warning) Go: ${LABEL[module.mode]} ≠ terminal` : `Go: ${LABEL[module.mode]}`;
    this.show(`${text}${status.restricted ? ' $(shield)' : ''}`, tooltip, module.mismatch);
  }

  private show(text: string, tooltip: string | vscode.MarkdownString, warning: boolean): void {
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.backgroundColor = warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    // In the warning state a click compares the editor and the terminal; otherwise it shows the output.
    this.item.command = warning && !this.stopped ? ClientCommands.compareEnvironments : ClientCommands.showOutput;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

/** "The editor and the terminal resolve 2 imports differently: GOFLAGS decides it." */
function mismatchText(m: StatusParams['modules'][number]): string {
  const n = m.mismatchImports;
  const what = n ? `${n} import${n === 1 ? '' : 's'}` : 'some imports';
  const inputs = m.mismatchInputs?.length ? `: ${m.mismatchInputs.join(', ')} ${m.mismatchInputs.length === 1 ? 'decides' : 'decide'} it.` : '.';
  return `The editor and the terminal resolve ${what} differently${inputs}`;
}
