// The terminal (goModuleDoctor.terminalEnv names a KEY=VALUE file in the workspace) has
// GOFLAGS=-mod=vendor, and app has no vendor directory: go stops there with inconsistent
// vendoring, so app's imports resolve in the editor but not in the terminal. The status bar item
// turns to the warning state; clicking it runs "Compare Editor and Terminal", whose report names
// GOFLAGS; "Apply a fix…" → go mod vendor makes the two agree, and the status bar is back to normal.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { plainText } from './fixture-text.mjs';

const FILE = 'app/main.go';
const STATUS = '.statusbar-item';
const REPORT_TAB = 'Editor and terminal - app.md';
const FIX = 'go mod vendor';

/** Writes the terminal's `env` (the run's hermetic go environment plus GOFLAGS=-mod=vendor) and the
 * workspace setting naming it. Both hold the run's absolute paths, so they are made per run. */
export function prepareTerminalEnv({ go, workspaceDir }) {
  const file = path.join(workspaceDir, 'terminal.env');
  fs.writeFileSync(file, Object.entries({ ...go.env, GOFLAGS: '-mod=vendor' }).map(([k, v]) => `${k}=${v}`).join('\n') + '\n');
  fs.mkdirSync(path.join(workspaceDir, '.vscode'), { recursive: true });
  fs.writeFileSync(path.join(workspaceDir, '.vscode', 'settings.json'), JSON.stringify({ 'goModuleDoctor.terminalEnv': file }, null, 2) + '\n');
  return {};
}

/** The editor-vendor-flag workspace: the editor's settings carry GOFLAGS=-mod=vendor
 * (go.toolsEnvVars); the terminal has the plain hermetic environment. */
export function prepareEditorSettings({ go, workspaceDir }) {
  const file = path.join(workspaceDir, 'terminal.env');
  fs.writeFileSync(file, Object.entries(go.env).map(([k, v]) => `${k}=${v}`).join('\n') + '\n');
  fs.mkdirSync(path.join(workspaceDir, '.vscode'), { recursive: true });
  const settings = { 'goModuleDoctor.terminalEnv': file, 'go.toolsEnvVars': { GOFLAGS: '-mod=vendor' } };
  fs.writeFileSync(path.join(workspaceDir, '.vscode', 'settings.json'), JSON.stringify(settings, null, 2) + '\n');
  return {};
}

export default {
  name: 'compare-environments',
  workspace: 'compare-vendor-flag',
  prepare: prepareTerminalEnv,
  async run(wb, ctx) {
    const page = wb.page;
    // Monaco renders spaces as non-breaking ones.
    await page.evaluate(() => {
      window.activeEditorText = () => (document.querySelector('.editor-group-container.active .view-lines')?.textContent ?? '').replace(/\u00a0/g, ' ');
    });
    const item = () => page.locator(STATUS, { hasText: /Go: |Go imports/ }).first();
    await wb.step('folder-open', () => wb.waitForFolder('README.md'));
    ctx.details = {};
    ctx.details.statusBar = await wb.step('status-bar-warning', async () => {
      await wb.openFile(FILE);
      const warning = page.locator(`${STATUS}.warning-kind`, { hasText: 'Go: editor ≠ terminal' }).first();
      await warning.waitFor();
      return (await warning.innerText()).trim();
    });
    ctx.details.tooltip = await wb.step('status-bar-tooltip-names-goflags', async () => {
      await item().hover();
      const hover = page.locator('.monaco-hover, .workbench-hover', { hasText: 'GOFLAGS decides it' }).first();
      await hover.waitFor();
      const text = (await hover.innerText()).trim();
      await page.mouse.move(700, 400);
      return text;
    });
    ctx.details.report = await wb.step('compare-report-from-status-bar', async () => {
      await item().click();
      await page.locator('.tab.active', { hasText: REPORT_TAB }).waitFor();
      await page.waitForFunction((t) => activeEditorText().includes(t), 'Inputs that flip verdicts');
      const text = plainText(await wb.editorText());
      if (!/\*\*GOFLAGS\*\* — flips 2 imports/.test(text)) throw new Error(`the report does not blame GOFLAGS:\n${text}`);
      if (!/terminal `-mod=vendor`/.test(text)) throw new Error(`the report does not show the terminal's GOFLAGS:\n${text}`);
      return text.split('\n').slice(0, 14).join('\n');
    });
    const question = await wb.step('fix-offered', () => wb.waitForQuestion('GOFLAGS decides it'));
    ctx.details.notification = question.text;
    await wb.step('fix-picked', async () => {
      await question.answer('Apply a fix…');
      const row = page.locator('.quick-input-list .monaco-list-row', { hasText: FIX }).first();
      await row.waitFor();
      await wb.screenshot('fix-list');
      await row.click();
    });
    await wb.step('report-updated', async () => {
      await page.waitForFunction((t) => activeEditorText().includes(t), 'Every import resolves the same way');
      if (!fs.existsSync(path.join(ctx.workspaceDir, 'app', 'vendor', 'modules.txt'))) throw new Error('go mod vendor wrote no app/vendor/modules.txt');
    });
    await wb.step('report-is-read-only', async () => {
      // A document of a content provider: typing changes nothing.
      await page.locator('.editor-group-container.active .monaco-editor .view-lines').click();
      await page.keyboard.type('zzz');
      const text = plainText(await wb.editorText());
      if (text.includes('zzz')) throw new Error('the report accepted typing');
    });
    ctx.details.statusBarAfter = await wb.step('status-bar-normal', async () => {
      // Back to main.go (the report's group is the active one): the item shows for Go files.
      await page.keyboard.press('Escape');
      await page.locator('.tab', { hasText: path.basename(FILE) }).first().click();
      // Every import of app resolves now, from its new vendor directory (the tooltip says so).
      const normal = page.locator(STATUS, { hasText: /^\s*Go imports\s*$/ }).first();
      await normal.waitFor();
      if (await page.locator(`${STATUS}.warning-kind`, { hasText: /Go: |Go imports/ }).count()) throw new Error('the status bar item is still in the warning state');
      return (await normal.innerText()).trim();
    });
  },
};
