// GOFLAGS as the go command splits it (cmd/go/internal/base/goflags.go): whitespace-separated
// flags, each `-name=value`, `--name=value` or a bare boolean `-name`.

import type { GoFlags } from './types';

const MOD_VALUES = new Set(['readonly', 'vendor', 'mod']);

export function parseGoFlags(goflags: string): GoFlags {
  const flags: GoFlags = { tags: [], raw: [] };
  const fields = goflags.split(/[ \t\r\n]+/).filter((f) => f !== '');
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    flags.raw.push(field);
    const m = /^--?([^=]+)(?:=(.*))?$/s.exec(field);
    if (!m) continue;
    const name = m[1]!;
    let value = m[2];
    // `-tags a,b` as two fields: the value is the next field when it is not itself a flag.
    if (value === undefined && name === 'tags' && i + 1 < fields.length && !fields[i + 1]!.startsWith('-')) {
      value = fields[++i]!;
      flags.raw.push(value);
    }
    if (value === undefined) continue;
    if (name === 'mod' && MOD_VALUES.has(value)) flags.mod = value as GoFlags['mod'];
    else if (name === 'modfile') flags.modfile = value;
    else if (name === 'tags') flags.tags = splitTags(value);
  }
  return flags;
}

/** A -tags value: comma-separated, or the legacy space-separated form; the last -tags wins. */
export function splitTags(value: string): string[] {
  const parts = value.includes(',') ? value.split(',') : value.split(' ');
  return parts.map((t) => t.trim()).filter((t) => t !== '');
}
