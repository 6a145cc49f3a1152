// Builders for the go commands that fixes run. Arguments that come from workspace text (module
// paths, directories) always follow `--`, so a crafted go.mod cannot smuggle in a flag.

import * as path from 'node:path';
import type { GoCommand } from '../diagnose/types';

export function goGet(cwd: string, ...targets: string[]): GoCommand {
  return { argv: ['go', 'get', '--', ...targets], cwd };
}

export function goModDownload(cwd: string, modules: string[] = []): GoCommand {
  return { argv: modules.length ? ['go', 'mod', 'download', '--', ...modules] : ['go', 'mod', 'download'], cwd };
}

export function goModTidy(cwd: string): GoCommand {
  return { argv: ['go', 'mod', 'tidy'], cwd };
}

export function goModVendor(cwd: string): GoCommand {
  return { argv: ['go', 'mod', 'vendor'], cwd };
}

/** The command that writes the vendor directory a view reads: `go work vendor` beside the go.work
 * in workspace mode (go refuses `go mod vendor` there), else `go mod vendor` in the module. */
export function vendorCommand(goWorkFile: string | undefined, moduleRoot: string): { command: GoCommand; text: string; vendorDir: string } {
  if (goWorkFile) {
    const dir = path.dirname(goWorkFile);
    return { command: { argv: ['go', 'work', 'vendor'], cwd: dir }, text: 'go work vendor', vendorDir: path.join(dir, 'vendor') };
  }
  return { command: goModVendor(moduleRoot), text: 'go mod vendor', vendorDir: path.join(moduleRoot, 'vendor') };
}

export function goModInit(cwd: string, modulePath: string): GoCommand {
  return { argv: ['go', 'mod', 'init', '--', modulePath], cwd };
}

export function goWorkUse(cwd: string, dirs: string[]): GoCommand {
  return { argv: ['go', 'work', 'use', '--', ...dirs], cwd };
}

export function goCleanModcache(cwd: string): GoCommand {
  return { argv: ['go', 'clean', '-modcache'], cwd };
}
