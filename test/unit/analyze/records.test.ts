// The two shortcuts an incremental analysis takes over the whole folder: finding the packages a
// view change reaches through an index of import paths (PackageMemory), and skipping the search
// for import cycles while no package gained a local import (PackageCycleSearch). Each must answer
// what the long way round answers.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { PackageMemory, ViewChanges, type ModuleState, type PackageRecord } from '../../../server/src/analyze/records';
import type { View } from '../../../server/src/resolve/types';
import { DirtySet } from '../../../server/src/fsys/cache';
import { findPackageCycles, PackageCycleSearch, type LocalImport } from '../../../server/src/analyze/verdicts';

/** A record with only what the indexes read. */
function record(...importPaths: string[]): PackageRecord {
  return { importPaths: new Set(importPaths), deps: new Set<string>() } as unknown as PackageRecord;
}

function reading(...deps: string[]): PackageRecord {
  return { importPaths: new Set<string>(), deps: new Set(deps) } as unknown as PackageRecord;
}

test('PackageMemory: a changed module path reaches the importers of it and of paths under it, element-wise', () => {
  const memory = new PackageMemory();
  memory.replace(
    new Map([
      ['/w/a', record('fmt', 'example.com/m/x')],
      ['/w/b', record('example.com/m')],
      ['/w/c', record('example.com/mm/y', 'example.com/m2')],
      ['/w/d', record('example.com/other')],
    ]),
    new Map(),
  );
  assert.deepEqual([...memory.reachedBy(new Set(['example.com/m']))].sort(), ['/w/a', '/w/b']);
  assert.deepEqual([...memory.reachedBy(new Set(['example.com/mm', 'example.com/other']))].sort(), ['/w/c', '/w/d']);
  assert.deepEqual([...memory.reachedBy(new Set(['example.com']))].sort(), ['/w/a', '/w/b', '/w/c', '/w/d']);
  assert.deepEqual([...memory.reachedBy(new Set(['example.com/m/x/deeper', 'golang.org/x/mod']))], []);
});

test('PackageMemory: the index follows the records a later analysis keeps, replaces and drops', () => {
  const memory = new PackageMemory();
  const kept = record('example.com/m/x');
  memory.replace(new Map([['/w/a', kept], ['/w/b', record('example.com/m/y')], ['/w/c', record('example.com/m/z')]]), new Map());
  // /w/a kept as it was, /w/b no longer imports example.com/m/y, /w/c gone, /w/e new.
  memory.replace(new Map([['/w/a', kept], ['/w/b', record('example.com/n')], ['/w/e', record('example.com/m/y')]]), new Map());
  const reached = (p: string) => [...memory.reachedBy(new Set([p]))].sort();
  assert.deepEqual(reached('example.com/m'), ['/w/a', '/w/e']);
  assert.deepEqual(reached('example.com/m/z'), [], 'the dropped package is out of the index');
  assert.deepEqual(reached('example.com/n'), ['/w/b']);
  assert.deepEqual([...memory.importsUnder('example.com/m')].map(([p, dirs]) => [p, [...dirs]]).sort(), [
    ['example.com/m/x', ['/w/a']],
    ['example.com/m/y', ['/w/e']],
  ]);
  memory.clear();
  assert.deepEqual(reached('example.com'), []);
});

test('PackageMemory: the packages a change dirties are those that read one of the keys it invalidates', () => {
  const memory = new PackageMemory();
  const a = reading('R:/w/m/a/a.go', 'D:/w/m/a', 'S:/w/m/b');
  memory.replace(new Map([['/w/m/a', a], ['/w/m/b', reading('R:/w/m/b/b.go', 'D:/w/m/b')], ['/w/m/c', reading('R:/w/m/go.mod')]]), new Map());
  const changed = (p: string) => new DirtySet([{ path: p, kind: 'changed' }]);
  assert.deepEqual([...memory.dirtied(changed('/w/m/b/b.go'))!].sort(), ['/w/m/b']);
  assert.deepEqual([...memory.dirtied(changed('/w/m/b'))!].sort(), ['/w/m/a'], 'a stat of the directory');
  assert.deepEqual([...memory.dirtied(changed('/w/m/go.mod'))!], ['/w/m/c']);
  // A record replaced by one that reads other things leaves the index.
  memory.replace(new Map([['/w/m/a', a], ['/w/m/b', reading('R:/w/m/b/other.go')]]), new Map());
  assert.deepEqual([...memory.dirtied(changed('/w/m/b/b.go'))!], []);
  assert.deepEqual([...memory.dirtied(changed('/w/m/go.mod'))!], [], 'the dropped package too');
  assert.equal(memory.dirtied(new DirtySet([{ path: '/w/m/new', kind: 'created' }])), undefined, 'a created tree cannot be listed key by key');
});

