// loadGoEnv against the real `go env -json`, and the offline computeGoEnv against loadGoEnv,
// for environments that change what go reports.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { HermeticGo } from '../../harness/goenv';
import { quietGo as hermeticGo } from './quiet-go';
import { runGo } from '../../../server/src/gocmd/run';
import { buildContextOf, clearGoEnvCache, computeGoEnv, findOnPath, goVersionOf, loadGoEnv, sdkDirs } from '../../../server/src/env/goenv';
import { matchTag } from '../../../server/src/scan/constraints';
import type { GoEnv } from '../../../server/src/env/types';

/** What `go env -json` says in env, run in a directory with no go.mod or go.work; GOTOOLCHAIN
 * is left as set (no go.mod asks for another toolchain there, and GOPROXY is off). */
async function goEnvTruth(go: HermeticGo, env: Record<string, string>): Promise<Record<string, string>> {
  const cwd = path.join(go.root, 'tmp');
  const r = await runGo(['env', '-json'], { cwd, env, allowToolchainSwitch: true });
  assert.equal(r.exitCode, 0, r.stderr);
  return JSON.parse(r.stdout) as Record<string, string>;
}

/** Environment variants over the hermetic one; each may write files under root first. */
const VARIANTS: { name: string; env: (root: string) => Record<string, string> }[] = [
  { name: 'hermetic', env: () => ({}) },
  { name: 'GOFLAGS -mod=vendor -tags=a,b', env: () => ({ GOFLAGS: '-mod=vendor -tags=a,b' }) },
  { name: 'GO111MODULE=off', env: () => ({ GO111MODULE: 'off' }) },
  { name: 'GOWORK=off', env: () => ({ GOWORK: 'off' }) },
  { name: 'GOWORK=/abs/go.work', env: (root) => ({ GOWORK: path.join(root, 'ws', 'go.work') }) },
  { name: 'GOPATH=a:b', env: (root) => ({ GOPATH: [path.join(root, 'a'), path.join(root, 'b')].join(path.delimiter), GOMODCACHE: '' }) },
  { name: 'GOOS=windows, cgo by default', env: () => ({ GOOS: 'windows', CGO_ENABLED: '' }) },
  { name: 'cgo by default', env: () => ({ CGO_ENABLED: '' }) },
  { name: 'GOARCH=arm64 GOPRIVATE', env: () => ({ GOARCH: 'arm64', GOPRIVATE: 'corp.example/*', GONOSUMDB: '', GONOPROXY: '' }) },
  {
    name: 'go env -w file sets GOPROXY, GOFLAGS, GOTOOLCHAIN',
    env: (root) => {
      const file = path.join(root, 'home', '.config', 'go', 'env');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, 'GOPROXY=https://proxy.example\nGOFLAGS=-mod=mod\nGOTOOLCHAIN=auto\n# comment\nGONOSUMDB=x.example\n');
      return { GOPROXY: '', GOFLAGS: '', GOTOOLCHAIN: '', GONOSUMDB: '' };
    },
  },
  {
    name: 'GOENV names another file; the process env still wins',
    env: (root) => {
      const file = path.join(root, 'custom.env');
      fs.writeFileSync(file, 'GOPROXY=https://other.example\nGOSUMDB=sum.example\nGOPRIVATE=p.example\n');
      return { GOENV: file, GOPROXY: '', GOSUMDB: '', GONOPROXY: '' };
    },
  },
  { name: 'GOENV=off', env: () => ({ GOENV: 'off', GOPROXY: '', GOSUMDB: '' }) },
];

/** The structured fields of a GoEnv, for comparing two of them. */
function fields(e: GoEnv) {
  return {
    goroot: e.goroot,
    gopath: e.gopath,
    gomodcache: e.gomodcache,
    go111module: e.go111module,
    gowork: e.gowork,
    flags: e.flags,
    goos: e.goos,
    goarch: e.goarch,
    cgoEnabled: e.cgoEnabled,
    gotoolchain: e.gotoolchain,
    goproxy: e.goproxy,
    goprivate: e.goprivate,
    gonosumdb: e.gonosumdb,
    gonoproxy: e.gonoproxy,
    gosumdb: e.gosumdb,
  };
}

// Variables go env reports that depend on the run, not the environment.
const UNSTABLE = new Set(['GOGCCFLAGS', 'GOMOD']);

