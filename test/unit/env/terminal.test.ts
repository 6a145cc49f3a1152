// captureTerminalEnv against real shells (bash and sh), each with a private HOME whose profiles
// export what a user's would, print noise, prompt or hang.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { captureTerminalEnv, clearTerminalEnvCache, printEnvCommand, shellArgv } from '../../../server/src/env/terminal';
import type { TerminalEnvResult } from '../../../server/src/env/terminal';
import { findOnPath } from '../../../server/src/env/path';
import { loadEnvironments } from '../../../server/src/lsp/env';
import { DEFAULT_SETTINGS, DEFAULT_TOOL_SETTINGS } from '../../../server/src/lsp/protocol';
import type { ToolSettings } from '../../../server/src/lsp/protocol';
import { hermeticGo } from '../../harness/goenv';

const BASH = findOnPath('bash', process.env.PATH);
const SH = '/bin/sh';

/** Variables a shell maintains itself, whatever the profiles do. */
const SHELL_BOOKKEEPING = new Set(['SHLVL', '_', 'OLDPWD']);

interface Sandbox {
  home: string;
  /** The module directory the terminal starts in; its name would run a command if it were ever
   * pasted into the shell's command line. */
  cwd: string;
  baseEnv: Record<string, string>;
  write(name: string, text: string): void;
  dispose(): void;
}

function sandbox(): Sandbox {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'gmd-term-')));
  const home = path.join(root, 'home');
  const cwd = path.join(root, 'my mod $(touch PWNED) `touch PWNED`');
  fs.mkdirSync(home);
  fs.mkdirSync(cwd);
  const baseEnv: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, LANG: 'C.UTF-8' };
  return {
    home,
    cwd,
    baseEnv,
    write: (name, text) => fs.writeFileSync(path.join(home, name), text),
    dispose: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

function expectOk(r: TerminalEnvResult): Record<string, string> {
  if (!r.ok) assert.fail(r.message);
  return r.env;
}

/** The variables a capture has that the baseline does not, or has with another value. */
function changed(env: Record<string, string>, baseline: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (!SHELL_BOOKKEEPING.has(k) && baseline[k] !== v) out[k] = v;
  return out;
}

/** Processes of a process group that are still running (killed ones may linger as zombies until
 * init reaps them, which here can take a second or two). Read from /proc: Linux only. */
function livingMembers(pgid: number): string[] {
  const out: string[] = [];
  for (const pid of fs.readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // pid (comm) state ppid pgrp ...: comm may hold spaces, so split after its closing paren.
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(pgrp) === pgid && state !== 'Z') out.push(`${pid} ${stat.slice(stat.indexOf('('), stat.lastIndexOf(')') + 1)}`);
  }
  return out;
}

const MULTI = 'first line\nsecond=line with = signs\n\nlast';

test('bash: the profiles’ exports exactly, noise before and after ignored, multi-line value intact, cwd as given', { skip: !BASH }, async () => {
  const s = sandbox();
  try {
    clearTerminalEnvCache();
    // The baseline: the same shell with profiles that do nothing (system files still run).
    const baseline = expectOk(await captureTerminalEnv({ shell: BASH!, cwd: s.cwd, baseEnv: s.baseEnv }));
    s.write(
      '.bash_profile',
      [
        'echo "profile noise on stdout"; echo "profile noise on stderr" >&2',
        'printf "\\0GMD_ENV_END_fake\\0NOISE=1\\0"',
        'export GOFLAGS=-mod=vendor',
        'export PATH="$HOME/go/bin:$PATH"',
        'read -r answer',
        'export ANSWER="[$answer]"',
        '. "$HOME/.bashrc"',
        'trap \'echo "logout noise"; echo "logout noise" >&2\' EXIT',
        'echo "more noise after the profile"',
      ].join('\n'),
    );
    s.write('.bashrc', `echo "rc noise"\nexport MULTI='${MULTI}'\n`);
    clearTerminalEnvCache();
    const started = Date.now();
    const r = await captureTerminalEnv({ shell: BASH!, cwd: s.cwd, baseEnv: s.baseEnv });
    const ms = Date.now() - started;
    const env = expectOk(r);
    assert.equal(r.ok && r.shell, BASH);
    assert.deepEqual(changed(env, baseline), {
      GOFLAGS: '-mod=vendor',
      PATH: `${s.home}/go/bin:${baseline.PATH}`,
      // stdin is closed: `read` sees end-of-file at once instead of waiting.
      ANSWER: '[]',
      MULTI,
    });
    assert.equal(env.PWD, s.cwd);
    assert.ok(!fs.existsSync(path.join(s.cwd, 'PWNED')) && !fs.existsSync(path.join(path.dirname(s.cwd), 'PWNED')));
    console.log(`bash capture: ${ms} ms`);
  } finally {
    s.dispose();
  }
});