test('PackageMemory: a module keeps all its records at once only while no package of it read what changed, and its path and views are the same', () => {
  const memory = new PackageMemory();
  const inModule = (moduleDir: string, ...deps: string[]) => ({ moduleDir, importPaths: new Set<string>(), deps: new Set(deps) }) as unknown as PackageRecord;
  const view = {} as View;
  const [a, b, c] = [inModule('/w/m', 'R:/w/m/a/a.go'), inModule('/w/m', 'R:/w/m/b/b.go'), inModule('/w/n', 'R:/w/n/n.go')];
  const m: ModuleState = { editorView: view, terminalView: undefined, modulePath: 'example.com/m', records: [a, b] };
  const n: ModuleState = { editorView: view, terminalView: undefined, modulePath: 'example.com/n', records: [c] };
  memory.replace(new Map([['/w/m/a', a], ['/w/m/b', b], ['/w/n', c]]), new Map([['/w/m', m], ['/w/n', n]]));
  const changes = new ViewChanges();
  const dirtied = memory.dirtied(new DirtySet([{ path: '/w/m/b/b.go', kind: 'changed' }]));
  const now = (s: ModuleState): ModuleState => ({ ...s, records: [] });
  assert.equal(memory.moduleKeeps('/w/m', now(m), dirtied, changes), undefined, 'one of its packages read the changed file');
  assert.deepEqual(memory.moduleKeeps('/w/n', now(n), dirtied, changes), [c]);
  assert.equal(memory.moduleKeeps('/w/n', { ...now(n), modulePath: 'example.com/renamed' }, dirtied, changes), undefined, 'its path changed');
  assert.equal(memory.moduleKeeps('/w/n', { ...now(n), terminalView: view }, dirtied, changes), undefined, 'a terminal view appeared');
  assert.equal(memory.moduleKeeps('/w/n', now(n), undefined, changes), undefined, 'what changed cannot be listed');
  assert.equal(memory.moduleKeeps('/w/other', now(n), dirtied, changes), undefined, 'a module it has no state for');

  // An analysis of the same directories renews b: the memory, and what it reads, follow.
  const b2 = inModule('/w/m', 'R:/w/m/b/other.go');
  memory.update(new Map([['/w/m/b', b2]]), new Map([['/w/m', { ...m, records: [a, b2] }], ['/w/n', n]]));
  assert.equal(memory.get('/w/m/b'), b2);
  assert.deepEqual([...memory.dirtied(new DirtySet([{ path: '/w/m/b/other.go', kind: 'changed' }]))!], ['/w/m/b']);
  assert.deepEqual([...memory.dirtied(new DirtySet([{ path: '/w/m/b/b.go', kind: 'changed' }]))!], []);
});

const imp = (importPath: string, dir: string): LocalImport => ({ importPath, dir });
const graph = (entries: [string, LocalImport[]][]) => new Map(entries.map(([dir, localImports]) => [dir, { localImports }]));

/** a → b → c, each package imported under example.com/m/<name>. */
const chain = (): [string, LocalImport[]][] => [
  ['/m/a', [imp('example.com/m/b', '/m/b')]],
  ['/m/b', [imp('example.com/m/c', '/m/c')]],
  ['/m/c', []],
];

test('PackageCycleSearch answers what a full search answers after each change', () => {
  const search = new PackageCycleSearch();
  const steps: [string, Map<string, { localImports: LocalImport[] }>][] = [
    ['a chain has no cycle', graph(chain())],
    ['an import taken away', graph([['/m/a', []], ['/m/b', [imp('example.com/m/c', '/m/c')]], ['/m/c', []]])],
    ['the import back', graph(chain())],
    ['c imports a: a cycle through the three', graph([...chain().slice(0, 2), ['/m/c', [imp('example.com/m/a', '/m/a')]]])],
    ['the cycle broken again', graph(chain())],
    ['a new package importing a, imported by c', graph([...chain().slice(0, 2), ['/m/c', [imp('example.com/m/d', '/m/d')]], ['/m/d', [imp('example.com/m/a', '/m/a')]]])],
    ['back to the chain', graph(chain())],
    ['a package imports itself', graph([...chain().slice(0, 2), ['/m/c', [imp('example.com/m/c', '/m/c')]]])],
  ];
  const expected = [undefined, undefined, undefined, [['example.com/m/a', 'example.com/m/b', 'example.com/m/c']], undefined, [['example.com/m/a', 'example.com/m/b', 'example.com/m/c', 'example.com/m/d']], undefined, [['example.com/m/c']]];
  // Told which packages changed since the last call, as an analysis that kept the others tells it.
  const told = new PackageCycleSearch();
  let previous = new Map<string, { localImports: LocalImport[] }>();
  steps.forEach(([name, packages], i) => {
    const full = findPackageCycles([...packages].map(([d, p]) => [d, p.localImports]));
    const found = search.find(packages);
    assert.deepEqual(found?.cycles, full?.cycles, name);
    assert.deepEqual(found?.cycles, expected[i], name);
    const sameDirs = packages.size === previous.size && [...packages.keys()].every((d) => previous.has(d));
    const renewed = [...packages].filter(([d, p]) => JSON.stringify(p.localImports) !== JSON.stringify(previous.get(d)?.localImports)).map(([d]) => d);
    assert.deepEqual(told.find(packages, sameDirs ? renewed : undefined)?.cycles, expected[i], `${name} (told what changed)`);
    previous = packages;
  });
});
