// The language client: starts dist/server.js over stdio, tells it whether the workspace is
// trusted, feeds it file events and settings, and routes its status notifications to the status
// bar. It adapts VS Code to the server and holds no analysis logic.

import * as vscode from 'vscode';
import { LanguageClient, RevealOutputChannelOn, ShowMessageRequest, State, TransportKind } from 'vscode-languageclient/node';
import type { LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { CLIENT_ID, ClientCommands, CommandFailedNotification, SaveFilesRequest, DIAGNOSTIC_SOURCE, normalizeSettings, StatusNotification, TrustNotification } from '../../server/src/lsp/protocol';
import type { CommandFailedParams, InitializationOptions, StatusMessage, TrustParams } from '../../server/src/lsp/protocol';
import { showMessageRequest } from './confirm';
import { saveFiles } from './save-files';
import { BoundedRestarts } from './errors';
import { ResolutionStatus } from './status';

/** Files whose changes the server hears about (inside workspace folders; it watches the rest). */
const FILE_EVENTS = '**/{go.mod,go.work,go.sum,go.work.sum,vendor/modules.txt,*.go}';

export class DoctorClient implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private readonly restarts: BoundedRestarts;
  private readonly subscriptions: vscode.Disposable[] = [];
  /** What the server last published per file, before the gopls filter: the filter is applied
   * again when the setting or another extension's diagnostics change. */
  private readonly published = new Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }>();

  constructor(
    private readonly context: vscode.ExtensionContext,
    readonly log: vscode.LogOutputChannel,
    private readonly traceLog: vscode.LogOutputChannel,
    readonly status: ResolutionStatus,
  ) {
    this.restarts = new BoundedRestarts(() => status.serverStopped());
    this.subscriptions.push(
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        const p: TrustParams = { trusted: true };
        void this.client?.sendNotification(TrustNotification.method, p);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${CLIENT_ID}.showWhenGoplsReports`)) this.refilter();
      }),
      vscode.languages.onDidChangeDiagnostics((e) => this.refilter(e.uris)),
    );
  }

  get running(): LanguageClient | undefined {
    return this.client?.state === State.Running ? this.client : undefined;
  }

  async start(): Promise<void> {
    const module = this.context.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.stdio },
      debug: { module, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
    };
    const watcher = vscode.workspace.createFileSystemWatcher(FILE_EVENTS);
    this.subscriptions.push(watcher);
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { scheme: 'file', language: 'go' },
        { scheme: 'file', language: 'go.mod' },
        { scheme: 'file', language: 'go.work' },
        { scheme: 'file', language: 'go.sum' },
      ],
      synchronize: { fileEvents: watcher },
      outputChannel: this.log,
      traceOutputChannel: this.traceLog,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      errorHandler: this.restarts,
      // Only our settings here: the server asks for them again per workspace folder, with the Go
      // extension's, gopls' and the terminal's (protocol.ts TOOL_SETTING_SECTIONS), through
      // workspace/configuration, which the language client answers from getConfiguration(section,
      // folder); it registers for changes of all of them.
      initializationOptions: (): InitializationOptions => ({
        trusted: vscode.workspace.isTrusted,
        settings: normalizeSettings(vscode.workspace.getConfiguration(CLIENT_ID)),
      }),
      // Hovers are Markdown with the workspace's text in them: never trusted (no command: links),
      // no HTML.
      markdown: { isTrusted: false, supportHtml: false },
      middleware: {
        handleDiagnostics: (uri, diagnostics, next) => {
          if (diagnostics.length) this.published.set(uri.toString(), { uri, diagnostics });
          else this.published.delete(uri.toString());
          next(uri, this.withoutGoplsDuplicates(uri, diagnostics));
        },
      },
    };
    this.client = new LanguageClient(CLIENT_ID, 'Go Module Doctor', serverOptions, clientOptions);
    this.subscriptions.push(this.client.onNotification(StatusNotification.method, (p: StatusMessage) => this.status.update(p)));
    this.subscriptions.push(this.client.onRequest(SaveFilesRequest.method, (p: { uris: string[] }) => saveFiles(p.uris)));
    // An error with a button stays until dismissed; go's whole stderr is in the output.
    this.subscriptions.push(
      this.client.onNotification(CommandFailedNotification.method, async (p: CommandFailedParams) => {
        const pick = await vscode.window.showErrorMessage(`${p.title} failed: ${p.reason}`, 'Show Output');
        if (pick === 'Show Output') await vscode.commands.executeCommand(ClientCommands.showOutput);
      }),
    );
    // Registered before start, so it replaces the language client's own handler.
    this.subscriptions.push(this.client.onRequest(ShowMessageRequest.type, showMessageRequest));
    this.subscriptions.push(
      this.client.onDidChangeState((e) => {
        if (e.newState === State.Stopped) this.status.serverStopped();
      }),
    );
    await this.client.start();
  }

  async restart(): Promise<void> {
    this.restarts.reset();
    if (!this.client) return this.start();
    await this.client.restart();
  }

  async stop(): Promise<void> {
    await this.client?.stop();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    void this.client?.dispose();
  }

  /** Applies the gopls filter again to what the server published for these files (all by
   * default). Setting the collection fires onDidChangeDiagnostics again, which finds nothing to
   * change: the filter reads only other sources' diagnostics. */
  private refilter(uris?: readonly vscode.Uri[]): void {
    const collection = this.client?.diagnostics;
    if (!collection) return;
    const entries = uris ? uris.map((u) => this.published.get(u.toString())).filter((x) => x !== undefined) : [...this.published.values()];
    for (const { uri, diagnostics } of entries) {
      const shown = this.withoutGoplsDuplicates(uri, diagnostics);
      const current = collection.get(uri) ?? [];
      const key = (ds: readonly vscode.Diagnostic[]) => ds.map((d) => `${d.range.start.line}:${d.range.start.character}:${d.message}`).join('\n');
      if (key(current) !== key(shown)) collection.set(uri, shown);
    }
  }

  /** With goModuleDoctor.showWhenGoplsReports off, drop our import diagnostics where gopls
   * already has an error on the same range (it reports the symptom; we would repeat it). */
  private withoutGoplsDuplicates(uri: vscode.Uri, ours: vscode.Diagnostic[]): vscode.Diagnostic[] {
    if (vscode.workspace.getConfiguration(CLIENT_ID).get<boolean>('showWhenGoplsReports', true)) return ours;
    const theirs = vscode.languages.getDiagnostics(uri).filter((d) => d.source !== DIAGNOSTIC_SOURCE && d.severity === vscode.DiagnosticSeverity.Error);
    return ours.filter((d) => !theirs.some((t) => t.range.intersection(d.range) !== undefined));
  }
}
