// Plans the fixes for one diagnosis: minimal edits first (go.work, go.mod, an import path), go
// commands after; the first fix is what `go-module-doctor fix` applies and what the editor
// marks preferred.

import * as path from 'node:path';
import { hasPathPrefix, pathPrefixes } from '../module/path';
import { dropToolchain, dropUse, setGoVersion, setModulePath, setReplaceTarget } from '../parse/edit';
import { compareGoVersion } from '../module/gover';
import type { Replace } from '../parse/ast';
import type { Fix, FileEdits } from '../diagnose/types';
import type { ReplaceConflict, View, ViewError } from '../resolve/types';
import type { FileSystem } from '../fsys/fsys';
import { sideHoldsModule } from '../resolve/replace-conflict';
import type { LocalModule } from '../analyze/local-modules';
import { localModuleHolding, localModuleProviding, mismatchedLocalModule } from '../analyze/local-modules';
import { importerModule } from './context';
import type { ImportFixContext, ViewFixContext } from './context';
import { addUseFix, createGoWorkFix, relDir, replaceLocalFix } from './wiring';
import { goCleanModcache, goModDownload, goModInit, vendorCommand } from './commands';
import { inferModulePath } from './modinit';
import { checksumFixes } from './checksum';
import { dependencyFixes } from './dependency';
import { rewriteImportFix } from './import-rewrite';
import { ambiguousImportFixes } from './ambiguous';
import { requirePackageFix } from './require';
import { editDistance } from '../text/distance';
import { lowerFirst } from '../text/sentence';
import { ownPackageElsewhere } from '../analyze/own-path';
import { mainModuleAt } from '../resolve/main-modules';
import { editorSettingsFix } from './mismatch';
import type { LoadedView } from '../resolve/view';
import type { GoModUpdate } from '../resolve/graph-tidy';

export function planFixes(ctx: ImportFixContext): Fix[] {
  return withPreferred(planByCode(ctx).filter((f): f is Fix => f !== undefined));
}

/** The first fix is the one-click fix, unless its planner said it is not sure to work
 * (`preferred: false`): then none is preferred. */
function withPreferred(fixes: Fix[]): Fix[] {
  const sure = fixes[0]?.preferred !== false;
  return fixes.map(({ preferred: _, ...f }, i) => (i === 0 && sure ? { ...f, preferred: true } : f));
}

