// parseGoSum: go.sum (and go.work.sum) lines, after cmd/go's modfetch.readGoSum: whitespace
// separated `path version[/go.mod] hash`, blank lines skipped.

import { LineIndex } from '../text/position';
import type { ParseError, SumFile, SumLine } from './ast';
import { isGoSpace } from './quote';

// readGoSum drops lines with this hash: an old go command wrote it for empty go.mod files.
const EMPTY_GO_MOD_HASH = 'h1:G7mAYYxgmS0lVkHyy2hEOLQCFB0DlQFTMLWggykrydY=';

/** Parses a go.sum. Never throws; a line without exactly three fields is an error, as in go. */
export function parseGoSum(text: string, fileName: string): SumFile {
  const index = new LineIndex(text);
  const lines: SumLine[] = [];
  const errors: ParseError[] = [];
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const fields = fieldsWithOffsets(text, start, end);
    if (fields.length > 0) {
      const range = index.range(fields[0]!.start, fields[fields.length - 1]!.end);
      if (fields.length !== 3) {
        errors.push({ range, message: `wrong number of fields ${fields.length}` });
      } else if (fields[2]!.text !== EMPTY_GO_MOD_HASH) {
        const [path, version, hash] = fields.map((f) => f.text) as [string, string, string];
        const goMod = version.endsWith('/go.mod');
        lines.push({ path, version: goMod ? version.slice(0, -'/go.mod'.length) : version, goMod, hash, range });
      }
    }
    start = end + 1;
  }
  return { fileName, lines, errors };
}

/** strings.Fields of text[start:end], with each field's offsets. */
export function fieldsWithOffsets(text: string, start: number, end: number): { text: string; start: number; end: number }[] {
  const out: { text: string; start: number; end: number }[] = [];
  let i = start;
  while (i < end) {
    while (i < end && isSpaceAt(text, i)) i++;
    if (i >= end) break;
    const s = i;
    while (i < end && !isSpaceAt(text, i)) i++;
    out.push({ text: text.slice(s, i), start: s, end: i });
  }
  return out;
}

function isSpaceAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  return c >= 0x80 && isGoSpace(text[i]!);
}
