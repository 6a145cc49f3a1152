// A language client for protocol tests: spawns `node dist/server.js --stdio` as an editor would,
// answers the server's requests (configuration, progress, confirmations, workspace edits applied
// to the disk) and records what it publishes, so tests can wait for a state instead of sleeping.

import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, WorkspaceEdit, TextEdit, InitializeResult, CodeAction } from 'vscode-languageserver/node';
import { LineIndex } from '../../../server/src/text/position';
import { applyEdits } from '../../../server/src/text/edit';
import { completeStatus } from '../../../server/src/lsp/protocol';
import type { InitializationOptions, StatusMessage, StatusParams } from '../../../server/src/lsp/protocol';
import { hermeticGo, type HermeticGo } from '../../harness/goenv';
import { writeTree } from '../../harness/tree';

export const repoRoot = path.resolve(__dirname, '../../../..');
export const serverPath = path.join(repoRoot, 'dist/server.js');

export const uri = (p: string) => pathToFileURL(p).toString();

export interface StartOptions {
  folders: string[];
  env: Record<string, string>;
  trusted: boolean;
  settings?: Record<string, unknown>;
  /** Other settings as a user settings.json has them (`"go.toolsEnvVars": {…}`, `"gopls": {…}`);
   * each folder's .vscode/settings.json is read over them, as VS Code does. */
  userSettings?: Record<string, unknown>;
  /** Declare that the client watches files (dynamic registration of didChangeWatchedFiles). */
  clientWatches?: boolean;
  /** Answer to window/showMessageRequest: the title to pick, or undefined to dismiss. */
  answer?: (message: string) => string | undefined;
}

type Waiter = { check: () => boolean; resolve: () => void };

