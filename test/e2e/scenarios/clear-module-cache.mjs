// example.com/lib v1.0.0 sits in the module cache as an interrupted download (extracted, a .partial
// marker, no zip). The quick fix "Clear module cache" asks for confirmation, runs go clean -modcache
// and go mod download with progress (from a file:// proxy: no network), and the diagnostic clears.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { importPosition } from './fixture-text.mjs';

const FILE = 'main.go';
const IMPORT = 'example.com/lib';
const MODULE = 'example.com/lib@v1.0.0';
const CODE = 'cache-corrupt';
const FIX = 'Clear module cache';

export default {
  name: 'clear-module-cache',
  workspace: 'clear-module-cache',
  timeoutMs: 40_000,
  /** Seeds the private module cache from a file:// proxy over test/fixtures/modules, then damages
   * it as the corpus case partial-download does; the proxy stays GOPROXY for the re-download. */
  async prepare({ dirs, go, harness }) {
    const proxyUrl = harness.proxy.buildFileProxy(harness.cases.fixtureModulesRoot(), path.join(dirs.root, 'proxy'));
    await harness.proxy.seedModuleCache(go, proxyUrl, [MODULE]);
    const { downloadBase } = harness.cases.cachePaths(go, MODULE);
    fs.rmSync(downloadBase + '.zip');
    fs.writeFileSync(downloadBase + '.partial', '');
    return { env: { GOPROXY: proxyUrl } };
  },
  async run(wb, ctx) {
    const at = importPosition(ctx.workspaceDir, FILE, IMPORT);
    await wb.step('folder-open', () => wb.waitForFolder('README.md'));
    await wb.step('squiggle-on-import', async () => {
      await wb.openFile(FILE);
      await wb.waitForSquiggle();
    });
    ctx.details = { problem: await wb.step('problems-panel-root-cause', () => wb.waitForProblem(CODE)) };
    await wb.step('quick-fix-chosen', async () => {
      await wb.goToLine(at.line);
      await wb.applyQuickFix(FIX);
    });
    const question = await wb.step('confirmation-asked', () => wb.waitForQuestion('This deletes the module cache'));
    ctx.details.confirmation = question.text;
    // The progress shows in the status bar for as long as the go commands run, which can be
    // shorter than a screenshot takes: an observer records every status bar text while it is up.
    await wb.page.evaluate(() => {
      window.__statusTexts = [];
      const bar = document.querySelector('.part.statusbar');
      new MutationObserver(() => window.__statusTexts.push(bar.textContent)).observe(bar, { subtree: true, childList: true, characterData: true });
    });
    await wb.step('continue-clicked', () => question.answer('Continue'));
    await wb.step('diagnostic-cleared', async () => {
      await wb.waitForNoSquiggle();
      await wb.waitForNoProblem(CODE);
    });
    const seen = await wb.page.evaluate(() => window.__statusTexts);
    const progress = seen.find((t) => /go clean -modcache|go mod download|Clear module cache/.test(t));
    ctx.details.progress = progress ?? '(not observed)';
    if (!progress) throw new Error('no progress showed in the status bar while the fix ran');
    await wb.step('module-back-in-cache', async () => {
      const { extracted } = ctx.harness.cases.cachePaths(ctx.go, MODULE);
      if (!fs.existsSync(path.join(extracted, 'lib.go'))) throw new Error(`${extracted}/lib.go is not back`);
      await wb.runCommand('Go Module Doctor: Show output');
      await wb.page.locator('.output-view .view-lines', { hasText: 'go clean -modcache' }).first().waitFor();
    });
  },
};
