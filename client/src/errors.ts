// Bounded restarts: a server that keeps crashing is restarted at most MAX_RESTARTS times within
// WINDOW_MS, then left stopped with one message pointing at the log and the Restart command.

import { CloseAction, ErrorAction } from 'vscode-languageclient/node';
import type { CloseHandlerResult, ErrorHandler, ErrorHandlerResult, Message } from 'vscode-languageclient/node';

export const MAX_RESTARTS = 5;
export const WINDOW_MS = 3 * 60_000;

export class BoundedRestarts implements ErrorHandler {
  private restarts: number[] = [];

  constructor(private readonly onGiveUp: () => void) {}

  error(_error: Error, _message: Message | undefined, count: number | undefined): ErrorHandlerResult {
    // A few read/write errors in a row are transient; more mean the pipe is gone.
    return { action: (count ?? 0) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown, handled: true };
  }

  closed(): CloseHandlerResult {
    const now = Date.now();
    this.restarts = this.restarts.filter((t) => now - t < WINDOW_MS);
    if (this.restarts.length >= MAX_RESTARTS) {
      this.onGiveUp();
      return {
        action: CloseAction.DoNotRestart,
        message: `The Go Module Doctor server stopped ${MAX_RESTARTS} times in ${WINDOW_MS / 60_000} minutes and was not restarted. See "Go Module Doctor: Show output"; "Go Module Doctor: Restart server" starts it again.`,
      };
    }
    this.restarts.push(now);
    // Empty message and handled: restart quietly (vscode-go does the same).
    return { action: CloseAction.Restart, message: '', handled: true };
  }

  reset(): void {
    this.restarts = [];
  }
}
