// app/go.mod replaces example.com/lib with ../libs/lib, but the module is at ../lib: the quick fix
// from the lightbulb menu (Ctrl+.) points the replace at ../lib, the diagnostic clears, and Ctrl+Z
// in go.mod undoes the edit (and the diagnostic comes back).
import { importPosition, plainText } from './fixture-text.mjs';

const FILE = 'app/main.go';
const IMPORT = 'example.com/lib/greet';
const CODE = 'replace-dir-missing';
const FIX = 'Point the replace of example.com/lib at ../lib';

export default {
  name: 'fix-replace-path',
  workspace: 'fix-replace-path',
  async run(wb, ctx) {
    const at = importPosition(ctx.workspaceDir, FILE, IMPORT);
    await wb.step('folder-open', () => wb.waitForFolder('README.md'));
    await wb.step('squiggle-on-import', async () => {
      await wb.openFile(FILE);
      await wb.waitForSquiggle();
    });
    ctx.details = { problem: await wb.step('problems-panel-root-cause', () => wb.waitForProblem(CODE)) };
    await wb.step('quick-fix-applied', async () => {
      await wb.goToLine(at.line);
      await wb.applyQuickFix(FIX);
    });
    await wb.step('diagnostic-cleared', async () => {
      await wb.waitForNoSquiggle();
      await wb.waitForNoProblem(CODE);
    });
    await wb.step('go-mod-edited', async () => {
      await wb.openFile('app/go.mod');
      await wb.page.waitForFunction(() => document.querySelector('.editor-group-container.active .view-lines')?.textContent.includes('../lib'));
      const text = plainText(await wb.editorText());
      if (!/replace example\.com\/lib => \.\.\/lib\b/.test(text)) throw new Error(`go.mod was not edited to ../lib:\n${text}`);
    });
    await wb.step('undo-restores-replace', async () => {
      await wb.page.locator('.editor-group-container.active .monaco-editor .view-lines').click();
      await wb.page.keyboard.press('Control+Z');
      await wb.page.waitForFunction(() => document.querySelector('.editor-group-container.active .view-lines')?.textContent.includes('../libs/lib'));
    });
    await wb.step('diagnostic-back-after-undo', () => wb.waitForProblem(CODE));
  },
};
