// The API-level end-to-end suite: runs inside a real VS Code extension host, as @vscode/test-electron
// runs extensionTestsPath (test/e2e/test-electron.mjs) and as code-server runs it with
// enable-smoke-test-driver (test/e2e/scenarios/api.mjs). It drives the extension only through the
// public vscode API. Its results go to the JSON file named by GMD_E2E_RESULTS, because under
// code-server the launcher has no other channel back; run() also rejects when a test failed.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');

const EXTENSION_ID = 'go-module-doctor.go-module-doctor';
const SOURCE = 'go-module-doctor';
const COMMANDS = ['goModuleDoctor.generateGoWork', 'goModuleDoctor.clearModuleCache', 'goModuleDoctor.compareEnvironments'];
const REPORT_SCHEME = 'go-module-doctor-report';
const WAIT_MS = 30_000;

/** What each fixture workspace (test/e2e/workspaces/<name>) must show, keyed by folder name. */
const WORKSPACES = {
  'generate-go-work': { file: 'app/main.go', importPath: 'example.com/lib/greet', fix: /go\.work/, apply: true },
  'fix-replace-path': { file: 'app/main.go', importPath: 'example.com/lib/greet', fix: /\.\.\/lib\b/, apply: true },
  // The fix is destructive and asks for confirmation in a modal: the UI scenario applies it.
  'clear-module-cache': { file: 'main.go', importPath: 'example.com/lib', fix: /Clear module cache/, apply: false },
  // The terminal (terminal.env, written by the scenario's prepare) has GOFLAGS=-mod=vendor and app
  // has no vendor directory: the comparison blames GOFLAGS, and go mod vendor makes the two agree.
  'compare-vendor-flag': { file: 'app/main.go', importPath: 'example.com/lib', fix: /go mod vendor/, apply: true, compare: 'GOFLAGS' },
  // The editor's settings (go.toolsEnvVars, written by prepare) have GOFLAGS=-mod=vendor: the
  // import is red in the editor only; the fix that makes the editor use no GOFLAGS clears it.
  'editor-vendor-flag': { file: 'app/main.go', importPath: 'example.com/lib', fix: /^Make the editor use no GOFLAGS like the terminal/, apply: true, compare: 'GOFLAGS' },
};

