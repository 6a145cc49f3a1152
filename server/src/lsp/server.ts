// The LSP adapter: wires connection events to folder analyses, the diagnostics store, code
// actions, hover and commands. It holds no engine logic; the engine never sees LSP types.

import * as path from 'node:path';
import {
  CodeAction,
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
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
import { loadEnvironments, terminalWithoutGoNotice } from './env';
import type { Environments } from './env';
import { explainMarkdown, verdictAt } from './explain';
import { CHOKIDAR_CHANGE_DELAY_MS, DISK_CHANGE_DELAY_MS, FolderState, RESOLUTION_DELAY_MS } from './folder';
import type { FileChange } from '../fsys/cache';
import { OverlayFileSystem, oversized } from './overlay';
import type { BufferSource } from './overlay';
import { terminalPlatform } from './launch';
import { ADVERTISED_SERVER_COMMANDS, CLIENT_ID, DIAGNOSTIC_SOURCE, normalizeSettings, normalizeToolSettings, StatusNotification, TOOL_SETTING_SECTIONS, TrustNotification, type StatusMessage } from './protocol';
import { codeActionParams, executeCommandParams, isObject, textDocumentPositionParams } from './params';
import type { InitializationOptions, Settings, StatusParams, ToolSettings, TrustParams } from './protocol';
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
  const disk = new DiskFileSystem();
  const fs = new OverlayFileSystem(buffers, disk);
  const store = new DiagnosticsStore((uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }));
  const folders = new Map<string, FolderState>();

  let trusted = false;
  /** Settings as the client pushed them (initializationOptions, then didChangeConfiguration), by
   * section: what a client that cannot answer workspace/configuration tells us. */
  let pushed: Record<string, unknown> = {};
  /** Each workspace folder's environments, loaded on first use after a change. */
  const envs = new Map<string, Promise<Environments>>();
  let canConfigure = false;
  let configChanges = false;
  let clientWatches = false;
  let documentChanges = false;
  let workDoneProgress = false;
  let folderEvents = false;
  /** Folders added before `initialized` wait for the settings before their first analysis. */
  let initialized = false;
  let initializedReceived = false;

  const log = (m: string) => connection.console.log(m);
  /** A folder's settings: ours, and golang.go's, gopls' and the terminal's that shape the two
   * environments, asked of the client for that folder (they may differ per folder). */
  const readSettings = async (dir: string): Promise<{ settings: Settings; tools: ToolSettings }> => {
    const sections = [CLIENT_ID, TOOL_SETTING_SECTIONS.go, TOOL_SETTING_SECTIONS.gopls, TOOL_SETTING_SECTIONS.terminal];
    let values: unknown[] | undefined;
    if (canConfigure) {
      try {
        values = (await connection.workspace.getConfiguration(sections.map((section) => ({ section, scopeUri: pathToUri(dir) })))) as unknown[];
      } catch (e) {
        connection.console.warn(`workspace/configuration failed (${(e as Error).message}); using the settings the client sent`);
      }
    }
    const terminal = (pushed.terminal as Record<string, unknown> | undefined)?.integrated;
    const [ours, go, gopls, term] = values ?? [pushed[CLIENT_ID], pushed.go, pushed.gopls, terminal];
    return { settings: normalizeSettings(ours), tools: normalizeToolSettings({ go, gopls, terminal: term }, terminalPlatform()) };
  };
  let toldTerminalWithoutGo = false;
  /** The environments of the folder at `dir` (default: the first folder's). */
  const environments = (dir: string = folders.keys().next().value ?? process.cwd()) => {
    let loading = envs.get(dir);
    if (!loading) {
      const l: Promise<Environments> = readSettings(dir)
        .then(({ settings, tools }) => loadEnvironments(settings, process.env, trusted, dir, tools, terminalPlatform(), (w) => connection.console.warn(`${dir}: ${w}`)))
        .then(
          (e) => {
            for (const w of e.warnings) connection.console.warn(`${dir}: ${w}`);
            // A terminal without go: one notification per session, not a line per folder.
            if (e.terminalEnv && !e.terminalEnv.goBinary && !toldTerminalWithoutGo) {
              toldTerminalWithoutGo = true;
              void connection.window.showWarningMessage(terminalWithoutGoNotice(e.terminalEnv));
            }
            return e;
          },
          (e: unknown) => {
            // Not cached: the next change tries again (the user may have fixed goModuleDoctor.goPath).
            if (envs.get(dir) === l) envs.delete(dir);
            throw e;
          },
        );
      envs.set(dir, (loading = l));
    }
    return loading;
  };
  // chokidar covers what the client does not: directories outside the workspace folders, and
  // the folders themselves when the client cannot watch files for us.
  const watcher = new ChokidarWatcher(
    (changes) => onFilesChanged(changes, CHOKIDAR_CHANGE_DELAY_MS),
    (root) => {
      log(`watching ${root}`);
      for (const f of folders.values()) f.watchersChanged();
    },
  );
  const updateWatcher = () => {
    const roots = [...folders.values()].flatMap((f) => (clientWatches ? f.roots : [f.dir, ...f.roots]));
    watcher.setRoots(roots);
  };
  /** The modules of each folder's last status, as sent (StatusMessage). */
  const sentModules = new Map<string, string>();
  const host = {
    fs,
    store,
    restricted: () => !trusted,
    status: (p: StatusParams) => {
      const modules = JSON.stringify(p.modules);
      const unchanged = sentModules.get(p.folderUri) === modules;
      sentModules.set(p.folderUri, modules);
      const m: StatusMessage = unchanged ? { ...p, modules: undefined } : p;
      void connection.sendNotification(StatusNotification.method, m);
    },
    log,
    rootsChanged: updateWatcher,
    watches: (p: string) => {
      if (clientWatches) for (const d of folders.keys()) if (p === d || p.startsWith(d + path.sep)) return true;
      return watcher.covers(p);
    },
  };

  const addFolder = (f: WorkspaceFolder) => {
    const dir = uriToPath(f.uri);
    if (!dir || folders.has(dir)) return;
    const state = new FolderState(dir, { ...host, environments: () => environments(dir) });
    folders.set(dir, state);
    if (initialized) state.schedule(0);
  };
  const removeFolder = (uri: string) => {
    const dir = uriToPath(uri);
    if (!dir) return;
    const f = folders.get(dir);
    f?.dispose();
    if (f) sentModules.delete(f.uri);
    folders.delete(dir);
    envs.delete(dir);
  };
  const reanalyzeAll = () => {
    envs.clear();
    for (const f of folders.values()) f.schedule(0);
  };
  /** Changes on disk are analysed at once; edits in unsaved buffers after a pause in typing. */
  function onFilesChanged(changes: FileChange[], delayMs = DISK_CHANGE_DELAY_MS) {
    if (changes.length === 0) return;
    for (const f of folders.values()) f.filesChanged(changes, delayMs);
  }
  /** A buffer's text now counts instead of the disk's, or the other way round. */
  const bufferChanged = (file: string) => onFilesChanged([{ path: file, kind: disk.stat(file) ? 'changed' : 'created' }], RESOLUTION_DELAY_MS);

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const opts = (params.initializationOptions ?? {}) as Partial<InitializationOptions>;
    trusted = opts.trusted === true;
    pushed = { [CLIENT_ID]: opts.settings };
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
    // Once: a repeated notification would register everything again.
    if (initializedReceived) return;
    initializedReceived = true;
    try {
      if (clientWatches) {
        await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCH_GLOBS.map((globPattern) => ({ globPattern })) });
      }
      if (canConfigure) {
        // Our settings, and those of golang.go, gopls and the terminal that we read.
        if (configChanges) await connection.client.register(DidChangeConfigurationNotification.type, { section: [CLIENT_ID, ...Object.values(TOOL_SETTING_SECTIONS)] });
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

  // Each folder reads its settings again when it next loads its environments.
  connection.onDidChangeConfiguration((change) => {
    const sent = change.settings as Record<string, unknown> | null | undefined;
    if (!canConfigure && sent && typeof sent === 'object') pushed = sent;
    reanalyzeAll();
  });

  connection.onNotification(TrustNotification.method, (p: TrustParams) => {
    // Only a boolean says anything: a truthy string must not open the gate to go commands.
    if (!isObject(p) || typeof p.trusted !== 'boolean' || trusted === p.trusted) return;
    trusted = p.trusted;
    log(trusted ? 'workspace trusted: go commands allowed' : 'workspace untrusted: no go command will run');
    reanalyzeAll();
  });

  connection.onDidChangeWatchedFiles((p) => {
    const kinds = { [FileChangeType.Created]: 'created', [FileChangeType.Changed]: 'changed', [FileChangeType.Deleted]: 'deleted' } as const;
    const changes: FileChange[] = [];
    for (const c of p.changes) {
      const file = uriToPath(c.uri);
      if (file !== undefined && isWatchedFile(file)) changes.push({ path: file, kind: kinds[c.type] ?? 'created' });
    }
    onFilesChanged(changes);
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
    bufferChanged(file);
  };
  const openedVersion = new Map<string, number>();
  documents.onDidOpen((e) => {
    openedVersion.set(e.document.uri, e.document.version);
    changedAt.set(e.document.uri, Date.now());
    store.opened(e.document.uri);
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
    if (changed) bufferChanged(file);
  });

  /** Phase one: go.mod/go.work syntax errors right away, before the debounced resolution. */
  function publishParseErrors(doc: TextDocument, file: string) {
    const base = path.basename(file);
    let errors: ParseError[];
    // A buffer over the read limit is not parsed: the analysis reads it as too large (overlay.ts).
    if (oversized(doc.getText())) errors = [];
    else if (base === 'go.mod') errors = parseGoMod(doc.getText(), file).errors;
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

  connection.onCodeAction((raw) => {
    const params = codeActionParams(raw);
    const actions: CodeAction[] = [];
    for (const d of params.diagnostics) {
      if (d.source !== DIAGNOSTIC_SOURCE) continue;
      // The client sends back what we published; anything else names no fix of ours.
      const data = isObject(d.data) ? d.data : undefined;
      if (!data || typeof data.folderUri !== 'string' || !Array.isArray(data.fixIds)) continue;
      const dir = uriToPath(data.folderUri);
      const folder = dir === undefined ? undefined : folders.get(dir);
      for (const id of data.fixIds) {
        const fix = typeof id === 'string' ? folder?.fixes.get(id) : undefined;
        const a = fix && toCodeAction(fix, id as string, d as unknown as LspDiagnostic, data.folderUri, documentChanges);
        if (a) actions.push(a);
      }
    }
    return actions;
  });

  connection.onHover((raw) => {
    const params = textDocumentPositionParams(raw);
    const file = uriToPath(params.textDocument.uri);
    if (!file) return null;
    for (const f of [...folders.values()].sort((a, b) => b.dir.length - a.dir.length)) {
      if (!f.contains(file) || !f.analysis) continue;
      const v = verdictAt(f.analysis, file, params.position);
      if (!v) continue;
      const d = f.analysis.diagnostics.find((x) => x.file === v.file && x.importPath === v.importPath && x.range.start.offset === v.range.start.offset);
      return { contents: { kind: 'markdown', value: explainMarkdown(v, f.dir, d?.fixes.map((x) => x.title)) }, range: toLspRange(v.range) };
    }
    return null;
  });

  const commandHost: CommandHost = {
    connection,
    fs,
    folders: () => [...folders.values()],
    trusted: () => trusted,
    environments,
    get documentChanges() {
      return documentChanges;
    },
    get workDoneProgress() {
      return workDoneProgress;
    },
  };
  connection.onExecuteCommand((raw, token) => {
    const params = executeCommandParams(raw);
    return executeCommand(commandHost, params.command, params.arguments, token);
  });

  connection.onShutdown(async () => {
    for (const f of folders.values()) f.dispose();
    await watcher.dispose();
  });

  documents.listen(connection);
  connection.listen();
}
