// The language server over real stdio, as an editor drives it: diagnostics on the exact import
// range, quick fixes, commands that edit or run go and then refresh, unsaved buffers, watching,
// and no go command at all in an untrusted workspace. Needs dist/server.js (npm test builds it).

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { hermeticGo } from '../../harness/goenv';
import type { HermeticGo } from '../../harness/goenv';
import { MAIN_GO_IMPORTING_LIB, rangeOf, recordingGo, TestClient, uri, writeTree } from './lsp-client';
import type { StartOptions } from './lsp-client';
import { buildFileProxy } from '../../harness/proxy';
import { fixtureModulesRoot } from '../../harness/cases';
import * as os from 'node:os';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver/node';
import type { CommandResult, DiagnosticData, GenerateGoWorkResult, RunFixArgs } from '../../../server/src/lsp/protocol';


const realGo = execFileSync('sh', ['-c', 'command -v go'], { encoding: 'utf8' }).trim();

const MAIN_GO = MAIN_GO_IMPORTING_LIB;

/** app imports its sibling module lib, which nothing wires in (no go.work, no replace). */
const SIBLINGS = {
  'app/go.mod': 'module example.com/app\n\ngo 1.22\n',
  'app/main.go': MAIN_GO,
  'lib/go.mod': 'module example.com/lib\n\ngo 1.22\n',
  'lib/lib.go': 'package lib\n\nfunc Hello() string { return "hi" }\n',
};

interface Setup {
  ws: string;
  go: HermeticGo;
  goLog: string;
  client: TestClient;
  dispose(): Promise<void>;
}

async function setup(files: Record<string, string>, opts: Partial<StartOptions> & { folder?: string } = {}): Promise<Setup> {
  const go = hermeticGo();
  const ws = path.join(go.root, 'ws');
  writeTree(ws, files);
  const goLog = path.join(go.root, 'go-invocations.log');
  const bin = path.join(go.root, 'bin');
  recordingGo(bin, goLog, realGo);
  const env = { ...go.env, PATH: `${bin}${path.delimiter}${go.env.PATH}` };
  const { client } = await TestClient.start({ folders: [opts.folder ? path.join(ws, opts.folder) : ws], env, trusted: true, ...opts });
  return {
    ws,
    go,
    goLog,
    client,
    async dispose() {
      await client.stop();
      go.dispose();
    },
  };
}

const goRuns = (s: Setup) => (fs.existsSync(s.goLog) ? fs.readFileSync(s.goLog, 'utf8') : '');

test('a broken import gets a diagnostic on its exact range, with code, source and fixes', async () => {
  const s = await setup(SIBLINGS);
  try {
    const main = path.join(s.ws, 'app/main.go');
    const ds = await s.client.diagnosticsOf(main, 'no-required-module', (ds) => ds.some((d) => d.code === 'no-required-module'));
    const d = ds.find((x) => x.code === 'no-required-module')!;
    assert.deepEqual(d.range, rangeOf(main, '"example.com/lib"'));
    assert.equal(d.source, 'go-module-doctor');
    assert.equal(d.severity, 1);
    const data = d.data as DiagnosticData;
    assert.ok(data.fixIds.length > 0);
    await s.client.waitFor('the status', () => s.client.readyCount(s.ws) > 0);
    const status = s.client.statuses.filter((p) => p.state === 'ready').at(-1)!;
    assert.deepEqual(status.modules.find((m) => m.dir === path.join(s.ws, 'app'))?.mode, 'module');
    assert.equal(status.restricted, false);
    assert.equal(data.folderUri, uri(s.ws));

    const actions = await s.client.codeActions(main, d);
    assert.equal(actions.length, data.fixIds.length);
    assert.ok(actions.every((a) => a.kind === 'quickfix'));
    const preferred = actions.filter((a) => a.isPreferred);
    assert.equal(preferred.length, 1);
    const createWork = actions.find((a) => a.edit?.documentChanges?.some((c) => 'kind' in c && c.kind === 'create' && c.uri === uri(path.join(s.ws, 'go.work'))));
    assert.ok(createWork, `a quick fix creates go.work: ${actions.map((a) => a.title).join(' | ')}`);

    // Hover on the import explains it.
    const hover = (await s.client.conn.sendRequest('textDocument/hover', { textDocument: { uri: uri(main) }, position: { line: d.range.start.line, character: d.range.start.character + 3 } })) as { contents: { value: string } } | null;
    assert.ok(hover && hover.contents.value.includes('example.com/lib') && hover.contents.value.includes('no-required-module'), JSON.stringify(hover));
    const explained = (await s.client.executeCommand('goModuleDoctor.explainImport', [{ textDocument: { uri: uri(main) }, position: d.range.end }])) as CommandResult;
    assert.equal(explained.ok, true);
    assert.match(explained.message, /^import "example\.com\/lib" in app\/main\.go/);
    assert.match(explained.message, /no-required-module/);
    const nowhere = (await s.client.executeCommand('goModuleDoctor.explainImport', [{ textDocument: { uri: uri(main) }, position: { line: 0, character: 0 } }])) as CommandResult;
    assert.equal(nowhere.ok, false);
  } finally {
    await s.dispose();
  }
});