test('bash: prompt hooks run before the environment is read, as before a terminal\'s first prompt (direnv loads .envrc so)', { skip: !BASH }, async () => {
  const s = sandbox();
  try {
    // direnv's bash hook, in miniature: PROMPT_COMMAND loads the directory's .envrc.
    s.write(
      '.bash_profile',
      [
        '_envrc_hook() { if [ -f .envrc ]; then . ./.envrc; fi; }',
        'PROMPT_COMMAND="_envrc_hook${PROMPT_COMMAND:+;$PROMPT_COMMAND}"',
      ].join('\n') + '\n',
    );
    fs.writeFileSync(path.join(s.cwd, '.envrc'), 'export GOFLAGS=-mod=mod\necho "direnv: loading .envrc"\n');
    clearTerminalEnvCache();
    assert.equal(expectOk(await captureTerminalEnv({ shell: BASH!, cwd: s.cwd, baseEnv: s.baseEnv })).GOFLAGS, '-mod=mod');
    // bash 5.1's array form, and a hook that fails: the capture goes on.
    s.write('.bash_profile', ['_a() { export HOOK_A=1; }', '_b() { return 3; }', 'PROMPT_COMMAND=(_a _b)'].join('\n') + '\n');
    clearTerminalEnvCache();
    const env = expectOk(await captureTerminalEnv({ shell: BASH!, cwd: s.cwd, baseEnv: s.baseEnv }));
    assert.equal(env.HOOK_A, '1');
    assert.equal(env.__gmd_hook, undefined, 'our loop variable does not leak');
  } finally {
    s.dispose();
  }
});

test('prompt hooks per shell: bash PROMPT_COMMAND, zsh precmd, fish fish_prompt, none for sh', () => {
  assert.match(printEnvCommand('/bin/bash', 'B', 'E'), /PROMPT_COMMAND\[@\].*printf '%s' B; command env -0; printf '%s' E$/);
  assert.match(printEnvCommand('/usr/bin/zsh', 'B', 'E'), /precmd_functions.*printf '%s' B/);
  assert.match(printEnvCommand('/usr/bin/fish', 'B', 'E'), /^emit fish_prompt; printf/);
  assert.equal(printEnvCommand('/bin/sh', 'B', 'E'), "printf '%s' B; command env -0; printf '%s' E");
  assert.equal(printEnvCommand('/bin/tcsh', 'B', 'E'), "printf '%s' B; env -0; printf '%s' E");
});

test('sh: a login shell reads ~/.profile, an interactive one $ENV', async () => {
  const s = sandbox();
  try {
    clearTerminalEnvCache();
    const baseline = expectOk(await captureTerminalEnv({ shell: SH, cwd: s.cwd, baseEnv: s.baseEnv }));
    s.write('.profile', 'echo "profile noise"\nexport GO111MODULE=off\n');
    s.write('.shrc', 'echo "rc noise" >&2\nexport FROM_ENV_FILE=yes\n');
    clearTerminalEnvCache();
    const started = Date.now();
    const env = expectOk(await captureTerminalEnv({ shell: SH, cwd: s.cwd, baseEnv: s.baseEnv, extraEnv: { ENV: path.join(s.home, '.shrc') } }));
    const ms = Date.now() - started;
    assert.deepEqual(changed(env, baseline), { GO111MODULE: 'off', FROM_ENV_FILE: 'yes', ENV: path.join(s.home, '.shrc') });
    assert.equal(env.PWD, s.cwd);
    console.log(`sh capture: ${ms} ms`);
  } finally {
    s.dispose();
  }
});

