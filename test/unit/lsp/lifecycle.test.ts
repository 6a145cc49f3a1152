// The LSP lifecycle as the specification sets it, over real stdio: requests before initialize fail
// with ServerNotInitialized (-32002); initialize is accepted once (a second is an error and changes
// nothing, workspace trust included); after shutdown requests fail with InvalidRequest (-32600);
// exit ends the process with 0 after shutdown and 1 without; params of the wrong shape fail with
// InvalidParams (-32602), not as internal errors. Needs dist/server.js.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { createMessageConnection, ResponseError, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import { hermeticGo } from '../../harness/goenv';
import type { HermeticGo } from '../../harness/goenv';
import { MAIN_GO_IMPORTING_LIB, serverPath, uri, writeTree } from './lsp-client';
import type { CommandResult, InitializationOptions } from '../../../server/src/lsp/protocol';

const ServerNotInitialized = -32002;
const InvalidRequest = -32600;
const InvalidParams = -32602;

interface Raw {
  go: HermeticGo;
  ws: string;
  conn: MessageConnection;
  /** The methods the server registered with client/registerCapability. */
  registrations: string[];
  /** The server's exit code, once it exits. */
  exited: Promise<number | null>;
  initialize(trusted: boolean, params?: Record<string, unknown>): Promise<unknown>;
  dispose(): Promise<void>;
}

/** The server started and connected, with nothing sent yet. */
function raw(): Raw {
  const go = hermeticGo();
  const ws = path.join(go.root, 'ws');
  writeTree(ws, { 'go.mod': 'module example.com/app\n\ngo 1.22\n', 'main.go': MAIN_GO_IMPORTING_LIB });
  const child = spawn(process.execPath, [serverPath, '--stdio'], { env: go.env, stdio: ['pipe', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const conn = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({ terminalEnv: 'off' })));
  const registrations: string[] = [];
  conn.onRequest('client/registerCapability', (p: { registrations: { method: string }[] }) => {
    registrations.push(...p.registrations.map((r) => r.method));
    return null;
  });
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onRequest('window/showMessageRequest', () => null);
  conn.listen();
  return {
    go,
    ws,
    conn,
    registrations,
    exited,
    initialize: (trusted, params = {}) =>
      conn.sendRequest('initialize', {
        processId: null,
        rootUri: null,
        workspaceFolders: [{ uri: uri(ws), name: 'ws' }],
        initializationOptions: { trusted } satisfies InitializationOptions,
        capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } } },
        ...params,
      }),
    async dispose() {
      if (child.exitCode === null) child.kill();
      await exited;
      conn.dispose();
      go.dispose();
    },
  };
}

/** The error code a request fails with (undefined when it succeeds). */
async function errorCode(p: Promise<unknown>): Promise<number | undefined> {
  try {
    await p;
    return undefined;
  } catch (e) {
    if (e instanceof ResponseError) return e.code;
    throw e;
  }
}

const hoverParams = (s: Raw) => ({ textDocument: { uri: uri(path.join(s.ws, 'main.go')) }, position: { line: 5, character: 3 } });

test('before initialize every request fails with ServerNotInitialized', async () => {
  const s = raw();
  try {
    assert.equal(await errorCode(s.conn.sendRequest('textDocument/hover', hoverParams(s))), ServerNotInitialized);
    assert.equal(await errorCode(s.conn.sendRequest('workspace/executeCommand', { command: 'goModuleDoctor.refreshTerminalEnv', arguments: [] })), ServerNotInitialized);
    assert.equal(await errorCode(s.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: uri(path.join(s.ws, 'main.go')) }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } })), ServerNotInitialized);
    assert.equal(await errorCode(s.conn.sendRequest('textDocument/definition', hoverParams(s))), ServerNotInitialized);
    assert.equal(await errorCode(s.conn.sendRequest('shutdown')), ServerNotInitialized);
    // A notification before initialize is dropped; initialize then works.
    void s.conn.sendNotification('goModuleDoctor/trust', { trusted: true });
    await s.initialize(true);
    assert.equal(await errorCode(s.conn.sendRequest('textDocument/hover', hoverParams(s))), undefined);
    await s.conn.sendRequest('shutdown');
    void s.conn.sendNotification('exit');
    assert.equal(await s.exited, 0);
  } finally {
    await s.dispose();
  }
});

