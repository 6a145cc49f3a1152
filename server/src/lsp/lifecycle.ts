// The LSP lifecycle, as the specification sets it, on every message before the connection
// dispatches it. vscode-languageserver runs any handler whenever its message arrives and exits with
// 0 after shutdown (1 without); the rest is here:
// - before initialize, a request fails with ServerNotInitialized and a notification other than
//   exit is dropped;
// - initialize is accepted once: a second fails, before the library or our handler sees it (it
//   would reset the client's capabilities and workspace trust);
// - initialize params of the wrong shape fail with InvalidParams (the library reads them first);
// - after shutdown, a request fails with InvalidRequest and a notification other than exit is
//   dropped.
// The connection answers a refused request itself: the request is passed on renamed to REFUSED,
// whose handler fails with the refusal.

import { ErrorCodes, Message, ResponseError } from 'vscode-languageserver/node';
import type { Connection, ConnectionOptions, NotificationMessage, RequestMessage } from 'vscode-languageserver/node';
import { initializeParams } from './params';

const REFUSED = '$/goModuleDoctor/refused';

interface Refusal {
  code: number;
  message: string;
}

export class Lifecycle {
  private state: 'uninitialized' | 'running' | 'shut down' = 'uninitialized';
  /** The refusals this gate made: a client's own request for REFUSED is not one. */
  private readonly refusals = new WeakSet<Refusal>();
  /** For createConnection. */
  readonly options: ConnectionOptions = {
    messageStrategy: { handleMessage: (message, next) => this.handle(message, next) },
  };

  /** Registers the handler that answers refused requests. */
  attach(connection: Connection): void {
    connection.onRequest(REFUSED, (p: Refusal) => {
      if (!this.refusals.has(p)) return new ResponseError(ErrorCodes.MethodNotFound, `Unhandled method ${REFUSED}`);
      return new ResponseError(p.code, p.message);
    });
  }

  private handle(message: Message, next: (message: Message) => void | Promise<void>): void | Promise<void> {
    if (Message.isRequest(message)) {
      const refusal = this.refusal(message);
      if (!refusal) return next(message);
      this.refusals.add(refusal);
      return next({ ...message, method: REFUSED, params: refusal } as RequestMessage);
    }
    if (Message.isNotification(message) && !this.accepts(message)) return;
    return next(message);
  }

  /** Why a request is refused, and the state it moves the server to when it is not. */
  private refusal(r: RequestMessage): Refusal | undefined {
    if (this.state === 'shut down') return { code: ErrorCodes.InvalidRequest, message: `${r.method}: the server is shut down` };
    if (r.method === 'initialize') {
      if (this.state === 'running') return { code: ErrorCodes.InvalidRequest, message: 'initialize: the server is initialized already' };
      try {
        initializeParams(r.params);
      } catch (e) {
        return { code: e instanceof ResponseError ? e.code : ErrorCodes.InvalidParams, message: `initialize: ${(e as Error).message}` };
      }
      this.state = 'running';
      return undefined;
    }
    if (this.state === 'uninitialized') return { code: ErrorCodes.ServerNotInitialized, message: `${r.method}: the server is not initialized` };
    if (r.method === 'shutdown') this.state = 'shut down';
    return undefined;
  }

  private accepts(n: NotificationMessage): boolean {
    return n.method === 'exit' || this.state === 'running';
  }
}
