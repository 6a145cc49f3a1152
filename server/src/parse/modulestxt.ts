// parseModulesTxt: vendor/modules.txt, after cmd/go's modload.readVendorList. Like go, lines it
// cannot use are skipped rather than reported: go never fails on them, so neither does this.

import { checkImportPath, isValidSemver } from '../module';
import { LineIndex } from '../text/position';
import type { ModulesTxt, VendoredModule } from './ast';
import { fieldsWithOffsets } from './gosum';

export function parseModulesTxt(text: string, fileName: string): ModulesTxt {
  const index = new LineIndex(text);
  const modules: VendoredModule[] = [];
  const firstLine = text.slice(0, (text.indexOf('\n') + 1 || text.length + 1) - 1).replace(/\r$/, '');
  let mod: VendoredModule | undefined;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    const fields = () => fieldsWithOffsets(text, start, end).map((f) => f.text);
    if (line.startsWith('# ')) {
      mod = parseHeader(fields(), index.range(start, end));
      if (mod) modules.push(mod);
    } else if (mod && line.startsWith('## ')) {
      for (const raw of line.slice(3).split(';')) {
        const entry = raw.trim();
        if (entry === 'explicit') mod.explicit = true;
        if (entry.startsWith('go ')) mod.goVersion = entry.slice(3);
      }
    } else if (mod) {
      const f = fields();
      if (f.length === 1 && checkImportPath(f[0]!) === undefined) mod.packages.push(f[0]!);
    }
    start = end + 1;
  }
  return { fileName, workspace: firstLine === '## workspace', modules, errors: [] };
}

function parseHeader(f: string[], range: VendoredModule['range']): VendoredModule | undefined {
  if (f.length < 3) return undefined;
  let mod: VendoredModule;
  let rest: string[];
  if (isValidSemver(f[2]!)) {
    mod = { path: f[1]!, version: f[2]!, explicit: false, packages: [], range };
    rest = f.slice(3);
  } else if (f[2] === '=>') {
    mod = { path: f[1]!, explicit: false, packages: [], range };
    rest = f.slice(2);
  } else {
    return undefined;
  }
  if (rest.length >= 2 && rest[0] === '=>') {
    if (rest.length === 2) mod.replacement = { path: rest[1]! };
    else if (rest.length === 3 && isValidSemver(rest[2]!)) mod.replacement = { path: rest[1]!, version: rest[2]! };
  }
  return mod;
}
