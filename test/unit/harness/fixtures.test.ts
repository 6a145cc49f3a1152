// Validates the fixture corpus against the go command alone (no engine): every case's tree,
// cache and environment make go fail on exactly the imports its case.json lists — in the editor
// view, and in the terminal view when there is one — or fail as a whole for a viewError case.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ALL_CODES } from '../../../server/src/codes';
import { brokenIn, listCases, loadCase, prepareCase, truthViews, type ExpectedImport, type ViewRole } from '../../harness/cases';
import { goTruth, importKey, splitImportKey, type ImportTruth } from '../../harness/golist';

test('the corpus has a case for every code, and two for editor-terminal-mismatch', () => {
  const seen = new Map<string, number>();
  for (const name of listCases()) {
    const spec = loadCase(name);
    const expect = spec.expect;
    const codes = Array.isArray(expect) ? [...expect.map((e) => e.code), ...(spec.diagnostics ?? []).map((d) => d.code)] : [expect.viewError];
    for (const c of new Set(codes)) seen.set(c, (seen.get(c) ?? 0) + 1);
  }
  const missing = ALL_CODES.filter((c) => !seen.has(c));
  assert.deepEqual(missing, [], `codes without a case: ${missing.join(', ')}`);
  assert.ok((seen.get('editor-terminal-mismatch') ?? 0) >= 2);
});

for (const name of listCases()) {
  test(`case ${name}: go breaks exactly the imports case.json lists`, async () => {
    const c = await prepareCase(name);
    try {
      // Every view's verdicts, merged: a view where go fails as a whole breaks every import.
      const verdicts = new Map<ViewRole, Map<string, ImportTruth>>();
      const fatal = new Map<ViewRole, string>();
      for (const v of truthViews(c)) {
        const t = await goTruth(c.go, v.cwd, v.env);
        if (t.fatal !== undefined) fatal.set(v.role, t.fatal);
        const merged = verdicts.get(v.role) ?? new Map<string, ImportTruth>();
        for (const [k, x] of t.imports) merged.set(k, x);
        verdicts.set(v.role, merged);
      }

      const expect = c.spec.expect;
      if (!Array.isArray(expect)) {
        assert.ok(fatal.has('editor'), `go did not fail as a whole in the editor view:\n${describe(c.dir, verdicts.get('editor'))}`);
        return;
      }

      const expected: ExpectedImport[] = expect;
      const all = new Set([...verdicts.values()].flatMap((m) => [...m.keys()]));
      assert.ok(all.size > 0, 'go reported no imports at all');
      for (const [role, byKey] of verdicts) {
        const wanted = new Set<string>(
          expected.filter((e) => brokenIn(c.spec, e).includes(role)).map((e) => importKey(path.dirname(path.join(c.dir, e.file)), e.import)),
        );
        for (const key of wanted) assert.ok(all.has(key), `${role}: case.json lists an import go never saw: ${show(c.dir, key)}`);
        const broken = new Set([...all].filter((k) => fatal.has(role) || byKey.get(k)?.broken));
        assert.deepEqual(
          [...broken].map((k) => show(c.dir, k)).sort(),
          [...wanted].map((k) => show(c.dir, k)).sort(),
          `${role}: broken imports per go differ from case.json${fatal.has(role) ? ` (go failed: ${fatal.get(role)})` : ''}\n${describe(c.dir, byKey)}`,
        );
      }
    } finally {
      c.dispose();
    }
  });
}

function show(root: string, key: string): string {
  const { pkgDir, importPath } = splitImportKey(key);
  return `${path.relative(root, pkgDir) || '.'} → ${importPath}`;
}

function describe(root: string, m: Map<string, ImportTruth> | undefined): string {
  return [...(m ?? [])].map(([k, x]) => `  ${x.broken ? 'BROKEN' : 'ok'} ${show(root, k)}${x.err ? `: ${x.err.split('\n')[0]}` : ''}`).join('\n');
}