function planByCode(ctx: ImportFixContext): (Fix | undefined)[] {
  const { broken, view, verdict } = ctx;
  const moduleRoot = importerModule(ctx)?.dir;
  const deep = dependencyFixes(ctx);
  if (deep) return deep;
  // go fails the whole view: the import gets the fixes of the view error that says why.
  const viewError = broken.wholeView ? view.errors.find((e) => e.code === broken.code && e.message === broken.message) : undefined;
  if (viewError) return viewErrorFixesOnce(viewError, ctx);
  switch (broken.code) {
    case 'no-required-module': {
      const local = localModuleProviding(ctx.mods, verdict.importPath);
      if (local && !mainModuleAt(view, local.root)) {
        return view.goWork
          ? [addUseFix(view, local.root, local.path)]
          : [createGoWorkFix(ctx.folder, ctx.mods, view), replaceLocalFix(ctx, local)];
      }
      return moduleRoot ? [requirePackageFix(view, moduleRoot, verdict.importPath, ctx.fs, 'Add a requirement')] : [];
    }
    case 'not-in-workspace': {
      // The innermost module holding the package: a nested module is a module of its own.
      const mod = localModuleHolding(ctx.mods, verdict.packageDir);
      return mod ? [addUseFix(view, mod.root, mod.path)] : [];
    }
    case 'module-path-mismatch':
      return moduleIdentityFixes(ctx);
    case 'replace-dir-missing':
    case 'replace-path-mismatch':
      return replaceTargetFixes(ctx);
    case 'package-not-in-std':
    case 'major-version-suffix':
    case 'package-not-in-module':
      return (broken.suggestions ?? []).slice(0, 3).map((s) => rewriteImportFix(ctx, s));
    case 'missing-go-sum': {
      if (broken.missingGoModSums?.length) return moduleRoot ? [graphSumsFix(moduleRoot, broken.missingGoModSums, (view as LoadedView).fullGraph?.updates ?? [])] : [];
      // Exactly the module versions whose lines go lacks (a dependency package's import may need
      // another module's), else the one providing the import.
      const named = broken.missingSums?.map((m) => `${m.path}@${m.version}`);
      const mods = named?.length ? named : [providingModule(view, verdict.importPath)].filter((m): m is string => m !== undefined);
      // The go.sum is named: modules side by side each need their own run.
      const sumFile = moduleRoot ? path.relative(ctx.folder, path.join(moduleRoot, 'go.sum')) || 'go.sum' : '';
      const some = mods.length > 4 ? `${mods.slice(0, 3).join(', ')} and ${mods.length - 3} more modules` : mods.join(', ');
      return moduleRoot && mods.length ? [{ title: `Record the checksums of ${some} in ${sumFile}: go mod download ${mods.length > 4 ? `(${mods.length} modules)` : mods.join(' ')}`, destructive: false, commands: [goModDownload(moduleRoot, mods)] }] : [];
    }
    case 'module-not-in-cache': {
      const m = providingModule(view, verdict.importPath);
      return moduleRoot ? [{ title: `Download ${m ?? 'the missing modules'}: go mod download${m ? ' ' + m : ''}`, destructive: false, commands: [goModDownload(moduleRoot, m ? [m] : [])] }] : [];
    }
    case 'checksum-mismatch':
    case 'cache-corrupt':
      return moduleRoot ? [clearCacheFix(view, moduleRoot)] : [];
    case 'vendor-missing-package':
    case 'vendor-inconsistent':
      return moduleRoot ? [vendorFix(view, moduleRoot)] : [];
    case 'no-main-module':
    case 'gopath-mode': {
      if (moduleRoot) return [];
      const dir = verdict.packageDir;
      // A go.mod is there, and GO111MODULE=off hides it: go mod init would fail ("go.mod already
      // exists"); module mode is what the editor lacks.
      if (hasGoModAbove(dir, ctx.fs)) {
        return broken.code === 'gopath-mode' && view.env.go111module === 'off'
          ? [editorSettingsFix({ GO111MODULE: '' }, undefined, ctx, 'Turn module mode back on in the editor: no GO111MODULE=off')]
          : [];
      }
      const inferred = inferModulePath(dir, ctx.fs);
      return [{ title: `Create go.mod: go mod init ${inferred.path}${inferred.fromRemote ? ' (from the git remote)' : ''}`, destructive: false, commands: [goModInit(dir, inferred.path)] }];
    }
    case 'ambiguous-import':
      return ambiguousImportFixes(ctx);
    default:
      return [];
  }
}

const fixesOfViewError = new WeakMap<ViewError, Fix[]>();

/** A view error's fixes, planned once for all the imports it breaks. */
function viewErrorFixesOnce(error: ViewError, ctx: ImportFixContext): Fix[] {
  let fixes = fixesOfViewError.get(error);
  if (!fixes) fixesOfViewError.set(error, (fixes = planViewErrorFixes({ error, view: ctx.view, folder: ctx.folder, mods: ctx.mods, fs: ctx.fs })));
  return fixes;
}

export function planViewErrorFixes(ctx: ViewFixContext): Fix[] {
  const { error, view } = ctx;
  const fixes: (Fix | undefined)[] = [];
  if (error.code === 'work-duplicate-module' && view.goWork && error.range) {
    const dup = view.goWork.work.use.find((u) => u.syntax.range.start.offset === error.range!.start.offset);
    if (dup) fixes.push({ title: `Remove the duplicate use ${dup.path} from go.work`, destructive: false, edits: [{ file: view.goWork.file, edits: dropUse(view.goWork.work, dup) }] });
  }
  if (error.code === 'vendor-inconsistent' && view.mainModules[0]) {
    fixes.push(vendorFix(view, view.mainModules[0].dir));
  }
  const clear = view.mainModules[0] ? clearCacheFix(view, view.mainModules[0].dir) : undefined;
  if (error.code === 'checksum-mismatch') fixes.push(...checksumFixes(error, view, ctx.fs, clear));
  if (error.code === 'cache-corrupt') fixes.push(clear);
  if (error.code === 'module-not-in-cache' && view.mainModules[0]) {
    fixes.push({ title: 'Download the required modules: go mod download', destructive: false, commands: [goModDownload(view.mainModules[0].dir)] });
  }
  if (error.replaceConflict) fixes.push(conflictingReplaceFix(error.replaceConflict, view, ctx.folder, ctx.fs));
  if (error.code === 'go-version-too-new') fixes.push(...lowerGoLineFixes(view));
  if (error.code === 'toolchain-unavailable') fixes.push(...dropToolchainFixes(error, view));
  return withPreferred(fixes.filter((f): f is Fix => f !== undefined));
}

