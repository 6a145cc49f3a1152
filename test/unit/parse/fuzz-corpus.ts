// Generated and mutated go.mod and go.work files for the parser fuzz test: deterministic for a
// seed, built from the fixtures under test/fixtures/parse and from directives assembled out of
// the tokens modfile treats specially (quotes, brackets, arrows, comments, odd versions, bytes that
// are not UTF-8).

import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixturesDir } from './oracle';

export interface FuzzFile {
  kind: 'mod' | 'work';
  data: Buffer;
  /** How the file was made, for the failure report. */
  origin: string;
}

/** mulberry32: a small seeded PRNG, so a failing seed replays exactly. */
export class Rand {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

const PATHS = ['example.com/a', 'example.com/a/v2', 'example.com/b/v3', 'gopkg.in/yaml.v3', 'golang.org/x/mod', '"example.com/q"', '`example.com/raw`', 'x', 'a/b', 'example.com/über'];
const ODD_PATHS = [
  'gopkg.in/check.v1', '"example.com/sp ace"', '"ex\\x41mple.com/esc"', '""', 'example.com/a@v1.0.0', 'example.com/V2', 'example.com/a/v1',
  'example.com/a/v0', 'example.com/a/v2.1', '.', '..', './dir', '../up', '/abs/dir', 'C:\\win\\dir', '.\\win', 'example.com/\udcff',
  '"unterminated', 'ex"q', "ex'q", 'ex`q', 'example.com/a/../b', '-dash', 'std', 'cmd/go', 'example.com/a.v2', '"./quoted dir"',
  'example.com/a/v02', '"\\u00e9"', '"\\xff"',
];
const VERSIONS = ['v1.2.3', 'v0.0.0-20200101000000-abcdefabcdef', 'v2.0.0+incompatible', 'v2.0.0', 'v3.1.0', 'v1.2.3-pre', '"v1.2.3"', '`v1.0.0`', 'v0.1.0', 'v1.0.0-rc.1'];
const ODD_VERSIONS = [
  'v1.2', 'v1', 'v1.2.3+meta', 'latest', 'master', '1.2.3', 'v01.2.3', 'v1.2.3.4', '"v1.2"', '""', 'v1.\udcff',
  'v1.2.3-0.20200101000000-abcdefabcdef', 'v0.0.0', 'upgrade', 'none', '"\\x"', 'v2', 'v1.2.3-', '"v1.2.3\\u00e9"', 'v1.2.3+incompatible',
];
const GO_VERSIONS = ['1.21', '1.21.0', '1.21rc1', '1.22', '1.23.4', '1', '1.2.3.4', 'v1.21', '1.21-x', 'go1.21', '1.22.1', '1.100', '01.2', '1.21.x', '"1.21"', '1.26', '1.99', '2.0'];
const TOOLCHAINS = ['go1.21.0', 'default', 'go1', 'gox', '1.21', 'go1.22rc1', 'go1.21.0-custom', '"go1.21"', 'local', 'go1.'];
const GODEBUGS = ['a=b', 'panicnil=1', 'a=', '=b', 'ab', 'a=b=c', '"a=b"', 'a,b=c', "a'=b", 'x=\udcff'];
const SUFFIXES = ['', '', '', ' // indirect', ' // indirect; why', ' //indirect', ' // Indirect', ' // Deprecated: old', ' // comment', ' //', ' // indirect x'];
const PUNCT = ['(', ')', '[', ']', '{', '}', ',', '=>', '//', '/*', '*/', '"', '`', '\\'];
const JUNK = ['\x00', '\udcff', '\udcc3', '\udce2\udc82', '\udced\udca0\udc80', '\udcc0\udcaf', 'é', '\u00a0', '\u2028', '\u0085', '\u200b', '\ufeff', '\t', '\r', '\r\n', '\v', '\f', '😀', '\x7f'];
const MOD_VERBS = ['module', 'go', 'toolchain', 'godebug', 'require', 'exclude', 'replace', 'retract', 'tool', 'ignore'];
const WORK_VERBS = ['go', 'toolchain', 'godebug', 'use', 'replace'];
const ODD_VERBS = ['foo', 'Module', 'requires', 'use', 'module', 'retract', 'tool', 'exclude'];

/** One directive's arguments, mostly well formed, sometimes not. */
function args(r: Rand, verb: string): string {
  const p = () => r.pick(r.chance(0.1) ? ODD_PATHS : PATHS);
  const v = () => r.pick(r.chance(0.1) ? ODD_VERSIONS : VERSIONS);
  switch (verb) {
    case 'module':
      return p();
    case 'go':
      return r.chance(0.7) ? '1.22' : r.pick(GO_VERSIONS);
    case 'toolchain':
      return r.chance(0.7) ? 'go1.22.0' : r.pick(TOOLCHAINS);
    case 'godebug':
      return r.chance(0.8) ? 'key=value' : r.pick(GODEBUGS);
    case 'require':
    case 'exclude':
      return `${p()} ${v()}`;
    case 'replace': {
      const old = r.chance(0.5) ? p() : `${p()} ${v()}`;
      const neu = r.chance(0.5) ? r.pick(['./dir', '../up', '/abs', '.', '..', 'C:\\x', './a b', '"./q"']) : `${p()} ${v()}`;
      return r.chance(0.9) ? `${old} => ${neu}` : `${old} ${neu}`;
    }
    case 'retract': {
      const f = r.int(12);
      if (f < 4) return v();
      if (f < 9) return `[${v()}, ${v()}]`;
      return r.pick([`[${v()},${v()}]`, `[${v()}]`, `[ ${v()} ${v()} ]`, '[', '[]', `${v()} ${v()}`, `(${v()})`, `[${v()}, ${v()}] extra`, `[${v()}, ${v()}`]);
    }
    case 'tool':
    case 'ignore':
    case 'use':
      return p();
    default:
      return r.chance(0.5) ? p() : `${p()} ${v()}`;
  }
}

function comment(r: Rand): string {
  return r.pick(['// a comment', '// Deprecated: use example.com/b', '// Deprecated:', '//', '// retracted: broken', '//indirect', '// x\udcffy', `// ${r.pick(JUNK)}`]);
}

function maybeArgs(r: Rand, verb: string): string {
  let a = args(r, verb);
  if (r.chance(0.02)) a = '';
  if (r.chance(0.05)) a += ' ' + r.pick([...PATHS, ...VERSIONS, ...ODD_PATHS, ...ODD_VERSIONS]);
  return a;
}

/** A file assembled from directives, lines and blocks. */
export function generateFile(r: Rand, kind: 'mod' | 'work'): string {
  const verbs = kind === 'mod' ? MOD_VERBS : WORK_VERBS;
  const nl = r.chance(0.1) ? '\r\n' : '\n';
  const out: string[] = [];
  if (kind === 'mod' && r.chance(0.9)) out.push(`module ${r.chance(0.9) ? 'example.com/m' : r.pick(PATHS)}`);
  const n = 1 + r.int(6);
  for (let i = 0; i < n; i++) {
    const verb = r.chance(0.02) ? r.pick(ODD_VERBS) : r.pick(verbs);
    if (r.chance(0.15)) out.push(comment(r));
    if (r.chance(0.1)) out.push('');
    if (r.chance(0.3) && verb !== 'go' && verb !== 'toolchain') {
      const lines: string[] = [];
      const m = r.int(4);
      for (let j = 0; j < m; j++) {
        if (r.chance(0.15)) lines.push('\t' + comment(r));
        lines.push('\t' + maybeArgs(r, verb) + r.pick(SUFFIXES));
      }
      const open = r.chance(0.9) ? ' (' : r.pick(['(', ' ( // c', ' ( x']);
      const close = r.chance(0.9) ? ')' : r.pick([') // c', ') x', '']);
      if (m === 0 && r.chance(0.5)) out.push(`${verb} ()`);
      else out.push(`${verb}${open}`, ...lines, close);
    } else {
      out.push(`${verb} ${maybeArgs(r, verb)}${r.pick(SUFFIXES)}`);
    }
  }
  let text = out.join(nl);
  if (r.chance(0.85)) text += nl;
  return text;
}

/** Byte-level changes: insert, delete, duplicate, swap, splice. */
export function mutate(r: Rand, data: Buffer, other: Buffer): Buffer {
  let s = data.toString('latin1');
  const k = 1 + r.int(3);
  for (let i = 0; i < k; i++) {
    const at = r.int(s.length + 1);
    switch (r.int(7)) {
      case 0: {
        const pool = r.pick([PUNCT, JUNK, PATHS, VERSIONS, ODD_PATHS, ODD_VERSIONS, [' ', '\n', '\t', 'v', '.', '0', '=>', '// indirect']]);
        s = s.slice(0, at) + latin1(r.pick(pool)) + s.slice(at);
        break;
      }
      case 1:
        s = s.slice(0, at) + s.slice(at + 1 + r.int(8));
        break;
      case 2: {
        const lines = s.split('\n');
        const j = r.int(lines.length);
        lines.splice(j, 0, lines[j]!);
        s = lines.join('\n');
        break;
      }
      case 3: {
        const lines = s.split('\n');
        const [a, b] = [r.int(lines.length), r.int(lines.length)];
        [lines[a], lines[b]] = [lines[b]!, lines[a]!];
        s = lines.join('\n');
        break;
      }
      case 4: {
        const o = other.toString('latin1');
        const from = r.int(o.length + 1);
        s = s.slice(0, at) + o.slice(from, from + r.int(60)) + s.slice(at);
        break;
      }
      case 5:
        s = s.slice(0, at) + latin1(r.pick(JUNK)) + s.slice(at + 1);
        break;
      default: {
        // A whole token replaced by another of its class.
        const toks = s.split(/([ \t\n]+)/);
        const j = r.int(toks.length);
        toks[j] = latin1(r.pick(r.pick([VERSIONS, PATHS, ODD_VERSIONS, ODD_PATHS])));
        s = toks.join('');
      }
    }
  }
  return Buffer.from(s, 'latin1');
}

/** The bytes of a pool string: UTF-8, except that U+DC80..U+DCFF stand for the single bytes
 * 0x80..0xFF (so pools can hold text that is not UTF-8). */
function encode(text: string): Buffer {
  const parts: Buffer[] = [];
  let run = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xdc80 && c <= 0xdcff && !(i > 0 && text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) < 0xdc00)) {
      parts.push(Buffer.from(run, 'utf8'), Buffer.from([c - 0xdc00]));
      run = '';
    } else run += text[i];
  }
  parts.push(Buffer.from(run, 'utf8'));
  return Buffer.concat(parts);
}

