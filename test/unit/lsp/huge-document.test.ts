// A huge buffer is refused, not parsed: an editor can open a 20 MB go.mod (a generated file, a
// mistake), and the server must not hold several parses of it (that took it to 915 MB). Over the
// read limit (16 MiB, go's own for a go.mod) the buffer is said to be too large and is never
// parsed; this test checks what the server answers, not how fast or in how much memory.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { startWorkspace, uri } from './lsp-client';

test('a 20 MB go.mod buffer is reported as too large, and neither parsed nor analysed', async () => {
  const w = await startWorkspace({
    'go.mod': 'module example.com/m\n\ngo 1.22\n',
    'main.go': 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println() }\n',
  });
  try {
    const goMod = path.join(w.ws, 'go.mod');
    await w.client.waitFor('the first analysis', () => w.client.readyCount(w.ws) > 0);
    // Valid text with a syntax error near its end: a parse would report it.
    const text = 'module example.com/m\n\ngo 1.22\n' + '// padding\n'.repeat(2_000_000) + 'requir example.com/x v1.0.0\n';
    assert.ok(text.length > 20_000_000);
    void w.client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(goMod), languageId: 'go.mod', version: 1, text } });
    const ds = await w.client.diagnosticsOf(goMod, 'the too-large diagnostic', (ds) => ds.some((d) => d.code === 'unreadable-file'));
    assert.deepEqual(ds.map((d) => d.code), ['unreadable-file'], JSON.stringify(ds));
    assert.match(String(ds[0].message), /^go\.mod is 2\d\.\d MiB, more than the 16 MiB read of such a file$/);
  } finally {
    await w.dispose();
  }
});
