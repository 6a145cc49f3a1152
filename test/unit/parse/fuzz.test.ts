// The go.mod and go.work parsers against x/mod's modfile on many files: the fixtures, files
// assembled from directives and byte-level mutations of both (./fuzz-corpus.ts), each parsed by
// our parser and by the modfile the installed go vendors (./oracle.ts builds it). Accept/reject,
// every error (line, column, text) and the `go mod edit -json` / `go work edit -json` shape must
// agree. The seed is fixed so runs repeat; GMD_FUZZ_SEED and GMD_FUZZ_COUNT explore further.
// The bytes that are not UTF-8 are decoded as the engine reads files (text/utf8.ts).

import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { hermeticGo, type HermeticGo } from '../../harness/goenv';
import { parseGoMod, parseGoWork } from '../../../server/src/parse';
import { buildModfileOracle, modJson, normalizeJson, ourErrors, workJson, type GoVerdict } from './oracle';
import { decodeGoBytes } from '../../../server/src/text/utf8';
import { fuzzFiles, type FuzzFile } from './fuzz-corpus';

const SEED = Number(process.env.GMD_FUZZ_SEED ?? 20261207);
const COUNT = Number(process.env.GMD_FUZZ_COUNT ?? 24_000);

let go: HermeticGo;
before(() => {
  go = hermeticGo();
});
after(() => go.dispose());

interface Difference {
  file: FuzzFile;
  what: 'accept/reject' | 'errors' | 'json';
  ours: unknown;
  go: unknown;
}

/** Our verdict on a file in the oracle's terms; the bytes are decoded as the engine reads files. */
function ourVerdict(f: FuzzFile): GoVerdict {
  const text = decodeGoBytes(f.data);
  const name = f.kind === 'mod' ? 'go.mod' : 'go.work';
  const parsed = f.kind === 'mod' ? parseGoMod(text, name) : parseGoWork(text, name);
  if (parsed.errors.length) return { errors: ourErrors(text, parsed.errors) };
  return { json: f.kind === 'mod' ? modJson(parsed as ReturnType<typeof parseGoMod>) : workJson(parsed as ReturnType<typeof parseGoWork>), errors: [] };
}

export function compare(f: FuzzFile, go: GoVerdict): Difference | undefined {
  const ours = ourVerdict(f);
  if ((ours.errors.length === 0) !== (go.errors.length === 0)) return { file: f, what: 'accept/reject', ours: ours.errors, go: go.errors };
  try {
    if (go.json) assert.deepEqual(ours.json, normalizeJson(go.json));
    else assert.deepEqual(ours.errors, go.errors);
  } catch {
    return go.json ? { file: f, what: 'json', ours: ours.json, go: normalizeJson(go.json) } : { file: f, what: 'errors', ours: ours.errors, go: go.errors };
  }
  return undefined;
}

test(`${COUNT} generated and mutated go.mod and go.work files parse as x/mod's modfile parses them (seed ${SEED})`, async () => {
  const files = fuzzFiles(SEED, COUNT);
  assert.ok(files.length >= 20_000);
  const oracle = await buildModfileOracle(go);
  const verdicts = await oracle.verdicts(files);
  // The corpus must exercise both outcomes in both file kinds, or the comparison proves little.
  for (const kind of ['mod', 'work'] as const) {
    const ks = verdicts.filter((_, i) => files[i]!.kind === kind);
    assert.ok(ks.filter((v) => v.json).length > ks.length / 10, `${kind}: go accepts only ${ks.filter((v) => v.json).length} of ${ks.length}`);
    assert.ok(ks.filter((v) => !v.json).length > ks.length / 10, `${kind}: enough files go rejects`);
  }
  const diffs = files.map((f, i) => compare(f, verdicts[i]!)).filter((d): d is Difference => d !== undefined);
  // GMD_FUZZ_REPORT=FILE writes every difference there, one JSON object a line, for study.
  if (process.env.GMD_FUZZ_REPORT) {
    const lines = diffs.map((d) => JSON.stringify({ origin: d.file.origin, what: d.what, file: d.file.data.toString('latin1'), ours: d.ours, go: d.go }));
    fs.writeFileSync(process.env.GMD_FUZZ_REPORT, lines.map((l) => l + '\n').join(''));
  }
  const by = (w: Difference['what']) => diffs.filter((d) => d.what === w).length;
  const report = diffs
    .slice(0, 8)
    .map((d) => `${d.file.origin} (${d.what}):\n  file: ${JSON.stringify(d.file.data.toString('latin1'))}\n  ours: ${JSON.stringify(d.ours)}\n  go:   ${JSON.stringify(d.go)}`)
    .join('\n');
  assert.equal(
    diffs.length,
    0,
    `seed ${SEED}: ${diffs.length} of ${files.length} files differ (accept/reject ${by('accept/reject')}, errors ${by('errors')}, json ${by('json')}); file bytes shown as latin1:\n${report}`,
  );
});
