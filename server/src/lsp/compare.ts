// "Compare Editor and Terminal": the engine's comparison of one module (diagnose/compare.ts) as a
// Markdown report, and what the terminal setting says when there is nothing to compare.

import * as path from 'node:path';
import type { EnvironmentComparison, InputGroup, SideSummary } from '../diagnose/compare';
import type { Fix } from '../diagnose/types';
import { codeBlock, escapeMarkdown, inlineCode } from './markdown';

export interface TerminalSetting {
  /** goModuleDoctor.terminalEnv as set. */
  value: string;
  /** What loading the environments said about it (unreadable file, untrusted, no go). */
  warnings: string[];
  /** The terminal's environment was read, and has no go: nothing is compared with it. */
  noGo?: boolean;
}

const HOW_TO_TURN_ON =
  'Set **goModuleDoctor.terminalEnv** to `auto` (Go Module Doctor reads the environment your login shell gives a new terminal; ' +
  'run **Go Module Doctor: Refresh terminal environment** after editing a profile), or to the path of a file of `KEY=VALUE` lines ' +
  '(in your terminal: `env > ~/terminal.env`).';

export function comparisonMarkdown(c: EnvironmentComparison, terminal: TerminalSetting): string {
  const rel = (p: string) => (p === c.folder ? '.' : p.startsWith(c.folder + path.sep) ? path.relative(c.folder, p) : p);
  const out: string[] = [`# Editor and terminal: ${md(rel(c.moduleDir))}`, '', `Module directory: ${code(c.moduleDir)}`, ''];

  if (!c.terminal) {
    out.push('## The terminal is not compared', '');
    const v = terminal.value.trim();
    if (v === 'off' || v === '') out.push(`**goModuleDoctor.terminalEnv** is ${code(v || '(empty)')}, so only the editor's view is known.`, '');
    else if (terminal.noGo) out.push(`The terminal's environment (from ${code(v)}) has no go on its PATH: go cannot build anything there, so nothing is compared with it.`, '');
    else out.push(`**goModuleDoctor.terminalEnv** is ${code(v)}, but no terminal environment could be read from it.`, '');
    for (const w of terminal.warnings) out.push(`> ${md(w)}`, '');
    out.push(...(terminal.noGo ? [] : [HOW_TO_TURN_ON, '']), '## The editor', '');
    out.push(...sideTable([['Editor', c.editor]], c));
    return out.join('\n') + '\n';
  }

  const verdicts = c.imports.filter((i) => i.failing !== 'neither');
  out.push(
    verdicts.length
      ? `**${verdicts.length} import${verdicts.length === 1 ? '' : 's'} resolve${verdicts.length === 1 ? 's' : ''} in one and not in the other.**` +
          (c.blamed.length ? ` What decides it: ${c.blamed.map((g) => `**${md(inputName(g))}**`).join(', ')}.` : '')
      : c.blamed.length + c.listed.length
        ? 'Every import resolves the same way in both. Some inputs differ, without mattering for this module today.'
        : 'The editor and the terminal see this module the same way.',
    '',
  );
  if (c.terminalHasNoGo) out.push(`> The terminal's PATH has no go binary, so go cannot run there at all; imports are not compared one by one. Add Go's bin directory to PATH in your shell profile.`, '');

  out.push('## Go', '', ...sideTable([['Editor', c.editor], ['Terminal', c.terminal]], c));

  out.push('## Inputs that flip verdicts', '');
  if (c.blamed.length === 0) out.push(verdicts.length ? 'No single differing input, pair of them or the whole set explains the difference.' : 'None.', '');
  else out.push(...groupLines(c.blamed, true), '');

  out.push('## Different, without mattering here', '');
  out.push(...(c.listed.length ? groupLines(c.listed, false) : ['Nothing else differs.']), '');

  out.push('## Imports that differ', '');
  if (c.imports.length === 0) out.push('None.', '');
  else {
    out.push('| Import | Where | Editor | Terminal | Decided by |', '| --- | --- | --- | --- | --- |');
    for (const i of c.imports) {
      out.push(`| ${code(i.importPath)} | ${md(rel(i.file))}:${i.range.start.line + 1} | ${cell(i.editor)} | ${cell(i.terminal)} | ${i.blamed.map(md).join(', ') || '—'} |`);
    }
    out.push('');
  }

  out.push('## How to align them', '');
  if (c.fixes.length === 0) out.push(verdicts.length ? 'No fix is known; make the differing inputs above the same in both.' : 'Nothing to do.', '');
  else {
    out.push('Run **Go Module Doctor: Compare Editor and Terminal** again and choose **Apply a fix…**, or use the quick fixes on the imports.', '');
    c.fixes.forEach((f, n) => out.push(...fixLines(f, n + 1)));
    out.push('');
  }

  out.push('## Every variable that can change resolution (env-diff)', '', '| | Variable | Editor | Terminal |', '| --- | --- | --- | --- |');
  for (const r of c.rows) out.push(`| ${r.differs ? '≠' : ''} | ${md(r.name)} | ${code(r.editor || '(unset)')} | ${code(r.terminal || '(unset)')} |`);
  out.push('');
  return out.join('\n') + '\n';
}