test('a second initialize is an error and keeps the workspace trusted; a second initialized changes nothing', async () => {
  const s = raw();
  try {
    await s.initialize(true);
    void s.conn.sendNotification('initialized', {});
    const refresh = () => s.conn.sendRequest('workspace/executeCommand', { command: 'goModuleDoctor.refreshTerminalEnv', arguments: [] }) as Promise<CommandResult>;
    assert.equal((await refresh()).ok, true, 'trusted: the terminal environment may be read');
    assert.equal(await errorCode(s.initialize(false)), InvalidRequest);
    assert.equal((await refresh()).ok, true, 'the second initialize made the workspace untrusted');
    // The server registers for configuration changes once (its requests come before the answer).
    void s.conn.sendNotification('initialized', {});
    await refresh();
    assert.deepEqual(s.registrations, ['workspace/didChangeConfiguration']);
  } finally {
    await s.dispose();
  }
});

test('after shutdown requests fail with InvalidRequest, and exit ends the process with 0', async () => {
  const s = raw();
  try {
    await s.initialize(true);
    void s.conn.sendNotification('initialized', {});
    assert.equal(await errorCode(s.conn.sendRequest('shutdown')), undefined);
    assert.equal(await errorCode(s.conn.sendRequest('textDocument/hover', hoverParams(s))), InvalidRequest);
    assert.equal(await errorCode(s.conn.sendRequest('workspace/executeCommand', { command: 'goModuleDoctor.refreshTerminalEnv', arguments: [] })), InvalidRequest);
    assert.equal(await errorCode(s.conn.sendRequest('textDocument/definition', hoverParams(s))), InvalidRequest);
    assert.equal(await errorCode(s.conn.sendRequest('shutdown')), InvalidRequest);
    assert.equal(await errorCode(s.initialize(true)), InvalidRequest);
    void s.conn.sendNotification('exit');
    assert.equal(await s.exited, 0);
  } finally {
    await s.dispose();
  }
});

test('exit without shutdown ends the process with 1', async () => {
  const s = raw();
  try {
    await s.initialize(true);
    void s.conn.sendNotification('initialized', {});
    void s.conn.sendNotification('exit');
    assert.equal(await s.exited, 1);
  } finally {
    await s.dispose();
  }
});

test('params of the wrong shape fail with InvalidParams', async () => {
  const s = raw();
  try {
    // initialize without capabilities, or with folders that are not folders: refused, and the
    // server still waits for a good one.
    assert.equal(await errorCode(s.conn.sendRequest('initialize', { processId: null, rootUri: null })), InvalidParams);
    assert.equal(await errorCode(s.initialize(true, { workspaceFolders: 'x' })), InvalidParams);
    assert.equal(await errorCode(s.initialize(true, { initializationOptions: 'x' })), InvalidParams);
    await s.initialize(true);
    void s.conn.sendNotification('initialized', {});

    const file = uri(path.join(s.ws, 'main.go'));
    assert.equal(await errorCode(s.conn.sendRequest('textDocument/hover', {})), InvalidParams);
    assert.equal(await errorCode(s.conn.sendRequest('textDocument/hover', { textDocument: { uri: 7 }, position: { line: 0, character: 0 } })), InvalidParams);
    assert.equal(await errorCode(s.conn.sendRequest('textDocument/hover', { textDocument: { uri: file }, position: { line: -1, character: 0 } })), InvalidParams);
    assert.equal(await errorCode(s.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: file } })), InvalidParams);
    assert.equal(await errorCode(s.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: file }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [null] } })), InvalidParams);
    assert.equal(await errorCode(s.conn.sendRequest('workspace/executeCommand', { command: 'goModuleDoctor.runFix', arguments: 'x' })), InvalidParams);
    assert.equal(await errorCode(s.conn.sendRequest('workspace/executeCommand', { arguments: [] })), InvalidParams);
    const command = (name: string, arg: unknown) => errorCode(s.conn.sendRequest('workspace/executeCommand', { command: `goModuleDoctor.${name}`, arguments: [arg] }));
    assert.equal(await command('runFix', 'x'), InvalidParams);
    assert.equal(await command('runFix', { folderUri: uri(s.ws), fixId: ['x'] }), InvalidParams);
    assert.equal(await command('runGoModTidy', { uri: null }), InvalidParams);
    assert.equal(await command('generateGoWork', { folderUri: uri(s.ws), use: 'app' }), InvalidParams);
    assert.equal(await command('explainImport', { textDocument: { uri: file }, position: { line: '1', character: 0 } }), InvalidParams);
    assert.equal(await command('compareEnvironments', { uri: 1 }), InvalidParams);
    // A diagnostic of ours with data of the wrong shape gives no action, and no error.
    const ours = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'm', source: 'go-module-doctor', data: { folderUri: 3, fixIds: 'x' } };
    assert.deepEqual(await s.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: file }, range: ours.range, context: { diagnostics: [ours] } }), []);
  } finally {
    await s.dispose();
  }
});
