// A diagnostic names its fixes by id; the server looks them up for code actions and runFix.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { FixTable } from '../../../server/src/lsp/fix-table';
import type { Fix } from '../../../server/src/diagnose/types';

const fix = (title: string): Fix => ({ title, destructive: false, edits: [] });

test('FixTable: ids follow content, and the previous analysis’s fixes stay reachable for one more', () => {
  const table = new FixTable();
  table.begin();
  const a = fix('Add a replace');
  const id = table.idOf(a);
  assert.equal(table.idOf(a), id);
  assert.equal(table.idOf(fix('Add a replace')), id, 'an equal fix of a later plan has the same id, so its diagnostic is not sent again');
  assert.notEqual(table.idOf(fix('Run go mod tidy')), id);
  assert.equal(table.get(id), a);

  table.begin();
  assert.equal(table.get(id), a, 'a code action may come from the diagnostics just replaced');
  table.begin();
  assert.equal(table.get(id), undefined);
});
