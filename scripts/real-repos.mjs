// node scripts/real-repos.mjs [--out FILE] [--only NAME,...] [--timeout-min N] [--keep] SOURCE...
// node scripts/real-repos.mjs --report FILE...   (the table again from earlier runs' results)
//
// The repair loop on real repositories, by hand (it needs the network: not part of `npm test` or
// CI). SOURCE is a bare git directory (e.g. what a mirror or `git clone --bare` gives) or a plain
// checkout. For each repository: a fresh tree (`git archive HEAD`, or a copy), a private
// HOME/GOPATH/GOMODCACHE/GOCACHE shared by its runs, GOTOOLCHAIN=local, GOFLAGS empty, the module
// proxy (GOPROXY=https://proxy.golang.org, never `direct`). Then, for each breakage that fits the
// repository's shape: break the tree the way users do, `check --json`, `fix --yes`, and the real go
// (`go build ./...`, `go list -e -deps ./...`) in every module the breakage touched and every module
// whose go.mod, go.sum or .go files the fix changed. go runs with
// GOPROXY=off after the fix, so a fix that leaves the module cache incomplete is not rescued by a
// silent download; a failing build is tried again with the proxy to tell the two apart.
// Prints a table, writes the results as JSON (--out) and each case's outputs next to it.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn } from 'node:child_process';

const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const cli = path.join(repo, 'dist/cli.js');
const PROXY = 'https://proxy.golang.org';

// ---- command line

function parseArgs(argv) {
  const opts = { out: path.resolve('real-repos-results.json'), only: undefined, timeoutMs: 10 * 60_000, keep: false, sources: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--out') opts.out = path.resolve(argv[++i]);
    else if (a === '--only') opts.only = new Set(argv[++i].split(','));
    else if (a === '--timeout-min') opts.timeoutMs = Number(argv[++i]) * 60_000;
    else if (a === '--keep') opts.keep = true;
    else if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
    else opts.sources.push(path.resolve(a));
  }
  if (!opts.sources.length) throw new Error('usage: node scripts/real-repos.mjs [--out FILE] [--only NAME,...] [--timeout-min N] [--keep] SOURCE...');
  return opts;
}

// ---- processes: no shell, a time limit, the whole process group killed on time-out

/** stdoutFile: stdout goes to that file and is read back (the CLI exits right after writing, so
 * through a pipe a long JSON arrives cut short). */
function run(cmd, args, { cwd, env, timeoutMs, input, stdoutFile }) {
  return new Promise((resolve) => {
    const start = Date.now();
    const fd = stdoutFile ? fs.openSync(stdoutFile, 'w') : undefined;
    const child = spawn(cmd, args, { cwd, env, detached: true, stdio: [input === undefined ? 'ignore' : 'pipe', fd ?? 'pipe', 'pipe'] });
    if (fd !== undefined) fs.closeSync(fd);
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout?.on('data', (b) => (stdout += b));
    child.stderr.on('data', (b) => (stderr += b));
    if (input !== undefined) child.stdin.end(input);
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (stdoutFile) stdout = fs.readFileSync(stdoutFile, 'utf8');
      resolve({ code: timedOut ? null : code, timedOut, stdout, stderr, ms: Date.now() - start });
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ code: null, timedOut: false, stdout, stderr: stderr + e.message, ms: Date.now() - start });
    });
  });
}

// ---- the Go environment of one repository

function goEnv(root, extra = {}) {
  const env = {};
  // Nothing of the caller's Go settings leaks in; HOME is private, so no `go env -w` file either.
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('GO') && k !== 'HOME') env[k] = v;
  Object.assign(env, {
    HOME: path.join(root, 'home'),
    GOPATH: path.join(root, 'gopath'),
    GOMODCACHE: path.join(root, 'gopath/pkg/mod'),
    GOCACHE: path.join(root, 'gocache'),
    GOTOOLCHAIN: 'local',
    GOFLAGS: '',
    GOPROXY: PROXY,
  });
  return { ...env, ...extra };
}

async function localGoVersion() {
  const r = await run('go', ['env', 'GOVERSION'], { env: { ...process.env, GOTOOLCHAIN: 'local' }, timeoutMs: 30_000 });
  return r.stdout.trim().replace(/^go/, '');
}

