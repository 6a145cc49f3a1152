// A small world for module-graph tests: fixture modules served by a file:// proxy, downloaded
// into a hermetic module cache by the real go command, main modules in a temp dir, and both
// answers side by side: `go list -m -json all` (the truth) and computeBuildList (the engine).

import * as fs from 'node:fs';
import * as path from 'node:path';
import { hermeticGo, type HermeticGo } from '../../harness/goenv';
import { buildFileProxy, parseJsonStream, seedModuleCache } from '../../harness/proxy';
import { parseGoMod, parseGoSum, parseGoWork } from '../../../server/src/parse';
import { DiskFileSystem } from '../../../server/src/fsys/fsys';
import { SumIndex } from '../../../server/src/resolve/gosum';
import { computeBuildList, type BuildListResult, type Pruning } from '../../../server/src/resolve/buildlist';
import { compareGoVersion } from '../../../server/src/module/gover';
import { unescapeModulePath, unescapeVersion } from '../../../server/src/module/path';
import { hashGoModText } from '../../../server/src/resolve/modcache';
import type { GoEnv } from '../../../server/src/env/types';
import type { MainModule } from '../../../server/src/resolve/types';
import type { SumFile } from '../../../server/src/parse/ast';

export interface ListedModule {
  Path: string;
  Version?: string;
  Main?: boolean;
  Dir?: string;
  GoMod?: string;
  Replace?: { Path: string; Version?: string; Dir?: string };
  Error?: { Err: string };
}

export class GraphWorld {
  readonly go: HermeticGo;
  readonly modulesRoot: string;
  readonly work: string;
  private proxyUrl = '';

  constructor() {
    this.go = hermeticGo();
    this.modulesRoot = path.join(this.go.root, 'fixture-modules');
    this.work = path.join(this.go.root, 'work');
    fs.mkdirSync(this.work, { recursive: true });
  }