test('a status leaves its module list out while it is the one last sent, and the client completes it', async () => {
  const s = await setup(SIBLINGS, { clientWatches: true });
  try {
    await s.client.waitFor('the first analysis', () => s.client.readyCount(s.ws) >= 1);
    const sent = s.client.statusMessages.length;
    const main = path.join(s.ws, 'app/main.go');
    fs.appendFileSync(main, '\n// touched\n');
    await s.client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(main), type: 2 }] });
    await s.client.waitFor('the analysis of the edit', () => s.client.readyCount(s.ws) >= 2);
    const after = s.client.statusMessages.slice(sent);
    assert.deepEqual(after.map((m) => [m.state, m.modules]), [['analyzing', undefined], ['ready', undefined]]);
    const ready = s.client.statuses.filter((p) => p.state === 'ready');
    assert.deepEqual(ready.at(-1)!.modules, ready.at(-2)!.modules);
    assert.ok(ready.at(-1)!.modules.some((m) => m.dir === path.join(s.ws, 'app')));
    // The status bar counts each module's broken imports: app's one import of lib, none in lib.
    assert.deepEqual(ready.at(-1)!.modules.map((m) => [path.basename(m.dir), m.broken]).sort(), [['app', 1], ['lib', undefined]]);
  } finally {
    await s.dispose();
  }
});

test('executing a fix through runFix edits the workspace and the diagnostics refresh', async () => {
  const s = await setup(SIBLINGS);
  try {
    const main = path.join(s.ws, 'app/main.go');
    const ds = await s.client.diagnosticsOf(main, 'no-required-module', (ds) => ds.some((d) => d.code === 'no-required-module'));
    const d = ds.find((x) => x.code === 'no-required-module')!;
    const data = d.data as DiagnosticData;
    // The diagnostic names its fixes by id, in the order of its quick fixes.
    const actions = await s.client.codeActions(main, d);
    assert.equal(actions.length, data.fixIds.length);
    const i = actions.findIndex((a) => a.edit?.documentChanges?.some((c) => 'kind' in c && c.kind === 'create' && c.uri === uri(path.join(s.ws, 'go.work'))));
    assert.ok(i >= 0, 'a fix that creates go.work');
    const unknown = (await s.client.executeCommand('goModuleDoctor.runFix', [{ folderUri: data.folderUri, fixId: 'no-such-fix' } satisfies RunFixArgs])) as CommandResult;
    assert.equal(unknown.ok, false);
    const args: RunFixArgs = { folderUri: data.folderUri, fixId: data.fixIds[i] };
    const result = (await s.client.executeCommand('goModuleDoctor.runFix', [args])) as CommandResult;
    assert.equal(result.ok, true, result.message);
    assert.ok(fs.existsSync(path.join(s.ws, 'go.work')));
    assert.deepEqual(s.client.saved, [uri(path.join(s.ws, 'go.work'))], 'the server asks the editor to save what the fix edited');
    await s.client.diagnosticsOf(main, 'no diagnostics after the fix', (ds) => !ds.some((d) => d.code === 'no-required-module'));
  } finally {
    await s.dispose();
  }
});