function versionLess(a, b) {
  const pa = a.split(/[.-]/).map((x) => parseInt(x, 10) || 0);
  const pb = b.split(/[.-]/).map((x) => parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) < (pb[i] ?? 0);
  return false;
}

// ---- trees

function nameOf(source) {
  const m = /\/([^/+]+)\+([^/]+)\/repo\/?$/.exec(source); // a mirror's owner+name/repo
  return m ? `${m[1]}/${m[2]}` : path.basename(source.replace(/\.git\/?$/, ''));
}

async function extract(source, dest, timeoutMs) {
  fs.mkdirSync(dest, { recursive: true });
  const bare = fs.existsSync(path.join(source, 'HEAD')) && fs.existsSync(path.join(source, 'objects'));
  if (bare) {
    const tar = path.join(path.dirname(dest), 'tree.tar');
    const a = await run('git', [`--git-dir=${source}`, 'archive', '--format=tar', '-o', tar, 'HEAD'], { timeoutMs });
    if (a.code !== 0) throw new Error(`git archive: ${a.stderr}`);
    const x = await run('tar', ['-xf', tar, '-C', dest], { timeoutMs });
    fs.rmSync(tar, { force: true });
    if (x.code !== 0) throw new Error(`tar: ${x.stderr}`);
  } else {
    fs.cpSync(source, dest, { recursive: true, filter: (p) => path.basename(p) !== '.git' });
  }
}

/** The work tree is always the same directory, so go's build cache (keyed by directory) serves every case. */
function resetTree(pristine, work) {
  fs.rmSync(work, { recursive: true, force: true });
  fs.cpSync(pristine, work, { recursive: true });
}

// ---- the repository's shape: modules, replaces, go.work

