// The server's parts that need no engine: debounce/cancel, the buffer overlay, the diagnostics
// store, fix → code action conversion, and the chokidar watcher.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver/node';
import { Scheduler } from '../../../server/src/lsp/scheduler';
import { OverlayFileSystem } from '../../../server/src/lsp/overlay';
import { DiagnosticsStore } from '../../../server/src/lsp/diagnostics';
import { toCodeAction, toWorkspaceEdit, pathToUri } from '../../../server/src/lsp/convert';
import { ChokidarWatcher, isWatchedFile } from '../../../server/src/lsp/watch';
import { LineIndex } from '../../../server/src/text/position';
import type { Fix } from '../../../server/src/diagnose/types';

function tempDir(): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'gmd-lsp-')));
}

test('Scheduler: a burst of schedules runs the job once; a newer schedule aborts the running job', async () => {
  const runs: AbortSignal[] = [];
  let release: () => void = () => undefined;
  const s = new Scheduler(
    async (signal) => {
      runs.push(signal);
      if (runs.length === 2) await new Promise<void>((r) => (release = r));
    },
    20,
    (e) => assert.fail(String(e)),
  );
  for (let i = 0; i < 10; i++) s.schedule();
  await new Promise((r) => setTimeout(r, 80));
  assert.equal(runs.length, 1);
  s.schedule(0);
  await new Promise((r) => setTimeout(r, 30));
  assert.equal(runs.length, 2);
  s.schedule(0);
  assert.equal(runs[1]!.aborted, true, 'the running job is told to stop');
  release();
  await new Promise((r) => setTimeout(r, 30));
  assert.equal(runs.length, 3);
  assert.equal(runs[2]!.aborted, false);
  s.dispose();
});

