// Vendor mode (spec §4.3): the consistency check go runs before loading anything
// (modload.checkVendorConsistency) and the vendor-directory lookup of one import.

import * as path from 'node:path';
import type { FileSystem } from '../fsys/fsys';
import type { ModulesTxt, Replace, VendoredModule, WorkFile } from '../parse/ast';
import { compareGoVersion } from '../module/gover';
import type { Evidence, MainModule, ViewError } from './types';
import { hasGoFile } from './std';

interface ReplaceIn {
  r: Replace;
  file: string;
  baseDir: string;
}

function describe(p: string, v?: string): string {
  return v ? `${p}@${v}` : p;
}

/** replacementFrom: a go.work replace of the path wins over every go.mod one; exact beats wildcard. */
function replacementOf(modPath: string, version: string | undefined, work: ReplaceIn[], mods: ReplaceIn[]): ReplaceIn | undefined {
  const pick = (list: ReplaceIn[]) => {
    const forPath = list.filter((x) => x.r.old.path === modPath);
    if (!forPath.length) return undefined;
    return forPath.find((x) => x.r.old.version !== undefined && x.r.old.version === version) ?? forPath.find((x) => x.r.old.version === undefined);
  };
  if (work.some((x) => x.r.old.path === modPath)) return pick(work);
  return pick(mods);
}

/** Same replacement target? Directory targets are compared as absolute directories. */
function sameTarget(a: ReplaceIn, vr: { path: string; version?: string }, vendorBase: string): boolean {
  if (a.r.newIsDir) {
    if (vr.version) return false;
    return path.resolve(a.baseDir, a.r.new.path) === path.resolve(vendorBase, vr.path) || a.r.new.path === vr.path;
  }
  return a.r.new.path === vr.path && (a.r.new.version ?? '') === (vr.version ?? '');
}

/**
 * go's "inconsistent vendoring" error for these main modules and modules.txt, or undefined.
 * `vendorDir` is <root>/vendor (or <go.work dir>/vendor); `modulesTxt` undefined means the file is
 * missing, which go treats as an empty list.
 */
