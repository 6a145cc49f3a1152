// The protocol's stdout, written once per turn of the event loop. A finished analysis publishes
// diagnostics for a hundred files at once, and vscode-jsonrpc writes each message's header and
// body apart: on a pipe each write is a system call, and the client reads each as a chunk.

import { Writable } from 'node:stream';

export class BatchedOutput extends Writable {
  private chunks: Buffer[] = [];

  constructor(private readonly out: NodeJS.WritableStream) {
    super({ decodeStrings: true });
    // The connection learns of a closed or broken stdout from this stream.
    out.on('error', (e: Error) => this.destroy(e));
    out.on('close', () => this.destroy());
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.chunks.push(chunk);
    if (this.chunks.length === 1) setImmediate(() => this.flush());
    callback();
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.flush();
    callback();
  }

  private flush(): void {
    if (this.chunks.length === 0) return;
    const data = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
    this.chunks = [];
    this.out.write(data);
  }
}
