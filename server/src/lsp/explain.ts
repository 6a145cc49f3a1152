// How an import resolves, in words: the hover on an import and the Explain import command.

import * as path from 'node:path';
import type { Analysis, ImportVerdict } from '../analyze/types';
import type { Broken, Evidence, Resolution } from '../resolve/types';
import { splitGoSays } from '../text/sentence';
import type { Pos } from '../text/position';
import { codeBlock, escapeMarkdown, inlineCode } from './markdown';

const VIA: Record<string, string> = {
  std: 'the standard library',
  'main-module': 'the main module',
  'workspace-module': 'a go.work workspace module',
  'replace-dir': 'a directory replacement',
  'module-cache': 'the module cache',
  vendor: 'the vendor directory',
  gopath: 'GOPATH',
};

/** The verdict whose quoted path holds the position (ends inclusive, so a cursor after the closing
 * quote still counts). A file's verdicts are its package's: only that package is searched. */
export function verdictAt(analysis: Pick<Analysis, 'packages'>, file: string, pos: { line: number; character: number }): ImportVerdict | undefined {
  const after = (a: Pos) => pos.line > a.line || (pos.line === a.line && pos.character >= a.character);
  const before = (b: Pos) => pos.line < b.line || (pos.line === b.line && pos.character <= b.character);
  return analysis.packages.get(path.dirname(file))?.imports.find((v) => v.file === file && after(v.range.start) && before(v.range.end));
}

function evidenceLine(e: Evidence, base: string): string {
  const rel = (p: string) => (p.startsWith(base + path.sep) ? path.relative(base, p) : p);
  if (e.kind === 'file') return `${rel(e.file)}:${e.range.start.line + 1}: ${e.note}`;
  if (e.kind === 'env') return `${e.name}=${JSON.stringify(e.value)}: ${e.note}`;
  return `${rel(e.dir)}: ${e.note}`;
}

function describe(r: Resolution, base: string, md: boolean): string[] {
  const code = (s: string) => (md ? inlineCode(s) : s);
  const words = (s: string) => (md ? escapeMarkdown(s) : s);
  if (r.ok) {
    const mod = r.module ? `${r.module.path}${r.module.version ? '@' + r.module.version : ''}` : undefined;
    return [`resolves via ${VIA[r.via] ?? r.via}${mod ? ` to ${code(mod)}` : ''}`, `directory: ${code(r.dir)}`];
  }
  // A message may span lines (go's own text is quoted in it); each becomes a line of its own.
  const lines = [`does not resolve [${r.code}]:`, ...r.message.split('\n').map((l) => words(l.trim())).filter(Boolean)];
  for (const e of r.evidence) lines.push(`${md ? '- ' : '  • '}${words(evidenceLine(e, base))}`);
  if (r.suggestions?.length) lines.push(`did you mean: ${r.suggestions.map(code).join(', ')}`);
  return lines;
}

/** Plain text for the Explain import command. */
export function explainText(v: ImportVerdict, folder: string): string {
  const out = [`import "${v.importPath}" in ${path.relative(folder, v.file) || v.file}`, '', 'In the editor:', ...describe(v.editor, folder, false).map((l) => '  ' + l)];
  if (v.terminal) out.push('', 'In the terminal:', ...describe(v.terminal, folder, false).map((l) => '  ' + l));
  return out.join('\n') + '\n';
}

/** Markdown for hover: each fact once — the cause (headline, our explanation, go's own words, the
 * evidence), how the import resolves in the editor, the terminal only where it differs, and the
 * fixes the diagnostic offers. */
export function explainMarkdown(v: ImportVerdict, folder: string, fixTitles: readonly string[] = []): string {
  const out = [`**${escapeMarkdown(v.importPath)}**`, ''];
  const r = v.editor;
  if (r.ok) out.push(...describe(r, folder, true).map((l) => l + '  '));
  else out.push(...causeMarkdown(r, folder));
  const t = v.terminal;
  if (t && (t.ok !== r.ok || (t.ok && r.ok && t.dir !== r.dir))) {
    out.push('', t.ok ? `*In the terminal* it ${describe(t, folder, true)[0]}.` : `*In the terminal* it does not resolve: ${escapeMarkdown(t.headline)}.`);
    if (!t.ok) out.push(...causeMarkdown(t, folder).slice(2));
  }
  if (fixTitles.length) out.push('', '*Quick fixes:*', '', ...fixTitles.map((f) => `- ${escapeMarkdown(f)}`));
  return out.join('\n');
}

/** A broken resolution: its headline, our explanation, go's words verbatim, the evidence. */
function causeMarkdown(r: Broken, base: string): string[] {
  const { ours, go } = splitGoSays(r.message);
  const out = [`**${escapeMarkdown(r.headline)}** \`${r.code}\``, '', escapeMarkdown(ours.endsWith('.') || ours.endsWith('?') ? ours : `${ours}.`)];
  if (go) out.push('', 'go says:', '', ...codeBlock(go, 'text'));
  if (r.evidence.length) out.push('', ...r.evidence.map((e) => `- ${escapeMarkdown(evidenceLine(e, base))}`));
  if (r.suggestions?.length) out.push('', `Did you mean ${r.suggestions.map((x) => inlineCode(x)).join(' or ')}?`);
  return out;
}