/** Two replaces of one module disagree and the first points where the module is not
 * (explainReplaceConflict put it first): point it where the other does. */
function conflictingReplaceFix(c: ReplaceConflict, view: View, folder: string, fs: FileSystem): Fix | undefined {
  const [wrong, right] = c.sides;
  if (!wrong || !right?.dir || sideHoldsModule(wrong, fs) !== false || sideHoldsModule(right, fs) !== true) return undefined;
  const file = view.goWork?.file === wrong.file ? view.goWork.work : view.mainModules.find((m) => m.modFile.fileName === wrong.file)?.modFile;
  if (!file) return undefined;
  const newDir = relDir(path.dirname(wrong.file), right.dir);
  const name = (f: string) => path.relative(folder, f).split(path.sep).join('/') || path.basename(f);
  return { title: `Point the replace of ${c.old} in ${name(wrong.file)} at ${newDir}, as ${name(right.file)} does`, destructive: false, edits: [{ file: wrong.file, edits: setReplaceTarget(file, wrong.stmt, newDir) }] };
}

/** The installed Go is older than a go line asks for. The real cure is a newer Go; the fix on
 * offer lowers the go line to the installed version, which is right when the line was raised by
 * accident (a newer Go elsewhere ran `go mod tidy`) — the title says which version it writes. */
function lowerGoLineFixes(view: View): Fix[] {
  const local = view.env.goVersion;
  if (!local) return [];
  const files = [...(view.goWork ? [view.goWork.work] : []), ...view.mainModules.map((m) => m.modFile)];
  return files
    .filter((f) => f.go && compareGoVersion(f.go.version, local) > 0)
    .map((f) => ({
      title: `Lower the go line of ${path.basename(path.dirname(f.fileName))}/${path.basename(f.fileName)} from ${f.go!.version} to ${local}, the installed Go (or install Go ${f.go!.version})`,
      destructive: false,
      edits: [{ file: f.fileName, edits: setGoVersion(f, local) }],
    }));
}

/** A toolchain line names a Go that go cannot get: without the line, go runs the installed Go
 * (what `go mod edit -toolchain=none` does). A GOTOOLCHAIN pin is the user's own setting: they get
 * the command that removes it (from the shell, or from the go env file), to run themselves. */
function dropToolchainFixes(error: ViewError, view: View): Fix[] {
  const fixes: Fix[] = [];
  const files = [...(view.goWork ? [view.goWork.work] : []), ...view.mainModules.map((m) => m.modFile)];
  const file = files.find((f) => f.fileName === error.file && f.toolchain);
  if (file?.toolchain) {
    fixes.push({
      title: `Remove "toolchain ${file.toolchain.name}" from ${path.basename(path.dirname(file.fileName))}/${path.basename(file.fileName)}, so go runs the installed Go ${view.env.goVersion ?? ''}`.trimEnd(),
      destructive: false,
      edits: [{ file: file.fileName, edits: dropToolchain(file) }],
    });
  }
  if (!error.file) {
    const command = view.env.processEnv.GOTOOLCHAIN !== undefined ? 'unset GOTOOLCHAIN' : 'go env -u GOTOOLCHAIN';
    fixes.push({ title: `In your terminal: ${command} (then go runs the installed Go)`, destructive: false, copyText: command });
  }
  return fixes;
}

/** The go.mod checksums go needs once it reads the full module graph: only a command that reads
 * that graph itself writes them, and `go mod download` without arguments does (it also downloads
 * the required modules' code, whose lines it leaves alone). It also brings go.mod up to what that
 * graph selects, as the title says when it will (verified with go 1.26). */
