// One workspace folder: its analyses (debounced, cancellable), what they published, and the
// directories outside it that they read.

import * as path from 'node:path';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver/node';
import { FolderAnalyzer } from '../analyze/analyze';
import type { Analysis } from '../analyze/types';
import { innermost, isIgnoredDirName } from '../analyze/layout';
import type { FileSystem } from '../fsys/fsys';
import type { Environments } from './env';
import { pathToUri, toLspDiagnostic } from './convert';
import type { DiagnosticsStore } from './diagnostics';
import { Scheduler } from './scheduler';
import { FixTable } from './fix-table';
import type { FileChange } from '../fsys/cache';
import { isInsideExtractedModule } from '../resolve/modcache';
import { outsideRoots } from './watch';
import type { ResolutionMode, StatusParams } from './protocol';

/** Resolution waits this long after the last keystroke in an unsaved buffer (gopls waits 1 s; we
 * are cheaper). */
export const RESOLUTION_DELAY_MS = 200;
/** A change on disk that the client reports (a save) is analysed at once; a later change cancels
 * an analysis in flight. */
export const DISK_CHANGE_DELAY_MS = 0;
/** Changes closer together than this are a burst (a git checkout sent in several batches)… */
export const BURST_GAP_MS = 20;
/** …and so is one batch of more changes than this (the first batch of a checkout)… */
export const BURST_BATCH_SIZE = 50;
/** …which waits this long after its last change, so that it costs one analysis. */
export const BURST_DELAY_MS = 50;
/** chokidar reports one file per event, so its bursts are gathered for longer. */
export const CHOKIDAR_CHANGE_DELAY_MS = 100;
/** hasGoContent gives up (and says yes) after this many directories. */
const CONTENT_PROBE_DIRS = 5_000;

export interface FolderHost {
  fs: FileSystem;
  store: DiagnosticsStore;
  environments(): Promise<Environments>;
  restricted(): boolean;
  status(params: StatusParams): void;
  log(message: string): void;
  /** The folder's outside roots changed (watch them). */
  rootsChanged(): void;
  /** Whether a live watcher (the client's, or one of ours whose initial scan is done) reports
   * changes to p. */
  watches(p: string): boolean;
}

export class FolderState {
  readonly uri: string;
  analysis: Analysis | undefined;
  roots: string[] = [];
  private readonly scheduler: Scheduler;
  private readonly analyzer: FolderAnalyzer;
  /** When the last change not yet analysed reached this folder (bursts are told apart by it). */
  private lastChangeAt = -Infinity;
  /** GOROOTs and extracted module cache directories of the last analysis's environments: what is
   * read there does not change under a running server, so it is read once and kept. */
  private immutable: { goroots: string[]; modcaches: string[] } = { goroots: [], modcaches: [] };
  /** The fixes its diagnostics name. */
  readonly fixes = new FixTable();
  /** Each finished analysis resolves the waiters registered before it started. */
  private waiters: (() => void)[] = [];

  constructor(
    readonly dir: string,
    private readonly host: FolderHost,
  ) {
    this.uri = pathToUri(dir);
    this.scheduler = new Scheduler((signal) => this.run(signal), RESOLUTION_DELAY_MS, (e) => host.log(`analysis of ${dir} failed: ${(e as Error).stack ?? e}`));
    // Reads are kept where a live watcher reports changes (the folder and the outside roots it
    // watches) and in GOROOT; the module cache, GOPATH, and what a watcher still scanning covers
    // are checked again before each analysis.
    this.analyzer = new FolderAnalyzer(dir, host.fs, { keep: (p) => (this.dependsOn(p) && host.watches(p)) || this.isImmutable(p) });
  }

  /** Whether a path is this folder or inside it. */
  contains(p: string): boolean {
    return p === this.dir || p.startsWith(this.dir + path.sep);
  }

  /** Whether a change to this path can change this folder's verdicts. */
  dependsOn(p: string): boolean {
    return this.contains(p) || this.roots.some((r) => within(p, r));
  }

  /** A watcher became live: what was read before it was is checked once (a change made while it
   * scanned goes unreported), then trusted. */
  watchersChanged(): void {
    if (this.analyzer.keepChanged()) this.scheduler.schedule();
  }

  schedule(delayMs?: number): void {
    this.scheduler.schedule(delayMs);
  }

  /** Files changed: forget what they invalidate and analyse again after `delayMs`. */
  filesChanged(changes: readonly FileChange[], delayMs?: number): void {
    const mine = changes.filter((c) => this.dependsOn(c.path));
    if (mine.length === 0) return;
    this.analyzer.filesChanged(mine);
    const now = Date.now();
    const burst = now - this.lastChangeAt < BURST_GAP_MS || mine.length > BURST_BATCH_SIZE;
    this.lastChangeAt = now;
    this.scheduler.schedule(burst && delayMs !== undefined ? Math.max(delayMs, BURST_DELAY_MS) : delayMs);
  }

  /** Re-analyse from scratch now (after a go command, which may have changed anything, the module
   * cache included) and resolve when that analysis has been published. */
  refresh(): Promise<void> {
    this.analyzer.forget();
    const done = new Promise<void>((resolve) => this.waiters.push(resolve));
    this.scheduler.schedule(0);
    return done;
  }

  dispose(): void {
    this.scheduler.dispose();
    this.host.store.clearFolder(this.uri);
    for (const w of this.waiters.splice(0)) w();
  }

