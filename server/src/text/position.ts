// Positions in file text. Every parser and diagnostic in the engine speaks this one form, so the
// CLI (1-based line/column) and LSP (0-based line, UTF-16 character) convert from a single place.

/** A point in a text: `offset` is the index into the JS string (UTF-16 code units);
 * `line` is 0-based; `character` is the UTF-16 column within the line, 0-based (LSP's unit). */
export interface Pos {
  offset: number;
  line: number;
  character: number;
}

/** A half-open span [start, end) of a text. */
export interface Range {
  start: Pos;
  end: Pos;
}

/** Converts string offsets to positions in O(log lines). Build once per text. */
export class LineIndex {
  private readonly lineStarts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    // indexOf runs natively: a character loop here was a cold check's scan of every file head again.
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  pos(offset: number): Pos {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { offset: o, line: lo, character: o - this.lineStarts[lo]! };
  }

  range(start: number, end: number): Range {
    return { start: this.pos(start), end: this.pos(end) };
  }

  /** Offset of a 0-based line and UTF-16 character, clamped to the text. */
  offsetAt(line: number, character: number): number {
    if (line < 0) return 0;
    if (line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[line]!;
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1]! : this.text.length + 1;
    return Math.min(start + Math.max(0, character), next - 1, this.text.length);
  }

  /** The text of a 0-based line without its line terminator. */
  lineText(line: number): string {
    const start = this.lineStarts[line] ?? this.text.length;
    const end = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1]! - 1 : this.text.length;
    return this.text.slice(start, end).replace(/\r$/, '');
  }
}

/** A range of a whole file's first line: where file-level diagnostics go. */
export function fileStartRange(): Range {
  const p = { offset: 0, line: 0, character: 0 };
  return { start: p, end: p };
}
