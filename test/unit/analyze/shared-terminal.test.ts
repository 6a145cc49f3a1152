// A terminal whose environment reads as the editor's to module loading (it differs only in what a
// shell adds: TERM_PROGRAM, SHLVL, …) sees what the editor sees: its views are copies of the
// editor's carrying its own environment, and its resolutions are the editor's (no second view load
// or resolution per edit). A value module loading reads keeps them apart.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { analyzeFolder } from '../../../server/src/analyze/analyze';
import { resolutionDifference } from '../../../server/src/env/equal';
import { viewContent } from '../../../server/src/resolve/view-content';
import { loadGoEnv } from '../../../server/src/env/goenv';
import type { GoEnv } from '../../../server/src/env/types';
import { hermeticGo } from '../../harness/goenv';
import { writeTree } from '../../harness/tree';

const FILES = {
  'go.work': 'go 1.22\n\nuse (\n\t./app\n\t./lib\n)\n',
  'lib/go.mod': 'module example.com/lib\n\ngo 1.22\n',
  'lib/lib.go': 'package lib\n',
  'app/go.mod': 'module example.com/app\n\ngo 1.22\n',
  'app/main.go': 'package main\n\nimport (\n\t"fmt"\n\n\t"example.com/lib"\n\t"example.com/missing"\n)\n\nvar _ = fmt.Sprint\nvar _ = lib.X\nvar _ = missing.Y\n',
};

test('resolutionDifference compares values, not objects or key order, and ignores what module loading does not read', () => {
  const env = (processEnv: Record<string, string>, extra: Partial<GoEnv> = {}) => ({ processEnv, vars: { GOFLAGS: '' }, goroot: '/go', gopath: ['/gp'], ...extra }) as unknown as GoEnv;
  assert.equal(resolutionDifference(env({ PATH: '/bin', HOME: '/h' }), env({ HOME: '/h', PATH: '/bin' })), 'none');
  assert.equal(resolutionDifference(env({ PATH: '/bin' }, { origins: undefined }), env({ PATH: '/bin' })), 'none', 'an undefined field is an absent one');
  assert.equal(resolutionDifference(env({ PATH: '/bin' }), env({ PATH: '/bin', TERM_PROGRAM: 'vscode', SHLVL: '2', PWD: '/w' })), 'none', 'what a shell adds');
  assert.equal(resolutionDifference(env({ PATH: '/bin' }), env({ PATH: '/usr/bin', TERM_PROGRAM: 'vscode' })), 'path', 'PATH matters only where go switches toolchains');
  assert.equal(resolutionDifference(env({ PATH: '/bin', GOFLAGS: '-mod=mod' }), env({ PATH: '/usr/bin' })), 'other');
  assert.equal(resolutionDifference(env({}, { gopath: ['/gp', '/more'] }), env({})), 'other');
  assert.equal(resolutionDifference(env({}, { origins: { GOFLAGS: 'go.toolsEnvVars' } }), env({})), 'other', 'where a value came from counts (messages name it)');
});