function parseGoMod(text) {
  const strip = (l) => l.replace(/\/\/.*$/, '').trim();
  const mod = { path: '', go: '', requires: [], replaces: [] };
  let block = '';
  for (const raw of text.split('\n')) {
    const line = strip(raw);
    if (!line) continue;
    if (block) {
      if (line === ')') block = '';
      else take(block, line, raw);
      continue;
    }
    const m = /^(module|go|require|replace)\s+(\(?)\s*(.*)$/.exec(line);
    if (!m) continue;
    if (m[2] === '(') block = m[1];
    else take(m[1], m[3], raw);
  }
  function take(verb, rest, raw) {
    if (verb === 'module') mod.path = rest.replace(/"/g, '');
    else if (verb === 'go') mod.go = rest;
    else if (verb === 'require') {
      const [p, v] = rest.split(/\s+/);
      mod.requires.push({ path: p, version: v, indirect: /\/\/\s*indirect/.test(raw) });
    } else if (verb === 'replace') {
      const [from, to] = rest.split('=>').map((s) => s.trim().split(/\s+/));
      mod.replaces.push({ path: from[0], version: from[1], to: to[0], toVersion: to[1], line: raw });
    }
  }
  return mod;
}

function parseGoWork(text) {
  const uses = [];
  let go = '';
  let inUse = false;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (inUse) {
      if (line === ')') inUse = false;
      else if (line) uses.push({ dir: line.replace(/"/g, ''), line: raw });
    } else if (/^use\s*\($/.test(line)) inUse = true;
    else if (/^use\s+/.test(line)) uses.push({ dir: line.slice(3).trim().replace(/"/g, ''), line: raw });
    else if (/^go\s+/.test(line)) go = line.slice(2).trim();
  }
  return { uses, go };
}

function findModules(tree) {
  const mods = [];
  (function walk(dir) {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) {
        if (e.name === 'vendor' || e.name === 'testdata' || e.name.startsWith('.') || e.name.startsWith('_')) continue;
        walk(path.join(dir, e.name));
      } else if (e.name === 'go.mod') {
        const rel = path.relative(tree, dir) || '.';
        mods.push({ dir: rel, ...parseGoMod(fs.readFileSync(path.join(dir, e.name), 'utf8')), vendored: fs.existsSync(path.join(dir, 'vendor/modules.txt')) });
      }
    }
  })(tree);
  return mods.sort((a, b) => (a.dir === '.' ? -1 : b.dir === '.' ? 1 : a.dir.localeCompare(b.dir)));
}

function shapeOf(tree) {
  const modules = findModules(tree);
  const workFile = path.join(tree, 'go.work');
  const work = fs.existsSync(workFile) ? parseGoWork(fs.readFileSync(workFile, 'utf8')) : undefined;
  for (const m of modules) {
    m.localReplaces = m.replaces
      .filter((r) => r.to.startsWith('./') || r.to.startsWith('../') || r.to === '.' || r.to === '..')
      .map((r) => ({ ...r, targetDir: path.normalize(path.join(m.dir, r.to)) }));
  }
  return { modules, work, root: modules.find((m) => m.dir === '.') };
}

/** A typo as fingers make it: the last two letters of the last path element swapped. */
function typo(s) {
  const m = /^(.*?)([^/]*)([^/])([^/])(\/*)$/.exec(s);
  if (!m || m[3] === m[4]) return s + 'x';
  return m[1] + m[2] + m[4] + m[3] + m[5];
}

function escapeModulePath(p) {
  return p.replace(/[A-Z]/g, (c) => '!' + c.toLowerCase());
}

function editFile(file, from, to) {
  const text = fs.readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file}: no ${JSON.stringify(from)}`);
  fs.writeFileSync(file, text.replace(from, to));
}

// ---- the breakages: each says whether it fits the shape, and what it breaks

/** Modules whose go.mod names `target` (a require or a replace), or all workspace modules. */
function dependents(shape, target) {
  return shape.modules.filter((m) => m !== target && (m.requires.some((r) => r.path === target.path) || m.localReplaces.some((r) => r.targetDir === target.dir)));
}

const MAX_DEPENDENTS = 3;

const breakages = [
  {
    name: 'go.sum-deleted',
    plan(shape) {
      const m = shape.root ?? shape.modules[0];
      if (!fs.existsSync(path.join(shape.tree, m.dir, 'go.sum'))) return { skip: `${m.dir}/go.sum does not exist` };
      return {
        what: `deleted ${path.join(m.dir, 'go.sum')}`,
        touched: [m],
        apply: (tree) => fs.rmSync(path.join(tree, m.dir, 'go.sum')),
      };
    },
  },
  {
    name: 'module-line-changed',
    plan(shape) {
      const nested = shape.modules.filter((m) => m.dir !== '.');
      if (!nested.length) return { skip: 'no nested module' };
      // The nested module the root module replaces first; else any replace target; else any.
      const isTarget = (owners) => (m) => owners.some((o) => o.localReplaces.some((r) => r.targetDir === m.dir));
      const target = nested.find(isTarget(shape.root ? [shape.root] : [])) ?? nested.find(isTarget(shape.modules)) ?? nested[0];
      const changed = typo(target.path);
      // The modules that name it, the root first, at most MAX_DEPENDENTS of them: in a repository of
      // 28 modules all of them do, and each go build is minutes.
      const names = dependents(shape, target);
      return {
        what: `${target.dir}/go.mod: module ${target.path} -> ${changed}${names.length > MAX_DEPENDENTS ? ` (${names.length} modules name it; go build in ${MAX_DEPENDENTS} of them)` : ''}`,
        touched: [target, ...names.slice(0, MAX_DEPENDENTS)],
        apply: (tree) => editFile(path.join(tree, target.dir, 'go.mod'), `module ${target.path}`, `module ${changed}`),
      };
    },
  },
  {
    name: 'replace-dir-typo',
    plan(shape) {
      // Best the issue's shape: a replace of a module nested in another replaced module (otel/metric
      // next to otel); else any relative replace of an existing directory.
      const candidates = shape.modules.flatMap((m) => m.localReplaces.filter((r) => r.targetDir !== '.' && fs.existsSync(path.join(shape.tree, r.targetDir))).map((r) => ({ m, r })));
      if (!candidates.length) return { skip: 'no relative replace' };
      const nestedPrefix = ({ m, r }) => m.localReplaces.some((o) => o !== r && r.path.startsWith(o.path + '/'));
      const { m, r } = candidates.find(nestedPrefix) ?? candidates[0];
      const wrong = typo(r.to);
      const touched = [m];
      if (shape.work && shape.root && m !== shape.root) touched.push(shape.root);
      return {
        what: `${m.dir}/go.mod: replace ${r.path} => ${r.to} -> ${wrong}`,
        touched,
        apply: (tree) => editFile(path.join(tree, m.dir, 'go.mod'), r.line, r.line.replace(`=> ${r.to}`, `=> ${wrong}`)),
      };
    },
  },
  {
    name: 'go.work-use-dropped',
    plan(shape) {
      if (!shape.work) return { skip: 'no go.work' };
      const use = shape.work.uses.find((u) => path.normalize(u.dir) !== '.');
      if (!use) return { skip: 'go.work uses only .' };
      const dropped = shape.modules.find((m) => m.dir === path.normalize(use.dir));
      if (!dropped) return { skip: `go.work uses ${use.dir}, which has no go.mod` };
      return {
        what: `go.work: dropped "use ${use.dir}"`,
        touched: [dropped, ...(shape.root ? [shape.root] : [])],
        apply: (tree) => editFile(path.join(tree, 'go.work'), use.line + '\n', ''),
      };
    },
  },
  {
    name: 'editor-GOFLAGS=-mod=vendor',
    plan(shape) {
      if (shape.modules.length !== 2 || shape.modules.some((m) => m.vendored)) return { skip: 'not two modules without vendor directories' };
      // The editor's environment has -mod=vendor; the terminal (the project's truth) has none.
      return { what: 'GOFLAGS=-mod=vendor in the editor env only (terminal: GOFLAGS empty)', touched: shape.modules, editorExtra: { GOFLAGS: '-mod=vendor' }, terminal: true, apply: () => {} };
    },
  },
  {
    name: 'vendor-in-one-of-two',
    plan(shape) {
      if (shape.modules.length !== 2 || shape.modules.some((m) => m.vendored)) return { skip: 'not two modules without vendor directories' };
      const [first] = shape.modules;
      // The project builds with -mod=vendor everywhere (editor and terminal); only one module was vendored.
      return {
        what: `GOFLAGS=-mod=vendor everywhere; go mod vendor run only in ${first.dir}`,
        touched: shape.modules,
        editorExtra: { GOFLAGS: '-mod=vendor' },
        buildExtra: { GOFLAGS: '-mod=vendor' },
        apply: async (tree, env, timeoutMs) => {
          const r = await run('go', ['mod', 'vendor'], { cwd: path.join(tree, first.dir), env, timeoutMs });
          if (r.code !== 0) throw new Error(`go mod vendor: ${r.stderr}`);
        },
      };
    },
  },
  {
    name: 'vendored-module-removed',
    async plan(shape) {
      const m = shape.modules.find((x) => x.vendored);
      if (!m) return { skip: 'no vendor directory' };
      const built = await shape.buildDeps(m);
      const dep = m.requires.find((r) => !r.indirect && built.has(r.path) && fs.existsSync(path.join(shape.tree, m.dir, 'vendor', r.path)));
      if (!dep) return { skip: 'no vendored direct requirement in the build' };
      return {
        what: `${m.dir}/vendor/${dep.path}/ deleted (modules.txt kept)`,
        touched: [m],
        apply: (tree) => fs.rmSync(path.join(tree, m.dir, 'vendor', dep.path), { recursive: true }),
      };
    },
  },
  {
    name: 'module-cache-entry-removed',
    last: true, // it breaks the shared cache; the repository's later cases would inherit it
    async plan(shape) {
      const m = shape.root ?? shape.modules[0];
      if (m.vendored) return { skip: 'vendored: the module cache is not read' };
      const replaced = new Set(m.replaces.map((r) => r.path));
      const built = await shape.buildDeps(m);
      const dep = m.requires.find((r) => !r.indirect && !replaced.has(r.path) && built.has(r.path));
      if (!dep) return { skip: 'no direct requirement in the build of the root module' };
      return {
        what: `${dep.path}@${dep.version} removed from GOMODCACHE (extracted dir and cache/download files); check and fix with the proxy`,
        touched: [m],
        dep,
        apply: (tree, env) => {
          const esc = escapeModulePath(dep.path);
          const dirs = [path.join(env.GOMODCACHE, `${esc}@${dep.version}`)];
          const dl = path.join(env.GOMODCACHE, 'cache/download', esc, '@v');
          for (const d of [...dirs, dl]) if (fs.existsSync(d)) makeWritable(d);
          for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
          if (fs.existsSync(dl)) for (const f of fs.readdirSync(dl)) if (f.startsWith(dep.version + '.')) fs.rmSync(path.join(dl, f), { force: true });
        },
      };
    },
  },
];

function makeWritable(p) {
  fs.chmodSync(p, 0o755);
  if (fs.statSync(p).isDirectory()) for (const e of fs.readdirSync(p)) makeWritable(path.join(p, e));
}

// ---- go's verdict on one module

function firstLines(s, n = 6) {
  return s.split('\n').filter((l) => l.trim()).slice(0, n).join('\n');
}

async function goBuild(dir, env, timeoutMs) {
  const r = await run('go', ['build', './...'], { cwd: dir, env, timeoutMs });
  return { pass: r.code === 0, timedOut: r.timedOut, ms: r.ms, stderr: r.stderr };
}

async function goListErrors(dir, env, timeoutMs) {
  const r = await run('go', ['list', '-e', '-deps', '-f', '{{if .Error}}{{.ImportPath}}: {{.Error}}{{end}}', './...'], { cwd: dir, env, timeoutMs });
  const errors = r.stdout.split('\n').filter((l) => l.trim());
  // A module go cannot load at all prints no packages, only stderr.
  return { code: r.code, errors: errors.length, sample: errors.slice(0, 5), stderr: firstLines(r.stderr) };
}

// ---- the files a fix may change, to say what it did

function snapshot(tree) {
  const out = {};
  (function walk(dir) {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name === 'vendor') out[path.relative(tree, p) + '/'] = fs.existsSync(path.join(p, 'modules.txt')) ? fs.readFileSync(path.join(p, 'modules.txt'), 'utf8') : 'dir';
        else if (e.name === '.vscode') out[path.relative(tree, path.join(p, 'settings.json'))] = fs.existsSync(path.join(p, 'settings.json')) ? fs.readFileSync(path.join(p, 'settings.json'), 'utf8') : '';
        else if (e.name !== 'testdata' && !e.name.startsWith('.')) walk(p);
      } else if (/^go\.(mod|sum|work|work\.sum)$/.test(e.name)) out[path.relative(tree, p)] = fs.readFileSync(p, 'utf8');
      // Go files by size and time: a fix that rewrites an import changes a module's build too.
      else if (e.name.endsWith('.go')) {
        const st = fs.statSync(p);
        out[path.relative(tree, p)] = `${st.size}:${st.mtimeMs}`;
      }
    }
  })(tree);
  return out;
}

function changedFiles(before, after) {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((n) => before[n] !== after[n]).map((n) => (before[n] === undefined ? `+${n}` : after[n] === undefined ? `-${n}` : n)).sort();
}

/** At most this many modules the fix edited beyond the touched ones are built (each go build of a
 * large module takes minutes). */
const MAX_EDITED_MODULES = 6;

/** The module directories (relative, `.` for the root) holding `files` (changedFiles' names, with
 * their +/- marks), outside vendor/ and .vscode/. */
function modulesOf(tree, files) {
  const out = new Set();
  for (const f of files) {
    const rel = f.replace(/^[+-]/, '');
    if (/(^|\/)(vendor|\.vscode)\//.test(rel)) continue;
    for (let d = path.dirname(rel); ; d = path.dirname(d)) {
      if (fs.existsSync(path.join(tree, d, 'go.mod'))) {
        out.add(d);
        break;
      }
      if (d === '.' || d === '/' || d === '') break;
    }
  }
  return [...out].sort();
}

/** The editor's environment after the fix: .vscode/settings.json's go.toolsEnvVars and gopls build.env over it. */
function editorEnvAfterFix(tree, env) {
  const f = path.join(tree, '.vscode/settings.json');
  if (!fs.existsSync(f)) return env;
  try {
    const s = JSON.parse(fs.readFileSync(f, 'utf8'));
    return { ...env, ...(s['go.toolsEnvVars'] ?? {}), ...(s.gopls?.['build.env'] ?? s['gopls']?.build?.env ?? {}) };
  } catch {
    return env;
  }
}

// ---- one repository

async function runRepo(source, opts, goVersion, outDir) {
  const name = nameOf(source);
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `gmd-real-${name.replace(/\W+/g, '-')}-`)));
  const pristine = path.join(root, 'pristine');
  const work = path.join(root, 'work');
  const env = goEnv(root);
  fs.mkdirSync(env.HOME, { recursive: true });
  const results = [];
  const skips = [];
  const log = (s) => process.stderr.write(`[${name}] ${s}\n`);
  try {
    await extract(source, pristine, opts.timeoutMs);
    const shape = { ...shapeOf(pristine), tree: pristine };
    log(`${shape.modules.length} module(s)${shape.work ? ', go.work' : ''}${shape.modules.some((m) => m.vendored) ? ', vendored' : ''}`);
    const tooNew = [shape.work?.go, ...shape.modules.map((m) => m.go)].filter((v) => v && versionLess(goVersion, v));
    if (tooNew.length) {
      skips.push({ repo: name, reason: `needs go ${tooNew[0]} (local go ${goVersion}, GOTOOLCHAIN=local)` });
      return { results, skips };
    }
    const healthy = new Map(); // module dir -> verdict of the healthy tree
    resetTree(pristine, work);
    async function healthyBuild(m) {
      if (!healthy.has(m.dir)) {
        const dir = path.join(work, m.dir);
        log(`healthy: go mod download, go build ./... in ${m.dir}`);
        // go mod download fetches the whole module graph; a version gone from the proxy (test-only
        // pseudo-versions of deep dependencies) makes it fail where the build needs none of it.
        // The build with the proxy is what says healthy; it downloads what it needs.
        const d = await run('go', ['mod', 'download'], { cwd: dir, env, timeoutMs: opts.timeoutMs });
        if (d.code !== 0) log(`  go mod download in ${m.dir} ${d.timedOut ? 'timed out' : 'failed: ' + firstLines(d.stderr, 1)}`);
        const b = await goBuild(dir, env, opts.timeoutMs);
        healthy.set(m.dir, b.pass ? { ok: true } : { ok: false, why: `go build ./... ${b.timedOut ? 'timed out' : 'fails: ' + firstLines(b.stderr, 3)}` });
      }
      return healthy.get(m.dir);
    }
    /** The modules providing packages to a module's build (healthy tree), to pick a dependency that matters. */
    const deps = new Map();
    shape.buildDeps = async (m) => {
      if (!deps.has(m.dir)) {
        const h = await healthyBuild(m);
        const r = h.ok ? await run('go', ['list', '-deps', '-f', '{{with .Module}}{{.Path}}{{end}}', './...'], { cwd: path.join(work, m.dir), env, timeoutMs: opts.timeoutMs }) : { stdout: '' };
        deps.set(m.dir, new Set(r.stdout.split('\n').filter(Boolean)));
      }
      return deps.get(m.dir);
    };
    const ordered = [...breakages.filter((b) => !b.last), ...breakages.filter((b) => b.last)];
    for (const b of ordered) {
      if (opts.only && !opts.only.has(b.name)) continue;
      const plan = await b.plan(shape);
      if (plan.skip) {
        skips.push({ repo: name, breakage: b.name, reason: plan.skip });
        continue;
      }
      const unhealthy = [];
      for (const m of plan.touched) {
        const h = await healthyBuild(m);
        if (!h.ok) unhealthy.push(`${m.dir}: ${h.why}`);
      }
      if (unhealthy.length) {
        skips.push({ repo: name, breakage: b.name, reason: `does not build healthy: ${unhealthy.join('; ')}` });
        continue;
      }
      log(`${b.name}: ${plan.what}`);
      results.push(await runCase(name, b.name, plan, { pristine, work, env, opts, outDir }));
      const r = results.at(-1);
      log(`  -> before ${r.diagnosticsBefore}, fix exit ${r.fix.exit}, after ${r.diagnosticsAfter}, go build ${r.buildAfter}`);
    }
    return { results, skips };
  } catch (e) {
    skips.push({ repo: name, reason: `error: ${e.message}` });
    return { results, skips };
  } finally {
    if (!opts.keep) {
      await run('go', ['clean', '-modcache'], { env, timeoutMs: opts.timeoutMs });
      fs.rmSync(root, { recursive: true, force: true });
    } else log(`kept ${root}`);
  }
}

async function runCase(repoName, breakage, plan, { pristine, work, env, opts, outDir }) {
  const caseDir = path.join(outDir, repoName.replace(/\//g, '+'), breakage);
  fs.mkdirSync(caseDir, { recursive: true });
  const save = (file, text) => fs.writeFileSync(path.join(caseDir, file), text);
  const start = Date.now();
  resetTree(pristine, work);
  await plan.apply(work, env, opts.timeoutMs);
  const editorEnv = { ...env, ...(plan.editorExtra ?? {}) };
  const buildEnv = { ...env, ...(plan.buildExtra ?? {}), GOPROXY: 'off' };
  const cliArgs = [];
  if (plan.terminal) {
    const f = path.join(caseDir, 'terminal.env');
    fs.writeFileSync(f, Object.entries(env).map(([k, v]) => `${k}=${v}`).join('\n') + '\n');
    cliArgs.push('--terminal-env', f);
  }
  const modulesDirs = plan.touched.map((m) => m.dir);

  // go's verdict on the broken tree: is it broken for go at all?
  const brokenForGo = [];
  const beforeEnv = plan.terminal ? { ...editorEnv, GOPROXY: 'off' } : buildEnv;
  for (const d of modulesDirs) brokenForGo.push({ dir: d, ...(await goBuild(path.join(work, d), beforeEnv, opts.timeoutMs)) });
  save('go-build-before.txt', brokenForGo.map((b) => `== ${b.dir}: ${b.pass ? 'pass' : 'FAIL'}\n${b.stderr}`).join('\n'));

  const before = await run(process.execPath, [cli, 'check', '--json', ...cliArgs, work], { env: editorEnv, timeoutMs: opts.timeoutMs, stdoutFile: path.join(caseDir, 'check-before.json') });
  save('check-before.stderr', before.stderr);
  const diags = parseDiagnostics(before);
  const afterBreak = snapshot(work);
  const fix = await run(process.execPath, [cli, 'fix', '--yes', ...cliArgs, work], { env: editorEnv, timeoutMs: 2 * opts.timeoutMs, stdoutFile: path.join(caseDir, 'fix.txt') });
  save('fix.stderr', fix.stderr);
  const changed = changedFiles(afterBreak, snapshot(work));
  const after = await run(process.execPath, [cli, 'check', '--json', ...cliArgs, work], { env: editorEnv, timeoutMs: opts.timeoutMs, stdoutFile: path.join(caseDir, 'check-after.json') });
  save('check-after.stderr', after.stderr);
  const diagsAfter = parseDiagnostics(after);

  // go's verdict after the fix, offline, in every touched module and every module whose files the
  // fix changed (a rewritten import can break a module the breakage never touched); with the
  // editor's settings the fix may have written, and in the terminal's env when the case compares
  // the two.
  const edited = modulesOf(work, changed).filter((d) => !modulesDirs.includes(d));
  const afterDirs = [...modulesDirs, ...edited.slice(0, MAX_EDITED_MODULES)];
  const envsAfter = plan.terminal ? { editor: { ...editorEnvAfterFix(work, editorEnv), GOPROXY: 'off' }, terminal: buildEnv } : { go: buildEnv };
  const builds = [];
  for (const d of afterDirs) {
    for (const [side, e] of Object.entries(envsAfter)) {
      const b = await goBuild(path.join(work, d), e, opts.timeoutMs);
      const withProxy = b.pass ? undefined : await goBuild(path.join(work, d), { ...e, GOPROXY: PROXY }, opts.timeoutMs);
      const list = await goListErrors(path.join(work, d), e, opts.timeoutMs);
      builds.push({ dir: d, side, pass: b.pass, timedOut: b.timedOut, passWithProxy: withProxy?.pass, stderr: firstLines(b.stderr, 12), listErrors: list.errors, listExit: list.code, listSample: list.sample, listStderr: list.stderr });
    }
  }
  save('go-build-after.txt', builds.map((b) => `== ${b.dir} (${b.side}): ${b.pass ? 'pass' : 'FAIL'}${b.passWithProxy ? ' (passes with the proxy)' : ''}; go list -e -deps: ${b.listErrors} package error(s), exit ${b.listExit}\n${b.stderr}\n${b.listSample.join('\n')}\n${b.listStderr}`).join('\n'));
  const failed = builds.filter((b) => !b.pass);
  return {
    repo: repoName,
    breakage,
    what: plan.what,
    touched: modulesDirs,
    editedModules: edited,
    brokenForGo: brokenForGo.some((b) => !b.pass),
    diagnosticsBefore: diags.count,
    codesBefore: diags.codes,
    checkExitBefore: before.code,
    fix: { exit: fix.code, timedOut: fix.timedOut, applied: fix.stdout.split('\n').filter((l) => l.startsWith('fixing ') || l.startsWith('skipped ')), failedSteps: fix.stdout.split('\n').filter((l) => /^\s+failed:/.test(l)).map((l) => l.trim()) },
    changedFiles: changed,
    diagnosticsAfter: diagsAfter.count,
    codesAfter: diagsAfter.codes,
    buildAfter: failed.length === 0 ? 'pass' : failed.every((b) => b.passWithProxy) ? 'fail (passes with proxy)' : 'fail',
    builds,
    seconds: Math.round((Date.now() - start) / 1000),
  };
}

function parseDiagnostics(r) {
  try {
    const ds = JSON.parse(r.stdout).diagnostics;
    const codes = {};
    for (const d of ds) codes[d.code] = (codes[d.code] ?? 0) + 1;
    return { count: ds.length, codes };
  } catch {
    return { count: `exit ${r.code}${r.timedOut ? ' (timed out)' : ''}`, codes: {} };
  }
}

// ---- report

function table(results) {
  const rows = [['repo', 'breakage', 'go broken', 'diagnostics before', 'fix', 'files the fix changed', 'after', 'go build after', 's']];
  for (const r of results) {
    const codes = Object.entries(r.codesBefore).map(([c, n]) => `${c}×${n}`).join(' ');
    rows.push([r.repo, r.breakage, r.brokenForGo ? 'yes' : 'no', `${r.diagnosticsBefore} ${codes}`.trim(), r.fix.timedOut ? 'timed out' : `exit ${r.fix.exit}, ${r.fix.applied.length} step(s)`, r.changedFiles.length > 3 ? `${r.changedFiles.slice(0, 3).join(' ')} +${r.changedFiles.length - 3}` : r.changedFiles.join(' ') || '-', String(r.diagnosticsAfter), r.buildAfter, String(r.seconds)]);
  }
  const w = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  return rows.map((row) => row.map((c, i) => c.padEnd(w[i])).join('  ').trimEnd()).join('\n');
}

function report(all, out) {
  console.log(table(all.results));
  for (const s of all.skips) console.log(`skipped: ${s.repo}${s.breakage ? ' ' + s.breakage : ''}: ${s.reason}`);
  const passed = all.results.filter((r) => r.buildAfter === 'pass').length;
  console.log(`\ngo build passes after fix --yes in ${passed} of ${all.results.length} cases (go ${all.go})${out ? `; results: ${out}` : ''}`);
}

async function main() {
  const argv = process.argv.slice(2);
  if (argv[0] === '--report') {
    // The table again from result files of earlier runs, merged.
    const files = argv.slice(1).map((f) => JSON.parse(fs.readFileSync(f, 'utf8')));
    report({ go: files[0]?.go, results: files.flatMap((f) => f.results), skips: files.flatMap((f) => f.skips) });
    return;
  }
  const opts = parseArgs(argv);
  if (!fs.existsSync(cli)) throw new Error(`${cli} is missing: run npm run build`);
  const goVersion = await localGoVersion();
  const outDir = opts.out.replace(/\.json$/, '') + '.d';
  fs.mkdirSync(outDir, { recursive: true });
  const all = { go: goVersion, results: [], skips: [] };
  for (const source of opts.sources) {
    const { results, skips } = await runRepo(source, opts, goVersion, outDir);
    all.results.push(...results);
    all.skips.push(...skips);
    fs.writeFileSync(opts.out, JSON.stringify(all, null, 2) + '\n');
  }
  report(all, `${opts.out}, outputs: ${outDir}`);
}

main().catch((e) => {
  process.stderr.write(`real-repos: ${e.stack ?? e}\n`);
  process.exit(2);
});
