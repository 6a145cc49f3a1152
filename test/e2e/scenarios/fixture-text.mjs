// Positions in fixture files, read from the files themselves so scenarios never hard-code them.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** 1-based line and a column inside the quoted import path `importPath` in `file`. */
export function importPosition(workspaceDir, file, importPath) {
  const lines = fs.readFileSync(path.join(workspaceDir, file), 'utf8').split('\n');
  const index = lines.findIndex((l) => l.includes(`"${importPath}"`));
  if (index < 0) throw new Error(`${file} does not import "${importPath}"`);
  return { line: index + 1, column: lines[index].indexOf('"') + 2 };
}

/** The editor's visible text with the non-breaking spaces Monaco renders turned back into spaces. */
export function plainText(s) {
  return s.replace(/\u00a0/g, ' ');
}