  /** A module version for the proxy: its go.mod text and a package with one file. */
  addModule(modPath: string, version: string, goMod: string): void {
    const dir = path.join(this.modulesRoot, ...`${modPath}@${version}`.split('/'));
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'go.mod'), goMod);
    const name = modPath.split('/').pop()!.replace(/[^a-z0-9]/g, '') || 'p';
    fs.writeFileSync(path.join(dir, `${name}.go`), `package ${name}\n`);
  }

  /** Writes files (relative to the work dir). */
  write(files: Record<string, string>): void {
    for (const [rel, text] of Object.entries(files)) {
      const p = path.join(this.work, ...rel.split('/'));
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.writeFileSync(p, text);
    }
  }

  /** Serves every added module and downloads them all into the hermetic cache. */
  async seed(): Promise<void> {
    this.proxyUrl = buildFileProxy(this.modulesRoot, path.join(this.go.root, 'proxy'));
    const all: string[] = [];
    const walk = (dir: string) => {
      for (const ent of fs.readdirSync(dir, { withFileTypes: true })) {
        if (!ent.isDirectory()) continue;
        const full = path.join(dir, ent.name);
        if (ent.name.includes('@')) all.push(path.relative(this.modulesRoot, full).split(path.sep).join('/'));
        else walk(full);
      }
    };
    walk(this.modulesRoot);
    await seedModuleCache(this.go, this.proxyUrl, all);
  }

  /** Writes work/rel/go.sum with a line for every module in the cache (its .mod hash and its
   * .ziphash), as `go mod download` would, without letting go touch go.mod (with -mod=mod it
   * raises the go line to the highest go line of the graph). */
  writeSums(rel: string): void {
    const lines: string[] = [];
    const walk = (dir: string) => {
      for (const ent of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, ent.name);
        if (ent.isDirectory()) {
          if (ent.name !== 'sumdb') walk(full);
          continue;
        }
        const m = /^(.*)\.(mod|ziphash)$/.exec(ent.name);
        if (!m || path.basename(dir) !== '@v') continue;
        const modPath = unescapeModulePath(path.relative(this.cacheDownload, path.dirname(dir)).split(path.sep).join('/'));
        const version = unescapeVersion(m[1]);
        if (!modPath || !version) continue;
        if (m[2] === 'mod') lines.push(`${modPath} ${version}/go.mod ${hashGoModText(fs.readFileSync(full))}`);
        else lines.push(`${modPath} ${version} ${fs.readFileSync(full, 'utf8').trim()}`);
      }
    };
    walk(this.cacheDownload);
    fs.writeFileSync(path.join(this.work, rel, 'go.sum'), lines.sort().join('\n') + '\n');
  }

  /** Lets go bring go.mod up to date (-mod=mod: roots at their selected versions, go line at the
   * graph's highest), so the readonly `go list -m all` truth does not stop at "updates to go.mod
   * needed" (a view error, not a graph one). Uses the cache only (GOPROXY=off). */
  async tidyRoots(rel: string): Promise<void> {
    const r = await this.go.run(['list', '-m', 'all'], path.join(this.work, rel), { GOFLAGS: '-mod=mod', GOWORK: 'off' });
    if (r.exitCode !== 0) throw new Error(`go list -m all -mod=mod failed in ${rel}:\n${r.stderr}`);
  }

  get cacheDownload(): string {
    return path.join(this.go.env.GOMODCACHE, 'cache', 'download');
  }

  /** `go list -m -json all` in work/rel: the truth, keyed by module path. */
  async goList(rel: string, env: Record<string, string> = {}): Promise<{ modules: Map<string, ListedModule>; exitCode: number; stderr: string }> {
    const r = await this.go.run(['list', '-m', '-json', 'all'], path.join(this.work, rel), env);
    const modules = new Map<string, ListedModule>();
    for (const m of parseJsonStream<ListedModule>(r.stdout)) modules.set(m.Path, m);
    return { modules, exitCode: r.exitCode ?? -1, stderr: r.stderr };
  }

  async env(): Promise<GoEnv> {
    const version = (await this.go.run(['env', 'GOVERSION'], this.work)).stdout.trim().replace(/^go/, '');
    const e = this.go.env;
    return {
      processEnv: e,
      vars: e,
      goVersion: version,
      source: 'computed',
      goroot: '/usr/local/go',
      gopath: [e.GOPATH],
      gomodcache: e.GOMODCACHE,
      go111module: '',
      gowork: '',
      flags: { tags: [], raw: [] },
      goos: 'linux',
      goarch: 'amd64',
      cgoEnabled: false,
      gotoolchain: e.GOTOOLCHAIN,
      goproxy: e.GOPROXY,
      goprivate: '',
      gonosumdb: '',
      gonoproxy: '',
      gosumdb: e.GOSUMDB,
    };
  }

  private mainModule(dir: string): { main: MainModule; sum?: SumFile } {
    const file = path.join(dir, 'go.mod');
    const modFile = parseGoMod(fs.readFileSync(file, 'utf8'), file, { lax: false });
    const sumPath = path.join(dir, 'go.sum');
    const sum = fs.existsSync(sumPath) ? parseGoSum(fs.readFileSync(sumPath, 'utf8'), sumPath) : undefined;
    return { main: { dir, path: modFile.module?.path ?? '', modFile, sum }, sum };
  }

  /** The engine's build list for the single module at work/rel. */
  async engineModule(rel: string, opts: { mustHaveSums?: boolean; env?: Partial<GoEnv> } = {}): Promise<BuildListResult> {
    const { main, sum } = this.mainModule(path.join(this.work, rel));
    const goVersion = main.modFile.go?.version ?? '1.16';
    const pruning: Pruning = compareGoVersion(goVersion, '1.17') >= 0 ? 'pruned' : 'unpruned';
    return computeBuildList({
      mainModules: [main],
      env: { ...(await this.env()), ...opts.env },
      fs: new DiskFileSystem(),
      sums: new SumIndex(sum ? [sum] : []),
      mustHaveSums: opts.mustHaveSums ?? true,
      pruning,
    });
  }

  /** The engine's build list for the go.work at work/rel/go.work. */
  async engineWorkspace(rel: string): Promise<BuildListResult> {
    const workFile = path.join(this.work, rel, 'go.work');
    const work = parseGoWork(fs.readFileSync(workFile, 'utf8'), workFile);
    const mains = work.use.map((u) => this.mainModule(path.resolve(path.dirname(workFile), u.path)));
    const sums: SumFile[] = mains.flatMap((m) => (m.sum ? [m.sum] : []));
    const workSum = workFile + '.sum';
    if (fs.existsSync(workSum)) sums.push(parseGoSum(fs.readFileSync(workSum, 'utf8'), workSum));
    return computeBuildList({
      mainModules: mains.map((m) => m.main),
      work: { file: workFile, work },
      env: await this.env(),
      fs: new DiskFileSystem(),
      sums: new SumIndex(sums, { workspace: true }),
      mustHaveSums: false,
      pruning: 'workspace',
    });
  }

  dispose(): void {
    // A go process may still be writing into its caches for a moment (ENOTEMPTY): retry briefly.
    for (let attempt = 0; ; attempt++) {
      try {
        this.go.dispose();
        return;
      } catch (e) {
        if (attempt >= 5) throw e;
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
      }
    }
  }
}

/** path → version (main modules as '') of go's answer. */
export function goVersions(modules: Map<string, ListedModule>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of modules.values()) out[m.Path] = m.Main ? '' : m.Version ?? '';
  return out;
}

/** path → version of the engine's answer. */
export function engineVersions(r: BuildListResult): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of r.buildList.values()) out[e.path] = e.version;
  return out;
}
