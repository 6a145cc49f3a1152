// More generated trees for `npm run bench` (bench.mjs), beside the 200-module workspace of
// bench-workspace.mjs:
//  - sumHeavy: 10 modules in a go.work, each requiring 140 of 1,400 cached dependency modules
//    and importing a package of each, each with a 5,600-line go.sum (the shape of a real
//    repository that took 4.0 s against go list's 1.4 s). The dependencies are written straight
//    into the module cache (extracted tree, .mod, .info, .ziphash) with their real h1: hashes, so
//    go list -mod=readonly accepts them offline.
//  - manyRequires: one module whose go.mod requires 100,000 modules, none of them cached.
//  - manyUses: a go.work of 10,000 use lines, half of them naming a directory without go.mod.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';

export const SUM_MODULES = Number(process.env.BENCH_SUM_MODULES ?? 10);
export const SUM_POOL = Number(process.env.BENCH_SUM_POOL ?? 1400);
export const SUM_DIRECT = Number(process.env.BENCH_SUM_DIRECT ?? 140);
export const MANY_REQUIRES = Number(process.env.BENCH_REQUIRES ?? 100000);
export const MANY_USES = Number(process.env.BENCH_USES ?? 10000);

const VERSIONS = ['v1.0.0', 'v1.1.0'];
const depPath = (i) => `example.com/dep/d${i}`;

/** dirhash.Hash1 over named contents (x/mod/sumdb/dirhash). */
function hash1(files) {
  const sorted = [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const h = createHash('sha256');
  for (const f of sorted) h.update(`${createHash('sha256').update(f.data).digest('hex')}  ${f.name}\n`);
  return 'h1:' + h.digest('base64');
}

function write(file, text) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

/** Writes path@version into the module cache; returns its go.sum lines. */
function cacheModule(gomodcache, modPath, version, goMod, files) {
  const dir = path.join(gomodcache, `${modPath}@${version}`);
  const dl = path.join(gomodcache, 'cache', 'download', modPath, '@v');
  const all = { 'go.mod': goMod, ...files };
  for (const [name, text] of Object.entries(all)) write(path.join(dir, name), text);
  const zipHash = hash1(Object.entries(all).map(([name, text]) => ({ name: `${modPath}@${version}/${name}`, data: Buffer.from(text) })));
  const modHash = hash1([{ name: 'go.mod', data: Buffer.from(goMod) }]);
  write(path.join(dl, `${version}.mod`), goMod);
  write(path.join(dl, `${version}.info`), JSON.stringify({ Version: version, Time: '2024-01-01T00:00:00Z' }) + '\n');
  write(path.join(dl, `${version}.ziphash`), zipHash);
  return [`${modPath} ${version} ${zipHash}`, `${modPath} ${version}/go.mod ${modHash}`];
}

/** The go.sum-heavy workspace under root, its dependencies in gomodcache. */
export function generateSumHeavy(root, gomodcache) {
  const sumLines = [];
  for (let i = 0; i < SUM_POOL; i++) {
    for (const v of VERSIONS) {
      // v1.1.0 requires two neighbours at v1.0.0: a graph with edges, below what any root requires.
      const reqs = v === 'v1.1.0' ? [depPath((i + 1) % SUM_POOL), depPath((i + 7) % SUM_POOL)].filter((p) => p !== depPath(i)) : [];
      const goMod = `module ${depPath(i)}\n\ngo 1.22\n` + (reqs.length ? `\nrequire (\n${reqs.map((p) => `\t${p} v1.0.0\n`).join('')})\n` : '');
      sumLines.push(...cacheModule(gomodcache, depPath(i), v, goMod, { [`d${i}.go`]: `package d${i}\n\nimport "strings"\n\nfunc F() string { return strings.ToUpper("d${i}") }\n` }));
    }
  }
  sumLines.sort();
  const moduleDirs = [];
  for (let m = 0; m < SUM_MODULES; m++) {
    const dir = path.join(root, `mod${m}`);
    moduleDirs.push(`./mod${m}`);
    const direct = Array.from({ length: SUM_DIRECT }, (_, k) => (m * 97 + k * 10) % SUM_POOL);
    write(path.join(dir, 'go.mod'), `module example.com/heavy/mod${m}\n\ngo 1.22\n\nrequire (\n${direct.map((i) => `\t${depPath(i)} v1.1.0\n`).join('')})\n`);
    write(path.join(dir, 'go.sum'), sumLines.join('\n') + '\n');
    // Ten packages, each importing a tenth of the direct dependencies.
    for (let p = 0; p < 10; p++) {
      const imports = direct.filter((_, k) => k % 10 === p).map((i) => `\t_ "${depPath(i)}"`);
      for (let f = 0; f < 5; f++) write(path.join(dir, `pkg${p}`, `f${f}.go`), `package pkg${p}\n\nimport (\n\t"fmt"\n${imports.join('\n')}\n)\n\nvar _ = fmt.Sprint\n`);
    }
  }
  write(path.join(root, 'go.work'), `go 1.22\n\nuse (\n${moduleDirs.map((d) => `\t${d}\n`).join('')})\n`);
  return { moduleDirs, sumLines: sumLines.length };
}

/** One module requiring MANY_REQUIRES modules nobody downloaded. */
export function generateManyRequires(root) {
  const reqs = Array.from({ length: MANY_REQUIRES }, (_, i) => `\texample.com/req/r${i} v1.0.${i % 10}\n`).join('');
  write(path.join(root, 'go.mod'), `module example.com/many\n\ngo 1.22\n\nrequire (\n${reqs})\n`);
  write(path.join(root, 'main.go'), `package main\n\nimport _ "example.com/req/r1"\n\nfunc main() {}\n`);
}

/** A go.work of MANY_USES use lines; the odd ones name directories that hold no go.mod. */
export function generateManyUses(root) {
  const uses = [];
  for (let i = 0; i < MANY_USES; i++) {
    uses.push(`\t./m${i}\n`);
    if (i % 2) continue;
    write(path.join(root, `m${i}`, 'go.mod'), `module example.com/uses/m${i}\n\ngo 1.22\n`);
    write(path.join(root, `m${i}`, 'm.go'), `package m${i}\n\nimport _ "fmt"\n`);
  }
  write(path.join(root, 'go.work'), `go 1.22\n\nuse (\n${uses.join('')})\n`);
}
