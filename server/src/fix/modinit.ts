// Infers the module path `go mod init` should be given, from the git remote of the repository
// that holds the directory (the path under which others will import it).

import * as path from 'node:path';
import type { FileSystem } from '../fsys/fsys';

/** The repository root and origin URL of the git checkout holding dir, if any. */
function gitOrigin(dir: string, fs: FileSystem): { root: string; url: string } | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    const config = fs.readText(path.join(d, '.git', 'config'));
    if (config !== undefined) {
      const url = originUrl(config);
      return url ? { root: d, url } : undefined;
    }
    if (path.dirname(d) === d) return undefined;
  }
}

function originUrl(config: string): string | undefined {
  let inOrigin = false;
  let first: string | undefined;
  for (const raw of config.split('\n')) {
    const line = raw.trim();
    const section = /^\[(.+)\]$/.exec(line);
    if (section) {
      inOrigin = /^remote\s+"origin"$/.test(section[1]!);
      continue;
    }
    const m = /^url\s*=\s*(.+)$/.exec(line);
    if (m) {
      if (inOrigin) return m[1]!.trim();
      first ??= m[1]!.trim();
    }
  }
  return first;
}

/** `git@github.com:company/repo.git`, `https://github.com/company/repo.git`, `ssh://git@host/x/y`
 * → `github.com/company/repo`. */
export function modulePathFromRemote(url: string): string | undefined {
  let u = url.trim().replace(/\.git$/, '').replace(/\/+$/, '');
  const scp = /^[\w.-]+@([\w.-]+):(.+)$/.exec(u);
  if (scp) u = `${scp[1]}/${scp[2]}`;
  else {
    const m = /^[a-z+]+:\/\/(?:[^@/]+@)?([^/:]+)(?::\d+)?\/(.+)$/.exec(u);
    if (!m) return undefined;
    u = `${m[1]}/${m[2]}`;
  }
  return /^[a-z0-9.-]+\.[a-z]+\/[\w.~+/-]+$/i.test(u) ? u : undefined;
}

/** The module path for a new go.mod in dir: from the git remote when there is one, else a
 * placeholder the user is expected to edit (example.com/<dir name>). */
export function inferModulePath(dir: string, fs: FileSystem): { path: string; fromRemote: boolean } {
  const origin = gitOrigin(dir, fs);
  const base = origin ? modulePathFromRemote(origin.url) : undefined;
  if (origin && base) {
    const rel = path.relative(origin.root, dir).split(path.sep).filter(Boolean).join('/');
    return { path: rel ? `${base}/${rel}` : base, fromRemote: true };
  }
  const name = path.basename(dir).toLowerCase().replace(/[^a-z0-9._~-]+/g, '-') || 'module';
  return { path: `example.com/${name}`, fromRemote: false };
}
