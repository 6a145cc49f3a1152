// The module cache's file names are built by concatenation where that gives path.join's answer;
// odd inputs (a cache root with a trailing separator, relative or dotted elements) take path.join.

import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { cacheDownloadDir, cacheFile, extractedDir } from '../../../server/src/resolve/modcache';
import { escapeModulePath, escapeVersion } from '../../../server/src/module/path';

test('cache file names equal path.join of the escaped parts, whatever the inputs', () => {
  const roots = ['/home/u/go/pkg/mod', '/home/u/go/pkg/mod/', '/', 'relative/mod', '/a/./b', '/a/../b', '/a//b'];
  const paths = ['example.com/m', 'github.com/Company/Widgets', 'example.com/../x', 'example.com/./x', 'example.com//x', '', 'a/b/'];
  const versions = ['v1.0.0', 'v1.0.0-RC1', '..', ''];
  for (const root of roots) {
    for (const p of paths) {
      assert.equal(cacheDownloadDir(root, p), path.join(root, 'cache', 'download', ...escapeModulePath(p).split('/'), '@v'), `${root} ${p}`);
      for (const v of versions) {
        assert.equal(cacheFile(root, p, v, 'zip'), path.join(root, 'cache', 'download', ...escapeModulePath(p).split('/'), '@v', `${escapeVersion(v)}.zip`), `${root} ${p} ${v}`);
        const esc = escapeModulePath(p).split('/');
        esc[esc.length - 1] += '@' + escapeVersion(v);
        assert.equal(extractedDir(root, p, v), path.join(root, ...esc), `${root} ${p} ${v}`);
      }
    }
  }
});
