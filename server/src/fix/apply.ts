// Applies a fix to the disk (the CLI's way; the editor applies edits as undoable workspace edits):
// edits first, then the go commands in order, each through runGo (no shell, time limit).

import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyEdits } from '../text/edit';
import { runGo, describeGoFailure } from '../gocmd/run';
import type { GoEnv } from '../env/types';
import type { Fix } from '../diagnose/types';

export interface ApplyResult {
  ok: boolean;
  /** One line per step, for the user. */
  log: string[];
}

export interface ApplyOptions {
  env: GoEnv;
  timeoutMs?: number;
  signal?: AbortSignal;
  allowToolchainSwitch?: boolean;
}

export async function applyFix(fix: Fix, opts: ApplyOptions): Promise<ApplyResult> {
  const log: string[] = [];
  for (const fe of fix.edits ?? []) {
    try {
      if (fe.create) {
        if (fs.existsSync(fe.file)) {
          log.push(`not written: ${fe.file} already exists`);
          return { ok: false, log };
        }
        fs.mkdirSync(path.dirname(fe.file), { recursive: true });
        fs.writeFileSync(fe.file, applyEdits('', fe.edits));
        log.push(`created ${fe.file}`);
      } else {
        const text = fs.readFileSync(fe.file, 'utf8');
        fs.writeFileSync(fe.file, applyEdits(text, fe.edits));
        log.push(`edited ${fe.file} (${fe.edits.length} change${fe.edits.length === 1 ? '' : 's'})`);
      }
    } catch (e) {
      log.push(`could not edit ${fe.file}: ${(e as Error).message}`);
      return { ok: false, log };
    }
  }
  for (const cmd of fix.commands ?? []) {
    const [bin, ...args] = cmd.argv;
    const goBinary = bin === 'go' ? opts.env.goBinary : bin;
    if (!goBinary) {
      log.push(`cannot run ${cmd.argv.join(' ')}: no go binary found on PATH`);
      return { ok: false, log };
    }
    const r = await runGo(args, {
      cwd: cmd.cwd,
      env: { ...opts.env.processEnv, ...cmd.env },
      goBinary,
      timeoutMs: opts.timeoutMs ?? 300_000,
      signal: opts.signal,
      allowToolchainSwitch: opts.allowToolchainSwitch,
    });
    if (r.exitCode !== 0) {
      log.push(`failed: ${describeGoFailure(r)}`);
      return { ok: false, log };
    }
    log.push(`ran ${cmd.argv.join(' ')} (in ${cmd.cwd})`);
  }
  return { ok: true, log };
}
