// Blame and fixes of editor-terminal-mismatch on small temp workspaces: of two differing
// variables only the one that flips the verdict is blamed; the fixes write settings.json without
// losing the rest of it (or say why they cannot), and give the terminal a command to copy.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeFolder } from '../../../server/src/analyze/analyze';
import { loadGoEnv } from '../../../server/src/env/goenv';
import { goEnvFromVars } from '../../../server/src/env/compute';
import type { GoEnv } from '../../../server/src/env/types';
import { formatText, toJson } from '../../../server/src/cli/format';
import type { Diagnostic } from '../../../server/src/diagnose/types';
import { hermeticGo, type HermeticGo } from '../../harness/goenv';
import { writeTree } from '../../harness/tree';

/** A module requiring example.com/lib (never downloaded) whose main.go imports only fmt: with
 * GOFLAGS=-mod=vendor and no vendor/, go fails before loading fmt; without it fmt resolves. go
 * then fails the whole module on one side: the mismatch is said once, on the module's cause (a
 * standard library import is never flagged for it). */
function vendorlessModule(go: HermeticGo, files: Record<string, string> = {}): string {
  const dir = path.join(go.root, 'ws');
  const all: Record<string, string> = {
    'go.mod': 'module example.com/app\n\ngo 1.22\n\nrequire example.com/lib v1.0.0\n',
    'main.go': 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println() }\n',
    ...files,
  };
  writeTree(dir, all);
  return dir;
}

async function moduleMismatch(dir: string, editorEnv: Record<string, string>, terminalEnv: Record<string, string>): Promise<Diagnostic> {
  const analysis = await analyzeFolder(dir, { editorEnv: await loadGoEnv(editorEnv), terminalEnv: await loadGoEnv(terminalEnv) });
  assert.ok(!analysis.diagnostics.some((x) => x.importPath === 'fmt'), 'fmt is never flagged for the whole module');
  const d = analysis.diagnostics.find((x) => x.blame && x.importPath === undefined);
  assert.ok(d, `no mismatch on the module; diagnostics: ${analysis.diagnostics.map((x) => `${x.code} ${x.message}`).join('\n')}`);
  return d;
}

test('of two differing variables, the one that flips the verdict is blamed and the other listed', async () => {
  const go = hermeticGo();
  try {
    const dir = vendorlessModule(go, { '.vscode/settings.json': '{\n    "editor.tabSize": 4,\n    "go.toolsEnvVars": { "GOFLAGS": "-mod=vendor" },\n    "gopls": { "build.env": { "GOFLAGS": "-mod=vendor" }, "ui.semanticTokens": true }\n}\n' });
    const d = await moduleMismatch(dir, { ...go.env, GOFLAGS: '-mod=vendor' }, { ...go.env, GOPROXY: 'https://proxy.example.invalid' });
    assert.equal(d.blame?.failing, 'editor');
    assert.deepEqual(d.blame?.blamed.map((b) => [b.name, b.editor, b.terminal]), [['GOFLAGS', '-mod=vendor', '']]);
    assert.deepEqual(d.blame?.listed.map((b) => b.name), ['GOPROXY']);
    assert.match(d.detail!, /^go loads this module in the terminal but not in the editor: GOFLAGS=-mod=vendor turns vendor mode on, and there is no vendor directory/);
    assert.match(d.detail!, /Taking GOFLAGS \(editor "-mod=vendor", terminal ""\) from the terminal makes it resolve/);
    assert.match(d.detail!, /without mattering here: GOPROXY/);

    // Align the editor: the override is removed from both settings, the rest of the file kept.
    const [align, vendor, terminal] = d.fixes;
    assert.equal(align?.preferred, true);
    const edit = align?.edits?.[0];
    assert.equal(edit?.file, path.join(dir, '.vscode', 'settings.json'));
    assert.deepEqual(JSON.parse(edit!.edits[0]!.newText), { 'editor.tabSize': 4, 'go.toolsEnvVars': {}, gopls: { 'build.env': {}, 'ui.semanticTokens': true } });
    assert.match(edit!.edits[0]!.newText, /\n {4}"editor.tabSize"/, 'keeps the file\'s indentation');
    // Remove the cause: the vendor directory GOFLAGS asks for.
    assert.deepEqual(vendor?.commands?.map((c) => c.argv), [['go', 'mod', 'vendor']]);
    // Align the terminal: copy-only, and it says the import then fails there too.
    assert.equal(terminal?.copyText, 'export GOFLAGS=-mod=vendor');
    assert.equal(terminal?.commands, undefined);
    assert.match(terminal!.title, /fails there too/);

    assert.match(formatText(dir, [d]), /\n {8}copy: export GOFLAGS=-mod=vendor\n/);
    const json = toJson(dir, [d]) as { diagnostics: { fixes: { copyText?: string }[] }[] };
    assert.equal(json.diagnostics[0]!.fixes[2]!.copyText, 'export GOFLAGS=-mod=vendor');
  } finally {
    go.dispose();
  }
});

