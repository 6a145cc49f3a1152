// Module and import path rules of golang.org/x/mod/module and modfile: validity checks with the
// go command's error wording, case-escaping for the module cache, and major-version suffixes.

import { semverBuild, semverMajor } from './semver';

type PathKind = 'module' | 'import' | 'file';

const BAD_WINDOWS_NAMES = [
  'CON', 'PRN', 'AUX', 'NUL',
  'COM1', 'COM2', 'COM3', 'COM4', 'COM5', 'COM6', 'COM7', 'COM8', 'COM9',
  'LPT1', 'LPT2', 'LPT3', 'LPT4', 'LPT5', 'LPT6', 'LPT7', 'LPT8', 'LPT9',
];

/** Go's %q of a string (close enough for the ASCII these messages carry). */
function quote(s: string): string {
  return JSON.stringify(s);
}

/** Go's %q of a rune. */
function quoteRune(r: string): string {
  const j = JSON.stringify(r);
  return `'${j.slice(1, -1).replace(/'/g, "\\'")}'`;
}

function isAsciiLetterOrDigit(r: string): boolean {
  return (r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z');
}

function modPathOK(r: string): boolean {
  return r === '-' || r === '.' || r === '_' || r === '~' || isAsciiLetterOrDigit(r);
}

function importPathOK(r: string): boolean {
  return modPathOK(r) || r === '+';
}

// x/mod's fileNameOK: printable ASCII except a few shell/Windows specials, or any Unicode letter.
function fileNameOK(r: string): boolean {
  if (r.codePointAt(0)! < 0x80) {
    const allowed = "!#$%&()+,-.=@[]^_{}~ ";
    if (allowed.includes(r)) return true;
    return isAsciiLetterOrDigit(r);
  }
  return /\p{L}/u.test(r);
}

function firstPathOK(r: string): boolean {
  return r === '-' || r === '.' || (r >= '0' && r <= '9') || (r >= 'a' && r <= 'z');
}

function checkElem(elem: string, kind: PathKind): string | undefined {
  if (elem === '') return 'empty path element';
  if (/^\.+$/.test(elem)) return `invalid path element ${quote(elem)}`;
  if (elem[0] === '.' && kind === 'module') return 'leading dot in path element';
  if (elem[elem.length - 1] === '.') return 'trailing dot in path element';
  for (const r of elem) {
    const ok = kind === 'module' ? modPathOK(r) : kind === 'import' ? importPathOK(r) : fileNameOK(r);
    if (!ok) return `invalid char ${quoteRune(r)}`;
  }
  const dot = elem.indexOf('.');
  const short = dot >= 0 ? elem.slice(0, dot) : elem;
  for (const bad of BAD_WINDOWS_NAMES) {
    if (bad.toLowerCase() === short.toLowerCase()) return `${quote(short)} disallowed as path element component on Windows`;
  }
  if (kind === 'file') return undefined;
  const tilde = short.lastIndexOf('~');
  if (tilde >= 0 && tilde < short.length - 1 && /^[0-9]+$/.test(short.slice(tilde + 1))) {
    return 'trailing tilde and digits in path element';
  }
  return undefined;
}

function isWellFormedUnicode(s: string): boolean {
  // Lone surrogates are what a JS string can hold that UTF-8 cannot.
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}

function checkPathSyntax(p: string, kind: PathKind): string | undefined {
  if (typeof p !== 'string' || !isWellFormedUnicode(p)) return 'invalid UTF-8';
  if (p === '') return 'empty string';
  if (p[0] === '-' && kind !== 'file') return 'leading dash';
  if (p.includes('//')) return 'double slash';
  if (p[p.length - 1] === '/') return 'trailing slash';
  for (const elem of p.split('/')) {
    const err = checkElem(elem, kind);
    if (err) return err;
  }
  return undefined;
}

/** module.CheckPath: undefined if `p` is a valid module path, else go's error text
 * (`malformed module path "x": missing dot in first path element`). */
export function checkModulePath(p: string): string | undefined {
  const err = checkModulePathReason(p);
  return err === undefined ? undefined : `malformed module path ${quote(String(p))}: ${err}`;
}

/** The reason alone, without the "malformed module path" wrapper. */
export function checkModulePathReason(p: string): string | undefined {
  const syntaxErr = checkPathSyntax(p, 'module');
  if (syntaxErr) return syntaxErr;
  let i = p.indexOf('/');
  if (i < 0) i = p.length;
  if (i === 0) return 'leading slash';
  const first = p.slice(0, i);
  if (!first.includes('.')) return 'missing dot in first path element';
  if (p[0] === '-') return 'leading dash in first path element';
  for (const r of first) if (!firstPathOK(r)) return `invalid char ${quoteRune(r)} in first path element`;
  if (!splitPathVersion(p)) return 'invalid version';
  return undefined;
}

/** module.CheckImportPath: undefined if valid, else `malformed import path "x": reason`. */
export function checkImportPath(p: string): string | undefined {
  const err = checkPathSyntax(p, 'import');
  return err === undefined ? undefined : `malformed import path ${quote(String(p))}: ${err}`;
}

/** module.CheckFilePath-style element check for versions and file names. */
export function checkFilePathElem(elem: string): string | undefined {
  return checkElem(elem, 'file');
}

function escapeString(s: string): string {
  return s.replace(/[A-Z]/g, (c) => '!' + c.toLowerCase());
}

/** module.EscapePath: each upper-case letter becomes "!" and its lower case, so the cache works on
 * case-insensitive file systems. Never throws: an invalid path is escaped the same way. */
export function escapeModulePath(p: string): string {
  return escapeString(p);
}

/** module.EscapeVersion (same scheme as escapeModulePath). */
export function escapeVersion(v: string): string {
  return escapeString(v);
}

/** The inverse of escapeModulePath; undefined when `s` is not a valid escaped form
 * (an upper-case letter, or "!" not followed by a lower-case letter). */
export function unescapeModulePath(s: string): string | undefined {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c >= 'A' && c <= 'Z') return undefined;
    if (c === '!') {
      const n = s[i + 1];
      if (n === undefined || n < 'a' || n > 'z') return undefined;
      out += n.toUpperCase();
      i++;
    } else {
      out += c;
    }
  }
  return out;
}