test('OverlayFileSystem: open buffers win over the disk and appear in listings', () => {
  const dir = tempDir();
  try {
    fs.writeFileSync(path.join(dir, 'go.mod'), 'module disk\n');
    const buffers = new Map<string, string>([
      [path.join(dir, 'go.mod'), 'module buffer\n'],
      [path.join(dir, 'new.go'), 'package p\n'],
    ]);
    const overlay = new OverlayFileSystem({ get: (p) => (buffers.has(p) ? { text: buffers.get(p)!, changedAt: 1 } : undefined), paths: () => buffers.keys() });
    assert.equal(overlay.readText(path.join(dir, 'go.mod')), 'module buffer\n');
    assert.equal(overlay.readHead(path.join(dir, 'go.mod'), 6), 'module');
    assert.equal(overlay.stat(path.join(dir, 'new.go'))?.isFile, true);
    assert.deepEqual(overlay.readDir(dir)!.map((e) => e.name).sort(), ['go.mod', 'new.go']);
    assert.equal(overlay.readText(path.join(dir, 'absent.go')), undefined);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

const diag = (code: string, line: number): LspDiagnostic => ({ range: { start: { line, character: 0 }, end: { line, character: 1 } }, code, message: code, source: 'go-module-doctor' });

test('DiagnosticsStore: unions folders, parse errors replace stale ones until the next analysis, clears', () => {
  const sent: [string, string[]][] = [];
  const store = new DiagnosticsStore((uri, ds) => sent.push([uri, ds.map((d) => String(d.code))]));
  store.setFolder('file:///a', new Map([['file:///a/go.mod', [diag('invalid-module-file', 0), diag('no-required-module', 3)]]]), () => false);
  store.setFolder('file:///b', new Map([['file:///a/go.mod', [diag('work-duplicate-module', 5)]]]), () => false);
  assert.deepEqual(sent.at(-1), ['file:///a/go.mod', ['invalid-module-file', 'no-required-module', 'work-duplicate-module']]);
  store.setParseErrors('file:///a/go.mod', [diag('invalid-module-file', 7)]);
  assert.deepEqual(store.forFile('file:///a/go.mod').map((d) => d.range.start.line), [3, 5, 7]);
  store.setFolder('file:///a', new Map(), (uri) => uri.startsWith('file:///a/'));
  assert.deepEqual(sent.at(-1), ['file:///a/go.mod', ['work-duplicate-module']]);
  store.clearFolder('file:///b');
  assert.deepEqual(sent.at(-1), ['file:///a/go.mod', []]);
});

test('fixes become quick fixes: edits inline, go commands and destructive fixes through runFix', () => {
  const text = 'module example.com/app\n';
  const r = new LineIndex(text).range(0, 0);
  const d = diag('no-required-module', 0);
  const edit: Fix = { title: 'Create go.work', destructive: false, preferred: true, edits: [{ file: '/w/go.work', create: true, edits: [{ range: r, newText: 'go 1.26\n' }] }] };
  const a = toCodeAction(edit, 'id-go-work', d, 'file:///w', true)!;
  assert.equal(a.kind, 'quickfix');
  assert.equal(a.isPreferred, true);
  assert.deepEqual(a.edit!.documentChanges![0], { kind: 'create', uri: 'file:///w/go.work', options: { overwrite: false, ignoreIfExists: false } });
  assert.equal(toCodeAction(edit, 'id-go-work', d, 'file:///w', false), undefined, 'no file creation without documentChanges');
  assert.deepEqual(a.command, { title: 'Save the edited files', command: 'goModuleDoctor.client.saveFiles', arguments: [['file:///w/go.work']] }, 'saved, so go in a terminal agrees at once');
  const settings: Fix = { title: 'Make the editor use no GOFLAGS', destructive: false, edits: [{ file: '/w/.vscode/settings.json', edits: [{ range: r, newText: '{}\n' }] }] };
  assert.deepEqual(toCodeAction(settings, 'id-settings', d, 'file:///w', true)!.command, { title: 'Save the edited files', command: 'goModuleDoctor.client.saveFiles', arguments: [['file:///w/.vscode/settings.json']] }, 'VS Code reads settings from disk only');
  assert.deepEqual(toWorkspaceEdit({ ...edit, edits: [{ file: '/w/go.mod', edits: [{ range: r, newText: 'x' }] }] }, false)!.changes, {
    [pathToUri('/w/go.mod')]: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: 'x' }],
  });
  const cmd: Fix = { title: 'go mod tidy', destructive: true, commands: [{ argv: ['go', 'mod', 'tidy'], cwd: '/w' }] };
  const c = toCodeAction(cmd, 'id-tidy', d, 'file:///w', true)!;
  assert.equal(c.edit, undefined);
  assert.equal(c.command!.command, 'goModuleDoctor.runFix');
  assert.deepEqual(c.command!.arguments, [{ folderUri: 'file:///w', fixId: 'id-tidy' }], 'the fix by id: runFix runs only what the server planned');
  // An edit outside the folder goes through runFix, which asks first; never a silent plain edit.
  const outside: Fix = { ...edit, title: 'Add ./b to go.work; it writes ../go.work, outside b', outside: ['/go.work'], edits: [{ file: '/go.work', edits: [{ range: r, newText: 'use ./b\n' }] }] };
  const o = toCodeAction(outside, 'id-outside', d, 'file:///w', true)!;
  assert.equal(o.edit, undefined);
  assert.equal(o.command!.command, 'goModuleDoctor.runFix');
  const copy: Fix = { title: 'In your terminal: unset GOFLAGS', destructive: false, copyText: 'unset GOFLAGS' };
  const k = toCodeAction(copy, 'id-copy', d, 'file:///w', true)!;
  assert.equal(k.edit, undefined);
  assert.deepEqual(k.command, { title: copy.title, command: 'goModuleDoctor.client.copyText', arguments: ['unset GOFLAGS'] });
});

test('isWatchedFile: module files, vendor/modules.txt and Go files only', () => {
  for (const p of ['/a/go.mod', '/a/go.work', '/a/go.sum', '/a/vendor/modules.txt', '/a/x.go']) assert.ok(isWatchedFile(p), p);
  for (const p of ['/a/README.md', '/a/modules.txt', '/a/go.mod.bak']) assert.ok(!isWatchedFile(p), p);
});

test('ChokidarWatcher reports watched files under each root and ignores the rest', async () => {
  const dir = tempDir();
  const seen: string[] = [];
  let ready: () => void = () => undefined;
  const isReady = new Promise<void>((r) => (ready = r));
  const w = new ChokidarWatcher((cs) => seen.push(...cs.map((c) => c.path)), () => ready());
  try {
    w.setRoots([dir]);
    await isReady;
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'x');
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.writeFileSync(path.join(dir, 'sub', 'go.mod'), 'module m\n');
    const deadline = Date.now() + 5000;
    while (!seen.includes(path.join(dir, 'sub', 'go.mod')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.ok(seen.includes(path.join(dir, 'sub', 'go.mod')), JSON.stringify(seen));
    assert.ok(!seen.some((p) => p.endsWith('notes.txt')));
  } finally {
    await w.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