  private async run(signal: AbortSignal): Promise<void> {
    const waiters = this.waiters.splice(0);
    try {
      await this.analyze(signal);
    } finally {
      if (signal.aborted) this.waiters.push(...waiters);
      else for (const w of waiters) w();
    }
  }

  private async analyze(signal: AbortSignal): Promise<void> {
    const restricted = this.host.restricted();
    if (!hasGoContent(this.dir, this.host.fs)) {
      this.analysis = undefined;
      this.host.store.setFolder(this.uri, new Map(), (uri) => this.containsUri(uri));
      this.setRoots([]);
      this.host.status({ folderUri: this.uri, state: 'no-go-files', modules: [], restricted, diagnostics: 0 });
      return;
    }
    this.host.status({ folderUri: this.uri, state: 'analyzing', modules: this.modules(), restricted, diagnostics: 0 });
    const envs = await this.host.environments();
    if (signal.aborted) return;
    const started = Date.now();
    const present = [envs.editorEnv, envs.terminalEnv].filter((e) => e !== undefined);
    const immutable = { goroots: [...new Set(present.map((e) => e.goroot).filter(Boolean))], modcaches: [...new Set(present.map((e) => e.gomodcache).filter(Boolean))] };
    if (JSON.stringify(immutable) !== JSON.stringify(this.immutable)) {
      this.immutable = immutable;
      this.analyzer.keepChanged();
    }
    const analysis = await this.analyzer.analyze({ editorEnv: envs.editorEnv, terminalEnv: envs.terminalEnv, terminalEnvFor: envs.terminalEnvFor, signal });
    if (signal.aborted) return;
    // Every change is analysed (a newer one would have aborted this run): the next change starts
    // afresh, however soon it comes.
    this.lastChangeAt = -Infinity;
    this.analysis = analysis;
    this.fixes.begin();
    const files = new Map<string, LspDiagnostic[]>();
    for (const d of analysis.diagnostics) {
      const uri = pathToUri(d.file);
      let list = files.get(uri);
      if (!list) files.set(uri, (list = []));
      list.push(toLspDiagnostic(d, this.uri, (fix) => this.fixes.idOf(fix)));
    }
    this.host.store.setFolder(this.uri, files, (uri) => this.containsUri(uri));
    this.setRoots(outsideRoots(analysis));
    const { packages, kept } = this.analyzer.counts;
    this.host.log(`analysed ${this.dir}: ${packages} packages, ${analysis.diagnostics.length} diagnostics in ${Date.now() - started} ms (${packages - kept} resolved again)`);
    this.host.status({ folderUri: this.uri, state: 'ready', modules: this.modules(), restricted, diagnostics: analysis.diagnostics.length });
  }

  private isImmutable(p: string): boolean {
    return this.immutable.goroots.some((r) => within(p, r)) || this.immutable.modcaches.some((m) => isInsideExtractedModule(p, m));
  }

  private containsUri(uri: string): boolean {
    return uri === this.uri || uri.startsWith(this.uri + '/');
  }

  private setRoots(roots: string[]): void {
    if (roots.join('\0') === this.roots.join('\0')) return;
    this.roots = roots;
    this.analyzer.keepChanged();
    this.host.rootsChanged();
  }

  private modules(): StatusParams['modules'] {
    const a = this.analysis;
    if (!a) return [];
    const editorViews = a.views.filter((v) => v.role === 'editor');
    // A mismatch counts for the innermost module holding the file, as the status bar picks it.
    const dirs = editorViews.map((v) => v.moduleDir);
    const ownerOf = (file: string) => innermost(dirs, file, (d) => d);
    const mismatches = new Map<string, { imports: number; inputs: Set<string> }>();
    const broken = new Map<string, number>();
    for (const d of a.diagnostics) {
      if (d.severity === 'error' && d.importPath !== undefined) {
        const at = ownerOf(d.file);
        if (at !== undefined) broken.set(at, (broken.get(at) ?? 0) + 1);
      }
      const owner = d.code === 'editor-terminal-mismatch' ? ownerOf(d.file) : undefined;
      if (owner === undefined) continue;
      let m = mismatches.get(owner);
      if (!m) mismatches.set(owner, (m = { imports: 0, inputs: new Set() }));
      m.imports++;
      for (const b of d.blame?.blamed ?? []) m.inputs.add(b.name);
    }
    return editorViews.map(({ moduleDir, view }) => {
      const mode: ResolutionMode = view.buildMod === 'vendor' ? 'vendor' : view.kind;
      const m = mismatches.get(moduleDir);
      const b = broken.get(moduleDir);
      return { dir: moduleDir, mode, goWork: view.goWork?.file, mismatch: m !== undefined, ...(m ? { mismatchInputs: [...m.inputs], mismatchImports: m.imports } : {}), ...(b ? { broken: b } : {}) };
    });
  }
}

/** Whether a folder holds any go.mod, go.work or .go file: a folder without them costs one walk
 * that stops at the first hit. */
export function hasGoContent(dir: string, fs: FileSystem): boolean {
  const queue = [dir];
  for (let seen = 0; queue.length > 0; seen++) {
    if (seen >= CONTENT_PROBE_DIRS) return true;
    const d = queue.shift()!;
    for (const e of fs.readDir(d) ?? []) {
      if (!e.isDir && (e.name === 'go.mod' || e.name === 'go.work' || e.name.endsWith('.go'))) return true;
      if (e.isDir && !isIgnoredDirName(e.name)) queue.push(path.join(d, e.name));
    }
  }
  return false;
}

function within(p: string, dir: string): boolean {
  return p === dir || p.startsWith(dir + path.sep);
}