test('a profile that hangs is cut off at the time limit, with its whole process group', { skip: !BASH }, async () => {
  const s = sandbox();
  try {
    clearTerminalEnvCache();
    // The shell is its process group's leader; sleep runs in the same group, in the background
    // and in the foreground.
    s.write('.bash_profile', 'echo $$ > "$HOME/shell.pid"\nsleep 60 &\nsleep 60\n');
    const started = Date.now();
    const r = await captureTerminalEnv({ shell: BASH!, cwd: s.cwd, baseEnv: s.baseEnv, timeoutMs: 1000 });
    const ms = Date.now() - started;
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.message : '', new RegExp(`^the login shell ${BASH} did not print its environment within 1 s; a profile may be waiting for input`));
    assert.ok(ms < 2000, `cut off after ${ms} ms`);
    const pgid = Number(fs.readFileSync(path.join(s.home, 'shell.pid'), 'utf8'));
    assert.ok(pgid > 0);
    // SIGKILL is delivered asynchronously: allow a moment before looking.
    await new Promise((res) => setTimeout(res, 100));
    assert.deepEqual(livingMembers(pgid), [], `process group ${pgid} still has running processes`);
    console.log(`hang cut off after ${ms} ms (limit 1000 ms)`);
  } finally {
    s.dispose();
  }
});

test('captures are cached per (shell, args, cwd, extraEnv) until the cache is cleared', { skip: !BASH }, async () => {
  const s = sandbox();
  try {
    clearTerminalEnvCache();
    // Each run of the profile counts itself.
    s.write('.bash_profile', 'n=$(cat "$HOME/runs" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "$HOME/runs"; export RUN=$n\n');
    const opts = { shell: BASH!, cwd: s.cwd, baseEnv: s.baseEnv };
    assert.equal(expectOk(await captureTerminalEnv(opts)).RUN, '1');
    assert.equal(expectOk(await captureTerminalEnv({ ...opts, extraEnv: {} })).RUN, '1');
    assert.equal(expectOk(await captureTerminalEnv({ ...opts, extraEnv: { X: '1' } })).RUN, '2');
    assert.equal(expectOk(await captureTerminalEnv({ ...opts, extraEnv: { X: '1' } })).X, '1');
    clearTerminalEnvCache();
    assert.equal(expectOk(await captureTerminalEnv(opts)).RUN, '3');
  } finally {
    s.dispose();
  }
});

test('the default shell is $SHELL, looked up on PATH; a missing shell is reported', { skip: !BASH }, async () => {
  const s = sandbox();
  try {
    clearTerminalEnvCache();
    const r = await captureTerminalEnv({ cwd: s.cwd, baseEnv: { ...s.baseEnv, SHELL: 'bash' } });
    assert.equal(r.ok && r.shell, BASH);
    const missing = await captureTerminalEnv({ shell: path.join(s.home, 'no-such-shell'), cwd: s.cwd, baseEnv: s.baseEnv });
    assert.equal(missing.ok, false);
    assert.match(!missing.ok ? missing.message : '', /no-such-shell could not be started: not found/);
  } finally {
    s.dispose();
  }
});

test('a shell that exits without printing its environment is reported with its error output', { skip: !BASH }, async () => {
  const s = sandbox();
  try {
    clearTerminalEnvCache();
    s.write('.bash_profile', 'echo "profile says no" >&2\nexit 3\n');
    const r = await captureTerminalEnv({ shell: BASH!, cwd: s.cwd, baseEnv: s.baseEnv });
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.message : '', /exited \(code 3\) without printing its environment:\n(.|\n)*profile says no/);
  } finally {
    s.dispose();
  }
});