test('generateGoWork plans, then runs go work init and use, and the import resolves', async () => {
  const s = await setup(SIBLINGS);
  try {
    const main = path.join(s.ws, 'app/main.go');
    await s.client.diagnosticsOf(main, 'no-required-module', (ds) => ds.some((d) => d.code === 'no-required-module'));
    const plan = (await s.client.executeCommand('goModuleDoctor.generateGoWork', [{ folderUri: uri(s.ws), dryRun: true }])) as GenerateGoWorkResult;
    assert.equal(plan.exists, false);
    assert.deepEqual([...plan.missing].sort(), ['./app', './lib']);
    assert.ok(!fs.existsSync(path.join(s.ws, 'go.work')), 'a dry run writes nothing');

    const done = (await s.client.executeCommand('goModuleDoctor.generateGoWork', [{ folderUri: uri(s.ws), use: plan.missing }])) as GenerateGoWorkResult;
    assert.match(done.done ?? '', /created go.work/);
    const work = fs.readFileSync(path.join(s.ws, 'go.work'), 'utf8');
    assert.match(work, /\.\/app/);
    assert.match(work, /\.\/lib/);
    assert.match(goRuns(s), /go work init/);
    assert.match(goRuns(s), /go work use -- \.\/app \.\/lib|go work use -- \.\/lib \.\/app/);
    await s.client.diagnosticsOf(main, 'the import resolves', (ds) => ds.length === 0);
    // The status bar's source: the innermost module entry holding main.go says workspace mode.
    await s.client.waitFor('workspace mode', () => {
      const last = s.client.statuses.filter((p) => p.state === 'ready').at(-1);
      const holding = (last?.modules ?? []).filter((m) => main.startsWith(m.dir + path.sep)).sort((a, b) => b.dir.length - a.dir.length)[0];
      return holding?.mode === 'workspace' && holding.goWork === path.join(s.ws, 'go.work');
    });
  } finally {
    await s.dispose();
  }
});

test('generateGoWork adds the missing use lines to an existing go.work as one edit', async () => {
  const s = await setup({ ...SIBLINGS, 'go.work': 'go 1.22\n\nuse ./app\n' });
  try {
    const main = path.join(s.ws, 'app/main.go');
    await s.client.diagnosticsOf(main, 'a broken import', (ds) => ds.length > 0);
    const plan = (await s.client.executeCommand('goModuleDoctor.generateGoWork', [{ folderUri: uri(s.ws), dryRun: true }])) as GenerateGoWorkResult;
    assert.equal(plan.exists, true);
    assert.deepEqual(plan.missing, ['./lib']);
    const done = (await s.client.executeCommand('goModuleDoctor.generateGoWork', [{ folderUri: uri(s.ws) }])) as GenerateGoWorkResult;
    assert.match(done.done ?? '', /added \.\/lib to go\.work/);
    const work = fs.readFileSync(path.join(s.ws, 'go.work'), 'utf8');
    assert.match(work, /^go 1\.22\n/);
    assert.match(work, /\.\/app/);
    assert.match(work, /\.\/lib/);
    assert.equal(goRuns(s).includes('go work'), false, 'an edit, not go work use');
    await s.client.diagnosticsOf(main, 'the import resolves', (ds) => ds.length === 0);
  } finally {
    await s.dispose();
  }
});

test('an unsaved go.mod buffer changes the diagnostics; its syntax errors show at once', async () => {
  const s = await setup(SIBLINGS);
  try {
    const main = path.join(s.ws, 'app/main.go');
    const gomod = path.join(s.ws, 'app/go.mod');
    await s.client.diagnosticsOf(main, 'no-required-module', (ds) => ds.some((d) => d.code === 'no-required-module'));
    const onDisk = fs.readFileSync(gomod, 'utf8');
    s.client.open(gomod, 'go.mod');
    s.client.change(gomod, 2, `${onDisk}\nrequire example.com/lib v0.0.0-00010101000000-000000000000\n\nreplace example.com/lib => ../lib\n`);
    await s.client.diagnosticsOf(main, 'the import resolves through the unsaved replace', (ds) => !ds.some((d) => d.code === 'no-required-module'));
    assert.equal(fs.readFileSync(gomod, 'utf8'), onDisk, 'the disk is untouched');

    s.client.change(gomod, 3, `${onDisk}\nrequire (\n\texample.com/lib\n`);
    const errs = await s.client.diagnosticsOf(gomod, 'a parse error', (ds) => ds.some((d) => d.code === 'invalid-module-file'));
    assert.ok(errs.every((d) => d.source === 'go-module-doctor'));
  } finally {
    await s.dispose();
  }
});

