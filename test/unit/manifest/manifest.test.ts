// package.json must match the code: the contributed commands are exactly the client's command
// table (the ids in protocol.ts), the configuration keys exactly the Settings type's keys, and
// every file the manifest points at exists.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ClientCommands, ServerCommands, ADVERTISED_SERVER_COMMANDS, CLIENT_ID, DEFAULT_SETTINGS, normalizeSettings, settingKeys } from '../../../server/src/lsp/protocol';

const root = path.resolve(__dirname, '../../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const contributes = manifest.contributes;

test('contributed commands are the client command table, each with the category', () => {
  const contributed = (contributes.commands as { command: string; category: string; title: string }[]).map((c) => c.command).sort();
  assert.deepEqual(contributed, Object.values(ClientCommands).sort());
  for (const c of contributes.commands) {
    assert.equal(c.category, 'Go Module Doctor', c.command);
    assert.ok(c.title.length > 0, c.command);
  }
  // The palette entries the users asked for, by title.
  const titles = (contributes.commands as { title: string }[]).map((c) => c.title);
  assert.ok(titles.includes('Generate go.work'));
  assert.ok(titles.includes('Clear module cache'));
});

test('the advertised server command is not a contributed command (the language client registers it)', () => {
  const contributed = new Set((contributes.commands as { command: string }[]).map((c) => c.command));
  for (const id of ADVERTISED_SERVER_COMMANDS) assert.ok(!contributed.has(id), id);
  assert.deepEqual(ADVERTISED_SERVER_COMMANDS, [ServerCommands.runFix]);
});

test('menus name only contributed commands', () => {
  const contributed = new Set((contributes.commands as { command: string }[]).map((c) => c.command));
  for (const entries of Object.values(contributes.menus ?? {}) as { command: string }[][]) {
    for (const e of entries) assert.ok(contributed.has(e.command), e.command);
  }
});

test('configuration keys are the Settings keys, with defaults equal to DEFAULT_SETTINGS', () => {
  const props = contributes.configuration.properties as Record<string, { default: unknown; description?: string; markdownDescription?: string }>;
  const keys = Object.keys(props).sort();
  assert.deepEqual(keys, settingKeys().map((k) => `${CLIENT_ID}.${k}`).sort());
  for (const [key, p] of Object.entries(props)) {
    assert.ok((p.description ?? p.markdownDescription ?? '').length > 20, `${key} is documented`);
  }
  // The manifest's defaults, read back as the client reads settings, are DEFAULT_SETTINGS.
  const fromManifest: Record<string, unknown> = {};
  for (const [key, p] of Object.entries(props)) {
    const parts = key.slice(CLIENT_ID.length + 1).split('.');
    let o = fromManifest;
    for (const part of parts.slice(0, -1)) o = (o[part] ??= {}) as Record<string, unknown>;
    o[parts.at(-1)!] = p.default;
  }
  assert.deepEqual(normalizeSettings(fromManifest), DEFAULT_SETTINGS);
});

test('languages, grammars and language configurations exist and agree', () => {
  const ids = (contributes.languages as { id: string; filenames: string[]; configuration: string }[]).map((l) => l.id).sort();
  assert.deepEqual(ids, ['go.mod', 'go.sum', 'go.work']);
  for (const l of contributes.languages) {
    assert.ok(l.filenames.includes(l.id), `${l.id} is matched by its file name`);
    assert.ok(fs.existsSync(path.join(root, l.configuration)), l.configuration);
  }
  for (const g of contributes.grammars as { language: string; scopeName: string; path: string }[]) {
    assert.ok(ids.includes(g.language), g.language);
    const grammar = JSON.parse(fs.readFileSync(path.join(root, g.path), 'utf8'));
    assert.equal(grammar.scopeName, g.scopeName, g.path);
    // golang.go registers "go.mod" and "go.sum" as scope names; ours must differ (syntaxes/README.md).
    assert.ok(g.scopeName.startsWith('source.'), g.scopeName);
  }
});

test('activation events and the untrusted-workspace capability', () => {
  for (const e of ['workspaceContains:**/go.mod', 'workspaceContains:**/go.work', 'onLanguage:go', 'onLanguage:go.mod', 'onLanguage:go.work']) {
    assert.ok(manifest.activationEvents.includes(e), e);
  }
  assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
  assert.ok(manifest.capabilities.untrustedWorkspaces.description.length > 20);
  assert.equal(manifest.main, './dist/extension.js');
});

test('the packaged extension holds exactly the bundles, grammars, icon and user docs', () => {
  // What `vsce package` would put in the .vsix (`vsce ls` reads the same .vscodeignore); no
  // developer notes, sources, tests or fixtures.
  const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  const r = spawnSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const files = r.stdout.split('\n').filter(Boolean).sort();
  assert.deepEqual(files, [
    'CHANGELOG.md',
    'LICENSE',
    'README.md',
    'dist/cli.js',
    'dist/extension.js',
    'dist/server.js',
    'images/icon.png',
    'language-configuration/go.mod.json',
    'language-configuration/go.sum.json',
    'language-configuration/go.work.json',
    'package.json',
    'syntaxes/go.mod.tmLanguage.json',
    'syntaxes/go.sum.tmLanguage.json',
    'syntaxes/go.work.tmLanguage.json',
  ]);
  assert.equal(manifest.icon, 'images/icon.png');
  // vsce refuses relative links in the README without a real repository URL to resolve them.
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  assert.deepEqual([...readme.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]).filter((t) => !/^(https?:|#)/.test(t!)), [], 'relative links in README.md');
  const png = fs.readFileSync(path.join(root, manifest.icon));
  assert.equal(png.subarray(1, 4).toString(), 'PNG');
  assert.equal(png.readUInt32BE(16), 128, 'the Marketplace wants at least 128 px');
});
