// The LSP adapter: wires connection events to folder analyses, the diagnostics store, code
// actions, hover and commands. It holds no engine logic; the engine never sees LSP types.

import * as path from 'node:path';
import {
  CodeAction,
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import type { Connection, Diagnostic as LspDiagnostic, InitializeParams, InitializeResult, WorkspaceFolder } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiskFileSystem } from '../fsys/fsys';
import { parseGoMod, parseGoWork } from '../parse';
import { scanGoFile } from '../scan/gofile';
import type { ParseError } from '../parse/ast';
import { executeCommand } from './commands';
import type { CommandHost } from './commands';
import { toCodeAction, toLspRange, uriToPath, pathToUri } from './convert';
import { DiagnosticsStore } from './diagnostics';
import { loadEnvironments } from './env';
import type { Environments } from './env';
import { explainMarkdown, verdictAt } from './explain';
import { FolderState } from './folder';
import { OverlayFileSystem } from './overlay';
import type { BufferSource } from './overlay';
import { ADVERTISED_SERVER_COMMANDS, CLIENT_ID, DIAGNOSTIC_SOURCE, normalizeSettings, StatusNotification, TrustNotification } from './protocol';
import type { DiagnosticData, InitializationOptions, Settings, StatusParams, TrustParams } from './protocol';
import { ChokidarWatcher, isWatchedFile, WATCH_GLOBS } from './watch';

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const changedAt = new Map<string, number>();
  const buffers: BufferSource = {
    get(file) {
      const doc = documents.get(pathToUri(file));
      return doc ? { text: doc.getText(), changedAt: changedAt.get(doc.uri) ?? 0 } : undefined;
    },
    *paths() {
      for (const d of documents.all()) {
        const p = uriToPath(d.uri);
        if (p) yield p;
      }
    },
  };
  const fs = new OverlayFileSystem(buffers);
  const store = new DiagnosticsStore((uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }));
  const folders = new Map<string, FolderState>();

  let trusted = false;
  let settings: Settings = normalizeSettings(undefined);
  let envs: Promise<Environments> | undefined;
  let canConfigure = false;
  let configChanges = false;
  let clientWatches = false;
  let documentChanges = false;
  let workDoneProgress = false;
  let folderEvents = false;
  /** Folders added before `initialized` wait for the settings before their first analysis. */
  let initialized = false;

  const log = (m: string) => connection.console.log(m);
  const environments = () => {
    const loading = (envs ??= loadEnvironments(settings, process.env, trusted).then(
      (e) => {
        for (const w of e.warnings) connection.console.warn(w);
        return e;
      },
      (e: unknown) => {
        // Not cached: the next change tries again (the user may have fixed goModuleDoctor.goPath).
        if (envs === loading) envs = undefined;
        throw e;
      },
    ));
    return loading;
  };
  // chokidar covers what the client does not: directories outside the workspace folders, and
  // the folders themselves when the client cannot watch files for us.
  const watcher = new ChokidarWatcher(
    (paths) => onFilesChanged(paths),
    (root) => log(`watching ${root}`),
  );
  const updateWatcher = () => {
    const roots = [...folders.values()].flatMap((f) => (clientWatches ? f.roots : [f.dir, ...f.roots]));
    watcher.setRoots(roots);
  };
  const host = {
    fs,
    store,
    environments,
    restricted: () => !trusted,
    status: (p: StatusParams) => void connection.sendNotification(StatusNotification.method, p),
    log,
    rootsChanged: updateWatcher,
  };

  const addFolder = (f: WorkspaceFolder) => {
    const dir = uriToPath(f.uri);
    if (!dir || folders.has(dir)) return;
    const state = new FolderState(dir, host);
    folders.set(dir, state);
    if (initialized) state.schedule(0);
  };
  const removeFolder = (uri: string) => {
    const dir = uriToPath(uri);
    if (!dir) return;
    folders.get(dir)?.dispose();
    folders.delete(dir);
  };
  const reanalyzeAll = () => {
    envs = undefined;
    for (const f of folders.values()) f.schedule(0);
  };
  function onFilesChanged(paths: string[]) {
    for (const f of folders.values()) if (paths.some((p) => f.dependsOn(p))) f.schedule();
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const opts = (params.initializationOptions ?? {}) as Partial<InitializationOptions>;
    trusted = opts.trusted === true;
    settings = normalizeSettings(opts.settings);
    const caps = params.capabilities;
    canConfigure = caps.workspace?.configuration === true;
    configChanges = caps.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    clientWatches = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    documentChanges = caps.workspace?.workspaceEdit?.documentChanges === true && (caps.workspace.workspaceEdit.resourceOperations ?? []).includes('create');
    workDoneProgress = caps.window?.workDoneProgress === true;
    // The folder-change notification may be listened for only when the client supports it.
    folderEvents = caps.workspace?.workspaceFolders === true;
    for (const f of params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: path.basename(params.rootUri) }] : [])) addFolder(f);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        hoverProvider: true,
        executeCommandProvider: { commands: ADVERTISED_SERVER_COMMANDS },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'go-module-doctor' },
    };
  });

  connection.onInitialized(async () => {
    try {
      if (clientWatches) {
        await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCH_GLOBS.map((globPattern) => ({ globPattern })) });
      }
      if (canConfigure) {
        if (configChanges) await connection.client.register(DidChangeConfigurationNotification.type, { section: CLIENT_ID });
        settings = normalizeSettings(await connection.workspace.getConfiguration(CLIENT_ID));
      }
    } catch (e) {
      // A client that refuses a registration still gets analyses, with what it sent at initialize.
      connection.console.warn(`setup after initialize: ${(e as Error).message}`);
    }
    initialized = true;
    reanalyzeAll();
    if (folderEvents) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        for (const r of e.removed) removeFolder(r.uri);
        for (const a of e.added) addFolder(a);
        updateWatcher();
      });
    }
    updateWatcher();
    log(`go-module-doctor server ready (${trusted ? 'trusted' : 'untrusted: no go command will run'})`);
  });

  connection.onDidChangeConfiguration(async (change) => {
    settings = normalizeSettings(canConfigure ? await connection.workspace.getConfiguration(CLIENT_ID) : (change.settings as Record<string, unknown> | undefined)?.[CLIENT_ID]);
    reanalyzeAll();
  });

  connection.onNotification(TrustNotification.method, (p: TrustParams) => {
    if (trusted === p.trusted) return;
    trusted = p.trusted;
    log(trusted ? 'workspace trusted: go commands allowed' : 'workspace untrusted: no go command will run');
    reanalyzeAll();
  });

  connection.onDidChangeWatchedFiles((p) => {
    onFilesChanged(p.changes.map((c) => uriToPath(c.uri)).filter((x): x is string => x !== undefined && isWatchedFile(x)));
  });

  // Resolution reads only the head of a .go file (build constraints, package clause, imports): an
  // edit that leaves the head as it was (typing in a function body) needs no new analysis.
  const goHeads = new Map<string, string>();
  const goHeadChanged = (uri: string, file: string, text: string | undefined): boolean => {
    if (!file.endsWith('.go')) return true;
    const key = text === undefined ? '' : JSON.stringify(scanGoFile(text));
    if (goHeads.get(uri) === key) return false;
    goHeads.set(uri, key);
    return true;
  };
  const onBufferChanged = (doc: TextDocument) => {
    changedAt.set(doc.uri, Date.now());
    const file = uriToPath(doc.uri);
    if (!file || !isWatchedFile(file)) return;
    if (!goHeadChanged(doc.uri, file, doc.getText())) return;
    publishParseErrors(doc, file);
    onFilesChanged([file]);
  };
  const disk = new DiskFileSystem();
  const openedVersion = new Map<string, number>();
  documents.onDidOpen((e) => {
    openedVersion.set(e.document.uri, e.document.version);
    changedAt.set(e.document.uri, Date.now());
    const file = uriToPath(e.document.uri);
    if (!file || !isWatchedFile(file)) return;
    // The last analysis read the disk copy; only a buffer that differs from it changes anything.
    const onDisk = disk.readText(file);
    goHeadChanged(e.document.uri, file, onDisk);
    if (e.document.getText() !== onDisk) onBufferChanged(e.document);
  });
  documents.onDidChangeContent((e) => {
    if (openedVersion.get(e.document.uri) !== e.document.version) onBufferChanged(e.document);
  });
  documents.onDidClose((e) => {
    changedAt.delete(e.document.uri);
    openedVersion.delete(e.document.uri);
    const file = uriToPath(e.document.uri);
    // The disk copy is what counts again.
    const changed = file !== undefined && isWatchedFile(file) && goHeadChanged(e.document.uri, file, disk.readText(file));
    goHeads.delete(e.document.uri);
    if (changed) onFilesChanged([file]);
  });

  /** Phase one: go.mod/go.work syntax errors right away, before the debounced resolution. */
  function publishParseErrors(doc: TextDocument, file: string) {
    const base = path.basename(file);
    let errors: ParseError[];
    if (base === 'go.mod') errors = parseGoMod(doc.getText(), file).errors;
    else if (base === 'go.work') errors = parseGoWork(doc.getText(), file).errors;
    else return;
    store.setParseErrors(
      doc.uri,
      errors.map(
        (e): LspDiagnostic => ({
          range: toLspRange(e.range),
          severity: 1,
          code: 'invalid-module-file',
          source: DIAGNOSTIC_SOURCE,
          message: e.message,
        }),
      ),
    );
  }

  connection.onCodeAction((params) => {
    const actions: CodeAction[] = [];
    for (const d of params.context.diagnostics) {
      if (d.source !== DIAGNOSTIC_SOURCE) continue;
      const data = d.data as DiagnosticData | undefined;
      for (const fix of data?.fixes ?? []) {
        const a = toCodeAction(fix, d, data!.folderUri, documentChanges);
        if (a) actions.push(a);
      }
    }
    return actions;
  });

  connection.onHover((params) => {
    const file = uriToPath(params.textDocument.uri);
    if (!file) return null;
    for (const f of [...folders.values()].sort((a, b) => b.dir.length - a.dir.length)) {
      if (!f.contains(file) || !f.analysis) continue;
      const v = verdictAt(f.analysis.imports, file, params.position);
      if (v) return { contents: { kind: 'markdown', value: explainMarkdown(v, f.dir) }, range: toLspRange(v.range) };
    }
    return null;
  });

  const commandHost: CommandHost = {
    connection,
    fs,
    folders: () => [...folders.values()],
    trusted: () => trusted,
    environments,
    settings: () => settings,
    get documentChanges() {
      return documentChanges;
    },
    get workDoneProgress() {
      return workDoneProgress;
    },
  };
  connection.onExecuteCommand((params, token) => executeCommand(commandHost, params.command, params.arguments ?? [], token));

  connection.onShutdown(async () => {
    for (const f of folders.values()) f.dispose();
    await watcher.dispose();
  });

  documents.listen(connection);
  connection.listen();
}
