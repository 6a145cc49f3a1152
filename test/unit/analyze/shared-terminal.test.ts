// A terminal whose environment is the editor's in every value sees what the editor sees: the
// analysis gives both one environment object, so the terminal's views and resolutions are the
// editor's (no second view load or resolution per edit). One differing value keeps them apart.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { analyzeFolder } from '../../../server/src/analyze/analyze';
import { equalGoEnvs } from '../../../server/src/env/equal';
import { loadGoEnv } from '../../../server/src/env/goenv';
import type { GoEnv } from '../../../server/src/env/types';
import { hermeticGo } from '../../harness/goenv';
import { writeTree } from '../lsp/lsp-client';

const FILES = {
  'go.work': 'go 1.22\n\nuse (\n\t./app\n\t./lib\n)\n',
  'lib/go.mod': 'module example.com/lib\n\ngo 1.22\n',
  'lib/lib.go': 'package lib\n',
  'app/go.mod': 'module example.com/app\n\ngo 1.22\n',
  'app/main.go': 'package main\n\nimport (\n\t"fmt"\n\n\t"example.com/lib"\n\t"example.com/missing"\n)\n\nvar _ = fmt.Sprint\nvar _ = lib.X\nvar _ = missing.Y\n',
};

test('equalGoEnvs compares values, not objects or key order', () => {
  const env = (vars: Record<string, string>, extra: Partial<GoEnv> = {}) => ({ processEnv: vars, vars, goroot: '/go', gopath: ['/gp'], ...extra }) as unknown as GoEnv;
  assert.ok(equalGoEnvs(env({ A: '1', B: '2' }), env({ B: '2', A: '1' })));
  assert.ok(equalGoEnvs(env({ A: '1' }, { origins: undefined }), env({ A: '1' })), 'an undefined field is an absent one');
  assert.ok(!equalGoEnvs(env({ A: '1' }), env({ A: '2' })));
  assert.ok(!equalGoEnvs(env({ A: '1' }, { gopath: ['/gp', '/more'] }), env({ A: '1' })));
  assert.ok(!equalGoEnvs(env({ A: '1' }, { origins: { A: 'go.toolsEnvVars' } }), env({ A: '1' })), 'where a value came from counts (messages name it)');
});

test('a terminal environment equal to the editor’s shares its views and resolutions; one differing variable does not', async () => {
  const go = hermeticGo();
  try {
    const ws = path.join(go.root, 'ws');
    writeTree(ws, FILES);
    const editorEnv = await loadGoEnv(go.env);
    // As a terminal's environment read separately (from a shell, or a file) with the same values.
    const equal = structuredClone(editorEnv);

    const shared = await analyzeFolder(ws, { editorEnv, terminalEnv: equal });
    const editorView = shared.views.find((v) => v.role === 'editor')!.view;
    assert.ok(shared.views.filter((v) => v.role === 'terminal').every((v) => v.view === editorView), 'the terminal’s views are the editor’s');
    assert.ok(shared.imports.length > 0 && shared.imports.every((v) => v.terminal === v.editor));
    assert.deepEqual(shared.diagnostics.map((d) => d.code), ['no-required-module']);

    const apart = await analyzeFolder(ws, { editorEnv, terminalEnv: await loadGoEnv({ ...go.env, TERM_PROGRAM: 'bench' }) });
    assert.ok(apart.views.filter((v) => v.role === 'terminal').every((v) => v.view !== editorView && v.view.env !== editorEnv));
    assert.ok(apart.imports.every((v) => v.terminal !== undefined && v.terminal !== v.editor && v.terminal.ok === v.editor.ok));
    // Both say the same to the user.
    assert.deepEqual(apart.diagnostics, shared.diagnostics);
  } finally {
    go.dispose();
  }
});
