// Fixes for a failure inside the dependency packages an import reaches (Broken.chain): the
// import itself is fine, so what helps is about the failing import deep down, never an edit of
// the import or of its requirement; and for a module whose go.mod lacks requirements the build
// needs (Broken.unlisted). Codes whose fixes do not depend on the import (a checksum
// mismatch, a corrupt cache) and missing-go-sum (which names its modules) are planned as usual.

import type { Fix } from '../diagnose/types';
import type { ImportFixContext } from './context';
import { importerModule } from './context';
import { goGet, goModDownload, goModTidy } from './commands';
import { pathPrefixes } from '../module/path';
import { requirePackageFix } from './require';

/** The fixes for a chain failure, or undefined when the usual plan applies. */
export function dependencyFixes(ctx: ImportFixContext): Fix[] | undefined {
  const { broken, view } = ctx;
  if (broken.unlisted?.length) return requireFixes(ctx, broken.unlisted);
  const chain = broken.chain;
  if (!chain || broken.code === 'missing-go-sum' || broken.code === 'checksum-mismatch' || broken.code === 'cache-corrupt') return undefined;
  const moduleRoot = importerModule(ctx)?.dir;
  if (!moduleRoot) return [];
  const importer = chain.packages[chain.packages.length - 1];
  switch (broken.code) {
    case 'module-not-in-cache': {
      const entry = pathPrefixes(chain.failingImport).map((p) => view.buildList.get(p)).find((e) => e?.version);
      if (!entry) return [];
      const mv = `${entry.path}@${entry.version}`;
      return [{ title: `Download ${mv}, which provides ${chain.failingImport} (imported by ${importer}): go mod download ${mv}`, destructive: false, commands: [goModDownload(moduleRoot, [mv])] }];
    }
    case 'no-required-module': {
      const fix = requirePackageFix(view, moduleRoot, chain.failingImport, ctx.fs, `Add a requirement on the module providing ${chain.failingImport} (imported by ${importer})`);
      return fix ? [fix] : [];
    }
    default:
      return [];
  }
}

/** go.mod must require the modules the build loads packages from (deps/roots): `go get` of each at
 * its selected version adds exactly those lines; `go mod tidy` also would, rewriting the rest. */
function requireFixes(ctx: ImportFixContext, mods: { path: string; version: string }[]): Fix[] {
  const moduleRoot = importerModule(ctx)?.dir;
  if (!moduleRoot) return [];
  const targets = mods.map((m) => (m.version ? `${m.path}@${m.version}` : m.path));
  return [
    { title: `Require ${targets.join(', ')} in go.mod, as go needs: go get ${targets.join(' ')}`, destructive: false, commands: targets.map((t) => goGet(moduleRoot, t)) },
    { title: 'Bring go.mod and go.sum up to date: go mod tidy (rewrites both)', destructive: true, commands: [goModTidy(moduleRoot)] },
  ];
}
