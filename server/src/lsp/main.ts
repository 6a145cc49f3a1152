// The language server's entry point (dist/server.js): `node dist/server.js --stdio` speaks LSP
// over stdin/stdout; the transport comes from the command line (--stdio, --node-ipc, --socket).

import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';
import { BatchedOutput } from './batched-output';
import { Lifecycle } from './lifecycle';

// Every message passes the lifecycle's gate before it is dispatched.
const lifecycle = new Lifecycle();
// Over stdio, the messages of one turn of the event loop leave in one write (BatchedOutput).
const connection = process.argv.includes('--stdio')
  ? createConnection(ProposedFeatures.all, process.stdin, new BatchedOutput(process.stdout), lifecycle.options)
  : createConnection(ProposedFeatures.all, lifecycle.options);
lifecycle.attach(connection);
// stdout is the protocol channel: anything printed there would corrupt it.
console.log = console.info = console.debug = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
console.warn = (...args: unknown[]) => connection.console.warn(args.map(String).join(' '));
console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));
startServer(connection);
