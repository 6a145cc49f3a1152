// Module paths, import paths and their on-disk escaping, by the rules of golang.org/x/mod/module
// (CheckPath, CheckImportPath, SplitPathVersion, CheckPathMajor, EscapePath) and
// x/mod/modfile.IsDirectoryPath. Error texts are x/mod's, so messages match the go command's.

import { semverBuild, semverMajor } from './semver';
import { quoteGoRune, quoteGoString } from '../parse/quote';

/** Go's %q of a string (strconv.Quote). */
export const goQuote = quoteGoString;

type PathKind = 'module' | 'import' | 'file';

function modPathOK(c: string): boolean {
  return /^[-._~0-9A-Za-z]$/.test(c);
}

function fileNameOK(c: string): boolean {
  return /^[0-9A-Za-z!#$%&()+,\-.=@[\]^_{}~ ]$/.test(c) || (c.codePointAt(0)! >= 0x80 && /^\p{L}$/u.test(c));
}

function firstPathOK(c: string): boolean {
  return /^[-.0-9a-z]$/.test(c);
}

const badWindowsNames = ['CON', 'PRN', 'AUX', 'NUL', ...[1, 2, 3, 4, 5, 6, 7, 8, 9].flatMap((n) => [`COM${n}`, `LPT${n}`])];

function checkElem(elem: string, kind: PathKind): string | undefined {
  if (elem === '') return 'empty path element';
  if (/^\.+$/.test(elem)) return `invalid path element ${goQuote(elem)}`;
  if (elem[0] === '.' && kind === 'module') return 'leading dot in path element';
  if (elem.endsWith('.')) return 'trailing dot in path element';
  for (const c of elem) {
    const ok = kind === 'module' ? modPathOK(c) : kind === 'import' ? modPathOK(c) || c === '+' : fileNameOK(c);
    if (!ok) return `invalid char ${quoteGoRune(c)}`;
  }
  const dot = elem.indexOf('.');
  const short = dot >= 0 ? elem.slice(0, dot) : elem;
  for (const bad of badWindowsNames) {
    if (bad.toLowerCase() === short.toLowerCase()) return `${goQuote(short)} disallowed as path element component on Windows`;
  }
  if (kind === 'file') return undefined;
  const tilde = short.lastIndexOf('~');
  if (tilde >= 0 && tilde < short.length - 1 && /^[0-9]+$/.test(short.slice(tilde + 1))) return 'trailing tilde and digits in path element';
  return undefined;
}

function checkPath(p: string, kind: PathKind): string | undefined {
  if (p.includes('\uFFFD') || /[\uD800-\uDFFF]/.test(p.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ''))) return 'invalid UTF-8';
  if (p === '') return 'empty string';
  if (p[0] === '-' && kind !== 'file') return 'leading dash';
  if (p.includes('//')) return 'double slash';
  if (p.endsWith('/')) return 'trailing slash';
  for (const elem of p.split('/')) {
    const err = checkElem(elem, kind);
    if (err) return err;
  }
  return undefined;
}

/** module.CheckPath: the full x/mod error text (`malformed module path "p": ...`), or undefined if valid. */
export function checkModulePath(p: string): string | undefined {
  const err = checkModulePathReason(p);
  return err === undefined ? undefined : `malformed module path ${goQuote(p)}: ${err}`;
}

/** The reason alone, without the "malformed module path" wrapper. */
export function checkModulePathReason(p: string): string | undefined {
  const err = checkPath(p, 'module');
  if (err) return err;
  let i = p.indexOf('/');
  if (i < 0) i = p.length;
  if (i === 0) return 'leading slash';
  const first = p.slice(0, i);
  if (!first.includes('.')) return 'missing dot in first path element';
  if (p[0] === '-') return 'leading dash in first path element';
  for (const c of first) if (!firstPathOK(c)) return `invalid char ${quoteGoRune(c)} in first path element`;
  if (!splitPathVersion(p)) return 'invalid version';
  return undefined;
}

/** module.CheckImportPath: `malformed import path "p": ...`, or undefined if valid. */
export function checkImportPath(p: string): string | undefined {
  const err = checkPath(p, 'import');
  return err === undefined ? undefined : `malformed import path ${goQuote(p)}: ${err}`;
}

/** module.CheckFilePath's element rule, which versions and file names must pass. */
export function checkFilePathElem(elem: string): string | undefined {
  return checkElem(elem, 'file');
}

/** module.SplitPathVersion: "example.com/m/v2" → {prefix: "example.com/m", pathMajor: "/v2"};
 * gopkg.in paths use ".vN"; pathMajor '' when there is no suffix; undefined when the suffix is
 * malformed (/v0, /v1, /v02, /v2.1, gopkg.in without .vN). */
export function splitPathVersion(p: string): { prefix: string; pathMajor: string } | undefined {
  if (p.startsWith('gopkg.in/')) return splitGopkgIn(p);
  let i = p.length;
  let dot = false;
  while (i > 0 && ((p[i - 1] >= '0' && p[i - 1] <= '9') || p[i - 1] === '.')) {
    if (p[i - 1] === '.') dot = true;
    i--;
  }
  if (i <= 1 || i === p.length || p[i - 1] !== 'v' || p[i - 2] !== '/') return { prefix: p, pathMajor: '' };
  const pathMajor = p.slice(i - 2);
  if (dot || pathMajor.length <= 2 || pathMajor[2] === '0' || pathMajor === '/v1') return undefined;
  return { prefix: p.slice(0, i - 2), pathMajor };
}

