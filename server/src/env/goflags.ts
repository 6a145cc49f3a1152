// GOFLAGS as the go command reads it (cmd/go/internal/base/goflags.go): words split like
// cmd/internal/quoted.Split, each a flag `-name`, `--name`, `-name=value` or `--name=value`.
// Problems that make every go command fail are kept in `errors`, in go's words.
// Command-line build flags (gopls' build.buildFlags, which it passes to go list) are applied over
// GOFLAGS the way cmd/go applies them: GOFLAGS sets the flags first, the command line after, so a
// flag on the command line wins (and a later -tags replaces an earlier one).

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
    const error = setFlag(flags, name, value);
    if (error) valueErrors.push(error);
  }
  const errors = syntaxErrors.length > 0 ? syntaxErrors : valueErrors;
  if (errors.length > 0) flags.errors = errors;
  return flags;
}

/** Build flags that take no value (`-race`, not `-race value`): every other flag without `=` takes
 * the next word as its value, as the flag package parses a command line. */
const BOOL_FLAGS = new Set(['a', 'n', 'v', 'x', 'race', 'msan', 'asan', 'cover', 'work', 'trimpath', 'linkshared', 'modcacherw', 'buildvcs', 'json', 'i']);

/** GOFLAGS with command-line build flags over it (`["-tags=a,b", "-mod", "vendor"]`); the
 * result's `commandLine` names the flags the command line set. */
export function withBuildFlags(goflags: GoFlags, buildFlags: readonly string[]): GoFlags {
  if (buildFlags.length === 0) return goflags;
  const flags: GoFlags = { ...goflags, tags: [...goflags.tags], raw: [...goflags.raw, ...buildFlags], commandLine: [] };
  const errors: string[] = [];
  for (let i = 0; i < buildFlags.length; i++) {
    const word = buildFlags[i]!;
    if (!word.startsWith('-') || word === '-' || word === '--') {
      errors.push(`gopls build.buildFlags: ${JSON.stringify(word)} is not a flag`);
      continue;
    }
    const body = word.startsWith('--') ? word.slice(2) : word.slice(1);
    const eq = body.indexOf('=');
    const name = eq < 0 ? body : body.slice(0, eq);
    let value = eq < 0 ? undefined : body.slice(eq + 1);
    if (value === undefined && !BOOL_FLAGS.has(name)) {
      value = buildFlags[++i];
      if (value === undefined) {
        errors.push(`go: flag needs an argument: -${name} (from gopls build.buildFlags)`);
        break;
      }
    }
    if (!VALUE_FLAGS.has(name) || value === undefined) continue;
    const error = setFlag(flags, name, value);
    if (error) errors.push(`go: ${error}`);
    if (!flags.commandLine!.includes(name)) flags.commandLine!.push(name);
  }
  if (errors.length > 0) flags.errors = [...(goflags.errors ?? []), ...errors];
  return flags;
}

/** Sets one modelled flag (VALUE_FLAGS) as cmd/go does, from GOFLAGS or the command line alike;
 * says why go refuses the value. */
function setFlag(flags: GoFlags, name: string, value: string): string | undefined {
  if (name === 'mod') {
    if (MOD_VALUES.has(value)) flags.mod = value as GoFlags['mod'];
    else if (value === '') delete flags.mod;
    else return `-mod=${value} not supported (can be '', 'mod', 'readonly', or 'vendor')`;
  } else if (name === 'modfile') flags.modfile = value;
  else flags.tags = splitTags(value);
  return undefined;
}

/** Where a modelled flag's value came from: the command line (gopls build.buildFlags) or GOFLAGS. */
export function flagSource(flags: GoFlags, name: 'mod' | 'modfile' | 'tags'): string {
  return flags.commandLine?.includes(name) ? 'gopls build.buildFlags' : 'GOFLAGS';
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
