// Builders for the go commands that fixes run. Arguments that come from workspace text (module
// paths, directories) always follow `--`, so a crafted go.mod cannot smuggle in a flag.

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

export function goModInit(cwd: string, modulePath: string): GoCommand {
  return { argv: ['go', 'mod', 'init', '--', modulePath], cwd };
}

export function goWorkUse(cwd: string, dirs: string[]): GoCommand {
  return { argv: ['go', 'work', 'use', '--', ...dirs], cwd };
}

export function goCleanModcache(cwd: string): GoCommand {
  return { argv: ['go', 'clean', '-modcache'], cwd };
}
