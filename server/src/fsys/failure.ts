// How an input that exists but cannot be read is told: in our words, then go's own error when go
// fails the same way (permission denied). Where go would hang (a FIFO), read without end (a
// device) or read a file of any size, there is no go text to quote.

import * as nodePath from 'node:path';
import type { ReadFailure } from './fsys';

/** The headline: "go.mod is a FIFO", "api cannot be opened (permission denied)". */
export function unreadableHeadline(path: string, failure: ReadFailure): string {
  return `${nodePath.basename(path) || path} ${failure.what}`;
}

/** "`path` cannot be opened (…), `consequence`." and go's words after `goPrefix`, when the caller
 * has proved that go fails with them here (`goPrefix` undefined: not quoted). A special file or an
 * oversized one is said as such: go would hang on the one and read the other. */
export function unreadableMessage(path: string, failure: ReadFailure, consequence: string, goPrefix?: string, goText = failure.goText): string {
  if (failure.reason === 'special') return `${path} ${failure.what}: it is never read here, and the go command would block on it or read it without end.`;
  if (failure.reason === 'too-large') return `${path} ${failure.what}: it is not read, and nothing that depends on it is analysed.`;
  const head = `${path} ${failure.what}, ${consequence}.`;
  return goPrefix !== undefined && goText ? `${head} go says: ${goPrefix}${goText}` : head;
}
