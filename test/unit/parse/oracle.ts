// The go command as the oracle for the parsers: `go mod edit -json` / `go work edit -json` of a
// file, in the semantic shape those commands print, and go's parse errors as `line[:col]: msg`.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import type { HermeticGo } from '../../harness/goenv';
import type { ModFile, WorkFile } from '../../../server/src/parse/ast';
import { goErrorLines } from '../../../server/src/parse/errors';
import { decodeGoBytes, encodeGoText } from '../../../server/src/text/utf8';

export const repoRoot = path.resolve(__dirname, '../../../..');
export const fixturesDir = path.join(repoRoot, 'test/fixtures/parse');

export interface GoVerdict {
  json?: Record<string, unknown>;
  /** go's errors as `line[:col]: message`, file name stripped. */
  errors: string[];
}

/** Runs `go <kind> edit -json` on `text` written as go.mod or go.work in a fresh directory. */
export async function goEditJson(go: HermeticGo, kind: 'mod' | 'work', text: string): Promise<GoVerdict & { file: string }> {
  const dir = fs.mkdtempSync(path.join(go.root, 'edit-'));
  const file = path.join(dir, kind === 'mod' ? 'go.mod' : 'go.work');
  fs.writeFileSync(file, encodeGoText(text));
  const r = await go.run([kind, 'edit', '-json'], dir, kind === 'work' ? { GOWORK: file } : {});
  if (r.exitCode === 0) return { file, json: JSON.parse(r.stdout) as Record<string, unknown>, errors: [] };
  return { file, errors: splitGoErrors(r.stderr, file) };
}

/** `go: errors parsing go.mod:\n<file>:<line>[:<col>]: <msg>...` → [`line[:col]: msg`]. go
 * names a go.mod by its full path and a go.work by its short one; messages may span lines. */
export function splitGoErrors(stderr: string, file: string): string[] {
  const body = stderr
    .split('\n')
    .filter((l) => !/^(go: )?errors parsing [^:]*:$/.test(l))
    .join('\n')
    .replace(/\n$/, '');
  const names = [file, path.basename(file)].map(escapeRe).join('|');
  return body.split(new RegExp(`(?:^|\\n)(?:${names}):(?=\\d)`)).filter((p) => p !== '');
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Our errors in go's notation (`line[:col]: msg`). */
export const ourErrors = goErrorLines;

const mv = (m: { path: string; version?: string }) => (m.version ? { Path: m.path, Version: m.version } : { Path: m.path });
const list = <T>(xs: T[]) => (xs.length ? xs : null);

/** A ModFile in the shape of `go mod edit -json` (cmd/go/internal/modcmd/edit.go's fileJSON). */
export function modJson(m: ModFile): Record<string, unknown> {
  const out: Record<string, unknown> = {
    Module: { Path: m.module?.path ?? '' , ...(m.module?.deprecated ? { Deprecated: m.module.deprecated } : {}) },
    Go: m.go?.version,
    Toolchain: m.toolchain?.name,
    Godebug: list(m.godebug.map((g) => ({ Key: g.key, Value: g.value }))),
    Require: list(m.require.map((r) => ({ Path: r.path, Version: r.version, ...(r.indirect ? { Indirect: true } : {}) }))),
    Exclude: list(m.exclude.map((e) => ({ Path: e.path, Version: e.version }))),
    Replace: list(m.replace.map((r) => ({ Old: mv(r.old), New: mv(r.new) }))),
    Retract: list(m.retract.map((r) => ({ ...(r.low ? { Low: r.low } : {}), ...(r.high ? { High: r.high } : {}), ...(r.rationale ? { Rationale: r.rationale } : {}) }))),
    Tool: list(m.tool.map((t) => ({ Path: t.path }))),
    Ignore: list(m.ignore.map((t) => ({ Path: t.path }))),
  };
  return normalizeJson(out);
}

/** A WorkFile in the shape of `go work edit -json`, which has no Toolchain or Godebug. */
export function workJson(w: WorkFile): Record<string, unknown> {
  return normalizeJson({
    Go: w.go?.version,
    Use: list(w.use.map((u) => ({ DiskPath: u.path }))),
    Replace: list(w.replace.map((r) => ({ Old: mv(r.old), New: mv(r.new) }))),
  });
}

/** Drops empty fields and unifies go's `GoDebug`/`Godebug` spelling, so shapes compare; strings
 * read as encoding/json writes them, each byte that is not UTF-8 (an escaped one in our text,
 * text/utf8.ts) as U+FFFD. */
export function normalizeJson(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === null || v === undefined || v === '') continue;
    const key = k === 'GoDebug' ? 'Godebug' : k;
    out[key] = wellFormed(v);
  }
  return out;
}