test('a terminal environment that reads as the editor’s shares its views and resolutions; one value go reads keeps them apart', async () => {
  const go = hermeticGo();
  try {
    const ws = path.join(go.root, 'ws');
    writeTree(ws, FILES);
    const editorEnv = await loadGoEnv(go.env);
    // As a terminal's environment is read: separately (go env runs again), with what a shell adds.
    const terminalEnv = await loadGoEnv({ ...go.env, TERM_PROGRAM: 'vscode', SHLVL: '2' });

    const shared = await analyzeFolder(ws, { editorEnv, terminalEnv });
    const editorView = shared.views.find((v) => v.role === 'editor')!.view;
    const terminalViews = shared.views.filter((v) => v.role === 'terminal').map((v) => v.view);
    assert.ok(terminalViews.length > 0 && terminalViews.every((v) => viewContent(v) === editorView && v.env === terminalEnv), 'copies of the editor’s view, with the terminal’s environment');
    assert.ok(shared.imports.length > 0 && shared.imports.every((v) => v.terminal === v.editor));
    assert.deepEqual(shared.diagnostics.map((d) => d.code), ['no-required-module']);

    // Another PATH: the same views, as long as go would not look for another toolchain on it. (go
    // env runs again for another PATH, and reports C flags naming another temporary directory.)
    const otherPath = await loadGoEnv({ ...go.env, TERM_PROGRAM: 'vscode', SHLVL: '2', PATH: `/opt/elsewhere/bin:${go.env.PATH ?? ''}` });
    assert.equal(resolutionDifference(otherPath, editorEnv), 'path');
    const onPath = await analyzeFolder(ws, { editorEnv, terminalEnv: otherPath });
    assert.ok(onPath.views.filter((v) => v.role === 'terminal').every((v) => viewContent(v.view) === viewContent(onPath.views.find((e) => e.role === 'editor')!.view)));
    // GOTOOLCHAIN pinned to a release that is not installed: go would look for it on PATH.
    const pin = (e: GoEnv): GoEnv => ({ ...e, gotoolchain: 'go1.99.0', vars: { ...e.vars, GOTOOLCHAIN: 'go1.99.0' } });
    const switching = await analyzeFolder(ws, { editorEnv: pin(editorEnv), terminalEnv: pin(otherPath) });
    const switchingEditor = switching.views.find((v) => v.role === 'editor')!.view;
    assert.ok(switchingEditor.errors.some((e) => e.code === 'toolchain-unavailable'), JSON.stringify(switchingEditor.errors));
    assert.ok(switching.views.filter((v) => v.role === 'terminal').every((v) => viewContent(v.view) !== switchingEditor), 'go would look on PATH: the terminal’s own view');

    const apart = await analyzeFolder(ws, { editorEnv, terminalEnv: await loadGoEnv({ ...go.env, GOPRIVATE: 'example.org/private' }) });
    assert.ok(apart.views.filter((v) => v.role === 'terminal').every((v) => viewContent(v.view) !== editorView));
    assert.ok(apart.imports.every((v) => v.terminal !== undefined && v.terminal !== v.editor && v.terminal.ok === v.editor.ok));
    // Both say the same to the user.
    assert.deepEqual(apart.diagnostics, shared.diagnostics);
  } finally {
    go.dispose();
  }
});

test('without a go.work, a terminal that reads as the editor shares each module’s view (the editor loads it with GOWORK=off)', async () => {
  const go = hermeticGo();
  try {
    const ws = path.join(go.root, 'ws');
    const { 'go.work': _work, ...modules } = FILES;
    writeTree(ws, modules);
    const editorEnv = await loadGoEnv(go.env);
    const terminalEnv = await loadGoEnv({ ...go.env, TERM_PROGRAM: 'vscode', SHLVL: '2', PATH: `/opt/elsewhere/bin:${go.env.PATH ?? ''}` });
    const a = await analyzeFolder(ws, { editorEnv, terminalEnv });
    const editor = a.views.filter((v) => v.role === 'editor');
    const terminal = a.views.filter((v) => v.role === 'terminal');
    assert.equal(editor.length, 2, 'a view per module');
    for (const t of terminal) {
      const e = editor.find((v) => v.moduleDir === t.moduleDir)!;
      assert.ok(viewContent(t.view) === viewContent(e.view) && t.view.env === terminalEnv, `${t.moduleDir}: a copy of the editor's view, with the terminal's environment`);
    }
    assert.ok(a.imports.length > 0 && a.imports.every((v) => v.terminal === v.editor), 'one resolution for both');
    // Both name the import no module provides, as go does (lib is not required by app).
    assert.deepEqual([...new Set(a.diagnostics.map((d) => d.code))].sort(), ['no-required-module']);
  } finally {
    go.dispose();
  }
});