test('an opened clean document gets an empty publish; an opened broken one its diagnostics', async () => {
  const s = await setup(SIBLINGS);
  try {
    const main = path.join(s.ws, 'app/main.go');
    await s.client.diagnosticsOf(main, 'no-required-module', (ds) => ds.some((d) => d.code === 'no-required-module'));
    const lib = path.join(s.ws, 'lib/lib.go');
    assert.equal(s.client.diagnostics.has(uri(lib)), false, 'nothing was published for the clean file before it opened');
    s.client.open(lib, 'go');
    assert.deepEqual(await s.client.diagnosticsOf(lib, 'an empty publish', () => true), []);
    s.client.diagnostics.delete(uri(main));
    s.client.open(main, 'go');
    await s.client.diagnosticsOf(main, 'its diagnostics again', (ds) => ds.some((d) => d.code === 'no-required-module'));
  } finally {
    await s.dispose();
  }
});

test('typing in a function body does not re-analyse; changing an import does', async () => {
  const s = await setup(SIBLINGS);
  try {
    const main = path.join(s.ws, 'app/main.go');
    await s.client.diagnosticsOf(main, 'no-required-module', (ds) => ds.some((d) => d.code === 'no-required-module'));
    await s.client.waitFor('the first analysis', () => s.client.readyCount(s.ws) >= 1);
    s.client.open(main, 'go');
    const before = s.client.readyCount(s.ws);
    s.client.change(main, 2, MAIN_GO.replace('func main() {', 'func main() {\n\tx := 1\n\t_ = x\n'));
    s.client.change(main, 3, MAIN_GO + '\nfunc helper() {}\n');
    // Twice the debounce delay: any analysis the edits caused would have started.
    await new Promise((r) => setTimeout(r, 600));
    assert.equal(s.client.readyCount(s.ws), before, 'no analysis for body edits');
    s.client.change(main, 4, MAIN_GO.replace('"example.com/lib"', '"example.com/lib/missing"'));
    const aboutMissing = (d: LspDiagnostic) => (d.data as DiagnosticData | undefined)?.importPath === 'example.com/lib/missing';
    const ds = await s.client.diagnosticsOf(main, 'the changed import', (ds) => ds.some((d) => aboutMissing(d)));
    assert.deepEqual(ds.find(aboutMissing)!.range.start, rangeOf(main, '"example.com/lib"').start);
  } finally {
    await s.dispose();
  }
});

test('destructive commands run only after the user confirms', async () => {
  let answer: string | undefined = 'Cancel';
  const s = await setup(SIBLINGS, { answer: () => answer });
  try {
    const lib = path.join(s.ws, 'lib/lib.go');
    await s.client.waitFor('first analysis', () => s.client.readyCount(s.ws) > 0);
    const cancelled = (await s.client.executeCommand('goModuleDoctor.runGoModTidy', [{ uri: uri(lib) }])) as CommandResult;
    assert.equal(cancelled.ok, false);
    assert.deepEqual(s.client.questions, ['go mod tidy rewrites go.mod and go.sum. Continue?']);
    assert.doesNotMatch(goRuns(s), /mod tidy/);

    answer = 'Continue';
    const ran = (await s.client.executeCommand('goModuleDoctor.runGoModTidy', [{ uri: uri(lib) }])) as CommandResult;
    assert.equal(ran.ok, true, ran.message);
    assert.match(goRuns(s), /go mod tidy/);

    answer = 'Cancel';
    const kept = (await s.client.executeCommand('goModuleDoctor.clearModuleCache', [{ folderUri: uri(s.ws) }])) as CommandResult;
    assert.equal(kept.ok, false);
    // The true size (a small cache is not "0 MB"), and GOPROXY=off said: nothing comes back.
    assert.match(s.client.questions.at(-1)!, new RegExp(`^This deletes the module cache at ${s.go.env.GOMODCACHE!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\([\\d.]+ (B|KB|MB)\\)\\. GOPROXY=off: nothing can be downloaded again, so every import from a module will stay broken\\. Continue\\?$`));
    assert.doesNotMatch(s.client.questions.at(-1)!, /\(0 MB\)/);
    assert.doesNotMatch(goRuns(s), /clean -modcache/);
  } finally {
    await s.dispose();
  }
});