function wellFormed(v: unknown): unknown {
  if (typeof v === 'string') return v.replace(/\p{Cs}/gu, '\ufffd');
  if (Array.isArray(v)) return v.map(wellFormed);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, wellFormed(x)]));
  return v;
}

/** Runs `go <kind> edit <flags>` on `text` and returns the edited file's text. */
export async function goEditFlags(go: HermeticGo, kind: 'mod' | 'work', text: string, flags: string[]): Promise<string> {
  const dir = fs.mkdtempSync(path.join(go.root, 'flags-'));
  const file = path.join(dir, kind === 'mod' ? 'go.mod' : 'go.work');
  fs.writeFileSync(file, text);
  const r = await go.run([kind, 'edit', ...flags], dir, kind === 'work' ? { GOWORK: file } : {});
  if (r.exitCode !== 0) throw new Error(`go ${kind} edit ${flags.join(' ')}: ${r.stderr}`);
  return fs.readFileSync(file, 'utf8');
}

/** x/mod's modfile as the installed go vendors it, built into a program that answers for many
 * files in one process (./modfile-oracle/main.go): what `go mod edit -json` / `go work edit -json`
 * would say of each, without a go process per file. `modfix` parses a go.mod with the go
 * command's version fixer (GOPROXY=off), as go build reads a main go.mod; `modlax` with
 * modfile.ParseLax, as go reads a dependency's go.mod. */
export type OracleKind = 'mod' | 'modfix' | 'modlax' | 'work';

export interface ModfileOracle {
  verdicts(files: { kind: OracleKind; data: Buffer }[]): Promise<GoVerdict[]>;
}

const VENDORED_MOD = ['modfile', 'module', 'semver', 'internal/lazyregexp'];

/** Copies $GOROOT/src/cmd/vendor/golang.org/x/mod's modfile and what it imports into a module
 * golang.org/x/mod under go.root (so imports resolve unchanged), adds our main, and builds it. */
export async function buildModfileOracle(go: HermeticGo): Promise<ModfileOracle> {
  const goroot = (await go.run(['env', 'GOROOT'], go.root)).stdout.trim();
  const vendored = path.join(goroot, 'src/cmd/vendor/golang.org/x/mod');
  const dir = fs.mkdtempSync(path.join(go.root, 'modfile-oracle-'));
  for (const pkg of VENDORED_MOD) fs.cpSync(path.join(vendored, pkg), path.join(dir, pkg), { recursive: true });
  // The language version cmd builds the vendored code with.
  const goLine = /^go \S+$/m.exec(fs.readFileSync(path.join(goroot, 'src/cmd/go.mod'), 'utf8'))?.[0] ?? '';
  fs.writeFileSync(path.join(dir, 'go.mod'), `module golang.org/x/mod\n\n${goLine}\n`);
  fs.mkdirSync(path.join(dir, 'oracle'));
  fs.copyFileSync(path.join(repoRoot, 'test/unit/parse/modfile-oracle/main.go'), path.join(dir, 'oracle/main.go'));
  const exe = path.join(dir, 'oracle.bin');
  const r = await go.run(['build', '-o', exe, './oracle'], dir, { GOFLAGS: '-mod=mod' });
  if (r.exitCode !== 0) throw new Error(`building the modfile oracle: ${r.stderr}`);
  return { verdicts: (files) => askOracle(exe, files) };
}

function askOracle(exe: string, files: { kind: OracleKind; data: Buffer }[]): Promise<GoVerdict[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(exe, [], { stdio: ['pipe', 'pipe', 'inherit'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`modfile oracle exited with ${code}`));
      const lines = Buffer.concat(chunks).toString('utf8').split('\n').filter((l) => l !== '');
      if (lines.length !== files.length) return reject(new Error(`modfile oracle answered ${lines.length} of ${files.length}`));
      resolve(
        lines.map((l, i) => {
          const a = JSON.parse(l) as { error: string | null; json: Record<string, unknown> | null };
          // The error comes as its bytes (base64), so bytes that are not UTF-8 survive.
          if (a.error !== null) return { errors: splitGoErrors(decodeGoBytes(Buffer.from(a.error, 'base64')), files[i]!.kind === 'work' ? 'go.work' : 'go.mod') };
          return { json: a.json!, errors: [] };
        }),
      );
    });
    for (const f of files) child.stdin.write(JSON.stringify({ Kind: f.kind, Data: f.data.toString('base64') }) + '\n');
    child.stdin.end();
  });
}