export class TestClient {
  /** The goModuleDoctor/commandFailed notifications received. */
  readonly failures: { title: string; command: string; reason: string }[] = [];
  /** The URIs the server asked to save (goModuleDoctor/saveFiles). */
  readonly saved: string[] = [];
  readonly diagnostics = new Map<string, Diagnostic[]>();
  readonly statuses: StatusParams[] = [];
  /** The status notifications as sent (statuses completes them). */
  readonly statusMessages: StatusMessage[] = [];
  readonly questions: string[] = [];
  readonly logs: string[] = [];
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];
  private waiters: Waiter[] = [];
  private constructor(
    readonly child: ChildProcess,
    readonly conn: MessageConnection,
    readonly opts: StartOptions,
  ) {}

  static async start(opts: StartOptions): Promise<{ client: TestClient; init: InitializeResult }> {
    const child = spawn(process.execPath, [serverPath, '--stdio'], { env: opts.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
    const conn = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new TestClient(child, conn, opts);
    child.on('exit', (code) => {
      if (code) client.logs.push(`server exited ${code}: ${stderr}`);
    });
    conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => {
      client.diagnostics.set(p.uri, p.diagnostics);
      client.poke();
    });
    conn.onNotification('goModuleDoctor/status', (m: StatusMessage) => {
      client.statusMessages.push(m);
      // As the extension's status bar completes it.
      client.statuses.push(completeStatus(m, [...client.statuses].reverse().find((s) => s.folderUri === m.folderUri)));
      client.poke();
    });
    conn.onNotification('window/logMessage', (p: { message: string }) => {
      client.logs.push(p.message);
      client.poke();
    });
    conn.onNotification('window/showMessage', (p: { message: string }) => void client.logs.push(`[shown] ${p.message}`));
    conn.onNotification('goModuleDoctor/commandFailed', (p: { title: string; command: string; reason: string }) => {
      client.failures.push(p);
      client.poke();
    });
    // No terminal comparison unless a test asks for one: "auto" would start this machine's login
    // shell, whose environment is not what these tests are about.
    conn.onRequest('workspace/configuration', (p: { items: { section?: string; scopeUri?: string }[] }) => p.items.map((item) => client.configuration(item.section, item.scopeUri)));
    conn.onRequest('client/registerCapability', (p: { registrations: { method: string; registerOptions?: unknown }[] }) => {
      client.registrations.push(...p.registrations);
      return null;
    });
    conn.onRequest('window/workDoneProgress/create', () => null);
    // This client writes edits straight to disk (applyWorkspaceEdit); it records what it is asked to save.
    conn.onRequest('goModuleDoctor/saveFiles', (p: { uris: string[] }) => {
      client.saved.push(...p.uris);
      return null;
    });
    conn.onNotification('$/progress', () => undefined);
    conn.onRequest('window/showMessageRequest', (p: { message: string; actions?: { title: string }[] }) => {
      client.questions.push(p.message);
      const title = opts.answer?.(p.message);
      return p.actions?.find((a) => a.title === title) ?? null;
    });
    conn.onRequest('workspace/applyEdit', (p: { edit: WorkspaceEdit }) => {
      const files = applyWorkspaceEdit(p.edit);
      // VS Code reports the change of settings a saved .vscode/settings.json makes.
      if (files.some((f) => path.basename(f) === 'settings.json' && path.basename(path.dirname(f)) === '.vscode')) client.configurationChanged();
      return { applied: true };
    });
    conn.listen();
    const initOptions: InitializationOptions = { trusted: opts.trusted };
    const init = (await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: opts.folders.map((f) => ({ uri: uri(f), name: path.basename(f) })),
      initializationOptions: initOptions,
      capabilities: {
        workspace: {
          configuration: true,
          workspaceFolders: true,
          workspaceEdit: { documentChanges: true, resourceOperations: ['create'] },
          didChangeWatchedFiles: { dynamicRegistration: opts.clientWatches === true },
          didChangeConfiguration: { dynamicRegistration: true },
        },
        window: { workDoneProgress: true },
        textDocument: { publishDiagnostics: { relatedInformation: true } },
      },
    })) as InitializeResult;
    await conn.sendNotification('initialized', {});
    return { client, init };
  }

  /** A workspace/configuration answer: ours from `settings` (no terminal comparison unless a test
   * asks for one: "auto" would start this machine's login shell, whose environment is not what
   * these tests are about); any other section from the user settings with the folder's
   * .vscode/settings.json over them. */
  configuration(section: string | undefined, scopeUri: string | undefined): unknown {
    if (!section || section === 'goModuleDoctor') return { terminalEnv: 'off', ...this.opts.settings };
    let folderSettings: Record<string, unknown> = {};
    const file = scopeUri ? path.join(fileURLToPath(scopeUri), '.vscode', 'settings.json') : undefined;
    if (file && fs.existsSync(file)) folderSettings = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    // Dotted keys are nested (go.toolsEnvVars is toolsEnvVars of the go section); values are not.
    const tree: Record<string, unknown> = {};
    for (const [key, value] of Object.entries({ ...this.opts.userSettings, ...folderSettings })) {
      const parts = key.split('.');
      let o = tree;
      for (const part of parts.slice(0, -1)) o = (o[part] ??= {}) as Record<string, unknown>;
      o[parts.at(-1)!] = value;
    }
    let v: unknown = tree;
    for (const part of section.split('.')) v = (v as Record<string, unknown> | undefined)?.[part];
    return v ?? null;
  }

  /** As VS Code does when a setting changes (the server then asks for the settings again). */
  configurationChanged(): void {
    void this.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
  }

  private poke(): void {
    this.waiters = this.waiters.filter((w) => {
      if (!w.check()) return true;
      w.resolve();
      return false;
    });
  }

  /** Resolves when `check` holds (checked now and after every notification). */
  waitFor(what: string, check: () => boolean, timeoutMs = 20_000): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`timed out waiting for ${what}\nlast diagnostics: ${JSON.stringify([...this.diagnostics], null, 1).slice(0, 3000)}\nlast status: ${JSON.stringify(this.statuses.at(-1))}\nlog:\n${this.logs.join('\n').slice(-3000)}`));
      }, timeoutMs);
      const waiter: Waiter = {
        check,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** Waits until the file's published diagnostics satisfy `check`, and returns them. */
  async diagnosticsOf(file: string, what: string, check: (ds: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
    const u = uri(file);
    await this.waitFor(`${what} in ${path.basename(file)}`, () => this.diagnostics.has(u) && check(this.diagnostics.get(u)!));
    return this.diagnostics.get(u)!;
  }

  readyCount(folder: string): number {
    return this.statuses.filter((s) => s.folderUri === uri(folder) && s.state === 'ready').length;
  }

  open(file: string, languageId: string): void {
    void this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(file), languageId, version: 1, text: fs.readFileSync(file, 'utf8') } });
  }

  /** Replaces the whole buffer (unsaved: the disk keeps its old text). */
  change(file: string, version: number, text: string): void {
    void this.conn.sendNotification('textDocument/didChange', { textDocument: { uri: uri(file), version }, contentChanges: [{ text }] });
  }

  codeActions(file: string, diagnostic: Diagnostic): Promise<CodeAction[]> {
    return this.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: uri(file) }, range: diagnostic.range, context: { diagnostics: [diagnostic] } }) as Promise<CodeAction[]>;
  }

  executeCommand(command: string, args: unknown[]): Promise<unknown> {
    return this.conn.sendRequest('workspace/executeCommand', { command, arguments: args });
  }

  async stop(): Promise<void> {
    const timeout = (ms: number) => new Promise((r) => setTimeout(r, ms).unref());
    const exited = new Promise((r) => (this.child.exitCode !== null ? r(undefined) : this.child.once('exit', r)));
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), timeout(3000)]);
      await this.conn.sendNotification('exit');
    } catch {
      /* already gone */
    }
    await Promise.race([exited, timeout(3000)]);
    if (this.child.exitCode === null) this.child.kill();
    this.conn.dispose();
  }
}

