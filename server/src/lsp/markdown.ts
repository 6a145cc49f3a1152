// Workspace text (module and import paths, file names, go's messages, settings) inside the Markdown
// we render: always literal. Written as is, `[x](command:...)` in a go.mod comment or a directory
// name would become a link, and a stray backtick or line break would end a code span early and let
// what follows it be read as Markdown.

/** Text with the characters Markdown reads as markup escaped, on one line: links, images,
 * autolinks and HTML need `[` or `<`, code spans a backtick, tables `|`, entities `&`, emphasis and
 * headings `*`, `_`, `~`, `#`. Parentheses stay as they are: without a `]` before them they are
 * text, and the report is read as plain text too. */
export function escapeMarkdown(text: string): string {
  return oneLine(text).replace(/[\\`*_[\]<>#|~&]/g, (c) => '\\' + c);
}

/** A code span that holds exactly `text` (on one line): its fence is longer than any run of
 * backticks inside. In a table, text with `|` or `\` is escaped text instead: table rows are split
 * at pipes before code spans are read, and renderers disagree on which backslashes escape one. */
export function inlineCode(text: string, inTable = false): string {
  const t = oneLine(text);
  // An empty span would be a bare fence that pairs with the next one.
  if (t === '') return '';
  if (inTable && /[|\\]/.test(t)) return escapeMarkdown(t);
  const longest = Math.max(0, ...(t.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  // A space on each side keeps a backtick at either end apart from the fence (one is stripped).
  const pad = t.startsWith('`') || t.endsWith('`') || (t.startsWith(' ') && t.endsWith(' ') && t.trim() !== '') ? ' ' : '';
  return fence + pad + t + pad + fence;
}

/** A fenced code block that holds exactly `text`, each line indented by `indent` (a list item's):
 * its fence is longer than any run of backticks inside, so no line of the text can close it. */
export function codeBlock(text: string, info: string, indent = ''): string[] {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [indent + fence + info, ...text.split(/\r\n|[\r\n]/).map((l) => indent + l), indent + fence];
}

function oneLine(text: string): string {
  return text.replace(/\r\n|[\r\n\u2028\u2029]/g, ' ');
}
