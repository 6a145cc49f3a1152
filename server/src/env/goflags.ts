// GOFLAGS as the go command reads it (cmd/go/internal/base/goflags.go): words split like
// cmd/internal/quoted.Split, each a flag `-name`, `--name`, `-name=value` or `--name=value`.
// Problems that make every go command fail are kept in `errors`, in go's words.

import type { GoFlags } from './types';

const MOD_VALUES = new Set(['readonly', 'vendor', 'mod']);
/** The GOFLAGS entries this model reads; each needs a value. */
const VALUE_FLAGS = new Set(['mod', 'modfile', 'tags']);

export function parseGoFlags(goflags: string): GoFlags {
  const flags: GoFlags = { tags: [], raw: [] };
  // go checks every word's syntax before it sets any flag, so those errors come first.
  const syntaxErrors: string[] = [];
  const valueErrors: string[] = [];
  const words = quotedSplit(goflags);
  if (typeof words === 'string') {
    flags.errors = [`go: parsing $GOFLAGS: ${words}`];
    return flags;
  }
  for (const word of words) {
    flags.raw.push(word);
    if (!word.startsWith('-') || word === '-' || word === '--' || word.startsWith('---') || word.startsWith('-=') || word.startsWith('--=')) {
      syntaxErrors.push(`go: parsing $GOFLAGS: non-flag ${JSON.stringify(word)}`);
      continue;
    }
    const body = word.startsWith('--') ? word.slice(2) : word.slice(1);
    const eq = body.indexOf('=');
    const name = eq < 0 ? body : body.slice(0, eq);
    const value = eq < 0 ? undefined : body.slice(eq + 1);
    if (!VALUE_FLAGS.has(name)) continue;
    if (value === undefined) {
      valueErrors.push(`go: flag needs an argument: -${name} (from $GOFLAGS)`);
      continue;
    }
    if (name === 'mod') {
      if (MOD_VALUES.has(value)) flags.mod = value as GoFlags['mod'];
      else if (value !== '') valueErrors.push(`-mod=${value} not supported (can be '', 'mod', 'readonly', or 'vendor')`);
      else delete flags.mod;
    } else if (name === 'modfile') flags.modfile = value;
    else flags.tags = splitTags(value);
  }
  const errors = syntaxErrors.length > 0 ? syntaxErrors : valueErrors;
  if (errors.length > 0) flags.errors = errors;
  return flags;
}

/** A -tags value (cmd/go tagsFlag): comma-separated; a value with a space or quote is the
 * legacy space-separated form. The last -tags wins. */
export function splitTags(value: string): string[] {
  if (value.includes(' ') || value.includes("'")) {
    const words = quotedSplit(value);
    return typeof words === 'string' ? [] : words;
  }
  return value.split(',').filter((t) => t !== '');
}

/** cmd/internal/quoted.Split: words separated by spaces, a word may be wholly '…' or "…" quoted.
 * Returns the error text for an unterminated quote. */
export function quotedSplit(s: string): string[] | string {
  const out: string[] = [];
  const space = /[ \t\n\r]/;
  let i = 0;
  for (;;) {
    while (i < s.length && space.test(s[i]!)) i++;
    if (i >= s.length) return out;
    const quote = s[i]!;
    if (quote === "'" || quote === '"') {
      const close = s.indexOf(quote, i + 1);
      if (close < 0) return `unterminated ${quote} string`;
      out.push(s.slice(i + 1, close));
      i = close + 1;
      continue;
    }
    let j = i;
    while (j < s.length && !space.test(s[j]!)) j++;
    out.push(s.slice(i, j));
    i = j;
  }
}
