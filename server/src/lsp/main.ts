// The language server's entry point (dist/server.js): `node dist/server.js --stdio` speaks LSP
// over stdin/stdout; the transport comes from the command line (--stdio, --node-ipc, --socket).

import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

const connection = createConnection(ProposedFeatures.all);
// stdout is the protocol channel: anything printed there would corrupt it.
console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));
startServer(connection);