function graphSumsFix(moduleRoot: string, mods: { path: string; version: string }[], updates: GoModUpdate[]): Fix {
  const named = mods.map((m) => `${m.path}@${m.version}/go.mod`);
  const some = named.length > 3 ? `${named.slice(0, 2).join(', ')} and ${named.length - 2} more` : named.join(', ');
  const alsoGoMod = updates.length ? `; it also updates go.mod, where ${updates.map((u) => u.detail).join('; ')}` : '';
  return { title: `Record the go.mod checksums the full module graph needs (${some}) in go.sum: go mod download${alsoGoMod}`, destructive: false, commands: [goModDownload(moduleRoot)] };
}

function vendorFix(view: View, moduleRoot: string): Fix {
  const v = vendorCommand(view.goWork?.file, moduleRoot);
  return { title: `${view.vendor?.modulesTxt ? 'Re-create' : 'Create'} the vendor directory: ${v.text}`, destructive: false, commands: [v.command] };
}

function clearCacheFix(view: View, moduleRoot: string): Fix {
  return {
    title: `Clear module cache (${view.env.gomodcache}) and download again`,
    destructive: true,
    commands: [goCleanModcache(moduleRoot), goModDownload(moduleRoot)],
  };
}

function hasGoModAbove(dir: string, fs: ImportFixContext['fs']): boolean {
  for (let d = dir; ; d = path.dirname(d)) {
    if (fs.stat(path.join(d, 'go.mod'))?.isFile) return true;
    if (path.dirname(d) === d) return false;
  }
}

/** `path@version` of the build-list module that owns importPath (longest prefix). */
function providingModule(view: View, importPath: string): string | undefined {
  for (const p of pathPrefixes(importPath)) {
    const e = view.buildList.get(p);
    if (e?.version) return `${e.path}@${e.version}`;
  }
  return undefined;
}


/** A local module whose go.mod declares a short path while it is imported by its full path:
 * change the module line, rewrite the module's own imports of the old path, and wire it in. */
/** One rename fix per (importsUnder, view, module, path): every import of a renamed module gets the
 * same fix, and building it walks all the folder's imports. */
const identityFixes = new WeakMap<ImportFixContext['importsUnder'], WeakMap<ImportFixContext['view'], Map<string, (Fix | undefined)[]>>>();

function moduleIdentityFixes(ctx: ImportFixContext): (Fix | undefined)[] {
  const importer = ctx.mods.find((m) => m.root === importerModule(ctx)?.dir);
  const own = importer ? ownPackageElsewhere(importer, ctx.mods, ctx.verdict.importPath, ctx.fs) : undefined;
  const found = own ?? mismatchedLocalModule(ctx.mods, ctx.verdict.importPath, ctx.fs);
  if (!found || !found.mod.modFile.module) return [];
  const rename = renameModuleFixesOnce(ctx, found);
  if (!own) return rename;
  // The module imports its own package under another path. Its module line is what to change,
  // unless the module's code already imports itself by the path it declares: then this import is
  // the stray one.
  const rewrite = rewriteImportFix(ctx, own.mod.path + ctx.verdict.importPath.slice(own.expectedPath.length));
  const selfImported = [...ctx.importsUnder(own.mod.path)].some((v) => localModuleHolding(ctx.mods, path.dirname(v.file)) === own.mod);
  return selfImported ? [rewrite, ...rename] : [...rename, rewrite];
}

/** wire: also wire the renamed module into the build (a go.work use, or a new go.work) unless it is a
 * main module already; not when a replace already reaches it. */
function renameModuleFixesOnce(ctx: ImportFixContext, found: { mod: LocalModule; expectedPath: string }, wire = true): (Fix | undefined)[] {
  let byView = identityFixes.get(ctx.importsUnder);
  if (!byView) identityFixes.set(ctx.importsUnder, (byView = new WeakMap()));
  let memo = byView.get(ctx.view);
  if (!memo) byView.set(ctx.view, (memo = new Map()));
  const key = `${found.mod.root}\0${found.expectedPath}\0${ctx.folder}\0${wire}`;
  let fixes = memo.get(key);
  if (!fixes) memo.set(key, (fixes = renameModuleFixes(ctx, found, wire)));
  return fixes;
}

