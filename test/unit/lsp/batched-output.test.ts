// The server's stdout batches the messages of one turn of the event loop into one write, in order,
// and passes later turns on as they come.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { BatchedOutput } from '../../../server/src/lsp/batched-output';

test('BatchedOutput writes what one turn of the event loop wrote in one piece, in order', async () => {
  const out = new PassThrough();
  const writes: string[] = [];
  out.on('data', (b: Buffer) => writes.push(b.toString()));
  const batched = new BatchedOutput(out);
  batched.write('Content-Length: 2\r\n\r\n', 'ascii');
  batched.write(Buffer.from('{}'));
  batched.write('Content-Length: 4\r\n\r\n', 'ascii');
  batched.write(Buffer.from('null'));
  assert.deepEqual(writes, [], 'nothing before the turn ends');
  await new Promise((r) => setImmediate(r));
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(writes, ['Content-Length: 2\r\n\r\n{}Content-Length: 4\r\n\r\nnull']);
  batched.write(Buffer.from('next'));
  await new Promise((r) => setImmediate(r));
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(writes.slice(1), ['next']);
  // What is left when the stream ends is written.
  batched.write(Buffer.from('last'));
  await new Promise<void>((r) => batched.end(r));
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(writes.slice(2), ['last']);
});

test('BatchedOutput fails with its stdout', async () => {
  const out = new PassThrough();
  const batched = new BatchedOutput(out);
  const failed = new Promise<Error>((r) => batched.on('error', r));
  out.destroy(new Error('EPIPE'));
  assert.equal((await failed).message, 'EPIPE');
});
