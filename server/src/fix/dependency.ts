// Fixes for a failure inside the dependency packages an import reaches (Broken.chain): the
// import itself is fine, so what helps is about the failing import deep down, never an edit of
// the import or of its requirement. Codes whose fixes do not depend on the import (a checksum
// mismatch, a corrupt cache) and missing-go-sum (which names its modules) are planned as usual.

import type { Fix } from '../diagnose/types';
import type { ImportFixContext } from './context';
import { importerModule } from './context';
import { goGet, goModDownload } from './commands';
import { pathPrefixes } from '../module/path';

/** The fixes for a chain failure, or undefined when the usual plan applies. */
export function dependencyFixes(ctx: ImportFixContext): Fix[] | undefined {
  const { broken, view } = ctx;
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
    case 'no-required-module':
      return [{ title: `Add a requirement on the module providing ${chain.failingImport} (imported by ${importer}): go get ${chain.failingImport}`, destructive: false, commands: [goGet(moduleRoot, chain.failingImport)] }];
    default:
      return [];
  }
}
