// The Markdown we render (hover, the Compare Editor and Terminal report) shows the workspace's text
// literally: a module path, directory, go message, setting or terminal command written as
// `[x](command:...)`, or built to end a code span or block early, never becomes a link, an image or
// HTML. Rendered with markdown-it (CommonMark with GFM tables, as VS Code's Markdown preview).

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { codeBlock, escapeMarkdown, inlineCode } from '../../../server/src/lsp/markdown';
import { explainMarkdown } from '../../../server/src/lsp/explain';
import { comparisonMarkdown } from '../../../server/src/lsp/compare';
import type { EnvironmentComparison, InputGroup, SideSummary } from '../../../server/src/diagnose/compare';
import type { ImportVerdict } from '../../../server/src/analyze/types';
import type { Range } from '../../../server/src/text/position';

// markdown-it ships no types; this is the part used here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MarkdownIt = require('markdown-it') as new (options: { html: boolean }) => { render(src: string): string };
/** HTML allowed, so that HTML smuggled through would show as such. */
const markdown = new MarkdownIt({ html: true });

/** Workspace text built to become a link, an image or HTML, or to break out of code. */
const HOSTILE = [
  '[x](command:evil)',
  '![i](command:evil)',
  '`[x](command:evil)`',
  'a``[x](command:evil)``b',
  '```[x](command:evil)```',
  '<command:evil>',
  '<a href="command:evil">x</a>',
  '[x]\n\n[x]: command:evil',
  '[x][r]\n[r]: command:evil',
  'x | [x](command:evil) |',
  'a\\|[x](command:evil)',
  '\\[x](command:evil)',
  '&#91;x&#93;(command:evil)',
  'x\r\n\r\n[x](command:evil)',
  'x\u2028[x](command:evil)',
  '`',
  ' ` ',
];

/** The elements plain Markdown text, code and tables render to: no link, image or other HTML. */
const INERT = new Set(['p', 'code', 'pre', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'strong', 'em', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'br', 'hr']);

function assertNoActiveMarkup(html: string, what: string): void {
  const active = [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)/g)].map((m) => m[1]!.toLowerCase()).filter((t) => !INERT.has(t));
  assert.deepEqual(active, [], `${what} rendered ${active.join(', ')}:\n${html}`);
}

function decode(html: string): string {
  return html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

/** The text of rendered HTML, tags dropped and entities decoded. */
function textOf(html: string): string {
  return decode(html.replace(/<[^>]+>/g, '')).trim();
}

const oneLine = (s: string) => s.replace(/\r\n|[\r\n\u2028\u2029]/g, ' ');

test('escapeMarkdown, inlineCode and codeBlock keep any text literal, in a paragraph and a table', () => {
  for (const h of HOSTILE) {
    const text = markdown.render(`before ${escapeMarkdown(h)} after`);
    assertNoActiveMarkup(text, JSON.stringify(h));
    assert.equal(textOf(text), `before ${oneLine(h)} after`);

    const code = markdown.render(`before ${inlineCode(h)} after`);
    assertNoActiveMarkup(code, JSON.stringify(h));
    assert.equal(decode(/<code>([\s\S]*?)<\/code>/.exec(code)?.[1] ?? ''), oneLine(h), JSON.stringify(h));

    const table = markdown.render(`| a | b |\n| --- | --- |\n| ${inlineCode(h, true)} | ${escapeMarkdown(h)} |\n`);
    assertNoActiveMarkup(table, JSON.stringify(h));
    const cells = [...table.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((m) => textOf(m[1]!));
    assert.equal(cells.length, 2, `${JSON.stringify(h)} split the row:\n${table}`);
    assert.equal(cells[1], oneLine(h).trim());

    const block = markdown.render(['1. a fix', '', ...codeBlock(h, 'sh', '   '), '', 'after'].join('\n'));
    assertNoActiveMarkup(block, JSON.stringify(h));
    assert.equal(decode(/<code[^>]*>([\s\S]*?)<\/code>/.exec(block)?.[1] ?? ''), h.replace(/\r\n|\r/g, '\n') + '\n');
  }
});

const RANGE: Range = { start: { line: 0, character: 0, offset: 0 }, end: { line: 0, character: 1, offset: 1 } } as unknown as Range;

test('the hover shows import paths, directories, module paths, messages and evidence literally', () => {
  for (const h of HOSTILE) {
    const v: ImportVerdict = {
      file: `/w/${h}/main.go`,
      packageDir: `/w/${h}`,
      importPath: `example.com/${h}`,
      range: RANGE,
      editor: { ok: true, importPath: `example.com/${h}`, via: 'replace-dir', module: { path: `example.com/${h}`, version: `v1.0.0-${h}` }, dir: `/w/${h}` },
      terminal: {
        ok: false,
        importPath: `example.com/${h}`,
        code: 'replace-dir-missing',
        headline: `The replacement directory ${h} does not exist`,
        message: `replacement directory ${h} does not exist\ngo says: ${h}`,
        evidence: [
          { kind: 'file', file: `/w/${h}/go.mod`, range: RANGE, note: `replace => ${h}` },
          { kind: 'env', name: `GO${h}`, value: h, note: h },
          { kind: 'dir', dir: `/w/${h}`, note: h },
        ],
        suggestions: [`example.com/${h}`],
      },
    };
    assertNoActiveMarkup(markdown.render(explainMarkdown(v, '/w')), `hover of ${JSON.stringify(h)}`);
  }
});

test('the Compare Editor and Terminal report shows workspace text literally', () => {
  for (const h of HOSTILE) {
    const side: SideSummary = { goBinary: `/go/${h}`, goVersion: h, goWork: `/w/${h}/go.work`, goWorkFrom: { kind: 'setting', value: h }, mode: h, buildModReason: h, errors: [h, `go: ${h}`] };
    const group: InputGroup = { input: h, differences: [{ name: h, editor: h, terminal: h, input: h }, { name: `${h}2`, editor: h, terminal: '', input: h }], flips: 1 };
    const c: EnvironmentComparison = {
      folder: '/w',
      moduleDir: `/w/${h}`,
      editor: { ...side, mode: 'vendor', goWorkFrom: { kind: 'discovered', dir: `/w/${h}` } },
      terminal: side,
      rows: [{ name: h, editor: h, terminal: h, differs: true }],
      blamed: [group],
      listed: [group],
      imports: [{ file: `/w/${h}/main.go`, range: RANGE, importPath: `example.com/${h}`, failing: 'editor', editor: h, terminal: h, blamed: [h] }],
      fixes: [{ title: h, destructive: false, edits: [{ file: `/w/${h}/go.mod`, edits: [] }], commands: [{ argv: ['go', 'get', '--', h], cwd: `/w/${h}` }], copyText: `export GOFLAGS='${h}'\n${h}` }],
    };
    assertNoActiveMarkup(markdown.render(comparisonMarkdown(c, { value: h, warnings: [h] })), `report of ${JSON.stringify(h)}`);
    assertNoActiveMarkup(markdown.render(comparisonMarkdown({ ...c, terminal: undefined }, { value: h, warnings: [h] })), `report without a terminal, of ${JSON.stringify(h)}`);
  }
});