export function checkVendorConsistency(mainModules: MainModule[], work: { file: string; work: WorkFile } | undefined, vendorDir: string, modulesTxt: ModulesTxt | undefined): ViewError | undefined {
  const workspace = work !== undefined;
  const vendored = modulesTxt?.modules ?? [];
  const meta = (p: string, v: string | undefined): VendoredModule | undefined => vendored.find((m) => m.path === p && (m.version ?? '') === (v ?? ''));
  const pre114 = !workspace && compareGoVersion(mainModules[0]?.modFile.go?.version ?? '', '1.14') < 0;
  const lines: string[] = [];
  const evidence: Evidence[] = [];
  const err = (p: string, v: string | undefined, detail: string) => lines.push(`${describe(p, v)}: ${detail}`);

  for (const mm of mainModules) {
    for (const r of mm.modFile.require) {
      if (meta(r.path, r.version)?.explicit) continue;
      if (pre114) {
        const vv = vendored.find((m) => m.path === r.path)?.version;
        if (vv !== undefined && vv !== r.version) err(r.path, r.version, `is explicitly required in go.mod, but vendor/modules.txt indicates ${r.path}@${vv}`);
      } else {
        err(r.path, r.version, 'is explicitly required in go.mod, but not marked as explicit in vendor/modules.txt');
        evidence.push({ kind: 'file', file: mm.modFile.fileName, range: r.syntax.range, note: 'required here' });
      }
    }
  }

  const workReplaces: ReplaceIn[] = work ? work.work.replace.map((r) => ({ r, file: work.file, baseDir: path.dirname(work.file) })) : [];
  const modReplaces: ReplaceIn[] = mainModules.flatMap((mm) => mm.modFile.replace.map((r) => ({ r, file: mm.modFile.fileName, baseDir: mm.dir })));
  const vendorBase = path.dirname(vendorDir);
  const seen = new Set<string>();
  const shortName = (f: string) => (path.dirname(f) === vendorBase ? path.basename(f) : f);
  for (const x of [...modReplaces, ...workReplaces]) {
    const k = describe(x.r.old.path, x.r.old.version);
    if (seen.has(k)) continue;
    seen.add(k);
    const eff = replacementOf(x.r.old.path, x.r.old.version, workReplaces, modReplaces) ?? x;
    const vr = meta(x.r.old.path, x.r.old.version)?.replacement;
    if (!vr) {
      if (pre114 && (x.r.old.version === undefined || vendored.find((m) => m.path === x.r.old.path)?.version !== x.r.old.version)) continue;
      err(x.r.old.path, x.r.old.version, `is replaced in ${shortName(eff.file)}, but not marked as replaced in vendor/modules.txt`);
      evidence.push({ kind: 'file', file: eff.file, range: eff.r.syntax.range, note: 'replaced here' });
    } else if (!sameTarget(eff, vr, vendorBase)) {
      err(x.r.old.path, x.r.old.version, `is replaced by ${describe(eff.r.new.path, eff.r.new.version)} in ${shortName(eff.file)}, but marked as replaced by ${describe(vr.path, vr.version)} in vendor/modules.txt`);
      evidence.push({ kind: 'file', file: eff.file, range: eff.r.syntax.range, note: 'replaced here' });
    }
  }

  for (const m of vendored) {
    if (m.version === undefined) continue;
    if (m.explicit && !mainModules.some((mm) => mm.modFile.require.some((r) => r.path === m.path && r.version === m.version))) {
      err(m.path, m.version, `is marked as explicit in vendor/modules.txt, but not explicitly required in ${workspace ? 'a ' : ''}go.mod`);
    }
  }
  for (const m of vendored) {
    if (!m.replacement) continue;
    if (!replacementOf(m.path, m.version, workReplaces, modReplaces)) {
      err(m.path, m.version, `is marked as replaced in vendor/modules.txt, but not replaced in ${workspace ? 'the workspace' : 'go.mod'}`);
    }
  }

  if (!lines.length) return undefined;
  const txt = path.join(vendorDir, 'modules.txt');
  const message =
    `go: inconsistent vendoring in ${vendorBase}:` +
    lines.map((l) => `\n\t${l}`).join('') +
    `\n\n\tTo ignore the vendor directory, use -mod=readonly or -mod=mod.\n\tTo sync the vendor directory, run:\n\t\tgo ${workspace ? 'work' : 'mod'} vendor`;
  return {
    code: 'vendor-inconsistent',
    headline: `vendor/modules.txt is out of step with ${workspace ? 'the workspace' : 'go.mod'} (${lines.length} difference${lines.length === 1 ? '' : 's'}), so vendor mode fails`,
    message: `vendor/modules.txt does not match ${workspace ? 'the workspace' : 'go.mod'}, so the go command refuses to build in vendor mode. go says: ${message}`,
    file: txt,
    evidence: [{ kind: 'dir', dir: vendorDir, note: 'the vendor directory in use (-mod=vendor)' }, ...evidence],
  };
}

/** The vendored directory of an import, with go 1.23+'s modules.txt listing rule; or why not. */
export function vendoredPackageDir(
  fs: FileSystem,
  vendorDir: string,
  modulesTxt: ModulesTxt | undefined,
  goVersion: string,
  importPath: string,
): { dir?: string; ignoredNote?: string } {
  const dir = path.join(vendorDir, ...importPath.split('/'));
  if (!hasGoFile(fs, dir)) return {};
  if (compareGoVersion(goVersion, '1.23') >= 0) {
    const listed = (modulesTxt?.modules ?? []).some((m) => m.packages.includes(importPath));
    if (!listed) {
      return {
        ignoredNote: `go: ignoring package ${importPath} which exists in the vendor directory but is missing from vendor/modules.txt. To sync the vendor directory run go mod vendor.`,
      };
    }
  }
  return { dir };
}
