// app imports its sibling module lib, which nothing wires in: the import is squiggled and the
// Problems panel names the root cause; "Go Module Doctor: Generate go.work" from the command
// palette writes a go.work using both modules, and the squiggle goes away.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { importPosition } from './fixture-text.mjs';

const FILE = 'app/main.go';
const IMPORT = 'example.com/lib/greet';
const CODE = 'no-required-module';

export default {
  name: 'generate-go-work',
  workspace: 'generate-go-work',
  async run(wb, ctx) {
    const { line } = importPosition(ctx.workspaceDir, FILE, IMPORT);
    await wb.step('folder-open', () => wb.waitForFolder('README.md'));
    await wb.step('squiggle-on-import', async () => {
      await wb.openFile(FILE);
      await wb.waitForSquiggle();
    });
    const problem = await wb.step('problems-panel-root-cause', async () => {
      const text = await wb.waitForProblem(CODE);
      if (!text.includes(`Ln ${line}`)) throw new Error(`the ${CODE} problem is not on line ${line}: ${text}`);
      return text;
    });
    ctx.details = { problem };
    await wb.step('palette-generate-go-work', async () => {
      await wb.runCommand('Go Module Doctor: Generate go.work');
      // The command lists the use lines it would write (all ticked); Enter accepts them.
      await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'use ./lib' }).first().waitFor();
    });
    await wb.step('use-lines-accepted', async () => {
      await wb.page.keyboard.press('Enter');
      ctx.details.notification = await wb.waitForNotification('go.work');
    });
    await wb.step('squiggle-gone', async () => {
      await wb.waitForNoSquiggle();
      await wb.waitForNoProblem(CODE);
    });
    await wb.step('go-work-in-explorer', async () => {
      await wb.page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'go.work' }).first().waitFor();
      const goWork = fs.readFileSync(path.join(ctx.workspaceDir, 'go.work'), 'utf8');
      if (!/use\s*\(?[^)]*\.\/app/.test(goWork) || !goWork.includes('./lib')) throw new Error(`go.work does not use ./app and ./lib:\n${goWork}`);
      ctx.details.goWork = goWork;
    });
  },
};