test('a settings.json with comments is left alone: the fix says so and offers the JSON to copy', async () => {
  const go = hermeticGo();
  try {
    const dir = vendorlessModule(go, { '.vscode/settings.json': '{\n  // mine\n  "editor.tabSize": 4,\n}\n' });
    const d = await moduleMismatch(dir, { ...go.env, GOFLAGS: '-mod=vendor' }, go.env);
    const align = d.fixes[0]!;
    assert.equal(align.edits, undefined);
    assert.notEqual(align.preferred, true);
    assert.match(align.title, /comments or trailing commas/);
    assert.deepEqual(JSON.parse(align.copyText!), { 'go.toolsEnvVars': { GOFLAGS: '' }, gopls: { 'build.env': { GOFLAGS: '' } } });
  } finally {
    go.dispose();
  }
});

test('a terminal whose GOFLAGS comes from its go env file is told go env -u; the editor fix creates settings.json', async () => {
  const go = hermeticGo();
  try {
    const dir = vendorlessModule(go);
    const envFile = path.join(go.root, 'terminal-go-env');
    fs.writeFileSync(envFile, 'GOFLAGS=-mod=vendor\n');
    const d = await moduleMismatch(dir, go.env, { ...go.env, GOENV: envFile });
    assert.equal(d.blame?.failing, 'terminal');
    assert.deepEqual(d.blame?.blamed.map((b) => b.name), ['GOFLAGS']);
    assert.deepEqual(d.blame?.listed.map((b) => b.name), ['GOENV']);
    const terminal = d.fixes.find((f) => f.copyText !== undefined);
    assert.equal(terminal?.copyText, 'go env -u GOFLAGS');
    const editor = d.fixes.find((f) => f.edits?.length);
    assert.equal(editor?.edits?.[0]?.create, true);
    assert.deepEqual(JSON.parse(editor!.edits![0]!.edits[0]!.newText)['go.toolsEnvVars'], { GOFLAGS: '-mod=vendor' });
  } finally {
    go.dispose();
  }
});

test('a go.work found only from the terminal\'s directory is blamed as go.work; go agrees, and the fixes use the module or set GOWORK', async () => {
  const go = hermeticGo();
  try {
    // The editor, opened at the root, finds no go.work and loads each module with GOWORK=off;
    // go run in services/app finds services/go.work, which leaves app out.
    const dir = path.join(go.root, 'ws');
    const files: Record<string, string> = {
      'services/go.work': 'go 1.22\n\nuse ./billing\n',
      'services/billing/go.mod': 'module github.com/company/billing\n\ngo 1.22\n',
      'services/billing/billing.go': 'package billing\n',
      'services/app/go.mod': 'module github.com/company/app\n\ngo 1.22\n',
      'services/app/main.go': 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println() }\n',
    };
    writeTree(dir, files);
    const d = await moduleMismatch(dir, go.env, go.env);
    assert.equal(d.blame?.failing, 'terminal');
    assert.deepEqual(d.blame?.blamed.map((b) => [b.name, b.editor, b.terminal]), [['go.work', '(none)', path.join(dir, 'services', 'go.work')]]);
    assert.deepEqual(d.blame?.listed, []);

    const app = path.join(dir, 'services', 'app');
    const before = await go.run(['list', '-deps', '.'], app);
    assert.notEqual(before.exitCode, 0, 'go fails in the terminal view');
    const after = await go.run(['list', '-deps', '.'], app, { GOWORK: 'off' });
    assert.equal(after.exitCode, 0, `go resolves fmt with the editor's go.work (none): ${after.stderr}`);

    assert.match(d.fixes[0]!.title, /^Add \.\/app to go\.work/);
    assert.equal(d.fixes[0]!.preferred, true);
    assert.equal(d.fixes.find((f) => f.copyText)?.copyText, 'export GOWORK=off');
  } finally {
    go.dispose();
  }
});

