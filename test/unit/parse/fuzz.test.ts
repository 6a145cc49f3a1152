// The go.mod and go.work parsers against x/mod's modfile on many files: the fixtures, files
// assembled from directives and byte-level mutations of both (./fuzz-corpus.ts), each parsed by
// our parser and by the modfile the installed go vendors (./oracle.ts builds it). Accept/reject,
// every error (line, column, text) and the `go mod edit -json` / `go work edit -json` shape must
// agree. Each go.mod is read three times: as `go mod edit` reads it, as go build reads a main
// go.mod (every version through the go command's fixer, resolve/version-fixer.ts, with
// GOPROXY=off), and as go reads a dependency's go.mod (modfile.ParseLax).
// The seed is fixed so runs repeat; GMD_FUZZ_SEED and GMD_FUZZ_COUNT explore further.
// The bytes that are not UTF-8 are decoded as the engine reads files (text/utf8.ts).

import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { hermeticGo, type HermeticGo } from '../../harness/goenv';
import { parseGoMod, parseGoWork } from '../../../server/src/parse';
import { buildModfileOracle, modJson, normalizeJson, ourErrors, workJson, type GoVerdict, type OracleKind } from './oracle';
import { goCommandVersionFixer } from '../../../server/src/resolve/version-fixer';
import { decodeGoBytes } from '../../../server/src/text/utf8';
import { fuzzFiles, type FuzzFile } from './fuzz-corpus';

const SEED = Number(process.env.GMD_FUZZ_SEED ?? 20261207);
const COUNT = Number(process.env.GMD_FUZZ_COUNT ?? 24_000);

let go: HermeticGo;
before(() => {
  go = hermeticGo();
});
after(() => go.dispose());

/** A file as one of the oracle's readers reads it: `modfix` is a main go.mod as go build reads
 * it, every version through the go command's fixer (GOPROXY=off); `modlax` a dependency's. */
interface Reading {
  file: FuzzFile;
  kind: OracleKind;
}

interface Difference {
  reading: Reading;
  what: 'accept/reject' | 'errors' | 'json';
  ours: unknown;
  go: unknown;
}

const offlineFixer = goCommandVersionFixer({ goproxy: 'off', flags: { tags: [], raw: [] } });

/** Our verdict on a file in the oracle's terms; the bytes are decoded as the engine reads files. */
function ourVerdict({ file: f, kind }: Reading): GoVerdict {
  const text = decodeGoBytes(f.data);
  if (kind === 'work') {
    const work = parseGoWork(text, 'go.work');
    return work.errors.length ? { errors: ourErrors(text, work.errors) } : { json: workJson(work), errors: [] };
  }
  const mod = parseGoMod(text, 'go.mod', kind === 'modfix' ? { fix: offlineFixer } : kind === 'modlax' ? { lax: true } : {});
  return mod.errors.length ? { errors: ourErrors(text, mod.errors) } : { json: modJson(mod), errors: [] };
}

export function compare(reading: Reading, go: GoVerdict): Difference | undefined {
  const ours = ourVerdict(reading);
  if ((ours.errors.length === 0) !== (go.errors.length === 0)) return { reading, what: 'accept/reject', ours: ours.errors, go: go.errors };
  try {
    if (go.json) assert.deepEqual(ours.json, normalizeJson(go.json));
    else assert.deepEqual(ours.errors, go.errors);
  } catch {
    return go.json ? { reading, what: 'json', ours: ours.json, go: normalizeJson(go.json) } : { reading, what: 'errors', ours: ours.errors, go: go.errors };
  }
  return undefined;
}

test(`${COUNT} generated and mutated go.mod and go.work files parse as x/mod's modfile parses them (seed ${SEED})`, async () => {
  const files = fuzzFiles(SEED, COUNT);
  assert.ok(files.length >= 20_000);
  const oracle = await buildModfileOracle(go);
  const readings: Reading[] = files.flatMap((file): Reading[] => (file.kind === 'mod' ? (['mod', 'modfix', 'modlax'] as const).map((kind) => ({ file, kind })) : [{ file, kind: 'work' }]));
  const verdicts = await oracle.verdicts(readings.map((r) => ({ kind: r.kind, data: r.file.data })));
  // The corpus must exercise both outcomes for every reader, or the comparison proves little.
  for (const kind of ['mod', 'modfix', 'modlax', 'work'] as const) {
    const ks = verdicts.filter((_, i) => readings[i]!.kind === kind);
    const accepted = ks.filter((v) => v.json).length;
    assert.ok(accepted > ks.length / 10 && accepted < ks.length * 0.9, `${kind}: go accepts ${accepted} of ${ks.length}`);
  }
  const diffs = readings.map((r, i) => compare(r, verdicts[i]!)).filter((d): d is Difference => d !== undefined);
  // GMD_FUZZ_REPORT=FILE writes every difference there, one JSON object a line, for study.
  if (process.env.GMD_FUZZ_REPORT) {
    const lines = diffs.map((d) => JSON.stringify({ origin: d.reading.file.origin, kind: d.reading.kind, what: d.what, file: d.reading.file.data.toString('latin1'), ours: d.ours, go: d.go }));
    fs.writeFileSync(process.env.GMD_FUZZ_REPORT, lines.map((l) => l + '\n').join(''));
  }
  const by = (w: Difference['what']) => diffs.filter((d) => d.what === w).length;
  const report = diffs
    .slice(0, 8)
    .map((d) => `${d.reading.file.origin}, read as ${d.reading.kind} (${d.what}):\n  file: ${JSON.stringify(d.reading.file.data.toString('latin1'))}\n  ours: ${JSON.stringify(d.ours)}\n  go:   ${JSON.stringify(d.go)}`)
    .join('\n');
  assert.equal(
    diffs.length,
    0,
    `seed ${SEED}: ${diffs.length} of ${readings.length} readings of ${files.length} files differ (accept/reject ${by('accept/reject')}, errors ${by('errors')}, json ${by('json')}); file bytes shown as latin1:\n${report}`,
  );
});
