// The status bar's words: a count of broken imports for the active file's module, the editor ≠
// terminal warning, and for a go.work the modules it uses — no mode jargon in the item itself.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { statusText, type StatusText } from '../../../client/src/status-text';
import type { StatusParams } from '../../../server/src/lsp/protocol';

const folder = (modules: StatusParams['modules'], extra: Partial<StatusParams> = {}): StatusParams => ({ folderUri: 'file:///w', state: 'ready', modules, restricted: false, diagnostics: 0, ...extra });

test('a clean module, a module with broken imports, an editor-terminal mismatch', () => {
  const s = [folder([
    { dir: '/w/app', mode: 'module', mismatch: false },
    { dir: '/w/api', mode: 'vendor', mismatch: false, broken: 3 },
    { dir: '/w/api/nested', mode: 'module', mismatch: true, mismatchImports: 2, mismatchInputs: ['GOFLAGS'], broken: 1 },
  ])];
  const clean = statusText('/w/app/main.go', s) as StatusText;
  assert.equal(clean.text, '$(check) Go imports');
  assert.match(clean.tooltip.join('\n'), /through this module's go\.mod/);
  assert.equal(clean.warning, false);
  const broken = statusText('/w/api/go.sum', s) as StatusText;
  assert.equal(broken.text, '$(error) Go imports: 3 broken');
  assert.match(broken.tooltip.join('\n'), /vendor directory/);
  const mismatch = statusText('/w/api/nested/x.go', s) as StatusText;
  assert.equal(mismatch.text, '$(warning) Go: editor ≠ terminal');
  assert.equal(mismatch.warning, true);
  assert.match(mismatch.tooltip.join('\n'), /resolve 2 imports differently: GOFLAGS decides it/);
});

test('a go.work speaks for the modules it uses, also when its directory is a module', () => {
  const s = [folder([
    { dir: '/w', mode: 'workspace', goWork: '/w/go.work', mismatch: false },
    { dir: '/w/a', mode: 'workspace', goWork: '/w/go.work', mismatch: false, broken: 1 },
    { dir: '/w/b', mode: 'workspace', goWork: '/w/go.work', mismatch: false, broken: 1 },
  ])];
  const w = statusText('/w/go.work', s) as StatusText;
  assert.equal(w.text, '$(error) Go workspace: 2 broken imports');
  assert.match(w.tooltip[0]!, /3 modules/);
  assert.equal((statusText('/w/a/go.mod', s) as StatusText).text, '$(error) Go imports: 1 broken');
});

test('outside every module: not in a module, or analysing', () => {
  assert.deepEqual(statusText('/elsewhere/x.go', [folder([{ dir: '/w/app', mode: 'module', mismatch: false }])]), { analyzing: false });
  assert.deepEqual(statusText('/w/app/x.go', [folder([], { state: 'analyzing' })]), { analyzing: true });
  const untrusted = statusText('/w/app/x.go', [folder([{ dir: '/w/app', mode: 'module', mismatch: false }], { restricted: true })]) as StatusText;
  assert.equal(untrusted.text, '$(check) Go imports $(shield)');
});