test('loadGoEnv reports what go env -json says, and computeGoEnv computes the same offline', async () => {
  for (const variant of VARIANTS) {
    const go = hermeticGo();
    try {
      const env = { ...go.env, ...variant.env(go.root) };
      clearGoEnvCache();
      const loaded = await loadGoEnv(env);
      const truth = await goEnvTruth(go, env);
      assert.equal(loaded.source, 'go env', variant.name);
      for (const [k, v] of Object.entries(truth)) {
        if (!UNSTABLE.has(k)) assert.equal(loaded.vars[k], v, `${variant.name}: ${k}`);
      }
      assert.equal(loaded.goroot, truth.GOROOT);
      assert.deepEqual(loaded.gopath, truth.GOPATH!.split(path.delimiter));
      assert.equal(loaded.gomodcache, truth.GOMODCACHE);
      assert.equal(loaded.gowork, truth.GOWORK);
      assert.equal(loaded.cgoEnabled, truth.CGO_ENABLED === '1');
      assert.equal(`go${goVersionOf(loaded)}`, truth.GOVERSION);
      assert.equal(loaded.goBinary, findOnPath('go', env.PATH));

      const computed = computeGoEnv(env, loaded.goroot);
      assert.equal(computed.source, 'computed');
      assert.equal(computed.goVersion, undefined);
      assert.equal(goVersionOf(computed), goVersionOf(loaded), 'from $GOROOT/VERSION');
      assert.deepEqual(buildContextOf(computed), buildContextOf(loaded), variant.name);
      assert.deepEqual(fields(computed), fields(loaded), variant.name);
      for (const [k, v] of Object.entries(computed.vars)) assert.equal(v, loaded.vars[k], `${variant.name}: computed ${k}`);
    } finally {
      go.dispose();
    }
  }
  clearGoEnvCache();
});

test('a go.work in the cwd or above is not reported: GOWORK is the setting', async () => {
  const go = hermeticGo();
  try {
    // A go.work where go env would run if the cwd were not neutral, and GOWORK=auto.
    fs.writeFileSync(path.join(go.root, 'go.work'), 'go 1.26\n');
    const loaded = await loadGoEnv({ ...go.env, GOWORK: 'auto' });
    assert.equal(loaded.source, 'go env');
    assert.equal(loaded.gowork, '');
    // A relative GOWORK makes go env fail; it is still reported as set.
    clearGoEnvCache();
    const relative = await loadGoEnv({ ...go.env, GOWORK: 'rel/go.work' });
    assert.equal(relative.gowork, 'rel/go.work');
  } finally {
    clearGoEnvCache();
    go.dispose();
  }
});

test('the child runs with GOTOOLCHAIN=local while the user setting is reported', async () => {
  const go = hermeticGo();
  try {
    // A GOTOOLCHAIN that would make go try to download a toolchain if it were obeyed.
    const env = await loadGoEnv({ ...go.env, GOTOOLCHAIN: 'go1.999.0' });
    assert.equal(env.source, 'go env');
    assert.equal(env.gotoolchain, 'go1.999.0');
    assert.match(env.goVersion ?? '', /^1\.\d+/);
  } finally {
    clearGoEnvCache();
    go.dispose();
  }
});

test('without a usable go binary the environment is computed, never thrown', async () => {
  const go = hermeticGo();
  try {
    const missing = await loadGoEnv(go.env, { goBinary: '/nonexistent/go' });
    assert.equal(missing.source, 'computed');
    assert.equal(missing.goBinary, undefined);
    assert.equal(missing.goVersion, undefined);
    assert.equal(missing.gomodcache, go.env.GOMODCACHE);
    assert.equal(missing.goproxy, 'off');

    const noPath = await loadGoEnv({ ...go.env, PATH: '' });
    assert.equal(noPath.source, 'computed');

    // go env refuses relative GOPATH entries; the computed environment still says what is set.
    const relative = await loadGoEnv({ ...go.env, GOPATH: 'a:b' });
    assert.equal(relative.source, 'computed');
    assert.deepEqual(relative.gopath, ['a', 'b']);
    assert.ok(relative.goBinary);

    const untrusted = await loadGoEnv(go.env, { runGo: false });
    assert.equal(untrusted.source, 'computed');
  } finally {
    clearGoEnvCache();
    go.dispose();
  }
});

