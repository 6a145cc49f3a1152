// Go toolchain and language versions without the "go" prefix ("1.21", "1.21rc1", "1.21.0"), as
// cmd/go/internal/gover orders them. Not semver: "1.21" (the language) sorts before its release
// candidates, which sort before "1.21.0"; before 1.21 a bare "1.N" meant "1.N.0".

interface GoVersion {
  major: string;
  minor: string;
  patch: string;
  /** '', 'alpha', 'beta', 'rc' (any lower-case word). */
  kind: string;
  pre: string;
}

/** A decimal without a needless leading zero at the start of s, and the rest. */
function cutInt(s: string): [string, string] | undefined {
  let i = 0;
  while (i < s.length && s[i] >= '0' && s[i] <= '9') i++;
  if (i === 0 || (s[0] === '0' && i !== 1)) return undefined;
  return [s.slice(0, i), s.slice(i)];
}

/** Parsed versions: a few distinct strings, compared again and again (every go line of a
 * workspace, every module of a build list). */
const parsed = new Map<string, GoVersion | undefined>();

/** gover.Parse; undefined where Go returns the zero Version. The result is shared: not to be modified. */
function parseGoVersion(x: string): GoVersion | undefined {
  if (parsed.has(x)) return parsed.get(x);
  if (parsed.size >= 1024) parsed.clear();
  const v = parseGoVersionUncached(x);
  parsed.set(x, v);
  return v;
}

function parseGoVersionUncached(x: string): GoVersion | undefined {
  const v: GoVersion = { major: '', minor: '', patch: '', kind: '', pre: '' };
  let cut = cutInt(x);
  if (!cut) return undefined;
  [v.major, x] = cut;
  if (x === '') return { ...v, minor: '0', patch: '0' };
  if (x[0] !== '.') return undefined;
  cut = cutInt(x.slice(1));
  if (!cut) return undefined;
  [v.minor, x] = cut;
  if (x === '') {
    if (compareDecimal(v.minor, '21') < 0) v.patch = '0';
    return v;
  }
  if (x[0] === '.') {
    cut = cutInt(x.slice(1));
    if (!cut || cut[1] !== '') return undefined;
    v.patch = cut[0];
    return v;
  }
  let i = 0;
  while (i < x.length && (x[i] < '0' || x[i] > '9')) {
    if (x[i] < 'a' || x[i] > 'z') return undefined;
    i++;
  }
  if (i === 0) return undefined;
  v.kind = x.slice(0, i);
  x = x.slice(i);
  if (x === '') return v;
  cut = cutInt(x);
  if (!cut || cut[1] !== '') return undefined;
  v.pre = cut[0];
  return v;
}

/** Compares decimal strings ('' sorts first), like gover.CmpInt. */
function compareDecimal(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : 1;
}

const zero: GoVersion = { major: '', minor: '', patch: '', kind: '', pre: '' };

/** gover.Compare: -1, 0 or 1; invalid versions compare equal to each other and below all valid ones. */
export function compareGoVersion(a: string, b: string): number {
  const x = parseGoVersion(a) ?? zero;
  const y = parseGoVersion(b) ?? zero;
  return (
    compareDecimal(x.major, y.major) ||
    compareDecimal(x.minor, y.minor) ||
    compareDecimal(x.patch, y.patch) ||
    (x.kind === y.kind ? 0 : x.kind < y.kind ? -1 : 1) ||
    compareDecimal(x.pre, y.pre)
  );
}

export function isValidGoVersion(v: string): boolean {
  return parseGoVersion(v) !== undefined;
}

/** The larger of two Go versions (the first when equal). */
export function maxGoVersion(a: string, b: string): string {
  return compareGoVersion(a, b) < 0 ? b : a;
}

/** gover.Lang: the language version of a toolchain version ("1.21.3" → "1.21", "1.0.1" → "1"). */
export function goLanguageVersion(v: string): string {
  const p = parseGoVersion(v);
  if (!p) return '';
  if (p.minor === '' || (p.major === '1' && p.minor === '0')) return p.major;
  return `${p.major}.${p.minor}`;
}

/** gover.FromToolchain: "go1.21.3" and "go1.21.3-custom" → "1.21.3"; '' if not a toolchain name. */
export function goVersionFromToolchain(name: string): string {
  if (/[\\/]/.test(name) || !name.startsWith('go')) return '';
  let v = name.slice(2);
  const dash = v.search(/[ \t-]/);
  if (dash >= 0) v = v.slice(0, dash);
  return isValidGoVersion(v) ? v : '';
}

/** The version a go.mod without a go line means (gover.DefaultGoModVersion). */
export const DEFAULT_GO_MOD_VERSION = '1.16';

/** From this go version on, a go.mod lists all its dependencies and the graph is pruned (gover.ExplicitIndirectVersion). */
export const PRUNED_GRAPH_GO_VERSION = '1.17';