test('Clear module cache, then (asked) the folder\'s modules downloaded again from the proxy', async () => {
  const proxyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gmd-proxy-'));
  const go = hermeticGo({ proxy: buildFileProxy(fixtureModulesRoot(), proxyDir) });
  try {
    const ws = path.join(go.root, 'ws');
    writeTree(ws, { 'go.mod': 'module example.com/app\n\ngo 1.22\n\nrequire example.com/lib v1.0.0\n', 'main.go': 'package main\n\nimport _ "example.com/lib"\n\nfunc main() {}\n' });
    assert.equal((await go.run(['mod', 'tidy'], ws)).exitCode, 0);
    const cached = path.join(go.env.GOMODCACHE!, 'example.com', 'lib@v1.0.0');
    assert.ok(fs.existsSync(cached));
    const answers: Record<string, string> = { 'This deletes': 'Continue', 'The module cache is empty': 'Download' };
    const { client } = await TestClient.start({ folders: [ws], env: go.env, trusted: true, answer: (q) => Object.entries(answers).find(([k]) => q.startsWith(k))?.[1] });
    try {
      await client.waitFor('first analysis', () => client.readyCount(ws) > 0);
      const r = (await client.executeCommand('goModuleDoctor.clearModuleCache', [{ folderUri: uri(ws) }])) as CommandResult;
      assert.equal(r.ok, true, r.message);
      assert.equal(r.message, 'Cleared the module cache and downloaded the modules again');
      assert.match(client.questions[1]!, /^The module cache is empty\. Download the modules of ws again \(go mod download\)\?$/);
      assert.ok(fs.existsSync(cached), 'lib is back in the cache (go clean -modcache removed it)');
      assert.deepEqual(client.diagnostics.get(uri(path.join(ws, 'main.go'))) ?? [], []);
    } finally {
      await client.stop();
    }
  } finally {
    go.dispose();
    fs.rmSync(proxyDir, { recursive: true, force: true });
  }
});

test('the hover says each fact once: the cause, go\'s words in a code block, the evidence and the quick fixes', async () => {
  const s = await setup(SIBLINGS);
  try {
    const main = path.join(s.ws, 'app/main.go');
    const [d] = await s.client.diagnosticsOf(main, 'no-required-module', (ds) => ds.some((x) => x.code === 'no-required-module'));
    const hover = (await s.client.conn.sendRequest('textDocument/hover', { textDocument: { uri: uri(main) }, position: d!.range.start })) as { contents: { kind: string; value: string } };
    const text = hover.contents.value;
    assert.equal(hover.contents.kind, 'markdown');
    assert.match(String(d!.message), /nothing wires into this build$/);
    assert.equal(text.split('nothing wires into this build').length - 1, 1, `the headline once:\n${text}`);
    assert.match(text, /go says:\n\n```text\nno required module provides package example\.com\/lib; to add it:\n\tgo get example\.com\/lib\n```/);
    assert.equal(text.split('no required module provides package').length - 1, 1, `go's words once:\n${text}`);
    assert.match(text, /\*Quick fixes:\*\n\n- Create go\.work/);
    assert.doesNotMatch(text, /In the terminal/, 'no terminal: nothing about it');
  } finally {
    await s.dispose();
  }
});

