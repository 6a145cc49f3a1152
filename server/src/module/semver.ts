// Go's semantic versions (golang.org/x/mod/semver and module.CanonicalVersion), with the leading
// "v". Written out rather than wrapping npm semver: Go accepts "v1" and "v1.2" shorthands, ignores
// build metadata when comparing, and orders invalid versions below every valid one.

interface ParsedSemver {
  major: string;
  minor: string;
  patch: string;
  /** Including the leading "-", or ''. */
  prerelease: string;
  /** Including the leading "+", or ''. */
  build: string;
  /** "v1" or "v1.2" written without all three numbers. */
  short: boolean;
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

function isIdentChar(c: string): boolean {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || isDigit(c) || c === '-';
}

/** Reads a number without leading zeros at s[i...]; returns its end, or -1. */
function scanNumber(s: string, i: number): number {
  if (i >= s.length || !isDigit(s[i])) return -1;
  let j = i;
  while (j < s.length && isDigit(s[j])) j++;
  if (s[i] === '0' && j - i > 1) return -1;
  return j;
}

/** Dot-separated identifiers after "-" or "+"; numeric prerelease parts may not have leading zeros. */
function validIdentifiers(s: string, numericRule: boolean): boolean {
  if (s === '') return false;
  for (const part of s.split('.')) {
    if (part === '') return false;
    for (const c of part) if (!isIdentChar(c)) return false;
    if (numericRule && /^[0-9]+$/.test(part) && part.length > 1 && part[0] === '0') return false;
  }
  return true;
}

function parseSemver(v: string): ParsedSemver | undefined {
  if (typeof v !== 'string' || v.length < 2 || v[0] !== 'v') return undefined;
  let i = 1;
  let end = scanNumber(v, i);
  if (end < 0) return undefined;
  const major = v.slice(i, end);
  if (end === v.length) return { major, minor: '0', patch: '0', prerelease: '', build: '', short: true };
  if (v[end] !== '.') return undefined;
  i = end + 1;
  end = scanNumber(v, i);
  if (end < 0) return undefined;
  const minor = v.slice(i, end);
  if (end === v.length) return { major, minor, patch: '0', prerelease: '', build: '', short: true };
  if (v[end] !== '.') return undefined;
  i = end + 1;
  end = scanNumber(v, i);
  if (end < 0) return undefined;
  const patch = v.slice(i, end);
  let rest = v.slice(end);
  let prerelease = '';
  let build = '';
  if (rest.startsWith('-')) {
    const plus = rest.indexOf('+');
    prerelease = plus < 0 ? rest : rest.slice(0, plus);
    rest = plus < 0 ? '' : rest.slice(plus);
    if (!validIdentifiers(prerelease.slice(1), true)) return undefined;
  }
  if (rest.startsWith('+')) {
    build = rest;
    rest = '';
    if (!validIdentifiers(build.slice(1), false)) return undefined;
  }
  if (rest !== '') return undefined;
  return { major, minor, patch, prerelease, build, short: false };
}

export function isValidSemver(v: string): boolean {
  return parseSemver(v) !== undefined;
}

/** semver.Canonical: "v1.2" → "v1.2.0"; build metadata dropped; '' if invalid. */
export function semverCanonical(v: string): string {
  const p = parseSemver(v);
  if (!p) return '';
  return `v${p.major}.${p.minor}.${p.patch}${p.prerelease}`;
}

/** module.CanonicalVersion: like semver.Canonical but keeps "+incompatible", the one build
 * suffix that is part of a module version. */
export function canonicalSemver(v: string): string {
  const c = semverCanonical(v);
  if (c === '') return '';
  if (semverBuild(v) === '+incompatible') return c + '+incompatible';
  return c;
}

/** "v2" for "v2.3.4"; '' if invalid. */
export function semverMajor(v: string): string {
  const p = parseSemver(v);
  return p ? `v${p.major}` : '';
}

/** "v2.3" for "v2.3.4"; '' if invalid. */
export function semverMajorMinor(v: string): string {
  const p = parseSemver(v);
  return p ? `v${p.major}.${p.minor}` : '';
}

/** "-pre" of "v1.2.3-pre+meta"; '' when none or invalid. */
export function semverPrerelease(v: string): string {
  return parseSemver(v)?.prerelease ?? '';
}

/** "+meta" of "v1.2.3-pre+meta"; '' when none or invalid. */
export function semverBuild(v: string): string {
  return parseSemver(v)?.build ?? '';
}

function compareInt(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : 1;
}

function comparePrerelease(a: string, b: string): number {
  // Empty prerelease sorts after any prerelease (a release is newer than its prereleases).
  if (a === b) return 0;
  if (a === '') return 1;
  if (b === '') return -1;
  const pa = a.slice(1).split('.');
  const pb = b.slice(1).split('.');
  for (let i = 0; i < pa.length && i < pb.length; i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === y) continue;
    const xn = /^[0-9]+$/.test(x);
    const yn = /^[0-9]+$/.test(y);
    if (xn && yn) return compareInt(x, y);
    if (xn) return -1;
    if (yn) return 1;
    return x < y ? -1 : 1;
  }
  return pa.length === pb.length ? 0 : pa.length < pb.length ? -1 : 1;
}

/** semver.Compare: -1, 0 or 1. Invalid versions are equal to each other and below all valid ones;
 * build metadata is ignored. */
export function compareSemver(a: string, b: string): number {
  const pa = parseSemver(a);
  const pb = parseSemver(b);
  if (!pa && !pb) return 0;
  if (!pa) return -1;
  if (!pb) return 1;
  return (
    compareInt(pa.major, pb.major) ||
    compareInt(pa.minor, pb.minor) ||
    compareInt(pa.patch, pb.patch) ||
    comparePrerelease(pa.prerelease, pb.prerelease)
  );
}

/** The larger of two versions by compareSemver (the first when equal). */
export function maxSemver(a: string, b: string): string {
  return compareSemver(a, b) < 0 ? b : a;
}

// module.IsPseudoVersion: vX.0.0-yyyymmddhhmmss-abcdefabcdef, vX.Y.Z-pre.0.yyyymmddhhmmss-abcdef…,
// vX.Y.(Z+1)-0.yyyymmddhhmmss-abcdef…, with an optional +incompatible.
const pseudoVersionRE = /^v[0-9]+\.(0\.0-|\d+\.\d+-([^+]*\.)?0\.)\d{14}-[A-Za-z0-9]+(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;

export function isPseudoVersion(v: string): boolean {
  return countChar(v, '-') >= 2 && isValidSemver(v) && pseudoVersionRE.test(v);
}

function countChar(s: string, c: string): number {
  let n = 0;
  for (const x of s) if (x === c) n++;
  return n;
}
