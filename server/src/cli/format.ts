// Output of the CLI: compiler-like text (path:line:col: severity: message [code]) or one JSON object.

import * as path from 'node:path';
import type { Diagnostic, Fix } from '../diagnose/types';

function rel(folder: string, file: string): string {
  const r = path.relative(folder, file);
  return (r === '' ? path.basename(file) : r).split(path.sep).join('/');
}

export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return [...ds].sort((a, b) => a.file.localeCompare(b.file) || a.range.start.offset - b.range.start.offset || a.code.localeCompare(b.code));
}

export function formatText(folder: string, ds: Diagnostic[]): string {
  const lines: string[] = [];
  for (const d of sortDiagnostics(ds)) {
    // One line per diagnostic, like a compiler: the headline; go's own words follow, indented.
    lines.push(`${rel(folder, d.file)}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity}: ${d.message} [${d.code}]`);
    if (d.goSays !== undefined) d.goSays.split('\n').forEach((l, i) => lines.push(`${i === 0 ? '    go says: ' : '        '}${l.trim()}`));
    for (const r of d.related) lines.push(`    see ${rel(folder, r.file)}:${r.range.start.line + 1}:${r.range.start.character + 1}: ${r.message}`);
    for (const f of d.fixes) lines.push(...formatFix(folder, f));
  }
  const errors = ds.filter((d) => d.severity === 'error').length;
  const warnings = ds.filter((d) => d.severity === 'warning').length;
  lines.push(errors + warnings === 0 ? 'no problems found' : `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
  return lines.join('\n') + '\n';
}

function formatFix(folder: string, f: Fix): string[] {
  const out = [`    fix${f.preferred ? ' (preferred)' : ''}${f.destructive ? ' (destructive: asks first; --yes in the CLI)' : ''}: ${f.title}`];
  for (const fe of f.edits ?? []) out.push(`        ${fe.create ? 'create' : 'edit'} ${rel(folder, fe.file)}`);
  for (const c of f.commands ?? []) out.push(`        run: ${c.argv.join(' ')}   (in ${rel(folder, c.cwd) || '.'})`);
  for (const line of f.copyText?.split('\n') ?? []) out.push(`        copy: ${line}`);
  return out;
}

export function toJson(folder: string, ds: Diagnostic[]): object {
  return {
    diagnostics: sortDiagnostics(ds).map((d) => ({
      file: rel(folder, d.file),
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      endLine: d.range.end.line + 1,
      endColumn: d.range.end.character + 1,
      severity: d.severity,
      code: d.code,
      message: d.message,
      ...(d.detail !== undefined ? { detail: d.detail } : {}),
      ...(d.goSays !== undefined ? { goSays: d.goSays } : {}),
      ...(d.importPath !== undefined ? { importPath: d.importPath } : {}),
      related: d.related.map((r) => ({ file: rel(folder, r.file), line: r.range.start.line + 1, column: r.range.start.character + 1, message: r.message })),
      fixes: d.fixes.map((f) => ({
        title: f.title,
        destructive: f.destructive,
        ...(f.preferred ? { preferred: true } : {}),
        ...(f.edits?.length
          ? {
              edits: f.edits.flatMap((fe) =>
                fe.edits.map((e) => ({
                  file: rel(folder, fe.file),
                  ...(fe.create ? { create: true } : {}),
                  line: e.range.start.line + 1,
                  column: e.range.start.character + 1,
                  endLine: e.range.end.line + 1,
                  endColumn: e.range.end.character + 1,
                  newText: e.newText,
                })),
              ),
            }
          : {}),
        ...(f.commands?.length ? { command: f.commands[0], commands: f.commands } : {}),
        ...(f.copyText !== undefined ? { copyText: f.copyText } : {}),
        ...(f.outside?.length ? { outside: f.outside.map((o) => rel(folder, o)) } : {}),
      })),
    })),
  };
}
