#!/usr/bin/env node
// Runs the end-to-end scenarios against the packaged extension in a real VS Code: code-server
// (VS Code 1.139 with the Node extension host) driven in Debian's Chromium by playwright-core.
// Every scenario gets its own run folder, a fresh code-server with the vsix installed, and a copy
// of its fixture workspace; the process group is killed at the end whatever happened.
//
//   node test/e2e/launcher.mjs [--vsix FILE] [--repeat N] [--keep] [scenario ...]
//
// Prerequisite: scripts/e2e-setup.sh. Screenshots: test-artifacts/e2e/<scenario>/NN-step.png.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { artifactsRoot, loadPlaywright, tools as installedTools } from './lib/paths.mjs';
import { packageExtension } from './lib/extension-package.mjs';
import { copyWorkspace, createRunFolder, goBinaryOnPath, harness, hermeticGoIn, runEnvironment } from './lib/run-folder.mjs';
import { installExtension, startCodeServer } from './lib/code-server.mjs';
import { stopAllGroups } from './lib/process-group.mjs';
import { Workbench, freshShotsDir } from './lib/workbench.mjs';
import { SCENARIOS } from './scenarios/index.mjs';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: { vsix: { type: 'string' }, repeat: { type: 'string', default: '1' }, keep: { type: 'boolean', default: false } },
});
const chosen = positionals.length ? positionals : Object.keys(SCENARIOS);
for (const n of chosen) if (!SCENARIOS[n]) throw new Error(`unknown scenario ${n}; known: ${Object.keys(SCENARIOS).join(', ')}`);

const tools = installedTools();
const { chromium } = await loadPlaywright();
const h = harness();
const buildDir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'gmd-e2e-vsix-'));
const results = [];
try {
  const started = Date.now();
  const vsix = packageExtension(buildDir, opts.vsix ?? process.env.E2E_VSIX);
  console.log(`e2e: extension ${vsix} (${Date.now() - started} ms to build and package)`);
  for (let round = 1; round <= Number(opts.repeat); round++) {
    for (const name of chosen) {
      const r = await runScenario(SCENARIOS[name], round, vsix);
      results.push(r);
      console.log(`${r.ok ? 'PASS' : 'FAIL'} ${name}${Number(opts.repeat) > 1 ? ` (round ${round})` : ''} in ${(r.ms / 1000).toFixed(1)} s${r.retries ? ` (${r.retries} Ctrl+. retried)` : ''}${r.ok ? '' : `: ${r.error}`}`);
      for (const s of r.steps) console.log(`     ${s.ok ? 'ok  ' : 'FAIL'} ${s.name} ${s.ms} ms`);
    }
  }
} finally {
  fs.rmSync(buildDir, { recursive: true, force: true });
}
fs.mkdirSync(artifactsRoot, { recursive: true });
fs.writeFileSync(path.join(artifactsRoot, 'summary.json'), JSON.stringify(results, null, 2));
const failed = results.filter((r) => !r.ok).length;
console.log(`e2e: ${results.length - failed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;

async function runScenario(scenario, round, vsix) {
  const t0 = Date.now();
  const shotsDir = freshShotsDir(path.join(artifactsRoot, scenario.name));
  const dirs = createRunFolder(scenario.name, { 'goModuleDoctor.goPath': goBinaryOnPath(process.env.PATH ?? '') }, scenario.settings);
  const go = hermeticGoIn(dirs, h.goenv);
  let browser;
  let wb;
  const ctx = { dirs, go, harness: h, tools, round };
  try {
    ctx.workspaceDir = copyWorkspace(dirs, scenario.workspace);
    const prepared = (await scenario.prepare?.(ctx)) ?? {};
    ctx.resultsFile = path.join(dirs.root, 'api-results.json');
    const env = runEnvironment(dirs, { ...go.env, ...prepared.env }, path.dirname(tools.node), { GMD_E2E_RESULTS: ctx.resultsFile });
    installExtension(tools, dirs, env, vsix);
    ctx.extensionDir = installedExtensionDir(dirs.extensions);
    const cs = await startCodeServer(tools, dirs, env, scenario.codeServerArgs ?? []);
    ctx.origin = cs.origin;
    browser = await chromium.launch({ executablePath: tools.chromium, headless: true, args: CHROMIUM_ARGS, env });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    wb = new Workbench(page, shotsDir, { timeoutMs: scenario.timeoutMs });
    const url = scenario.url?.(ctx) ?? `${cs.origin}/?folder=${encodeURIComponent(ctx.workspaceDir)}`;
    await page.goto(url);
    await scenario.run(wb, ctx);
    return { name: scenario.name, round, ok: true, ms: Date.now() - t0, steps: wb.steps, retries: wb.retries ?? 0, details: ctx.details };
  } catch (e) {
    if (wb && !wb.steps.some((s) => !s.ok)) await wb.screenshot('FAILED').catch(() => {});
    keepLogs(dirs, shotsDir);
    return { name: scenario.name, round, ok: false, ms: Date.now() - t0, steps: wb?.steps ?? [], error: String(e?.message ?? e).split('\n')[0], details: ctx.details };
  } finally {
    await browser?.close().catch(() => {});
    await stopAllGroups();
    go.dispose();
    if (!opts.keep) h.goenv.removeTree(dirs.root);
    else console.log(`e2e: kept ${dirs.root}`);
  }
}

/** The folder --install-extension unpacked the vsix into (<publisher>.<name>-<version>). */
function installedExtensionDir(extensionsDir) {
  const name = fs.readdirSync(extensionsDir).find((n) => n.startsWith('go-module-doctor.go-module-doctor-'));
  if (!name) throw new Error(`the vsix did not install into ${extensionsDir}`);
  return path.join(extensionsDir, name);
}

/** code-server's and the extension host's logs next to the screenshots of a failed run. */
function keepLogs(dirs, shotsDir) {
  const dest = path.join(shotsDir, 'logs');
  const sources = { 'code-server': dirs.logs, vscode: path.join(dirs.userData, 'logs') };
  for (const [name, src] of Object.entries(sources)) {
    if (fs.existsSync(src)) fs.cpSync(src, path.join(dest, name), { recursive: true });
  }
}