function renameModuleFixes(ctx: ImportFixContext, found: { mod: LocalModule; expectedPath: string }, wire: boolean): (Fix | undefined)[] {
  const { mod, expectedPath } = found;
  const oldPath = mod.path;
  const files = new Map<string, FileEdits>();
  const editsFor = (file: string) => {
    let fe = files.get(file);
    if (!fe) files.set(file, (fe = { file, edits: [] }));
    return fe;
  };
  editsFor(mod.modFile.fileName).edits.push(...setModulePath(mod.modFile, expectedPath));
  // In file order and position order, whatever order the imports come in.
  const imports = [...ctx.importsUnder(oldPath)].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.range.start.offset - b.range.start.offset));
  for (const imp of imports) editsFor(imp.file).edits.push({ range: imp.range, newText: JSON.stringify(expectedPath + imp.importPath.slice(oldPath.length)) });
  const renamed: LocalModule[] = ctx.mods.map((m) => (m === mod ? { ...m, path: expectedPath } : m));
  // A main module of the view (the importer's own) needs no wiring.
  const wiring = !wire || mainModuleAt(ctx.view, mod.root) ? undefined : ctx.view.goWork ? addUseFix(ctx.view, mod.root, expectedPath) : createGoWorkFix(ctx.folder, renamed, ctx.view);
  const rewritten = imports.length ? ` and change ${imports.length} import${imports.length === 1 ? '' : 's'} of ${oldPath}` : '';
  const title = `Declare ${relDir(ctx.folder, mod.root)} as module ${expectedPath} (was ${oldPath})${rewritten}`;
  return [
    { title: wiring ? `${title} and ${lowerFirst(wiring.title)}` : title, destructive: false, edits: mergeEdits([...files.values()], wiring?.edits ?? []) },
  ];
}

function mergeEdits(a: FileEdits[], b: FileEdits[]): FileEdits[] {
  const out = a.map((f) => ({ ...f, edits: [...f.edits] }));
  for (const f of b) {
    const same = out.find((x) => x.file === f.file && !x.create && !f.create);
    if (same) same.edits.push(...f.edits);
    else out.push(f);
  }
  return out;
}



/** Point a replace at the local directory whose go.mod declares the replaced module. */
function replaceTargetFixes(ctx: ImportFixContext): (Fix | undefined)[] {
  const { view, verdict, broken } = ctx;
  const candidates: { r: Replace; file: string; base: string; edit: (p: string) => FileEdits }[] = [];
  if (view.goWork) {
    const w = view.goWork;
    for (const r of w.work.replace) candidates.push({ r, file: w.file, base: path.dirname(w.file), edit: (p) => ({ file: w.file, edits: setReplaceTarget(w.work, r, p) }) });
  }
  for (const m of view.mainModules) {
    for (const r of m.modFile.replace) candidates.push({ r, file: m.modFile.fileName, base: m.dir, edit: (p) => ({ file: m.modFile.fileName, edits: setReplaceTarget(m.modFile, r, p) }) });
  }
  // The replace of the module that provides the import: the longest matching path (nested
  // modules each have their own replace, and the outer module's matches too). go.work's first.
  let hit: (typeof candidates)[number] | undefined;
  for (const c of candidates) {
    if (!c.r.newIsDir || !hasPathPrefix(verdict.importPath, c.r.old.path)) continue;
    if (!hit || c.r.old.path.length > hit.r.old.path.length) hit = c;
  }
  if (!hit) return [];
  const target = ctx.mods.find((m) => m.path === hit.r.old.path);
  if (!target) {
    // The directory holds a module whose go.mod declares a near miss of the replaced path (its
    // module line mistyped): the module line is what to restore; the replace already wires it.
    const dir = path.resolve(hit.base, hit.r.new.path);
    const there = ctx.mods.find((m) => m.root === dir);
    if (broken.code === 'replace-path-mismatch' && there?.modFile.module && editDistance(there.path, hit.r.old.path) <= 2) {
      return renameModuleFixesOnce(ctx, { mod: there, expectedPath: hit.r.old.path }, false);
    }
    return [];
  }
  const newDir = relDir(hit.base, target.root);
  return [{ title: `Point the replace of ${hit.r.old.path} at ${newDir} (its go.mod declares ${target.path})`, destructive: false, edits: [hit.edit(newDir)] }];
}
