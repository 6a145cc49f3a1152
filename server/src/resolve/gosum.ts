// The checksums a view can rely on, as cmd/go/internal/modfetch keeps them: one "main" sum file
// (<root>/go.sum for a single module, <go.work>.sum in a workspace) plus, in a workspace, every
// workspace module's go.sum. Lookups and verification follow HaveSum and haveModSumLocked.

import * as path from 'node:path';
import type { SumFile, SumLine } from '../parse/ast';

/** The hash of an empty go.mod: an old go command wrote it for non-modules; go drops such lines. */
const EMPTY_GO_MOD_HASH = 'h1:G7mAYYxgmS0lVkHyy2hEOLQCFB0DlQFTMLWggykrydY=';

/** The tail go prints after a go.sum mismatch (modfetch goSumMismatch). */
const GO_SUM_MISMATCH = `

SECURITY ERROR
This download does NOT match an earlier download recorded in go.sum.
The bits may have been replaced on the origin server, or an attacker may
have intercepted the download attempt.

For more information, see 'go help module-auth'.
`;

export interface SumEntry {
  /** The sum file the line is in. */
  file: string;
  line: SumLine;
}

export type SumCheck =
  | { status: 'match'; entry: SumEntry }
  /** No line for this module (or only non-h1 ones): go would add one (with -mod=mod) or complain it is missing. */
  | { status: 'missing' }
  /** go's fatal "checksum mismatch" (base.Fatalf, so no "go: " prefix); `entry` is the recorded line that disagrees. */
  | { status: 'mismatch'; entry: SumEntry; recorded: string; message: string };

function key(modPath: string, version: string, goMod: boolean): string {
  return `${modPath} ${version}${goMod ? '/go.mod' : ''}`;
}

export class SumIndex {
  private readonly main: Map<string, SumEntry[]>;
  private readonly mainFile?: string;
  /** Every secondary file's lines of a key, in file order: one lookup, however many go.sum files
   * a workspace has (ten modules' go.sum files of 5,600 lines each were ten lookups per check). */
  private readonly others = new Map<string, SumEntry[]>();

  /**
   * `files` are all sum files of a view. The main one is go.work.sum when given, else, outside a
   * workspace, the single go.sum; in a workspace every module's go.sum is a secondary file.
   * Pass `workspace` when the caller knows the mode (a workspace may lack go.work.sum).
   */
  constructor(files: SumFile[], opts: { workspace?: boolean } = {}) {
    const workspace = opts.workspace ?? (files.length > 1 || files.some(isWorkSum));
    const main = workspace ? files.find(isWorkSum) : files[0];
    this.mainFile = main?.fileName;
    this.main = main ? indexLines(main) : new Map();
    for (const f of files) if (f !== main) indexLines(f, this.others);
  }

  /** modfetch.HaveSum: some sum file has an h1: hash for path@version (or its go.mod). */
  has(modPath: string, version: string, goMod: boolean): boolean {
    const k = key(modPath, version, goMod);
    return (this.main.get(k)?.some(isH1) ?? false) || (this.others.get(k)?.some(isH1) ?? false);
  }

  /** Every recorded hash for path@version (or its go.mod), main file first. */
  hashes(modPath: string, version: string, goMod: boolean): string[] {
    return this.entries(modPath, version, goMod).map((e) => e.line.hash);
  }

  /** The lines that record path@version (or its go.mod), main file first: evidence for diagnostics. */
  entries(modPath: string, version: string, goMod: boolean): SumEntry[] {
    const k = key(modPath, version, goMod);
    return [...(this.main.get(k) ?? []), ...(this.others.get(k) ?? [])];
  }

  /**
   * What the go command concludes when it has computed `actual` for path@version (the module
   * zip's ziphash, or the hash of the go.mod when goMod): modfetch.haveModSumLocked. In the main
   * file the first h1: line decides; then any secondary file's differing h1: line is fatal.
   */
  check(modPath: string, version: string, goMod: boolean, actual: string): SumCheck {
    const k = key(modPath, version, goMod);
    const v = goMod ? `${version}/go.mod` : version;
    for (const e of this.main.get(k) ?? []) {
      if (e.line.hash === actual) return { status: 'match', entry: e };
      if (e.line.hash.startsWith('h1:')) return this.mismatch(modPath, v, actual, e, path.basename(e.file) === 'go.work.sum' ? 'go.work.sum' : 'go.sum');
    }
    let match: SumEntry | undefined;
    for (const e of this.others.get(k) ?? []) {
      if (e.line.hash === actual) match ??= e;
      else if (e.line.hash.startsWith('h1:')) return this.mismatch(modPath, v, actual, e, e.file);
    }
    return match ? { status: 'match', entry: match } : { status: 'missing' };
  }

  /** The sum file go writes new lines to (go.sum, or go.work.sum in a workspace); undefined in a workspace without one. */
  get mainSumFile(): string | undefined {
    return this.mainFile;
  }

  private mismatch(modPath: string, v: string, actual: string, entry: SumEntry, label: string): SumCheck {
    const message = `verifying ${modPath}@${v}: checksum mismatch\n\tdownloaded: ${actual}\n\t${label}:     ${entry.line.hash}${GO_SUM_MISMATCH}`;
    return { status: 'mismatch', entry, recorded: entry.line.hash, message };
  }
}

function isWorkSum(f: SumFile): boolean {
  return path.basename(f.fileName) === 'go.work.sum';
}

const isH1 = (e: SumEntry) => e.line.hash.startsWith('h1:');

function indexLines(f: SumFile, m = new Map<string, SumEntry[]>()): Map<string, SumEntry[]> {
  for (const line of f.lines) {
    if (line.hash === EMPTY_GO_MOD_HASH) continue;
    const k = key(line.path, line.version, line.goMod);
    const list = m.get(k);
    if (list) list.push({ file: f.fileName, line });
    else m.set(k, [{ file: f.fileName, line }]);
  }
  return m;
}