test('a failed go command is told in one line from go\'s stderr, for a notification that stays', async () => {
  const s = await setup(SIBLINGS, { answer: () => 'Continue' });
  try {
    const main = path.join(s.ws, 'app/main.go');
    await s.client.waitFor('first analysis', () => s.client.readyCount(s.ws) > 0);
    // app imports example.com/lib, which nothing provides and GOPROXY=off cannot fetch: tidy fails.
    const r = (await s.client.executeCommand('goModuleDoctor.runGoModTidy', [{ uri: uri(main) }])) as CommandResult;
    assert.equal(r.ok, false);
    await s.client.waitFor('the failure notification', () => s.client.failures.length > 0);
    const [f] = s.client.failures;
    assert.equal(f!.command, 'go mod tidy');
    assert.match(f!.title, /go mod tidy/i);
    assert.equal(f!.reason, 'example.com/app imports example.com/lib: cannot find module providing package example.com/lib: module lookup disabled by GOPROXY=off');
  } finally {
    await s.dispose();
  }
});

test('an untrusted workspace is analysed but runs no go command', async () => {
  const s = await setup(SIBLINGS, { trusted: false, answer: () => 'Continue' });
  try {
    const main = path.join(s.ws, 'app/main.go');
    await s.client.diagnosticsOf(main, 'no-required-module', (ds) => ds.some((d) => d.code === 'no-required-module'));
    const tidy = (await s.client.executeCommand('goModuleDoctor.runGoModTidy', [{ uri: uri(main) }])) as CommandResult;
    assert.equal(tidy.ok, false);
    assert.match(tidy.message, /not trusted/);
    const clean = (await s.client.executeCommand('goModuleDoctor.clearModuleCache', [{ folderUri: uri(s.ws) }])) as CommandResult;
    assert.equal(clean.ok, false);
    // Generate go.work still works: as an edit instead of go work init/use.
    const done = (await s.client.executeCommand('goModuleDoctor.generateGoWork', [{ folderUri: uri(s.ws) }])) as GenerateGoWorkResult;
    assert.match(done.done ?? '', /created go.work/);
    await s.client.diagnosticsOf(main, 'the import resolves', (ds) => !ds.some((d) => d.code === 'no-required-module'));
    assert.equal(goRuns(s), '', 'no go command ran');

    // The user trusts the workspace: go commands are allowed from then on.
    void s.client.conn.sendNotification('goModuleDoctor/trust', { trusted: true });
    const lib = path.join(s.ws, 'lib/lib.go');
    const tidied = (await s.client.executeCommand('goModuleDoctor.runGoModTidy', [{ uri: uri(lib) }])) as CommandResult;
    assert.equal(tidied.ok, true, tidied.message);
    assert.match(goRuns(s), /go mod tidy/);
  } finally {
    await s.dispose();
  }
});

test('changes in a replaced directory outside the folder re-analyse, a burst only once', async () => {
  const files = {
    'app/go.mod': 'module example.com/app\n\ngo 1.22\n\nrequire example.com/lib v0.0.0-00010101000000-000000000000\n\nreplace example.com/lib => ../lib\n',
    'app/main.go': 'package main\n\nimport "example.com/lib/sub"\n\nfunc main() { sub.F() }\n',
    'lib/go.mod': 'module example.com/lib\n\ngo 1.22\n',
    'lib/lib.go': 'package lib\n',
  };
  const s = await setup(files, { folder: 'app' });
  try {
    const app = path.join(s.ws, 'app');
    const lib = path.join(s.ws, 'lib');
    const main = path.join(app, 'main.go');
    await s.client.diagnosticsOf(main, 'the missing package', (ds) => ds.length > 0);
    // The ready status follows the diagnostics of the same analysis.
    await s.client.waitFor('the first analysis', () => s.client.readyCount(app) >= 1);
    await s.client.waitFor('chokidar on ../lib', () => s.client.logs.includes(`watching ${lib}`));
    const first = s.client.readyCount(app);
    writeTree(lib, { 'sub/sub.go': 'package sub\n\nfunc F() {}\n' });
    await s.client.diagnosticsOf(main, 'the package found', (ds) => ds.length === 0);
    await s.client.waitFor('its analysis', () => s.client.readyCount(app) > first);

    await s.client.waitFor('chokidar on the folder', () => s.client.logs.includes(`watching ${app}`));
    const before = s.client.readyCount(app);
    for (let i = 0; i < 10; i++) writeTree(app, { [`gen${i}.go`]: 'package main\n' });
    await s.client.waitFor('one re-analysis', () => s.client.readyCount(app) > before);
    // Anything else in the burst would have been scheduled within the debounce window.
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(s.client.readyCount(app), before + 1, s.client.logs.join('\n'));
  } finally {
    await s.dispose();
  }
});

