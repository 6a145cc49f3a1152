// Settings → the editor's and the terminal's environments: golang.go's and gopls' settings in
// their precedence, VS Code's variables, go.goroot and go.alternateTools choosing the go binary,
// gopls build.buildFlags in the build context, and the terminal profile and env settings.
// Hermetic: no go command runs (untrusted: the environments are computed), no shell starts.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildContextOf } from '../../../server/src/env/goenv';
import { loadEnvironments } from '../../../server/src/lsp/env';
import { editorLaunch, resolveVariables, terminalLaunch, terminalOrigins, terminalPlatform } from '../../../server/src/lsp/launch';
import { DEFAULT_SETTINGS, DEFAULT_TOOL_SETTINGS, normalizeToolSettings } from '../../../server/src/lsp/protocol';
import type { GoToolSettings, ToolSettings } from '../../../server/src/lsp/protocol';

function tmp(): { root: string; dispose(): void } {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'gmd-launch-')));
  return { root, dispose: () => fs.rmSync(root, { recursive: true, force: true }) };
}

function executable(file: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, '#!/bin/sh\nexit 0\n');
  fs.chmodSync(file, 0o755);
  return file;
}

const go = (g: Partial<GoToolSettings>): GoToolSettings => ({ ...DEFAULT_TOOL_SETTINGS.go, ...g });
const tools = (g: Partial<GoToolSettings>): ToolSettings => ({ ...DEFAULT_TOOL_SETTINGS, go: go(g) });

test('the sections as workspace/configuration answers them become ToolSettings', () => {
  const t = normalizeToolSettings(
    {
      go: { toolsEnvVars: { GOFLAGS: '-mod=mod', N: 1, BAD: { x: 1 } }, goroot: '~/sdk/go1.22', alternateTools: { go: 'go1.22', gopls: 'x' } },
      gopls: { 'build.env': { GOWORK: 'off' }, 'build.buildFlags': ['-tags=e2e', 3], 'ui.semanticTokens': true },
      terminal: {
        defaultProfile: { linux: 'mine', osx: 'zsh' },
        profiles: { linux: { mine: { path: ['/nope', 'bash'], args: ['--noprofile'], env: { A: 'a', B: null } }, bash: { path: 'bash' } } },
        env: { linux: { GOFLAGS: '-tags=t', GOPATH: null }, osx: { X: '1' } },
      },
    },
    'linux',
  );
  assert.deepEqual(t, {
    go: { toolsEnvVars: { GOFLAGS: '-mod=mod', N: '1' }, goroot: '~/sdk/go1.22', alternateGo: 'go1.22', buildEnv: { GOWORK: 'off' }, buildFlags: ['-tags=e2e'] },
    terminal: { profile: { name: 'mine', path: ['/nope', 'bash'], args: ['--noprofile'], env: { A: 'a', B: null } }, env: { GOFLAGS: '-tags=t', GOPATH: null } },
  });
  // gopls takes a setting by its last name too; golang.go passes go.buildFlags/buildTags when
  // build.buildFlags is unset; a default profile without a path is reported, not used.
  const u = normalizeToolSettings({ go: { buildFlags: ['-trimpath'], buildTags: 'a,b' }, gopls: { env: { X: '1' } }, terminal: { defaultProfile: { linux: 'gone' }, profiles: { linux: {} } } }, 'linux');
  assert.deepEqual(u.go.buildEnv, { X: '1' });
  assert.deepEqual(u.go.buildFlags, ['-trimpath', '-tags', 'a,b']);
  assert.deepEqual(u.terminal, { env: {}, missingProfile: 'gone' });
  assert.deepEqual(normalizeToolSettings({ go: { buildTags: 'a' }, gopls: { 'build.buildFlags': [] } }, 'linux').go.buildFlags, []);
  assert.deepEqual(normalizeToolSettings({}, 'osx'), DEFAULT_TOOL_SETTINGS);
  assert.equal(terminalPlatform('darwin'), 'osx');
  assert.equal(terminalPlatform('linux'), 'linux');
});