test('go env runs once per go binary and Go-relevant environment; same env, same object', async () => {
  const go = hermeticGo();
  try {
    // A go that counts its runs, then runs the real go.
    const realGo = findOnPath('go', go.env.PATH)!;
    const counter = path.join(go.root, 'runs');
    const wrapper = path.join(go.root, 'bin', 'go');
    fs.mkdirSync(path.dirname(wrapper));
    fs.writeFileSync(wrapper, `#!/bin/sh\necho run >> '${counter}'\nexec '${realGo}' "$@"\n`, { mode: 0o755 });
    const runs = () => (fs.existsSync(counter) ? fs.readFileSync(counter, 'utf8').split('\n').filter(Boolean).length : 0);
    clearGoEnvCache();
    const a = loadGoEnv({ ...go.env, UNRELATED: '1' }, { goBinary: wrapper });
    const a2 = loadGoEnv({ ...go.env, UNRELATED: '1' }, { goBinary: wrapper });
    assert.equal(a, a2, 'the same promise while the first is running');
    const b = await loadGoEnv({ ...go.env, UNRELATED: '2' }, { goBinary: wrapper });
    assert.notEqual(b, await a, 'another environment, another object');
    assert.equal(b.processEnv.UNRELATED, '2');
    assert.equal(runs(), 1, 'a variable go ignores does not run go env again');
    assert.equal((await a).goBinary, wrapper);
    await loadGoEnv({ ...go.env, GOFLAGS: '-mod=mod' }, { goBinary: wrapper });
    assert.equal(runs(), 2);
    await loadGoEnv(go.env); // another binary
    assert.equal(runs(), 2);
    clearGoEnvCache();
    const again = await loadGoEnv({ ...go.env, UNRELATED: '1' }, { goBinary: wrapper });
    assert.notEqual(again, await a);
    assert.equal(runs(), 3);
  } finally {
    clearGoEnvCache();
    go.dispose();
  }
});

test('buildContextOf: tags, cgo, release and architecture-level tags as go/build has them', async () => {
  const go = hermeticGo();
  try {
    const extras: Record<string, string>[] = [{}, { GOAMD64: 'v3' }, { GOARCH: 'arm64' }, { GOFLAGS: '-tags=x,y', CGO_ENABLED: '1' }];
    for (const extra of extras) {
      const env = { ...go.env, ...extra };
      const ctx = buildContextOf(await loadGoEnv(env));
      const r = await go.run(['list', '-f', '{{context.ToolTags}}|{{context.ReleaseTags}}|{{context.BuildTags}}|{{context.CgoEnabled}}', 'runtime'], go.root, extra);
      assert.equal(r.exitCode, 0, r.stderr);
      const [tool, release, build, cgo] = r.stdout.trim().split('|').map((s) => s.replace(/^\[|\]$/g, ''));
      const words = (s: string) => s.split(' ').filter((w) => w !== '');
      const archTags = words(tool!).filter((t) => !t.startsWith('goexperiment.'));
      assert.deepEqual(ctx.toolTags, archTags, JSON.stringify(extra));
      assert.deepEqual(ctx.tags, words(build!));
      assert.equal(String(ctx.cgoEnabled), cgo);
      for (const t of words(release!)) assert.ok(matchTag(ctx, t), t);
      const last = words(release!).at(-1)!;
      assert.equal(matchTag(ctx, `go1.${Number(last.slice(4)) + 1}`), false);
    }
  } finally {
    clearGoEnvCache();
    go.dispose();
  }
});

test('findOnPath takes the first executable, skipping relative entries and non-executables', () => {
  const go = hermeticGo();
  try {
    const a = path.join(go.root, 'a');
    const b = path.join(go.root, 'b');
    fs.mkdirSync(a);
    fs.mkdirSync(b);
    fs.writeFileSync(path.join(a, 'tool'), 'not executable', { mode: 0o644 });
    fs.writeFileSync(path.join(b, 'tool'), '#!/bin/sh\n', { mode: 0o755 });
    assert.equal(findOnPath('tool', ['relative', a, b].join(':'), 'linux'), path.join(b, 'tool'));
    assert.equal(findOnPath('tool', a, 'linux'), undefined);
    assert.equal(findOnPath('tool', undefined), undefined);
  } finally {
    go.dispose();
  }
});

test('the editor finds go where it is usually installed when PATH lacks it; the terminal does not', async () => {
  const go = hermeticGo();
  try {
    const env = { ...go.env, PATH: '/usr/bin:/bin', GOROOT: path.dirname(path.dirname(fs.realpathSync(findOnPath('go', process.env.PATH)!))) };
    clearGoEnvCache();
    const editor = await loadGoEnv(env, { searchInstallDirs: true });
    assert.ok(editor.goBinary, 'found through $GOROOT/bin');
    assert.equal(editor.source, 'go env');
    const terminal = await loadGoEnv(env);
    assert.equal(terminal.goBinary, undefined);
    assert.equal(terminal.source, 'computed');
  } finally {
    go.dispose();
  }
});

test('~/sdk toolchains (golang.org/dl) are tried newest version first, not in name order', () => {
  const home = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'gmd-sdk-')));
  try {
    for (const n of ['go1.9.7', 'go1.21.0', 'go1.21rc2', 'go1.10', 'gotip-not-a-version']) fs.mkdirSync(path.join(home, 'sdk', n, 'bin'), { recursive: true });
    assert.deepEqual(
      sdkDirs(home).map((d) => path.basename(path.dirname(d))),
      ['go1.21.0', 'go1.21rc2', 'go1.10', 'go1.9.7'],
    );
    assert.deepEqual(sdkDirs(''), []);
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
});
