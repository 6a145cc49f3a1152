import type { Range } from './position';

/** Replace `range` of a file's text with `newText` (an insertion when the range is empty). */
export interface TextEdit {
  range: Range;
  newText: string;
}

/** Applies non-overlapping edits to a text. Edits may come in any order. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.range.start.offset - a.range.start.offset);
  let out = text;
  let limit = Infinity;
  for (const e of sorted) {
    if (e.range.end.offset > limit) throw new Error('overlapping edits');
    out = out.slice(0, e.range.start.offset) + e.newText + out.slice(e.range.end.offset);
    limit = e.range.start.offset;
  }
  return out;
}