/** encode(s) as a latin1 string, for splicing into a file's bytes held as latin1. */
function latin1(s: string): string {
  return encode(s).toString('latin1');
}

export function fixtureFiles(): FuzzFile[] {
  const out: FuzzFile[] = [];
  for (const [dir, kind] of [['gomod', 'mod'], ['gowork', 'work']] as const) {
    for (const name of fs.readdirSync(path.join(fixturesDir, dir)).sort()) {
      let data = fs.readFileSync(path.join(fixturesDir, dir, name));
      if (name.includes('crlf')) data = Buffer.from(data.toString('latin1').replace(/\n/g, '\r\n'), 'latin1');
      out.push({ kind, data, origin: `fixture ${dir}/${name}` });
    }
  }
  return out;
}

/** `count` files for `seed`: the fixtures, then generated files and mutations of earlier ones. */
export function fuzzFiles(seed: number, count: number): FuzzFile[] {
  const r = new Rand(seed);
  const files = fixtureFiles();
  while (files.length < count) {
    const i = files.length;
    if (r.chance(0.45)) {
      const kind = r.chance(0.75) ? 'mod' : 'work';
      files.push({ kind, data: encode(generateFile(r, kind)), origin: `generated #${i}` });
    } else {
      const base = r.pick(files);
      const other = r.pick(files).data;
      files.push({ kind: base.kind, data: mutate(r, base.data, other), origin: `mutated #${i} of ${base.origin.split(' of ')[0]}` });
    }
  }
  return files;
}