test('a cancelled capture stops the shell and is not cached', { skip: !BASH }, async () => {
  const s = sandbox();
  try {
    clearTerminalEnvCache();
    s.write('.bash_profile', 'sleep 60\n');
    const controller = new AbortController();
    const p = captureTerminalEnv({ shell: BASH!, cwd: s.cwd, baseEnv: s.baseEnv, signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    assert.deepEqual(await p, { ok: false, message: 'cancelled', cancelled: true });
    s.write('.bash_profile', 'export AGAIN=1\n');
    assert.equal(expectOk(await captureTerminalEnv({ shell: BASH!, cwd: s.cwd, baseEnv: s.baseEnv })).AGAIN, '1');
  } finally {
    s.dispose();
  }
});

test('shell flags: login and interactive as VS Code starts shells; csh cannot be both', () => {
  assert.deepEqual(shellArgv('/bin/bash', undefined, 'CMD'), ['-l', '-i', '-c', 'CMD']);
  assert.deepEqual(shellArgv('/usr/bin/zsh', undefined, 'CMD'), ['-l', '-i', '-c', 'CMD']);
  assert.deepEqual(shellArgv('/usr/bin/fish', undefined, 'CMD'), ['-l', '-i', '-c', 'CMD']);
  assert.deepEqual(shellArgv('/bin/bash', ['--login'], 'CMD'), ['--login', '-i', '-c', 'CMD']);
  assert.deepEqual(shellArgv('/bin/bash', ['-i'], 'CMD'), ['-i', '-c', 'CMD']);
  assert.deepEqual(shellArgv('/bin/tcsh', undefined, 'CMD'), ['-i', '-c', 'CMD']);
  assert.deepEqual(shellArgv('/bin/csh', ['-l'], 'CMD'), ['-i', '-c', 'CMD']);
});

test('the server: terminalEnv "auto" compares with the login shell in a trusted workspace only, and says why not', { skip: !BASH }, async () => {
  const go = hermeticGo();
  const s = sandbox();
  try {
    clearTerminalEnvCache();
    const goBin = path.dirname(findOnPath('go', go.env.PATH)!);
    // /etc/profile resets PATH, as it would in the user's terminal: the profile puts go back.
    fs.writeFileSync(path.join(go.env.HOME!, '.bash_profile'), `export PATH="${goBin}:$PATH"\nexport GOFLAGS=-mod=vendor\n`);
    const processEnv = { ...go.env, SHELL: BASH! };
    const settings = { ...DEFAULT_SETTINGS, terminalEnv: 'auto' };

    const trusted = await loadEnvironments(settings, processEnv, true, s.cwd);
    assert.deepEqual(trusted.warnings, []);
    assert.equal(trusted.editorEnv.flags.mod, undefined);
    assert.equal(trusted.terminalEnv?.flags.mod, 'vendor');
    assert.equal(trusted.terminalEnv?.source, 'go env');

    const untrusted = await loadEnvironments(settings, processEnv, false, s.cwd);
    assert.equal(untrusted.terminalEnv, undefined);
    assert.match(untrusted.warnings.join('\n'), /"auto", but this workspace is not trusted, so the login shell .* is not run/);

    clearTerminalEnvCache();
    fs.writeFileSync(path.join(go.env.HOME!, '.bash_profile'), 'exit 7\n');
    const failed = await loadEnvironments(settings, processEnv, true, s.cwd);
    assert.equal(failed.terminalEnv, undefined);
    assert.match(failed.warnings.join('\n'), /^goModuleDoctor.terminalEnv "auto": the login shell .*bash exited \(code 7\) without printing its environment/);
  } finally {
    s.dispose();
    go.dispose();
  }
});

test('the server: the default terminal profile (first existing path, its args, its env over terminal.integrated.env, null unsets) starts the shell, once per folder', { skip: !BASH }, async () => {
  const go = hermeticGo();
  const s = sandbox();
  try {
    clearTerminalEnvCache();
    fs.writeFileSync(path.join(go.env.HOME!, '.bash_profile'), 'export LOGIN_RAN=1\n');
    fs.writeFileSync(path.join(go.env.HOME!, '.bashrc'), 'export RC_RAN=1\n');
    const processEnv = { ...go.env, SHELL: BASH!, DROP_ME: 'x' };
    const settings = { ...DEFAULT_SETTINGS, terminalEnv: 'auto' };
    const profileName = 'bash without profiles';
    const tools: ToolSettings = {
      ...DEFAULT_TOOL_SETTINGS,
      terminal: {
        profile: { name: profileName, path: [path.join(s.home, 'no-such-zsh'), BASH!], args: ['--noprofile'], env: { FROM_PROFILE: '${workspaceFolderBasename}', GOFLAGS: '-tags=fromprofile' } },
        env: { DROP_ME: null, GOFLAGS: '-tags=fromterminal', FROM_TERMINAL: '${env:HOME}' },
      },
    };
    const folderA = path.join(s.cwd, 'a');
    const folderB = path.join(s.cwd, 'b');
    fs.mkdirSync(folderA);
    fs.mkdirSync(folderB);

    const a = await loadEnvironments(settings, processEnv, true, folderA, tools, 'linux');
    assert.deepEqual(a.warnings, []);
    const t = a.terminalEnv!;
    // --noprofile -i: an interactive shell that is no login shell reads ~/.bashrc only.
    assert.equal(t.processEnv.RC_RAN, '1');
    assert.equal(t.processEnv.LOGIN_RAN, undefined);
    assert.equal(t.processEnv.DROP_ME, undefined);
    assert.equal(t.processEnv.FROM_PROFILE, 'a');
    assert.equal(t.processEnv.FROM_TERMINAL, go.env.HOME);
    assert.equal(t.processEnv.PWD, folderA);
    assert.deepEqual(t.flags.tags, ['fromprofile']);
    assert.equal(t.origins?.GOFLAGS, `terminal.integrated.profiles.linux["${profileName}"].env`);
    assert.equal(t.origins?.DROP_ME, 'unset by terminal.integrated.env.linux');
    // The editor's environment is not the terminal's settings'.
    assert.equal(a.editorEnv.processEnv.DROP_ME, 'x');
    assert.deepEqual(a.editorEnv.flags.tags, []);

    const b = await loadEnvironments(settings, processEnv, true, folderB, tools, 'linux');
    assert.equal(b.terminalEnv?.processEnv.PWD, folderB);
    assert.equal(b.terminalEnv?.processEnv.FROM_PROFILE, 'b');

    // Without a profile: $SHELL as a login shell.
    const plain = await loadEnvironments(settings, processEnv, true, folderA);
    assert.equal(plain.terminalEnv?.processEnv.LOGIN_RAN, '1');
    assert.equal(plain.terminalEnv?.processEnv.DROP_ME, 'x');
  } finally {
    s.dispose();
    go.dispose();
  }
});

test('the server: "auto" captures in each module directory (a cd hook reads .envrc there), at most 4 shells at once, one GoEnv per distinct capture', { skip: !BASH }, async () => {
  const go = hermeticGo();
  const s = sandbox();
  try {
    clearTerminalEnvCache();
    const goBin = path.dirname(findOnPath('go', go.env.PATH)!);
    const home = go.env.HOME!;
    fs.mkdirSync(path.join(home, 'running'));
    // As direnv or a `cd` hook would: the directory the shell starts in decides. Each run also
    // counts itself and notes how many shells were running the profile at the same time.
    fs.writeFileSync(
      path.join(home, '.bash_profile'),
      [
        `export PATH="${goBin}:$PATH"`,
        'echo >> "$HOME/runs"',
        'touch "$HOME/running/$$"; ls "$HOME/running" | wc -l >> "$HOME/at-once"; sleep 0.3; rm "$HOME/running/$$"',
        'if [ -f .envrc ]; then . ./.envrc; fi',
      ].join('\n') + '\n',
    );
    const mod = (name: string, envrc?: string) => {
      const dir = path.join(s.cwd, name);
      fs.mkdirSync(dir);
      if (envrc !== undefined) fs.writeFileSync(path.join(dir, '.envrc'), envrc);
      return dir;
    };
    const vendorA = mod('vendor-a', 'export GOFLAGS=-mod=vendor\n');
    const vendorB = mod('vendor-b', 'export GOFLAGS=-mod=vendor\n');
    const plain = [mod('plain-a'), mod('plain-b'), mod('plain-c')];
    const tagged = mod('tagged', 'export GOFLAGS=-tags=integration\n');
    const broken = mod('broken', 'exit 3\n');
    const dirs = [vendorA, ...plain, vendorB, tagged, broken];
    const warnings: string[] = [];
    const processEnv = { ...go.env, SHELL: BASH! };
    const settings = { ...DEFAULT_SETTINGS, terminalEnv: 'auto' };
    const runs = () => fs.readFileSync(path.join(home, 'runs'), 'utf8').length;

    const envs = await loadEnvironments(settings, processEnv, true, s.cwd, DEFAULT_TOOL_SETTINGS, 'linux', (w) => warnings.push(w));
    assert.deepEqual(envs.warnings, []);
    const folderEnv = envs.terminalEnv!;
    assert.equal(folderEnv.flags.mod, undefined);
    const byDir = await envs.terminalEnvFor!(dirs);
    assert.equal(runs(), 1 + dirs.length, 'one shell in the folder, one in each module directory');
    const atOnce = fs.readFileSync(path.join(home, 'at-once'), 'utf8').trim().split('\n').map(Number);
    assert.ok(Math.max(...atOnce) <= 4, `at most 4 shells at once: ${atOnce.join(' ')}`);

    // Captures that differ only in PWD share the folder's GoEnv; equal ones share one object.
    for (const d of plain) assert.equal(byDir.get(d), folderEnv);
    const vendor = byDir.get(vendorA)!;
    assert.equal(byDir.get(vendorB), vendor);
    assert.notEqual(vendor, folderEnv);
    assert.equal(vendor.flags.mod, 'vendor');
    assert.equal(vendor.processEnv.PWD, undefined, 'a GoEnv shared by directories names none of them');
    assert.deepEqual(byDir.get(tagged)!.flags.tags, ['integration']);
    // A failed capture: the folder's environment, with one warning.
    assert.equal(byDir.get(broken), folderEnv);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /^goModuleDoctor.terminalEnv "auto" in the module directory .*broken: the login shell .*bash exited \(code 3\) without printing its environment.*the module is compared with the terminal's environment in /s);

    // The next analysis asks again: nothing runs, nothing is warned again, the same objects.
    const again = await envs.terminalEnvFor!([...dirs].reverse());
    assert.equal(runs(), 1 + dirs.length);
    assert.equal(warnings.length, 1);
    for (const d of dirs) assert.equal(again.get(d), byDir.get(d), d);

    // Refresh terminal environment: every directory's shell runs again; unchanged content keeps
    // its GoEnv object (so analyses keep their results), a changed .envrc counts.
    fs.writeFileSync(path.join(vendorB, '.envrc'), 'export GOFLAGS=-mod=mod\n');
    clearTerminalEnvCache();
    const reloaded = await loadEnvironments(settings, processEnv, true, s.cwd, DEFAULT_TOOL_SETTINGS, 'linux', (w) => warnings.push(w));
    const after = await reloaded.terminalEnvFor!(dirs);
    assert.equal(runs(), 2 * (1 + dirs.length));
    assert.equal(reloaded.terminalEnv, folderEnv);
    assert.equal(after.get(vendorA), vendor);
    assert.equal(after.get(vendorB)!.flags.mod, 'mod');
    assert.equal(after.get(plain[0]!), folderEnv);
  } finally {
    s.dispose();
    go.dispose();
  }
});

test('the server: per module directory only for "auto" in a trusted workspace', { skip: !BASH }, async () => {
  const go = hermeticGo();
  const s = sandbox();
  try {
    clearTerminalEnvCache();
    const file = path.join(s.home, 'terminal.env');
    fs.writeFileSync(file, `PATH=${go.env.PATH}\nHOME=${go.env.HOME}\n`);
    const processEnv = { ...go.env, SHELL: BASH! };
    assert.equal((await loadEnvironments({ ...DEFAULT_SETTINGS, terminalEnv: file }, processEnv, true, s.cwd)).terminalEnvFor, undefined);
    assert.equal((await loadEnvironments({ ...DEFAULT_SETTINGS, terminalEnv: 'off' }, processEnv, true, s.cwd)).terminalEnvFor, undefined);
    assert.equal((await loadEnvironments({ ...DEFAULT_SETTINGS, terminalEnv: 'auto' }, processEnv, false, s.cwd)).terminalEnvFor, undefined);
  } finally {
    s.dispose();
    go.dispose();
  }
});
