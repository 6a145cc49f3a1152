// The "Create go.work" fix: the same for every broken import of a folder, so made once per module
// list, and with a title that names a few directories rather than all of them.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { createGoWorkFix } from '../../../server/src/fix/wiring';
import type { LocalModule } from '../../../server/src/analyze/local-modules';
import type { View } from '../../../server/src/resolve/types';
import { parseGoMod } from '../../../server/src/parse';

const modules = (n: number): LocalModule[] =>
  Array.from({ length: n }, (_, i) => {
    const root = `/w/m${i}`;
    return { root, path: `example.com/m${i}`, modFile: parseGoMod(`module example.com/m${i}\n\ngo 1.22\n`, `${root}/go.mod`) };
  });
const view = { env: { goVersion: '1.26.0' } } as unknown as View;

test('Create go.work uses every module, names at most four in its title, and is made once per module list', () => {
  const many = modules(6);
  const fix = createGoWorkFix('/w', many, view)!;
  assert.equal(fix.title, 'Create go.work using 6 modules (./m0, ./m1, ./m2 and 3 more)');
  assert.equal(fix.edits![0]!.edits[0]!.newText, 'go 1.26.0\n\nuse (\n' + many.map((m) => `\t./${m.root.slice(3)}\n`).join('') + ')\n');
  assert.equal(createGoWorkFix('/w', many, view), fix, 'the same fix for the same modules');
  assert.notEqual(createGoWorkFix('/w', modules(6), view), fix, 'another module list is planned again');
  assert.equal(createGoWorkFix('/w', modules(4), view)!.title, 'Create go.work using 4 modules (./m0, ./m1, ./m2, ./m3)');
});
