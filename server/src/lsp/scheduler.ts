// Debounce and cancel: the resolution phase of a folder runs `delayMs` after the last change, and
// a newer change aborts a run in flight (its partial result is dropped). A burst of changes
// therefore costs one analysis.

export type Job = (signal: AbortSignal) => Promise<void>;

export class Scheduler {
  private timer: { immediate?: NodeJS.Immediate; timeout?: NodeJS.Timeout } | undefined;
  private running: AbortController | undefined;
  private chain: Promise<void> = Promise.resolve();
  private disposed = false;

  constructor(
    private readonly job: Job,
    private readonly delayMs: number,
    private readonly onError: (e: unknown) => void,
  ) {}

  /** Run the job after the delay, cancelling a pending or running one. */
  schedule(delayMs = this.delayMs): void {
    if (this.disposed) return;
    this.running?.abort();
    this.cancelTimer();
    const fire = () => {
      this.timer = undefined;
      this.start();
    };
    // No delay: the next turn of the event loop (a timer waits at least a millisecond).
    this.timer = delayMs <= 0 ? { immediate: setImmediate(fire) } : { timeout: setTimeout(fire, delayMs) };
  }

  dispose(): void {
    this.disposed = true;
    this.running?.abort();
    this.cancelTimer();
  }

  private cancelTimer(): void {
    if (this.timer?.immediate) clearImmediate(this.timer.immediate);
    if (this.timer?.timeout) clearTimeout(this.timer.timeout);
    this.timer = undefined;
  }

  private start(): void {
    const controller = new AbortController();
    this.running = controller;
    // Runs never overlap: the next waits for the aborted one to notice and return.
    this.chain = this.chain.then(async () => {
      if (controller.signal.aborted) return;
      try {
        await this.job(controller.signal);
      } catch (e) {
        if (!controller.signal.aborted) this.onError(e);
      } finally {
        if (this.running === controller) this.running = undefined;
      }
    });
  }
}