function splitGopkgIn(p: string): { prefix: string; pathMajor: string } | undefined {
  let i = p.length;
  if (p.endsWith('-unstable')) i -= '-unstable'.length;
  while (i > 0 && p[i - 1] >= '0' && p[i - 1] <= '9') i--;
  if (i <= 1 || p[i - 1] !== 'v' || p[i - 2] !== '.') return undefined;
  const pathMajor = p.slice(i - 2);
  if (pathMajor.length <= 2 || (pathMajor[2] === '0' && pathMajor !== '.v0')) return undefined;
  return { prefix: p.slice(0, i - 2), pathMajor };
}

/** module.CheckPathMajor: whether version v may be used with a path ending in pathMajor. Returns
 * the reason ("should be v0 or v1, not v2"), or undefined if it matches. The go command wraps it
 * as `version "v2.0.0" invalid: <reason>`. */
export function checkPathMajor(v: string, pathMajor: string): string | undefined {
  if (pathMajor.startsWith('.v') && pathMajor.endsWith('-unstable')) pathMajor = pathMajor.slice(0, -'-unstable'.length);
  if (v.startsWith('v0.0.0-') && pathMajor === '.v1') return undefined;
  const m = semverMajor(v);
  let want = pathMajor;
  if (pathMajor === '') {
    if (m === 'v0' || m === 'v1' || semverBuild(v) === '+incompatible') return undefined;
    want = 'v0 or v1';
  } else if (pathMajor[0] === '/' || pathMajor[0] === '.') {
    if (m === pathMajor.slice(1)) return undefined;
    want = pathMajor.slice(1);
  }
  return `should be ${want}, not ${m}`;
}

/** The major version a path suffix demands ("/v2" → "v2", ".v1-unstable" → "v1", '' → ''). */
export function pathMajorPrefix(pathMajor: string): string {
  const pm = pathMajor.startsWith('.v') && pathMajor.endsWith('-unstable') ? pathMajor.slice(0, -'-unstable'.length) : pathMajor;
  return pm === '' ? '' : pm.slice(1);
}

function escapeString(s: string): string {
  return s.replace(/[A-Z]/g, (c) => '!' + c.toLowerCase());
}

/** module.EscapePath for the module cache: each upper-case letter becomes "!" and its lower
 * case. Applied to any input (x/mod refuses invalid paths; callers check with checkModulePath). */
export function escapeModulePath(p: string): string {
  return escapeString(p);
}

/** module.EscapeVersion: the same escaping for versions ("v1.0.0-RC1" → "v1.0.0-!r!c1"). */
export function escapeVersion(v: string): string {
  return escapeString(v);
}

/** Undoes escapeString; undefined when s has upper case, non-ASCII, or a "!" not followed by a-z. */
function unescapeString(s: string): string | undefined {
  if (/[A-Z]|[^\x00-\x7f]/.test(s) || /![^a-z]|!$/.test(s)) return undefined;
  return s.replace(/!([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** module.UnescapePath: the module path of a cache directory name; undefined if not a valid escaped module path. */
export function unescapeModulePath(s: string): string | undefined {
  const p = unescapeString(s);
  return p !== undefined && checkModulePath(p) === undefined ? p : undefined;
}

/** module.UnescapeVersion: undefined unless the unescaped version is a valid file name. */
export function unescapeVersion(s: string): string | undefined {
  const v = unescapeString(s);
  return v !== undefined && checkElem(v, 'file') === undefined ? v : undefined;
}

/** search.IsStandardImportPath: the first path element has no dot ("fmt", "net/http"). */
export function isStandardImportPath(p: string): boolean {
  const i = p.indexOf('/');
  return !(i < 0 ? p : p.slice(0, i)).includes('.');
}

/** modfile.IsDirectoryPath: a replace target that is a directory, in Unix or Windows syntax. */
export function isDirectoryPath(ns: string): boolean {
  return (
    ns === '.' || ns.startsWith('./') || ns.startsWith('.\\') ||
    ns === '..' || ns.startsWith('../') || ns.startsWith('..\\') ||
    ns.startsWith('/') || ns.startsWith('\\') ||
    (ns.length >= 2 && /^[A-Za-z]$/.test(ns[0]) && ns[1] === ':')
  );
}

/** str.HasPathPrefix: mod is p or a parent of it on "/" boundaries ("a/b" prefixes "a/b/c", not
 * "a/bc"); the empty prefix prefixes everything. */
export function hasPathPrefix(p: string, mod: string): boolean {
  if (p.length === mod.length) return p === mod;
  if (mod === '') return true;
  return p.length > mod.length && (mod.endsWith('/') || p[mod.length] === '/') && p.startsWith(mod);
}

/** Every path of which `p` is hasPathPrefix-prefixed, but "": `p` itself, then its parents on "/"
 * boundaries, longest first ("a/b/c", "a/b", "a"). Looking each up in a map finds the longest
 * prefix without scanning every candidate. */
export function pathPrefixes(p: string): string[] {
  const out: string[] = [];
  for (let end = p.length; end > 0; end = p.lastIndexOf('/', end - 1)) out.push(p.slice(0, end));
  return out;
}
