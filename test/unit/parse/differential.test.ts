// The go.mod and go.work parsers against the real go: every fixture under test/fixtures/parse is
// parsed here and by `go mod edit -json` / `go work edit -json`; the meaning (or the errors, by
// line, column and text) must agree.

import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { hermeticGo, type HermeticGo } from '../../harness/goenv';
import { parseGoMod, parseGoWork } from '../../../server/src/parse';
import { decodeGoBytes } from '../../../server/src/text/utf8';
import { fixturesDir, goEditJson, modJson, normalizeJson, ourErrors, workJson } from './oracle';

let go: HermeticGo;
before(() => {
  go = hermeticGo();
});
after(() => go.dispose());

/** A fixture decoded as the engine reads files (bytes that are not UTF-8 kept, text/utf8.ts). */
function fixtureText(dir: string, name: string): string {
  const t = decodeGoBytes(fs.readFileSync(path.join(fixturesDir, dir, name)));
  // Fixtures are LF; the CRLF one is converted here so the file in git stays readable.
  return name.includes('crlf') ? t.replace(/\n/g, '\r\n') : t;
}

const modFixtures = fs.readdirSync(path.join(fixturesDir, 'gomod')).sort();
const workFixtures = fs.readdirSync(path.join(fixturesDir, 'gowork')).sort();

test('the corpus covers valid and at least eight malformed go.mod files', () => {
  assert.ok(modFixtures.filter((f) => f.includes('-bad-')).length >= 8);
  for (const f of [...modFixtures, ...workFixtures]) {
    const dir = f.endsWith('.mod') ? 'gomod' : 'gowork';
    assert.match(fixtureText(dir, f), /^\/\/ \S/, `${f} starts with a comment saying what it shows`);
  }
});

for (const name of modFixtures) {
  test(`go.mod ${name} parses as go mod edit -json reads it`, async () => {
    const text = fixtureText('gomod', name);
    const verdict = await goEditJson(go, 'mod', text);
    const mod = parseGoMod(text, verdict.file);
    assert.deepEqual(ourErrors(text, mod.errors), verdict.errors);
    if (name.includes('-bad-')) assert.ok(verdict.errors.length > 0, 'a malformed fixture must fail in go');
    if (verdict.json) assert.deepEqual(modJson(mod), normalizeJson(verdict.json));
  });
}

for (const name of workFixtures) {
  test(`go.work ${name} parses as go work edit -json reads it`, async () => {
    const text = fixtureText('gowork', name);
    const verdict = await goEditJson(go, 'work', text);
    const work = parseGoWork(text, verdict.file);
    assert.deepEqual(ourErrors(text, work.errors), verdict.errors);
    if (name.includes('-bad')) assert.ok(verdict.errors.length > 0, 'a malformed fixture must fail in go');
    if (verdict.json) assert.deepEqual(workJson(work), normalizeJson(verdict.json));
  });
}