// The go version input. Only one Go is installed here, so the terminal's older go is a GoEnv
// built by hand (another binary and version, the same variables); go itself is never asked.

/** The editor's real environment and a terminal that runs an older go from another GOROOT. */
async function olderGoInTerminal(go: HermeticGo, version: string, vars: Record<string, string> = {}): Promise<{ editor: GoEnv; terminal: GoEnv }> {
  const editor = await loadGoEnv(go.env);
  // Its own GOROOT, with the installed standard library (the model reads std from GOROOT/src).
  const goroot = path.join(go.root, `go${version}`);
  fs.mkdirSync(goroot, { recursive: true });
  fs.symlinkSync(path.join(editor.goroot, 'src'), path.join(goroot, 'src'));
  const processEnv = { ...editor.processEnv, ...vars };
  const terminal = goEnvFromVars({ processEnv, vars: { ...editor.vars, ...vars, GOROOT: goroot, GOVERSION: `go${version}` }, source: 'go env', goBinary: `${goroot}/bin/go`, goVersion: version });
  return { editor, terminal };
}

test('an older go in the terminal that the go line rules out: go version is blamed, and the message names both binaries and the fix', async () => {
  const go = hermeticGo();
  try {
    const dir = path.join(go.root, 'ws');
    writeTree(dir, { 'go.mod': 'module example.com/app\n\ngo 1.22\n', 'main.go': 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println() }\n' });
    const { editor, terminal } = await olderGoInTerminal(go, '1.21.0');
    const analysis = await analyzeFolder(dir, { editorEnv: editor, terminalEnv: terminal });
    assert.ok(!analysis.diagnostics.some((x) => x.importPath === 'fmt'), 'fmt is never flagged for the whole module');
    const d = analysis.diagnostics.find((x) => x.code === 'editor-terminal-mismatch' && x.importPath === undefined);
    assert.ok(d, analysis.diagnostics.map((x) => `${x.code} ${x.message}`).join('\n'));
    assert.equal(d.file, path.join(dir, 'go.mod'));
    assert.equal(d.blame?.failing, 'terminal');
    assert.deepEqual(d.blame?.blamed.map((b) => [b.name, b.editor, b.terminal]), [['go version', editor.goVersion, '1.21.0']]);
    assert.deepEqual(d.blame?.listed, []);
    assert.match(d.detail!, /but not in the terminal: go\.mod asks for Go 1\.22/);
    assert.ok(d.detail!.includes(`The editor runs ${editor.goBinary} (go ${editor.goVersion}) and the terminal ${terminal.goBinary} (go 1.21.0).`), d.detail!);
    assert.ok(d.detail!.includes(`put the editor's go first on the terminal's PATH with export PATH=${path.dirname(editor.goBinary!)}:$PATH (or`), d.detail!);
    assert.match(d.detail!, /go\.alternateTools or goModuleDoctor\.goPath/);
    // No variable to copy: the go version is not set with a variable.
    assert.equal(d.fixes.length, 0);
  } finally {
    go.dispose();
  }
});

test('an older go whose release tags exclude a package: only that import fails in the terminal, blamed on the go version', async () => {
  const go = hermeticGo();
  try {
    const dir = path.join(go.root, 'ws');
    writeTree(dir, {
      'go.mod': 'module example.com/app\n\ngo 1.21\n',
      'main.go': 'package main\n\nimport (\n\t"fmt"\n\n\t"example.com/app/iter"\n)\n\nfunc main() { fmt.Println(iter.N) }\n',
      'iter/iter.go': '//go:build go1.23\n\npackage iter\n\nconst N = 1\n',
    });
    const { editor, terminal } = await olderGoInTerminal(go, '1.21.0');
    const analysis = await analyzeFolder(dir, { editorEnv: editor, terminalEnv: terminal });
    const mismatches = analysis.diagnostics.filter((x) => x.code === 'editor-terminal-mismatch');
    assert.deepEqual(mismatches.map((x) => x.importPath), ['example.com/app/iter']);
    const d = mismatches[0]!;
    assert.equal(d.blame?.failing, 'terminal');
    assert.deepEqual(d.blame?.blamed.map((b) => b.name), ['go version']);
    assert.match(d.detail!, /but not in the terminal: Every Go file in .* is excluded by build constraints/);
    assert.ok(d.detail!.includes(`the terminal ${terminal.goBinary} (go 1.21.0)`), d.detail!);
  } finally {
    go.dispose();
  }
});

test('the editor runs the older go: the fix points the editor at the terminal\'s go; a differing go version that changes nothing makes no mismatch', async () => {
  const go = hermeticGo();
  try {
    const dir = path.join(go.root, 'ws');
    writeTree(dir, { 'go.mod': 'module example.com/app\n\ngo 1.22\n', 'main.go': 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println() }\n' });
    const { editor: real, terminal: older } = await olderGoInTerminal(go, '1.21.0');
    const d = (await analyzeFolder(dir, { editorEnv: older, terminalEnv: real })).diagnostics.find((x) => x.blame);
    assert.equal(d?.code, 'go-version-too-new', 'the editor\'s own view error, which carries the blame');
    assert.equal(d?.blame?.failing, 'editor');
    assert.deepEqual(d?.blame?.blamed.map((b) => b.name), ['go version']);
    assert.ok(d!.detail!.includes(`The editor runs ${older.goBinary} (go 1.21.0) and the terminal ${real.goBinary} (go ${real.goVersion}). To use the same go in both, point the editor at the terminal's go (${real.goBinary}) with go.alternateTools or goModuleDoctor.goPath`), d!.detail!);

    // go 1.22.5 satisfies go 1.22: the versions differ, nothing breaks, no mismatch at all.
    const { terminal: newer } = await olderGoInTerminal(go, '1.22.5');
    const none = await analyzeFolder(dir, { editorEnv: real, terminalEnv: newer });
    assert.deepEqual(none.diagnostics.filter((x) => x.code === 'editor-terminal-mismatch'), []);
  } finally {
    go.dispose();
  }
});

test('an older go with GOTOOLCHAIN=auto would switch to go1.22.0 and cannot download it: blamed on the go version, not on GOTOOLCHAIN', async () => {
  const go = hermeticGo();
  try {
    const dir = path.join(go.root, 'ws');
    writeTree(dir, { 'go.mod': 'module example.com/app\n\ngo 1.22\n', 'main.go': 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println() }\n' });
    const { editor, terminal } = await olderGoInTerminal(go, '1.21.0', { GOTOOLCHAIN: 'auto' });
    const d = (await analyzeFolder(dir, { editorEnv: editor, terminalEnv: terminal })).diagnostics.find((x) => x.code === 'editor-terminal-mismatch');
    assert.equal(d?.blame?.failing, 'terminal');
    assert.match(d!.goSays!, /go: downloading go1\.22\.0 \(linux\/amd64\)\ngo: download go1\.22\.0 for linux\/amd64: toolchain not available/);
    assert.deepEqual(d?.blame?.blamed.map((b) => b.name), ['go version']);
    assert.deepEqual(d?.blame?.listed.map((b) => b.name), ['GOTOOLCHAIN']);
  } finally {
    go.dispose();
  }
});
