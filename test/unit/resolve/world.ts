// A small world for import-resolution tests: files written into a hermetic temp dir, the engine's
// verdict (loadView + resolveImport) and the go command's (`go list -e -deps -json ./...` via
// goTruth) for the same import, side by side.

import * as fs from 'node:fs';
import * as path from 'node:path';
import assert from 'node:assert/strict';
import { hermeticGo, type HermeticGo } from '../../harness/goenv';
import { goTruth, importKey, type GoTruth } from '../../harness/golist';
import { loadGoEnv } from '../../../server/src/env/goenv';
import { DiskFileSystem } from '../../../server/src/fsys/fsys';
import { loadView, type LoadedView } from '../../../server/src/resolve/view';
import { resolveImport } from '../../../server/src/resolve/importer';
import type { Resolution } from '../../../server/src/resolve/types';
import type { GoEnv } from '../../../server/src/env/types';
import type { Code } from '../../../server/src/codes';

export class ResolveWorld {
  readonly go: HermeticGo;
  readonly root: string;
  readonly fs = new DiskFileSystem();

  constructor(opts: { proxy?: string; extra?: Record<string, string> } = {}) {
    this.go = hermeticGo(opts);
    this.root = path.join(this.go.root, 'w');
    fs.mkdirSync(this.root, { recursive: true });
  }

  p(rel: string): string {
    return rel === '' || rel === '.' ? this.root : path.join(this.root, ...rel.split('/'));
  }

  write(files: Record<string, string>): this {
    for (const [rel, text] of Object.entries(files)) {
      const f = this.p(rel);
      fs.mkdirSync(path.dirname(f), { recursive: true });
      fs.writeFileSync(f, text);
    }
    return this;
  }

  env(overrides: Record<string, string> = {}): Promise<GoEnv> {
    return loadGoEnv({ ...this.go.env, ...overrides });
  }

  async view(cwdRel: string, overrides: Record<string, string> = {}): Promise<LoadedView> {
    return loadView(this.p(cwdRel), await this.env(overrides), this.fs);
  }

  async resolve(cwdRel: string, pkgRel: string, importPath: string, overrides: Record<string, string> = {}): Promise<Resolution> {
    const view = await this.view(cwdRel, overrides);
    assert.deepEqual(view.errors, [], `unexpected view errors: ${JSON.stringify(view.errors.map((e) => e.message))}`);
    return resolveImport(view, importPath, { dir: this.p(pkgRel) }, this.fs);
  }

  truth(cwdRel: string, overrides: Record<string, string> = {}): Promise<GoTruth> {
    return goTruth(this.go, this.p(cwdRel), overrides);
  }

  /**
   * The engine's verdict for `importPath` imported by the package in pkgRel (go run in cwdRel)
   * must be `expect` ('ok' or a code), and go must agree on broken-or-not; when broken, go's Err
   * must contain `phrase` and so must the engine's message.
   */
  async check(cwdRel: string, pkgRel: string, importPath: string, expect: 'ok' | Code, phrase?: string, overrides: Record<string, string> = {}): Promise<Resolution> {
    const r = await this.resolve(cwdRel, pkgRel, importPath, overrides);
    const truth = await this.truth(cwdRel, overrides);
    assert.equal(truth.fatal, undefined, `go failed before loading packages: ${truth.fatal}`);
    const t = truth.imports.get(importKey(this.p(pkgRel), importPath));
    assert.ok(t, `go list did not report ${importPath} from ${pkgRel}; keys: ${[...truth.imports.keys()].map((k) => k.replace('\x00', ' → ')).join(', ')}`);
    if (expect === 'ok') {
      assert.ok(r.ok, `engine: ${r.ok ? '' : `${r.code}: ${r.message}`}`);
      assert.equal(t.broken, false, `go: ${t.err}`);
    } else {
      assert.ok(!r.ok, `engine resolved ${importPath} to ${r.ok ? r.dir : ''}`);
      assert.equal(r.code, expect, r.message);
      assert.equal(t.broken, true, `go resolved ${importPath}`);
      if (phrase) {
        assert.ok(t.err?.includes(phrase), `go's error lacks "${phrase}": ${t.err}`);
        assert.ok(r.message.includes(phrase), `engine message lacks "${phrase}": ${r.message}`);
      }
    }
    return r;
  }

  /** go's fatal stderr for a view-level failure (go list prints nothing on stdout). */
  async fatal(cwdRel: string, overrides: Record<string, string> = {}): Promise<string> {
    const r = await this.go.run(['list', '-e', '-deps', '-json', './...'], this.p(cwdRel), overrides);
    assert.notEqual(r.exitCode, 0, 'go list succeeded');
    return r.stderr;
  }

  dispose(): void {
    this.go.dispose();
  }
}

export const gomod = (p: string, go = '1.22', extra = '') => `module ${p}\n\ngo ${go}\n${extra ? '\n' + extra + '\n' : ''}`;
export const gofile = (pkg: string, ...imports: string[]) =>
  `package ${pkg}\n\n${imports.length ? `import (\n${imports.map((i) => `\t"${i}"\n`).join('')})\n` : ''}`;

// Imports are written bare (no `_`): goTruth finds an import by the quoted path at go's error position.

/** Runs `body` with a fresh world, always disposed. */
export async function withWorld(body: (w: ResolveWorld) => Promise<void>, opts: { proxy?: string; extra?: Record<string, string> } = {}): Promise<void> {
  const w = new ResolveWorld(opts);
  try {
    await body(w);
  } finally {
    w.dispose();
  }
}
