// The benchmark's generated workspace and hermetic go environment, shared by the CLI figures
// (bench.mjs) and the editor figures (bench-editor.mjs) so both measure the same tree.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';

export const MODULES = Number(process.env.BENCH_MODULES ?? 200);
export const FILES = Number(process.env.BENCH_FILES ?? 20000);
export const PACKAGES_PER_MODULE = 10;

export const modulePath = (m) => `example.com/bench/svc${m}`;

/** Writes MODULES modules under root, each importing the previous one, in a go.work. */
export function generate(root) {
  const filesPerPackage = Math.max(1, Math.round(FILES / (MODULES * PACKAGES_PER_MODULE)));
  const uses = [];
  let broken = 0;
  for (let m = 0; m < MODULES; m++) {
    const dir = path.join(root, `svc${m}`);
    const modPath = modulePath(m);
    uses.push(`./svc${m}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'go.mod'), `module ${modPath}\n\ngo 1.22\n`);
    for (let p = 0; p < PACKAGES_PER_MODULE; p++) {
      const pdir = path.join(dir, `pkg${p}`);
      fs.mkdirSync(pdir, { recursive: true });
      for (let f = 0; f < filesPerPackage; f++) {
        const imports = ['"fmt"', '"strings"'];
        if (p > 0) imports.push(`"${modPath}/pkg${p - 1}"`);
        if (m > 0 && p === 0) imports.push(`"${modulePath(m - 1)}/pkg${PACKAGES_PER_MODULE - 1}"`);
        // A few broken imports: a std typo and a module nobody requires.
        if (f === 0 && p === 3 && m % 20 === 0) (imports.push('"strngs"'), broken++);
        if (f === 0 && p === 5 && m % 25 === 0) (imports.push('"github.com/missing/dep"'), broken++);
        const body = `// Code generated for the benchmark. DO NOT EDIT.\n\npackage pkg${p}\n\nimport (\n${imports.map((i) => `\t_ ${i}`).join('\n')}\n)\n\n` +
          `// F${f} does nothing much.\nfunc F${f}() string {\n\treturn "${'x'.repeat(200)}"\n}\n`;
        fs.writeFileSync(path.join(pdir, `f${f}.go`), body);
      }
    }
  }
  fs.writeFileSync(path.join(root, 'go.work'), `go 1.22\n\nuse (\n${uses.map((u) => `\t${u}`).join('\n')}\n)\n`);
  return { files: MODULES * PACKAGES_PER_MODULE * filesPerPackage, broken, moduleDirs: uses };
}

/** An environment with its own HOME, GOPATH and GOCACHE under root, and no network. */
export function hermeticEnv(root) {
  const env = {
    PATH: process.env.PATH, HOME: path.join(root, 'home'), GOPATH: path.join(root, 'gopath'),
    GOMODCACHE: path.join(root, 'gopath', 'pkg', 'mod'), GOCACHE: path.join(root, 'gocache'),
    GOPROXY: 'off', GOSUMDB: 'off', GOTOOLCHAIN: 'local', GOFLAGS: '', CGO_ENABLED: '0',
  };
  for (const d of [env.HOME, env.GOPATH]) fs.mkdirSync(d, { recursive: true });
  return env;
}

/** Runs a command to completion; its wall time in ms and its result. */
export function timeRun(cmd, args, opts) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { ...opts, encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return { ms, r };
}

/** The value at fraction q of the sorted samples (nearest rank). */
export function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