/** module.SplitPathVersion: "example.com/m/v2" → { prefix: "example.com/m", pathMajor: "/v2" };
 * gopkg.in/yaml.v3 → ".v3"; no suffix → pathMajor ''. undefined when the suffix is malformed
 * ("/v1", "/v0", "/v2.1", or a gopkg.in path without ".vN"). */
export function splitPathVersion(p: string): { prefix: string; pathMajor: string } | undefined {
  if (p.startsWith('gopkg.in/')) return splitGopkgIn(p);
  let i = p.length;
  let dot = false;
  while (i > 0 && ((p[i - 1] >= '0' && p[i - 1] <= '9') || p[i - 1] === '.')) {
    if (p[i - 1] === '.') dot = true;
    i--;
  }
  if (i <= 1 || i === p.length || p[i - 1] !== 'v' || p[i - 2] !== '/') return { prefix: p, pathMajor: '' };
  const prefix = p.slice(0, i - 2);
  const pathMajor = p.slice(i - 2);
  if (dot || pathMajor.length <= 2 || pathMajor[2] === '0' || pathMajor === '/v1') return undefined;
  return { prefix, pathMajor };
}

function splitGopkgIn(p: string): { prefix: string; pathMajor: string } | undefined {
  let i = p.length;
  if (p.endsWith('-unstable')) i -= '-unstable'.length;
  while (i > 0 && p[i - 1] >= '0' && p[i - 1] <= '9') i--;
  if (i <= 1 || p[i - 1] !== 'v' || p[i - 2] !== '.') return undefined;
  const prefix = p.slice(0, i - 2);
  const pathMajor = p.slice(i - 2);
  if (pathMajor.length <= 2 || (pathMajor[2] === '0' && pathMajor !== '.v0')) return undefined;
  return { prefix, pathMajor };
}

/** module.CheckPathMajor: undefined when `version` fits the path's major suffix, else the
 * reason as go words it ("should be v0 or v1, not v2"; go prefixes `version "v2.0.0" invalid: `). */
export function checkPathMajor(version: string, pathMajor: string): string | undefined {
  let pm = pathMajor;
  if (pm.startsWith('.v') && pm.endsWith('-unstable')) pm = pm.slice(0, -'-unstable'.length);
  // x/mod allows an old bug: v0.0.0- pseudo-versions for gopkg.in .v1 paths.
  if (version.startsWith('v0.0.0-') && pm === '.v1') return undefined;
  const m = semverMajor(version);
  let want: string;
  if (pm === '') {
    if (m === 'v0' || m === 'v1' || semverBuild(version) === '+incompatible') return undefined;
    want = 'v0 or v1';
  } else {
    if (m === pm.slice(1)) return undefined;
    want = pm[0] === '/' || pm[0] === '.' ? pm.slice(1) : pm;
  }
  return `should be ${want}, not ${m}`;
}

/** The major version a path suffix demands ("/v2" → "v2", ".v1" → "v1", '' → ''). */
export function pathMajorPrefix(pathMajor: string): string {
  let pm = pathMajor;
  if (pm.endsWith('-unstable')) pm = pm.slice(0, -'-unstable'.length);
  return pm === '' ? '' : pm.slice(1);
}

/** search.IsStandardImportPath: the first path element has no dot. */
export function isStandardImportPath(p: string): boolean {
  let i = p.indexOf('/');
  if (i < 0) i = p.length;
  return !p.slice(0, i).includes('.');
}

/** modfile.IsDirectoryPath: a replacement that names a directory, in Unix or Windows syntax. */
export function isDirectoryPath(ns: string): boolean {
  return (
    ns === '.' || ns.startsWith('./') || ns.startsWith('.\\') ||
    ns === '..' || ns.startsWith('../') || ns.startsWith('..\\') ||
    ns.startsWith('/') || ns.startsWith('\\') ||
    (ns.length >= 2 && /[A-Za-z]/.test(ns[0]) && ns[1] === ':')
  );
}

/** Whether importPath is modulePath itself or a package inside it (path-element boundary). */
export function hasPathPrefix(importPath: string, modulePath: string): boolean {
  if (!importPath.startsWith(modulePath)) return false;
  return importPath.length === modulePath.length || modulePath === '' || importPath[modulePath.length] === '/';
}
