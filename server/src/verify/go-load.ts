// After a fix: does go agree that a module now loads? The CLI's `fix` asks go itself, the way gopls
// loads a workspace (`go list -e -deps -json=<fields> ./...`, no compiling), in each module a fix
// touched, and says what go still reports. Resolution never runs go; this is the one check that
// does, on request.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { runGo } from '../gocmd/run';
import { parseJsonStream } from '../gocmd/json-stream';
import type { GoEnv } from '../env/types';
import type { Fix } from '../diagnose/types';

export interface GoLoadReport {
  moduleDir: string;
  /** go loaded every package without an error. */
  ok: boolean;
  /** Packages go reports errors on (its own Error field, or a load that failed as a whole). */
  errors: number;
  /** go's first error, as it printed it. */
  first?: string;
}

const FIELDS = 'ImportPath,Error,DepsErrors';

/** `goWork`: the go.work the editor's view of the module uses ('off' for none), which go run in
 * the module directory could otherwise find differently (a go.work between the folder and it). */
export async function goLoadReport(moduleDir: string, env: GoEnv, goWork: string, signal?: AbortSignal): Promise<GoLoadReport> {
  if (!env.goBinary) return { moduleDir, ok: false, errors: 0, first: 'no go binary found on PATH' };
  const r = await runGo(['list', '-e', '-deps', `-json=${FIELDS}`, './...'], { cwd: moduleDir, env: { ...env.processEnv, GOWORK: goWork }, goBinary: env.goBinary, timeoutMs: 300_000, signal });
  const errors: string[] = [];
  for (const p of parseJsonStream<{ Error?: { Err?: string } }>(r.stdout)) {
    const e = p.Error?.Err;
    if (e) errors.push(e);
  }
  // Without JSON go stopped before loading any package (a bad go.mod, inconsistent vendoring).
  if (r.exitCode !== 0 && errors.length === 0) errors.push((r.stderr.trim() || `exit ${r.exitCode}`).split('\n').slice(0, 3).join(' '));
  return { moduleDir, ok: errors.length === 0, errors: errors.length, first: errors[0] };
}

/** The module roots a fix touches: those holding the files it edits, the directories its commands
 * run in, and `also` (the directory of the diagnostic it fixes). */
export function modulesTouched(fix: Fix, also: string[] = []): string[] {
  const dirs = [...(fix.edits ?? []).map((e) => path.dirname(e.file)), ...(fix.commands ?? []).map((c) => c.cwd), ...also];
  const roots = new Set<string>();
  for (const d of dirs) {
    const root = moduleRootAbove(d);
    if (root) roots.add(root);
  }
  return [...roots].sort();
}

function moduleRootAbove(dir: string): string | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, 'go.mod'))) return d;
    if (path.dirname(d) === d) return undefined;
  }
}