async function run() {
  const report = { vscodeVersion: vscode.version, workspace: undefined, extensionActive: false, tests: [] };
  const test = async (name, fn) => {
    const started = Date.now();
    try {
      const detail = await fn();
      report.tests.push({ name, ok: true, ms: Date.now() - started, detail });
    } catch (e) {
      report.tests.push({ name, ok: false, ms: Date.now() - started, error: String((e && e.stack) || e) });
    }
  };
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  report.workspace = folder && path.basename(folder.uri.fsPath);
  const spec = WORKSPACES[report.workspace];

  await test('the extension host has the hermetic go environment', async () => {
    const env = { PATH: process.env.PATH, GOPROXY: process.env.GOPROXY, GOSUMDB: process.env.GOSUMDB, GOTOOLCHAIN: process.env.GOTOOLCHAIN, GOMODCACHE: process.env.GOMODCACHE };
    assert(env.GOSUMDB === 'off' && env.GOTOOLCHAIN === 'local', `not hermetic: ${JSON.stringify(env)}`);
    assert(env.GOPROXY === 'off' || String(env.GOPROXY).startsWith('file://'), `GOPROXY reaches a network: ${env.GOPROXY}`);
    return env;
  });
  await test('the extension is installed and activates', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert(ext, `${EXTENSION_ID} is not installed`);
    await ext.activate();
    report.extensionActive = ext.isActive;
    assert(ext.isActive, 'activate() resolved but the extension is not active');
    return { version: ext.packageJSON.version, path: ext.extensionPath };
  });
  await test('its palette commands are registered', async () => {
    const all = new Set(await vscode.commands.getCommands(true));
    const missing = COMMANDS.filter((c) => !all.has(c));
    assert(missing.length === 0, `not registered: ${missing.join(', ')}`);
  });

  if (!spec) {
    report.tests.push({ name: `workspace ${report.workspace} has expectations`, ok: false, error: `add it to WORKSPACES in ${__filename}` });
  } else {
    const uri = vscode.Uri.joinPath(folder.uri, spec.file);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const importLine = doc.getText().split('\n').findIndex((l) => l.includes(`"${spec.importPath}"`));
    let diagnostic;
    await test(`a diagnostic explains the import "${spec.importPath}"`, async () => {
      diagnostic = await waitForDiagnostics(uri, (ds) => ds.find((d) => d.range.start.line === importLine), `a ${SOURCE} diagnostic on line ${importLine + 1}`);
      return { message: diagnostic.message, code: codeOf(diagnostic) };
    });
    if (spec.compare) {
      await test(`Compare Editor and Terminal blames ${spec.compare} in a report`, async () => {
        await vscode.window.showTextDocument(doc);
        const result = await vscode.commands.executeCommand('goModuleDoctor.compareEnvironments');
        assert(result && result.ok && result.mismatch, `no mismatch reported: ${JSON.stringify(result && result.message)}`);
        assert(result.blamed.includes(spec.compare), `blamed ${JSON.stringify(result.blamed)}`);
        const shown = vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === REPORT_SCHEME);
        assert(shown, `no report editor; visible: ${vscode.window.visibleTextEditors.map((e) => e.document.uri.toString()).join(', ')}`);
        const text = shown.document.getText();
        assert(text.includes(`**${spec.compare}** — flips`), `the report does not blame ${spec.compare}:\n${text}`);
        await vscode.window.showTextDocument(doc);
        return { message: result.message, fixes: result.fixes.map((f) => f.title) };
      });
      await test('with showWhenGoplsReports off, our diagnostic hides where another source reports an error', async () => {
        assert(diagnostic, 'no diagnostic to hide');
        const line = diagnostic.range.start.line;
        const fake = vscode.languages.createDiagnosticCollection('fake-gopls');
        const config = vscode.workspace.getConfiguration('goModuleDoctor');
        try {
          const theirs = new vscode.Diagnostic(diagnostic.range, 'could not import example.com/lib (fake gopls)', vscode.DiagnosticSeverity.Error);
          theirs.source = 'compiler';
          fake.set(uri, [theirs]);
          await config.update('showWhenGoplsReports', false, vscode.ConfigurationTarget.Workspace);
          await waitForDiagnostics(uri, (ds) => (ds.some((d) => d.range.start.line === line) ? undefined : true), 'our diagnostic to hide under the other error');
          await config.update('showWhenGoplsReports', undefined, vscode.ConfigurationTarget.Workspace);
          await waitForDiagnostics(uri, (ds) => ds.some((d) => d.range.start.line === line), 'our diagnostic back with the setting on');
          await config.update('showWhenGoplsReports', false, vscode.ConfigurationTarget.Workspace);
          await waitForDiagnostics(uri, (ds) => (ds.some((d) => d.range.start.line === line) ? undefined : true), 'our diagnostic hidden again');
          fake.clear();
          await waitForDiagnostics(uri, (ds) => ds.some((d) => d.range.start.line === line), 'our diagnostic back once the other error is gone');
        } finally {
          fake.dispose();
          await config.update('showWhenGoplsReports', undefined, vscode.ConfigurationTarget.Workspace);
        }
      });
    }
    let action;
    await test('a quick fix is offered for it', async () => {
      assert(diagnostic, 'no diagnostic to fix');
      const actions = (await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value)) || [];
      action = actions.find((a) => spec.fix.test(a.title));
      assert(action, `no action matching ${spec.fix}; offered: ${JSON.stringify(actions.map((a) => a.title))}`);
      return { chosen: action.title, offered: actions.map((a) => a.title) };
    });
    if (spec.apply) {
      await test('applying the quick fix clears the diagnostic', async () => {
        assert(action, 'no action to apply');
        if (action.edit) assert(await vscode.workspace.applyEdit(action.edit), 'applyEdit returned false');
        // As VS Code applies a code action: the edit, then its command (which saves a settings file the edit changed).
        if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments || []));
        await waitForDiagnostics(uri, (ds) => (ds.some((d) => d.range.start.line === importLine) ? undefined : true), 'the import diagnostic to clear');
      });
      if (spec.compare) {
        await test('after the fix, Compare Editor and Terminal finds no mismatch', async () => {
          await vscode.window.showTextDocument(doc);
          const result = await vscode.commands.executeCommand('goModuleDoctor.compareEnvironments');
          assert(result && result.ok && !result.mismatch && result.fixes.length === 0, `still a mismatch: ${JSON.stringify(result)}`);
          return result.message;
        });
      }
    }
  }

  report.passed = report.tests.filter((t) => t.ok).length;
  report.failed = report.tests.length - report.passed;
  writeReport(report);
  if (report.failed) throw new Error(`${report.failed} of ${report.tests.length} e2e API tests failed: ${report.tests.filter((t) => !t.ok).map((t) => t.name).join('; ')}`);
}

/** Resolves with pick(our diagnostics) once it is truthy: checked now and on every change. */
function waitForDiagnostics(uri, pick, what) {
  const ours = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
  return new Promise((resolve, reject) => {
    const done = (fn, v) => {
      clearTimeout(timer);
      sub.dispose();
      fn(v);
    };
    const check = () => {
      const v = pick(ours());
      if (v) done(resolve, v);
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => done(reject, new Error(`timed out after ${WAIT_MS} ms waiting for ${what}; have ${JSON.stringify(ours().map((d) => d.message))}`)), WAIT_MS);
    check();
  });
}

function codeOf(d) {
  return d.code && typeof d.code === 'object' ? d.code.value : d.code;
}

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

/** Written whole and renamed into place, so a launcher polling for it never reads half a file. */
function writeReport(report) {
  const file = process.env.GMD_E2E_RESULTS;
  if (!file) return;
  fs.writeFileSync(file + '.tmp', JSON.stringify(report, null, 2));
  fs.renameSync(file + '.tmp', file);
}

module.exports = { run };
