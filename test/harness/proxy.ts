// A file:// module proxy built from readable fixture trees, so tests download modules the way
// the go command really does — verified zips, .info, .mod, go.sum — without any network.
//
// Fixture modules live at <modulesRoot>/<module path>@<version>/ as ordinary Go trees.

import { parseJsonStream } from '../../server/src/gocmd/json-stream';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { zipStore, type ZipEntry } from './zip';
import type { HermeticGo } from './goenv';

export interface FixtureModule {
  path: string;
  version: string;
  /** The tree's directory under modulesRoot. */
  dir: string;
}

/** x/mod module.EscapePath / EscapeVersion: each upper-case letter becomes "!" + lower case. */
export function escapeModulePath(p: string): string {
  return p.replace(/[A-Z]/g, (c) => '!' + c.toLowerCase());
}

/** Every <module path>@<version> directory under modulesRoot. */
export function listFixtureModules(modulesRoot: string): FixtureModule[] {
  const out: FixtureModule[] = [];
  const walk = (dir: string) => {
    for (const ent of fs.readdirSync(dir, { withFileTypes: true })) {
      if (!ent.isDirectory()) continue;
      const full = path.join(dir, ent.name);
      const at = ent.name.lastIndexOf('@');
      if (at > 0) {
        const rel = path.relative(modulesRoot, full).split(path.sep).join('/');
        const relAt = rel.lastIndexOf('@');
        out.push({ path: rel.slice(0, relAt), version: rel.slice(relAt + 1), dir: full });
      } else {
        walk(full);
      }
    }
  };
  if (fs.existsSync(modulesRoot)) walk(modulesRoot);
  return out.sort((a, b) => (a.path + '@' + a.version).localeCompare(b.path + '@' + b.version));
}

/** The files a module zip holds: everything but nested modules and VCS directories. */
function moduleFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, rel: string) => {
    for (const ent of fs.readdirSync(dir, { withFileTypes: true })) {
      const r = rel ? `${rel}/${ent.name}` : ent.name;
      const full = path.join(dir, ent.name);
      if (ent.isDirectory()) {
        if (ent.name === '.git' || ent.name === '.hg') continue;
        if (fs.existsSync(path.join(full, 'go.mod'))) continue; // another module
        walk(full, r);
      } else if (ent.isFile()) {
        out.push(r);
      }
    }
  };
  walk(root, '');
  return out.sort();
}

/** Writes the GOPROXY layout for every fixture module; returns the file:// URL to use. */
export function buildFileProxy(modulesRoot: string, outDir: string): string {
  const byPath = new Map<string, FixtureModule[]>();
  for (const m of listFixtureModules(modulesRoot)) {
    const list = byPath.get(m.path) ?? [];
    list.push(m);
    byPath.set(m.path, list);
  }
  for (const [modPath, versions] of byPath) {
    const vdir = path.join(outDir, ...escapeModulePath(modPath).split('/'), '@v');
    fs.mkdirSync(vdir, { recursive: true });
    fs.writeFileSync(path.join(vdir, 'list'), versions.map((m) => m.version).join('\n') + '\n');
    for (const m of versions) {
      const v = escapeModulePath(m.version);
      const goMod = path.join(m.dir, 'go.mod');
      // A module without go.mod gets the synthesized one, as the go command does (LegacyGoMod).
      const modText = fs.existsSync(goMod) ? fs.readFileSync(goMod) : Buffer.from(`module ${m.path}\n`);
      fs.writeFileSync(path.join(vdir, `${v}.mod`), modText);
      fs.writeFileSync(path.join(vdir, `${v}.info`), JSON.stringify({ Version: m.version, Time: '2024-01-01T00:00:00Z' }) + '\n');
      const entries: ZipEntry[] = moduleFiles(m.dir).map((rel) => ({
        name: `${m.path}@${m.version}/${rel}`,
        data: fs.readFileSync(path.join(m.dir, ...rel.split('/'))),
      }));
      fs.writeFileSync(path.join(vdir, `${v}.zip`), zipStore(entries));
    }
  }
  return pathToFileURL(outDir).href;
}

/** What `go mod download -json` reports for one module. */
export interface DownloadedModule {
  Path: string;
  Version: string;
  Error?: string;
  Info?: string;
  GoMod?: string;
  Zip?: string;
  Dir?: string;
  Sum?: string;
  GoModSum?: string;
}

export { parseJsonStream };

/** Downloads `modules` ("path@version") from the proxy into the hermetic module cache. */
export async function seedModuleCache(go: HermeticGo, proxyUrl: string, modules: string[]): Promise<DownloadedModule[]> {
  if (modules.length === 0) return [];
  const r = await go.run(['mod', 'download', '-json', ...modules], go.root, { GOPROXY: proxyUrl, GOFLAGS: '-mod=mod', GOWORK: 'off' });
  const downloaded = parseJsonStream<DownloadedModule>(r.stdout);
  const failed = downloaded.filter((d) => d.Error);
  if (r.exitCode !== 0 || failed.length > 0) {
    throw new Error(`seeding the module cache failed: ${failed.map((d) => d.Error).join('; ')}\n${r.stderr}`);
  }
  return downloaded;
}
