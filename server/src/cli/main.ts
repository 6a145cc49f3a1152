// go-module-doctor: the engine for terminals and CI. A thin adapter: arguments → analyzeFolder →
// text or JSON; `fix` applies fixes through fix/apply and checks again.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeFolder } from '../analyze/analyze';
import { loadGoEnv } from '../env/goenv';
import type { GoEnv } from '../env/types';
import type { Diagnostic, Fix } from '../diagnose/types';
import type { Analysis } from '../analyze/types';
import { applyFix } from '../fix/apply';
import { envDiffRows } from '../diagnose/compare';
import { parseArgs, parseEnvFile, USAGE, UsageError } from './args';
import type { CheckArgs, EnvDiffArgs, FixArgs } from './args';
import { formatText, toJson } from './format';
import { goLoadReport, modulesTouched } from '../verify/go-load';

class InputError extends Error {}

async function main(argv: string[]): Promise<number> {
  try {
    const args = parseArgs(argv);
    if (args.command === 'help') {
      process.stdout.write(USAGE + '\n');
      return 0;
    }
    if (args.command === 'check') return await check(args);
    if (args.command === 'fix') return await fix(args);
    return await envDiff(args);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`go-module-doctor: ${e.message}\n${USAGE}\n`);
      return 2;
    }
    if (e instanceof InputError) {
      process.stderr.write(`go-module-doctor: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

function folderOf(dir: string): string {
  const abs = path.resolve(dir);
  let st: fs.Stats;
  try {
    st = fs.statSync(abs);
  } catch {
    throw new InputError(`${dir}: no such directory`);
  }
  if (!st.isDirectory()) throw new InputError(`${dir}: not a directory`);
  return fs.realpathSync(abs);
}

async function environments(terminalEnvFile: string | undefined): Promise<{ editorEnv: GoEnv; terminalEnv?: GoEnv }> {
  const editorEnv = await loadGoEnv(process.env, { searchInstallDirs: true });
  if (!terminalEnvFile) return { editorEnv };
  let text: string;
  try {
    text = fs.readFileSync(terminalEnvFile, 'utf8');
  } catch (e) {
    throw new InputError(`--terminal-env ${terminalEnvFile}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  const vars = parseEnvFile(text);
  if (Object.keys(vars).length === 0) throw new InputError(`--terminal-env ${terminalEnvFile}: no KEY=VALUE lines`);
  const terminalEnv = await loadGoEnv(vars);
  if (!terminalEnv.goBinary) {
    process.stderr.write(`go-module-doctor: warning: the terminal's PATH in ${terminalEnvFile} has no go binary, so go cannot run there at all; imports are not compared one by one\n`);
  }
  return { editorEnv, terminalEnv };
}

async function check(args: CheckArgs): Promise<number> {
  const folder = folderOf(args.dir);
  const envs = await environments(args.terminalEnvFile);
  const analysis = await analyzeFolder(folder, envs);
  if (args.json) process.stdout.write(JSON.stringify(toJson(folder, analysis.diagnostics), null, 2) + '\n');
  else process.stdout.write(formatText(folder, analysis.diagnostics));
  return analysis.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}

function diagnosticKey(d: Diagnostic): string {
  return `${d.code}\x00${d.file}\x00${d.importPath ?? d.range.start.offset}`;
}

function fixKey(f: Fix): string {
  return JSON.stringify([f.title, f.edits?.map((e) => e.file), f.commands?.map((c) => c.argv)]);
}

/** Applies one fix at a time and re-analyses after each, so every edit is computed against the
 * files as they are (fixes of different diagnostics often touch the same go.mod). */
async function fix(args: FixArgs): Promise<number> {
  const folder = folderOf(args.dir);
  const envs = await environments(args.terminalEnvFile);
  const selected = (ds: Diagnostic[]) => ds.filter((d) => d.fixes.length > 0 && (!args.code || d.code === args.code));
  let analysis = await analyzeFolder(folder, envs);
  const targeted = new Set(selected(analysis.diagnostics).map(diagnosticKey));
  const tried = new Set<string>();
  let failed = false;
  for (let round = 0; round < 100; round++) {
    const next = selected(analysis.diagnostics)
      .map((d) => ({ d, f: d.fixes[0]! }))
      .find(({ f }) => !tried.has(fixKey(f)));
    if (!next) break;
    tried.add(fixKey(next.f));
    const where = `${path.relative(folder, next.d.file) || next.d.file}:${next.d.range.start.line + 1}`;
    if (next.f.destructive && !args.yes) {
      process.stdout.write(`skipped (destructive, needs --yes): ${next.f.title}  [${next.d.code} at ${where}]\n`);
      continue;
    }
    if (next.f.outside?.length && !args.yes) {
      process.stdout.write(`skipped (writes outside ${args.dir}, needs --yes): ${next.f.title}  [${next.d.code} at ${where}]\n`);
      continue;
    }
    process.stdout.write(`fixing ${where} [${next.d.code}]: ${next.f.title}\n`);
    const r = await applyFix(next.f, { env: envs.editorEnv });
    for (const line of r.log) process.stdout.write(`    ${line}\n`);
    if (!r.ok) failed = true;
    analysis = await analyzeFolder(folder, envs);
    if (r.ok) await reportGoAgreement(folder, modulesTouched(next.f, [path.dirname(next.d.file)]), analysis, envs.editorEnv);
  }
  const remaining = analysis.diagnostics.filter((d) => targeted.has(diagnosticKey(d)));
  if (remaining.length) {
    process.stdout.write(`\nstill broken after fixing:\n`);
    process.stdout.write(formatText(folder, remaining));
  } else {
    process.stdout.write(targeted.size ? `\nall ${targeted.size} fixed diagnostic${targeted.size === 1 ? ' is' : 's are'} gone\n` : 'nothing to fix\n');
  }
  return remaining.length || failed ? 1 : 0;
}

/** Per fix, whether go agrees: go loads each module the fix touched without an error exactly when
 * the analysis has no error left there. */
async function reportGoAgreement(folder: string, moduleDirs: string[], analysis: Analysis, env: GoEnv): Promise<void> {
  for (const dir of moduleDirs) {
    // As the editor's view of the module runs go: with the go.work it found from the folder.
    const view = analysis.views.find((v) => v.role === 'editor' && v.moduleDir === dir)?.view;
    const go = await goLoadReport(dir, env, view?.goWork?.file ?? 'off');
    const ours = analysis.diagnostics.filter((d) => d.severity === 'error' && isUnder(dir, d.file)).length;
    const where = path.relative(folder, dir) || '.';
    const agrees = go.ok === (ours === 0);
    const said = go.ok ? 'go loads every package' : `go reports ${go.errors} package error${go.errors === 1 ? '' : 's'}: ${go.first}`;
    process.stdout.write(`    ${agrees ? 'go agrees' : 'go DISAGREES'} in ${where}: ${said}${ours ? `; ${ours} error${ours === 1 ? '' : 's'} left here` : ''}\n`);
  }
}

function isUnder(dir: string, file: string): boolean {
  return file === dir || file.startsWith(dir + path.sep);
}

async function envDiff(args: EnvDiffArgs): Promise<number> {
  folderOf(args.dir);
  const envs = await environments(args.terminalEnvFile);
  if (!envs.terminalEnv) throw new UsageError('env-diff needs --terminal-env FILE');
  const rows = envDiffRows(envs.editorEnv, envs.terminalEnv);
  if (args.json) process.stdout.write(JSON.stringify({ variables: rows }, null, 2) + '\n');
  else {
    const w = Math.max(...rows.map((r) => r.name.length));
    for (const r of rows) process.stdout.write(`${r.differs ? '*' : ' '} ${r.name.padEnd(w)}  editor=${JSON.stringify(r.editor)}  terminal=${JSON.stringify(r.terminal)}\n`);
  }
  return 0;
}

// Exit only once stdout and stderr are flushed: through a pipe, writes are asynchronous and
// process.exit would cut a long JSON report short. Exiting (rather than letting the loop drain)
// still ends the process while a file watcher or a cancelled go command holds a handle.
function exitAfterFlush(code: number): void {
  process.exitCode = code;
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

main(process.argv.slice(2)).then(exitAfterFlush, (e) => {
  process.stderr.write(`go-module-doctor: internal error: ${(e as Error).stack ?? e}\n`);
  exitAfterFlush(3);
});
