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
  // Verbose LSP tracing (with its channel at Trace level) records the server's progress messages.
  settings: { 'goModuleDoctor.trace.server': 'verbose' },
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
    await wb.step('trace-on', () => wb.setLogLevel('Go Module Doctor (trace)', 'Trace'));
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
    // The go commands can finish before the status bar's progress entry appears (VS Code delays
    // it), so the proof of progress is the protocol trace: the server created a work-done
    // progress titled with the fix and reported each command in it. What the status bar showed
    // is recorded as well.
    const seen = await wb.page.evaluate(() => window.__statusTexts);
    ctx.details.statusBarProgress = seen.find((t) => /go clean -modcache|go mod download|Clear module cache/.test(t)) ?? '(finished before the status bar showed it)';
    ctx.details.progressTrace = await wb.step('progress-reported', async () => {
      const trace = await waitForLogText(ctx.dirs.userData, /"kind": "end"/);
      const begin = /Received notification '\$\/progress'[^]*?"kind": "begin",\s*"title": "([^"]*)"/.exec(trace);
      if (!trace.includes("window/workDoneProgress/create") || !begin || !begin[1].startsWith(FIX)) throw new Error('the server reported no progress for the fix');
      if (!/"message": "go clean -modcache"/.test(trace)) throw new Error('the progress did not name go clean -modcache');
      return begin[1];
    });
    await wb.step('module-back-in-cache', async () => {
      const { extracted } = ctx.harness.cases.cachePaths(ctx.go, MODULE);
      if (!fs.existsSync(path.join(extracted, 'lib.go'))) throw new Error(`${extracted}/lib.go is not back`);
      // The output channel, filtered to the commands the fix ran.
      await wb.runCommand('Go Module Doctor: Show output');
      await wb.page.getByPlaceholder(/^Filter \(e\.g\. text, !exclude/).fill('$ go');
      await wb.page.locator('.output-view .view-lines', { hasText: '$ go clean -modcache' }).first().waitFor();
      await wb.page.locator('.output-view .view-lines', { hasText: '$ go mod download' }).first().waitFor();
    });
  },
};

/** The extension's log (where the language client writes its trace) once it matches `pattern`. */
async function waitForLogText(userDataDir, pattern, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = extensionLogFiles(path.join(userDataDir, 'logs')).map((f) => fs.readFileSync(f, 'utf8')).join('\n');
    if (pattern.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`the extension log never matched ${pattern}`);
    await new Promise((r) => setTimeout(r, 200)); // poll interval for the log file, not a wait for state
  }
}

function extensionLogFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true }).map((f) => path.join(dir, f)).filter((f) => f.includes('go-module-doctor.go-module-doctor') && f.endsWith('.log'));
}