function sideTable(sides: [string, SideSummary][], c: EnvironmentComparison): string[] {
  const row = (label: string, f: (s: SideSummary) => string) => `| ${label} | ${sides.map(([, s]) => f(s)).join(' | ')} |`;
  const goWork = (s: SideSummary) => {
    const file = s.goWork ? code(s.goWork) : 'none';
    if (s.goWorkFrom.kind === 'setting') return `${file} (GOWORK=${code(s.goWorkFrom.value)})`;
    return `${file} (found from ${s.goWorkFrom.dir === c.folder ? 'the workspace folder' : 'the module directory'})`;
  };
  return [
    `| | ${sides.map(([n]) => n).join(' | ')} |`,
    `| --- |${sides.map(() => ' --- |').join('')}`,
    row('go binary', (s) => (s.goBinary ? code(s.goBinary) : 'none found')),
    row('go version', (s) => (s.goVersion ? code(s.goVersion) : '—')),
    row('go.work in effect', goWork),
    row('mode', (s) => `${md(s.mode)}${s.mode === 'vendor' && s.buildModReason ? ` (${md(s.buildModReason)})` : ''}`),
    row('go stops with', (s) => (s.errors.length ? cell(s.errors.join(' ')) : '—')),
    '',
  ];
}

function groupLines(groups: InputGroup[], blamed: boolean): string[] {
  return groups.map((g) => {
    const vars = g.differences.map((d) => `${md(d.name)}: editor ${code(d.editor || '(unset)')}, terminal ${code(d.terminal || '(unset)')}`).join('; ');
    const flips = blamed ? ` — flips ${g.flips} import${g.flips === 1 ? '' : 's'}` : '';
    return `- **${md(inputName(g))}**${flips}: ${vars}`;
  });
}

/** The input's name as a user knows it: the variable when it is one. */
function inputName(g: InputGroup): string {
  return g.differences.length === 1 ? g.differences[0]!.name : g.input;
}

function fixLines(f: Fix, n: number): string[] {
  const out = [`${n}. ${md(f.title)}${f.preferred ? ' *(preferred)*' : ''}`];
  for (const e of f.edits ?? []) out.push(`   - ${e.create ? 'creates' : 'edits'} ${code(e.file)}`);
  for (const c of f.commands ?? []) out.push(`   - runs ${code(c.argv.join(' '))} in ${code(c.cwd)}`);
  if (f.copyText) out.push('', ...codeBlock(f.copyText, 'sh', '   '));
  return out;
}

/** Workspace text in a code span; the report's code spans are in tables or beside them. */
function code(s: string): string {
  return inlineCode(s, true);
}

/** Workspace text, literal. */
function md(s: string): string {
  return escapeMarkdown(s);
}

/** A table cell: escaped, one line, bounded. */
function cell(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return md(one.length > 300 ? one.slice(0, 297) + '…' : one);
}