test('a client that watches files gets glob registrations and its file events re-analyse', async () => {
  const s = await setup(SIBLINGS, { clientWatches: true });
  try {
    const main = path.join(s.ws, 'app/main.go');
    await s.client.diagnosticsOf(main, 'no-required-module', (ds) => ds.some((d) => d.code === 'no-required-module'));
    const reg = s.client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
    const globs = (reg?.registerOptions as { watchers: { globPattern: string }[] } | undefined)?.watchers.map((w) => w.globPattern) ?? [];
    for (const g of ['**/go.mod', '**/go.work', '**/go.sum', '**/vendor/modules.txt', '**/*.go']) assert.ok(globs.includes(g), `${g} in ${globs}`);
    assert.ok(!s.client.logs.includes(`watching ${s.ws}`), 'the server does not watch what the client watches');
    // go.work appears on disk; only the client's event tells the server.
    fs.writeFileSync(path.join(s.ws, 'go.work'), 'go 1.22\n\nuse (\n\t./app\n\t./lib\n)\n');
    void s.client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(path.join(s.ws, 'go.work')), type: 1 }] });
    await s.client.diagnosticsOf(main, 'the import resolves', (ds) => ds.length === 0);
  } finally {
    await s.dispose();
  }
});

test('a checkout of thousands of files, reported in batches, costs one published analysis and ends right', async () => {
  const s = await setup(SIBLINGS, { clientWatches: true });
  try {
    const main = path.join(s.ws, 'app/main.go');
    await s.client.diagnosticsOf(main, 'no-required-module', (ds) => ds.some((d) => d.code === 'no-required-module'));
    await s.client.waitFor('the first analysis', () => s.client.readyCount(s.ws) >= 1);
    const before = s.client.readyCount(s.ws);
    // As a `git checkout` lands: 2,000 new files in 200 new package directories (one importing a
    // package that does not exist), and the go.work that wires lib in, sent in 5 batches.
    const changes: { uri: string; type: number }[] = [];
    for (let p = 0; p < 200; p++) {
      for (let f = 0; f < 10; f++) {
        const file = path.join(s.ws, 'app', 'gen', `p${p}`, `f${f}.go`);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, `package p${p}\n\nimport _ "${p === 7 && f === 3 ? 'example.com/app/gen/nope' : 'fmt'}"\n`);
        changes.push({ uri: uri(file), type: 1 });
      }
    }
    fs.writeFileSync(path.join(s.ws, 'go.work'), 'go 1.22\n\nuse (\n\t./app\n\t./lib\n)\n');
    changes.push({ uri: uri(path.join(s.ws, 'go.work')), type: 1 });
    for (let i = 0; i < 5; i++) void s.client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: changes.slice(i * 401, (i + 1) * 401) });
    const broken = path.join(s.ws, 'app', 'gen', 'p7', 'f3.go');
    await s.client.diagnosticsOf(broken, 'the one broken import of the checkout', (ds) => ds.some((d) => d.code === 'package-not-in-module'));
    await s.client.diagnosticsOf(main, 'lib resolved through the new go.work', (ds) => ds.length === 0);
    await s.client.waitFor('its analysis', () => s.client.readyCount(s.ws) > before);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(s.client.readyCount(s.ws), before + 1, 'one analysis published for the whole checkout');
    assert.equal([...s.client.diagnostics.entries()].filter(([, ds]) => ds.length > 0).length, 1, 'only the broken import is reported');
  } finally {
    await s.dispose();
  }
});

test('a folder without go.mod, go.work or Go files is not analysed and runs nothing', async () => {
  const s = await setup({ 'README.md': '# not Go\n', 'web/index.js': 'console.log(1)\n' });
  try {
    await s.client.waitFor('the no-go-files status', () => s.client.statuses.some((p) => p.state === 'no-go-files'));
    assert.ok(!s.client.statuses.some((p) => p.state === 'analyzing' || p.state === 'ready'));
    assert.equal(s.client.diagnostics.size, 0);
    assert.equal(goRuns(s), '', 'not even go env');
  } finally {
    await s.dispose();
  }
});
