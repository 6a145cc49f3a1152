// GOPATH mode (GO111MODULE=off, or auto without go.mod/go.work; spec §1.6): vendor directories
// from the importer up (inside a GOROOT or GOPATH src tree), then $GOROOT/src, then each
// $GOPATH/src — go/build's Context.Import order and its "cannot find package" text.

import * as path from 'node:path';
import type { FileSystem } from '../fsys/fsys';
import type { Evidence, Resolution, View } from './types';
import { hasGoFile } from './std';

/** The src roots of GOPATH entries go/build uses (not GOROOT itself, not ~-prefixed ones). */
function gopathRoots(view: View): string[] {
  const goroot = view.env.goroot ? path.resolve(view.env.goroot) : '';
  return view.env.gopath.filter((p) => p !== '' && !p.startsWith('~') && path.resolve(p) !== goroot);
}

function under(dir: string, root: string): string | undefined {
  const rel = path.relative(root, dir);
  if (rel === '') return '';
  return rel.startsWith('..') || path.isAbsolute(rel) ? undefined : rel;
}

/** Resolves `importPath` in GOPATH mode, or explains the miss in go's words. */
export function resolveGopathImport(view: View, importPath: string, importer: { dir: string }, fs: FileSystem): Resolution {
  const goroot = view.env.goroot;
  const roots = [...(goroot ? [goroot] : []), ...gopathRoots(view)];
  const triedVendor: string[] = [];
  const isDir = (d: string) => fs.stat(d)?.isDir === true;

  // Vendor search: only for an importer inside some root's src tree.
  for (const root of roots) {
    const src = path.join(root, 'src');
    const sub = under(path.resolve(importer.dir), src);
    if (sub === undefined) continue;
    let parts = sub === '' ? [] : sub.split(path.sep);
    for (;;) {
      const vdir = path.join(src, ...parts, 'vendor', ...importPath.split('/'));
      if (isDir(vdir) && hasGoFile(fs, vdir)) return { ok: true, importPath, via: 'gopath', dir: vdir };
      triedVendor.push(vdir);
      if (parts.length === 0) break;
      parts = parts.slice(0, -1);
    }
  }

  let triedGoroot = '';
  if (goroot) {
    const dir = path.join(goroot, 'src', ...importPath.split('/'));
    if (isDir(dir)) return { ok: true, importPath, via: importPath.includes('.') ? 'gopath' : 'std', dir };
    triedGoroot = dir;
  }
  const triedGopath: string[] = [];
  for (const root of gopathRoots(view)) {
    const dir = path.join(root, 'src', ...importPath.split('/'));
    if (isDir(dir)) return { ok: true, importPath, via: 'gopath', dir };
    triedGopath.push(dir);
  }

  const lines: string[] = [];
  triedVendor.forEach((d, i) => lines.push(i === 0 ? `\t${d} (vendor tree)` : `\t${d}`));
  lines.push(triedGoroot ? `\t${triedGoroot} (from $GOROOT)` : '\t($GOROOT not set)');
  triedGopath.forEach((d, i) => lines.push(i === 0 ? `\t${d} (from $GOPATH)` : `\t${d}`));
  if (!triedGopath.length) lines.push(`\t($GOPATH not set. For more details see: 'go help gopath')`);
  const goText = `cannot find package "${importPath}" in any of:\n${lines.join('\n')}`;
  const mode = view.env.go111module === 'off' ? 'GO111MODULE=off' : 'GO111MODULE=auto and no go.mod was found';
  const evidence: Evidence[] = [
    { kind: 'env', name: 'GO111MODULE', value: view.env.go111module, note: 'module mode is off here' },
    { kind: 'env', name: 'GOPATH', value: view.env.gopath.join(path.delimiter), note: 'searched for the package' },
  ];
  return {
    ok: false,
    importPath,
    code: 'gopath-mode',
    headline: `GOPATH mode (${view.env.go111module === 'off' ? 'GO111MODULE=off' : 'no go.mod'}): the package is in neither GOROOT nor GOPATH`,
    message: `Modules are off (${mode}), so ${importPath} is looked up in GOROOT and GOPATH only, and it is in neither. go says: ${goText}`,
    evidence,
  };
}