/** Applies a workspace edit to the disk, as an editor that saves would; returns the files. */
export function applyWorkspaceEdit(edit: WorkspaceEdit): string[] {
  const files: string[] = [];
  const apply = (u: string, edits: TextEdit[]) => {
    const file = fileURLToPath(u);
    files.push(file);
    const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    const index = new LineIndex(text);
    const ours = edits.map((e) => ({
      range: index.range(index.offsetAt(e.range.start.line, e.range.start.character), index.offsetAt(e.range.end.line, e.range.end.character)),
      newText: e.newText,
    }));
    fs.writeFileSync(file, applyEdits(text, ours));
  };
  for (const change of edit.documentChanges ?? []) {
    if ('kind' in change) {
      if (change.kind === 'create') {
        const file = fileURLToPath(change.uri);
        if (fs.existsSync(file) && !change.options?.overwrite) throw new Error(`${file} exists`);
        fs.mkdirSync(path.dirname(file), { recursive: true }); // as VS Code creates a file's folders
        fs.writeFileSync(file, '');
      }
      continue;
    }
    apply(change.textDocument.uri, change.edits as TextEdit[]);
  }
  for (const [u, edits] of Object.entries(edit.changes ?? {})) apply(u, edits);
  return files;
}

/** app's main.go, importing the module example.com/lib. */
export const MAIN_GO_IMPORTING_LIB = `package main

import (
\t"fmt"

\t"example.com/lib"
)

func main() { fmt.Println(lib.Hello()) }
`;

export interface TestWorkspace {
  ws: string;
  go: HermeticGo;
  client: TestClient;
  dispose(): Promise<void>;
}

/** A hermetic go environment, `files` written under its ws/, and the server started on that folder
 * (trusted). `terminalEnv`, given the hermetic environment, says what `env` prints in the terminal:
 * it becomes a KEY=VALUE file that goModuleDoctor.terminalEnv names. */
export async function startWorkspace(files: Record<string, string>, opts: Partial<StartOptions> & { terminalEnv?: (goEnv: Record<string, string>) => Record<string, string> } = {}): Promise<TestWorkspace> {
  const go = hermeticGo();
  const ws = path.join(go.root, 'ws');
  writeTree(ws, files);
  const { terminalEnv, ...start } = opts;
  let settings = start.settings;
  if (terminalEnv) {
    const file = path.join(go.root, 'terminal.env');
    fs.writeFileSync(file, Object.entries(terminalEnv(go.env)).map(([k, v]) => `${k}=${v}\n`).join(''));
    settings = { ...settings, terminalEnv: file };
  }
  const { client } = await TestClient.start({ folders: [ws], env: go.env, trusted: true, ...start, settings });
  return {
    ws,
    go,
    client,
    async dispose() {
      await client.stop();
      go.dispose();
    },
  };
}

export { writeTree };

/** A `go` on PATH that appends each invocation to `log`, then runs the real go. */
export function recordingGo(binDir: string, log: string, realGo: string): void {
  fs.mkdirSync(binDir, { recursive: true });
  const script = path.join(binDir, 'go');
  fs.writeFileSync(script, `#!/bin/sh\necho "go $*" >> '${log}'\nexec '${realGo}' "$@"\n`);
  fs.chmodSync(script, 0o755);
}

/** The exact range of the first occurrence of `needle` in a file, as LSP positions. */
export function rangeOf(file: string, needle: string): { start: { line: number; character: number }; end: { line: number; character: number } } {
  const text = fs.readFileSync(file, 'utf8');
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`${needle} not in ${file}`);
  const r = new LineIndex(text).range(at, at + needle.length);
  return { start: { line: r.start.line, character: r.start.character }, end: { line: r.end.line, character: r.end.character } };
}
