// The status bar item for the active Go file: how many of its module's imports are broken (the
// tooltip says how they resolve), from the server's status notifications; a warning when the
// editor and the terminal resolve imports differently. The words are in status-text.ts.

import * as vscode from 'vscode';
import { ClientCommands, completeStatus } from '../../server/src/lsp/protocol';
import type { StatusMessage, StatusParams } from '../../server/src/lsp/protocol';
import { statusText } from './status-text';

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
      this.show('$(error) Go Module Doctor stopped', 'The Go Module Doctor server is not running. Click for its output.', true);
      return;
    }
    const said = statusText(doc.uri.fsPath, this.byFolder.values());
    if ('analyzing' in said) {
      this.show(said.analyzing ? '$(sync~spin) Go imports' : 'Go: not in a module', said.analyzing ? 'Go Module Doctor is analysing the workspace.' : 'No go.mod or go.work holds this file, so go builds it on its own or not at all.', false);
      return;
    }
    // Paths and variable names are the workspace's: appended as text, never read as Markdown.
    const tooltip = new vscode.MarkdownString('**Go Module Doctor**', true);
    for (const line of said.tooltip) tooltip.appendMarkdown('\n\n').appendText(line);
    this.show(said.text, tooltip, said.warning);
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