test('editor precedence: process env < go.goroot < go.toolsEnvVars < gopls build.env < goModuleDoctor.toolsEnv, each value saying where it came from', () => {
  const t = tmp();
  try {
    const base = { PATH: '/usr/bin', HOME: t.root, GOFLAGS: '-mod=readonly', GOPROXY: 'off', GOROOT: '/from/process' };
    const l = editorLaunch(base, DEFAULT_SETTINGS, go({ goroot: t.root, toolsEnvVars: { GOFLAGS: '-mod=mod', GOROOT: '/from/tools', GOPRIVATE: 'x' }, buildEnv: { GOFLAGS: '-mod=vendor' } }), t.root);
    assert.equal(l.env.GOFLAGS, '-mod=vendor');
    assert.equal(l.env.GOROOT, '/from/tools');
    assert.equal(l.env.GOPROXY, 'off');
    assert.deepEqual(l.origins, { GOFLAGS: 'gopls build.env', GOROOT: 'go.toolsEnvVars', GOPRIVATE: 'go.toolsEnvVars' });
    const ours = editorLaunch(base, { ...DEFAULT_SETTINGS, toolsEnv: { GOFLAGS: '' } }, go({ buildEnv: { GOFLAGS: '-mod=vendor' } }), t.root);
    assert.equal(ours.env.GOFLAGS, '');
    assert.equal(ours.origins.GOFLAGS, 'goModuleDoctor.toolsEnv');
    assert.deepEqual(ours.warnings, []);
  } finally {
    t.dispose();
  }
});

test('variables in go.toolsEnvVars are resolved per folder, as golang.go does; gopls build.env is taken as written', () => {
  const ctx = { folder: '/ws/one', env: { HOME: '/home/u', EXTRA: '/opt/x' } };
  assert.equal(resolveVariables('${workspaceFolder}/bin:${workspaceRoot}:${workspaceFolderBasename}', ctx), '/ws/one/bin:/ws/one:one');
  assert.equal(resolveVariables('${env:EXTRA}:${env:UNSET}:${userHome}:${config:x}', ctx), '/opt/x::/home/u:${config:x}');
  assert.equal(resolveVariables('~/go', ctx, true), '/home/u/go');
  assert.equal(resolveVariables('~/go', ctx), '~/go');
  const vars = { GOPATH: '~/gopath', GOFLAGS: '-modfile=${workspaceFolder}/go.dev.mod', GOPRIVATE: '${env:EXTRA}' };
  const one = editorLaunch({ HOME: '/home/u', EXTRA: 'corp.example' }, DEFAULT_SETTINGS, go({ toolsEnvVars: vars, buildEnv: { GOENV: '${workspaceFolder}/env' } }), '/ws/one');
  const two = editorLaunch({ HOME: '/home/u', EXTRA: 'corp.example' }, DEFAULT_SETTINGS, go({ toolsEnvVars: vars }), '/ws/two');
  assert.deepEqual([one.env.GOPATH, one.env.GOFLAGS, one.env.GOPRIVATE, one.env.GOENV], ['/home/u/gopath', '-modfile=/ws/one/go.dev.mod', 'corp.example', '${workspaceFolder}/env']);
  assert.equal(two.env.GOFLAGS, '-modfile=/ws/two/go.dev.mod');
});

test('the go binary: goModuleDoctor.goPath, else an absolute go.alternateTools go, else <go.goroot>/bin/<name>, else the name on PATH', () => {
  const t = tmp();
  try {
    const goroot = path.join(t.root, 'sdk', 'go1.22');
    const rootGo = executable(path.join(goroot, 'bin', 'go'));
    const rootAlt = executable(path.join(goroot, 'bin', 'go-wrapper'));
    const alt = executable(path.join(t.root, 'tools', 'go.sh'));
    const base = { HOME: t.root, PATH: '/usr/bin' };
    const pick = (g: Partial<GoToolSettings>, goPath = '') => editorLaunch(base, { ...DEFAULT_SETTINGS, goPath }, go(g), t.root);

    const withRoot = pick({ goroot: '~/sdk/go1.22' });
    assert.equal(withRoot.goBinary, rootGo);
    assert.equal(withRoot.env.GOROOT, goroot);
    assert.equal(withRoot.origins.GOROOT, 'go.goroot');
    assert.equal(pick({ goroot, alternateGo: '${workspaceFolder}/tools/go.sh' }).goBinary, alt);
    assert.equal(pick({ goroot, alternateGo: 'go-wrapper' }).goBinary, rootAlt);
    assert.equal(pick({ alternateGo: 'go1.21.5' }).goBinary, 'go1.21.5', 'a name is looked up on PATH');
    assert.equal(pick({}).goBinary, undefined, 'go on PATH (or where Go is usually installed)');
    assert.equal(pick({ goroot, alternateGo: alt }, '/custom/go').goBinary, '/custom/go');

    const missingAlt = pick({ alternateGo: path.join(t.root, 'nope') });
    assert.equal(missingAlt.goBinary, undefined);
    assert.match(missingAlt.warnings.join('\n'), /go\.alternateTools names .*nope as go, which is not an executable file/);
    const missingRoot = pick({ goroot: path.join(t.root, 'no-sdk') });
    assert.equal(missingRoot.env.GOROOT, undefined);
    assert.match(missingRoot.warnings.join('\n'), /go\.goroot .*no-sdk is not a directory; it is ignored/);
  } finally {
    t.dispose();
  }
});

