import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { hermeticGo } from '../../harness/goenv';
import { buildFileProxy, escapeModulePath, listFixtureModules, seedModuleCache } from '../../harness/proxy';
import { fixtureModulesRoot } from '../../harness/cases';

test('escapeModulePath turns upper case into !lower', () => {
  assert.equal(escapeModulePath('github.com/Company/Widgets'), 'github.com/!company/!widgets');
  assert.equal(escapeModulePath('example.com/lib'), 'example.com/lib');
});

test('the fixture modules are found with their paths and versions', () => {
  const mods = listFixtureModules(fixtureModulesRoot()).map((m) => `${m.path}@${m.version}`);
  assert.ok(mods.includes('example.com/lib@v1.0.0'));
  assert.ok(mods.includes('example.com/lib/v2@v2.0.0'));
  assert.ok(mods.includes('github.com/Company/Widgets@v1.0.0'));
});

test('go downloads from the file proxy, and go mod verify passes', async () => {
  const go = hermeticGo();
  try {
    const url = buildFileProxy(fixtureModulesRoot(), path.join(go.root, 'proxy'));
    assert.match(url, /^file:\/\//);
    assert.ok(fs.existsSync(path.join(go.root, 'proxy', 'github.com', '!company', '!widgets', '@v', 'v1.0.0.zip')));
    const got = await seedModuleCache(go, url, ['example.com/lib@v1.0.0', 'github.com/Company/Widgets@v1.0.0']);
    assert.equal(got.length, 2);
    for (const m of got) assert.match(m.Sum ?? '', /^h1:/);

    // A module that depends on both, checked by the go command with the proxy turned off.
    const mod = path.join(go.root, 'consumer');
    fs.mkdirSync(mod);
    fs.writeFileSync(path.join(mod, 'go.mod'), 'module example.com/consumer\n\ngo 1.22\n\nrequire (\n\texample.com/lib v1.0.0\n\tgithub.com/Company/Widgets v1.0.0\n)\n');
    fs.writeFileSync(path.join(mod, 'go.sum'), got.map((m) => `${m.Path} ${m.Version} ${m.Sum}\n${m.Path} ${m.Version}/go.mod ${m.GoModSum}\n`).join(''));
    fs.writeFileSync(path.join(mod, 'main.go'), 'package main\n\nimport (\n\t"example.com/lib"\n\twidgets "github.com/Company/Widgets"\n)\n\nfunc main() { println(lib.Hello(), widgets.Count()) }\n');
    const build = await go.run(['build', './...'], mod);
    assert.equal(build.exitCode, 0, build.stderr);
    const verify = await go.run(['mod', 'verify'], mod);
    assert.equal(verify.exitCode, 0, verify.stderr);
    assert.match(verify.stdout, /all modules verified/);
  } finally {
    go.dispose();
  }
});
