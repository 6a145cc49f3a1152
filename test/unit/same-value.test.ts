// sameValue: the same data as JSON.stringify would write it, without writing it.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { sameValue } from '../../server/src/same-value';

test('sameValue agrees with comparing JSON.stringify output, key order aside', () => {
  const pairs: [unknown, unknown, boolean][] = [
    [{ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 }, true],
    [{ a: 1, u: undefined }, { a: 1 }, true],
    [{ a: 1, f: () => 0 }, { a: 1 }, true],
    [[1, undefined], [1, null], true],
    [{ a: 1 }, { a: 2 }, false],
    [{ a: 1 }, { a: 1, b: 0 }, false],
    [[1, 2], [1, 2, 3], false],
    [{ a: [] }, { a: {} }, false],
    ['1', 1, false],
  ];
  for (const [a, b, same] of pairs) assert.equal(sameValue(a, b), same, `${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
});

test('sameValue leaves out a syntax tree’s line → block back-pointers, as view diffs need', () => {
  const block = { kind: 'block', lines: [] as unknown[] };
  const line = { text: 'require x v1', block };
  block.lines.push(line);
  const other = { kind: 'block', lines: [] as unknown[] };
  assert.ok(sameValue({ text: 'require x v1', block }, { text: 'require x v1', block: other }));
  assert.ok(!sameValue({ text: 'require x v1', block }, { text: 'require y v1', block }));
});