test('loadEnvironments: go.goroot, go.toolsEnvVars and gopls build.buildFlags make the editor’s GoEnv and build context', async () => {
  const t = tmp();
  try {
    const goroot = path.join(t.root, 'goroot');
    executable(path.join(goroot, 'bin', 'go'));
    const processEnv = { HOME: t.root, PATH: '/nonexistent', GOFLAGS: '-tags=fromprocess' };
    const envs = await loadEnvironments(
      { ...DEFAULT_SETTINGS, terminalEnv: 'off' },
      processEnv,
      false,
      t.root,
      tools({ goroot, toolsEnvVars: { GOFLAGS: '-tags=a -mod=mod' }, buildFlags: ['-tags', 'b,c'] }),
    );
    const e = envs.editorEnv;
    assert.equal(e.goBinary, path.join(goroot, 'bin', 'go'));
    assert.equal(e.goroot, goroot);
    assert.equal(e.vars.GOFLAGS, '-tags=a -mod=mod');
    assert.deepEqual(e.buildFlags, ['-tags', 'b,c']);
    assert.deepEqual(e.flags.tags, ['b', 'c'], 'the command line replaces GOFLAGS -tags');
    assert.equal(e.flags.mod, 'mod', 'GOFLAGS -mod stays: the command line does not set it');
    assert.deepEqual(buildContextOf(e).tags, ['b', 'c']);
    assert.deepEqual(e.origins, { GOROOT: 'go.goroot', GOFLAGS: 'go.toolsEnvVars' });
    assert.equal(envs.terminalEnv, undefined);

    // Without the Go tools' settings the editor is the process environment, as before.
    const plain = await loadEnvironments({ ...DEFAULT_SETTINGS, terminalEnv: 'off' }, processEnv, false, t.root);
    assert.deepEqual(plain.editorEnv.flags.tags, ['fromprocess']);
    assert.equal(plain.editorEnv.origins, undefined);
    assert.equal(plain.editorEnv.buildFlags, undefined);
  } finally {
    t.dispose();
  }
});

test('terminal launch: the default profile’s first existing shell, its args, terminal env then profile env, variables resolved, null unsets', () => {
  const t = tmp();
  try {
    const shell = executable(path.join(t.root, 'bin', 'myshell'));
    const base = { HOME: t.root, PATH: path.join(t.root, 'bin'), KEEP: 'k' };
    const l = terminalLaunch(
      base,
      {
        profile: { name: 'mine', path: [path.join(t.root, 'missing'), 'myshell'], args: ['-l', '${workspaceFolderBasename}'], env: { FROM_PROFILE: '${env:KEEP}', BOTH: 'profile', GONE: null } },
        env: { BOTH: 'terminal', GOFLAGS: '-tags=${workspaceFolderBasename}', GOPATH: null },
      },
      path.join(t.root, 'ws'),
      'linux',
    );
    assert.equal(l.shell, shell);
    assert.deepEqual(l.args, ['-l', 'ws']);
    assert.deepEqual(l.extraEnv, { BOTH: 'profile', GOFLAGS: '-tags=ws', GOPATH: null, FROM_PROFILE: 'k', GONE: null });
    assert.equal(l.origins.GOFLAGS, 'terminal.integrated.env.linux');
    assert.equal(l.origins.BOTH, 'terminal.integrated.profiles.linux["mine"].env');
    assert.deepEqual(l.warnings, []);
    // The captured environment: what the shell's own profiles left as the settings made it.
    assert.deepEqual(terminalOrigins({ BOTH: 'profile', GOFLAGS: '-tags=changed-by-bashrc', FROM_PROFILE: 'k' }, l), {
      BOTH: 'terminal.integrated.profiles.linux["mine"].env',
      FROM_PROFILE: 'terminal.integrated.profiles.linux["mine"].env',
      GOPATH: 'unset by terminal.integrated.env.linux',
      GONE: 'unset by terminal.integrated.profiles.linux["mine"].env',
    });

    const none = terminalLaunch(base, { profile: { name: 'x', path: ['nosuchshell'], env: { A: '1' } }, env: {} }, t.root, 'linux');
    assert.equal(none.shell, undefined);
    assert.deepEqual(none.extraEnv, {}, 'a profile that cannot start contributes nothing');
    assert.match(none.warnings[0]!, /The terminal profile "x" has no shell that exists \(nosuchshell\)/);
    const noArgs = terminalLaunch(base, { profile: { name: 'p', path: [shell], env: {} }, env: {} }, t.root, 'linux');
    assert.equal(noArgs.args, undefined, 'no args: started as the default terminal is');
    assert.match(terminalLaunch(base, { missingProfile: 'gone', env: {} }, t.root, 'linux').warnings[0]!, /defaultProfile\.linux names "gone"/);
  } finally {
    t.dispose();
  }
});
