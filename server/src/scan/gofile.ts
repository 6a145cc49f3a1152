// Reads the head of a Go source file: build constraints, the package clause and the import
// declarations, stopping at the first other declaration (like go/parser's ImportsOnly mode).
// A small lexer, not a parser of Go: resolution needs the imports and must not read whole files.

import { LineIndex } from '../text/position';
import type { FileSystem } from '../fsys/fsys';
import type { GoFileHeader, ImportSpec } from './types';
import { headerConstraints } from './constraints';
import { lexGo, type GoToken } from './golex';

/** The imports and constraints of a Go file's text. Never throws: problems are in `errors`. */
export function scanGoFile(text: string): GoFileHeader {
  return scanHead(text).header;
}

const FIRST_READ = 4096;

/** Reads only as much of a file as its head needs: 4 KiB, then 8, 16, … while the import section
 * runs past what was read. Undefined when the file cannot be read. */
export function scanGoFileHead(fs: FileSystem, path: string): GoFileHeader | undefined {
  for (let max = FIRST_READ; ; max *= 2) {
    const text = fs.readHead(path, max);
    if (text === undefined) return undefined;
    // readHead drops a multi-byte character cut at the limit, so "short" allows for 3 missing bytes.
    const whole = Buffer.byteLength(text, 'utf8') + 4 <= max;
    const r = scanHead(text);
    if (whole || !r.reachedEnd) return r.header;
  }
}

/** `reachedEnd`: the scan needed text past the end of `text` (a longer read could change it). */
export function scanHead(text: string): { header: GoFileHeader; reachedEnd: boolean } {
  const lines = new LineIndex(text);
  const constraints = headerConstraints(text);
  const header: GoFileHeader = { imports: [], plusBuild: constraints.plusBuild, usesCgo: false, errors: [] };
  if (constraints.goBuild !== undefined) header.goBuild = constraints.goBuild;
  if (constraints.multipleGoBuild !== undefined) {
    header.constraintError = 'multiple //go:build comments';
    header.errors.push({ range: lines.range(constraints.multipleGoBuild, constraints.multipleGoBuild), message: 'multiple //go:build comments' });
  }
  const lex = lexGo(text);
  const error = (tok: GoToken, message: string) => header.errors.push({ range: lines.range(tok.start, tok.end), message });
  const found = (tok: GoToken) => (tok.kind === 'eof' ? 'EOF' : tok.kind === ';' && tok.text === '\n' ? 'newline' : `'${tok.text}'`);

  let tok = lex.next();
  if (!(tok.kind === 'ident' && tok.text === 'package')) {
    error(tok, `expected 'package', found ${found(tok)}`);
    return { header, reachedEnd: lex.reachedEnd };
  }
  tok = lex.next();
  if (tok.kind !== 'ident') {
    error(tok, `expected package name, found ${found(tok)}`);
    return { header, reachedEnd: lex.reachedEnd };
  }
  if (tok.text === '_') error(tok, 'invalid package name _');
  header.packageName = tok.text;
  header.packageRange = lines.range(tok.start, tok.end);
  tok = lex.next();
  if (tok.kind !== ';' && tok.kind !== 'eof') {
    error(tok, `expected ';', found ${found(tok)}`);
    return { header, reachedEnd: lex.reachedEnd };
  }

  // One import spec: [name | .] "path". Returns the token after it.
  const spec = (t: GoToken): GoToken => {
    let name: string | undefined;
    if (t.kind === 'ident' || t.kind === '.') {
      name = t.text;
      t = lex.next();
    }
    if (t.kind !== 'string') {
      error(t, `missing import path; found ${found(t)}`);
      return t;
    }
    if (t.error) error(t, t.error);
    const imp: ImportSpec = { path: t.value ?? '', range: lines.range(t.start, t.end) };
    if (name !== undefined) imp.name = name;
    header.imports.push(imp);
    if (imp.path === 'C') header.usesCgo = true;
    return lex.next();
  };

  for (tok = lex.next(); tok.kind === ';'; tok = lex.next()); // stray semicolons
  while (tok.kind === 'ident' && tok.text === 'import') {
    tok = lex.next();
    if (tok.kind === '(') {
      tok = lex.next();
      while (tok.kind !== ')' && tok.kind !== 'eof') {
        if (tok.kind === ';') {
          tok = lex.next();
          continue;
        }
        const before = header.errors.length;
        tok = spec(tok);
        if (tok.kind !== ';' && tok.kind !== ')') {
          if (header.errors.length === before) error(tok, `expected ';', found ${found(tok)}`);
          // Skip to the end of this spec so the group's other imports are still read.
          while (tok.kind !== ';' && tok.kind !== ')' && tok.kind !== 'eof') tok = lex.next();
        }
      }
      if (tok.kind === 'eof') {
        error(tok, `expected ')', found EOF`);
        break;
      }
      tok = lex.next();
    } else {
      tok = spec(tok);
    }
    if (tok.kind !== ';' && tok.kind !== 'eof') {
      error(tok, `expected ';', found ${found(tok)}`);
      break;
    }
    while (tok.kind === ';') tok = lex.next();
  }
  // The declaration that ends the imports may itself be broken (an unterminated comment).
  if (tok.error) error(tok, tok.error);
  // go/build rejects the whole file at the first invalid path (readGoInfo) and lists none of its
  // imports; the invalid one is marked and the others kept, so that each still gets its verdict.
  for (const imp of header.imports) {
    if (isValidImportPath(imp.path)) continue;
    imp.invalid = `invalid import path: ${imp.path}`;
    header.errors.push({ range: imp.range, message: imp.invalid });
  }
  return { header, reachedEnd: lex.reachedEnd };
}

const ILLEGAL_IMPORT_CHARS = '!"#$%&\'()*,:;<=>?[\\]^{|}`\uFFFD';
const GRAPHIC = /^[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}]$/u;
const SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/;

/** go/build isValidImport: non-empty, graphic, no spaces, none of !"#$%&'()*,:;<=>?[\]^{|}` or U+FFFD. */
export function isValidImportPath(path: string): boolean {
  if (path === '') return false;
  for (const c of path) {
    if (!GRAPHIC.test(c) || SPACE.test(c) || ILLEGAL_IMPORT_CHARS.includes(c)) return false;
  }
  return true;
}
