// Parse errors as the go command prints them after the file name: `line[:col]: message`, the
// column (in runes) only where it is not 1, as modfile.Error does.

import { LineIndex } from '../text/position';
import type { ParseError } from './ast';
import { runeColumn } from './syntax-parser';

/** The lines go prints for `errors`. modfile stops at the first syntax error (one outside any
 * directive), where this parser goes on; after one, only it is go's. */
export function goErrorLines(text: string, errors: ParseError[]): string[] {
  const index = new LineIndex(text);
  const fmt = (e: ParseError) => {
    const col = runeColumn(index, e.range.start.offset);
    return `${e.range.start.line + 1}${col > 1 ? `:${col}` : ''}: ${e.message}`;
  };
  if (errors.length > 0 && errors[0]!.verb === undefined) return [fmt(errors[0]!)];
  return errors.map(fmt);
}
