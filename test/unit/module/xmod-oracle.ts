// The reference for the module/ ports: a small Go program built from the golang.org/x/mod
// sources vendored in the installed Go tree ($GOROOT/src/cmd/vendor), plus go/version for
// toolchain versions. Tests send it batches of calls and compare its answers with ours, so the
// truth is Go's own code, not expectations typed by hand. Built offline with the hermetic go.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { hermeticGo, type HermeticGo } from '../../harness/goenv';

const oracleMain = `package main

import (
	"bufio"
	"encoding/json"
	"go/version"
	"os"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"
	"golang.org/x/mod/semver"
	"golang.org/x/mod/sumdb/dirhash"
	"golang.org/x/mod/zip"
)

type call struct {
	Fn   string
	Args []string
}

func errText(err error) any {
	if err == nil {
		return nil
	}
	return err.Error()
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<24)
	out := json.NewEncoder(os.Stdout)
	for in.Scan() {
		var c call
		if err := json.Unmarshal(in.Bytes(), &c); err != nil {
			panic(err)
		}
		a := c.Args
		var r any
		switch c.Fn {
		case "semver.IsValid":
			r = semver.IsValid(a[0])
		case "semver.Compare":
			r = semver.Compare(a[0], a[1])
		case "semver.Major":
			r = semver.Major(a[0])
		case "module.CanonicalVersion":
			r = module.CanonicalVersion(a[0])
		case "module.IsPseudoVersion":
			r = module.IsPseudoVersion(a[0])
		case "version.Compare":
			r = version.Compare("go"+a[0], "go"+a[1])
		case "version.IsValid":
			r = version.IsValid("go" + a[0])
		case "version.Lang":
			r = version.Lang("go" + a[0])
		case "module.CheckPath":
			r = errText(module.CheckPath(a[0]))
		case "module.CheckImportPath":
			r = errText(module.CheckImportPath(a[0]))
		case "module.SplitPathVersion":
			prefix, major, ok := module.SplitPathVersion(a[0])
			if ok {
				r = map[string]string{"prefix": prefix, "pathMajor": major}
			}
		case "module.CheckPathMajor":
			if err := module.CheckPathMajor(a[0], a[1]); err != nil {
				r = errors(err)
			}
		case "module.EscapePath":
			s, err := module.EscapePath(a[0])
			if err == nil {
				r = s
			}
		case "module.EscapeVersion":
			s, err := module.EscapeVersion(a[0])
			if err == nil {
				r = s
			}
		case "module.UnescapePath":
			s, err := module.UnescapePath(a[0])
			if err == nil {
				r = s
			}
		case "module.UnescapeVersion":
			s, err := module.UnescapeVersion(a[0])
			if err == nil {
				r = s
			}
		case "modfile.IsDirectoryPath":
			r = modfile.IsDirectoryPath(a[0])
		case "dirhash.HashDir":
			h, err := dirhash.HashDir(a[0], a[1], dirhash.Hash1)
			if err != nil {
				panic(err)
			}
			r = h
		case "dirhash.HashZip":
			h, err := dirhash.HashZip(a[0], dirhash.Hash1)
			if err != nil {
				panic(err)
			}
			r = h
		case "zip.CreateFromDir":
			// A deflated module zip, as proxies and go mod download from VCS produce them.
			f, err := os.Create(a[0])
			if err != nil {
				panic(err)
			}
			r = errText(zip.CreateFromDir(f, module.Version{Path: a[1], Version: a[2]}, a[3]))
			f.Close()
		default:
			panic("unknown function " + c.Fn)
		}
		if err := out.Encode(r); err != nil {
			panic(err)
		}
	}
}

// errors returns the inner reason of an InvalidVersionError, the part CheckPathMajor adds.
func errors(err error) string {
	if ive, ok := err.(*module.InvalidVersionError); ok {
		return ive.Err.Error()
	}
	return err.Error()
}
`;

export interface XModOracle {
  /** Answers each call in order; values are what the Go function returned (errors as text, or null). */
  ask(calls: { fn: string; args: string[] }[]): unknown[];
  dispose(): void;
}

function copyTree(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const ent of fs.readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, ent.name);
    const dst = path.join(to, ent.name);
    if (ent.isDirectory()) copyTree(src, dst);
    else if (ent.name.endsWith('.go') && !ent.name.endsWith('_test.go')) fs.copyFileSync(src, dst);
  }
}

/** Builds the oracle: a module named golang.org/x/mod made of the vendored sources plus cmd/oracle. */
export async function buildXModOracle(): Promise<XModOracle> {
  const go: HermeticGo = hermeticGo();
  const goroot = (await go.run(['env', 'GOROOT'], go.root)).stdout.trim();
  const src = path.join(go.root, 'xmod');
  copyTree(path.join(goroot, 'src', 'cmd', 'vendor', 'golang.org', 'x', 'mod'), src);
  // The vendored sources need the language version cmd itself is built with.
  const cmdGoLine = /^go .*$/m.exec(fs.readFileSync(path.join(goroot, 'src', 'cmd', 'go.mod'), 'utf8'))?.[0] ?? 'go 1.22';
  fs.writeFileSync(path.join(src, 'go.mod'), `module golang.org/x/mod\n\n${cmdGoLine}\n`);
  fs.mkdirSync(path.join(src, 'cmd', 'oracle'), { recursive: true });
  fs.writeFileSync(path.join(src, 'cmd', 'oracle', 'main.go'), oracleMain);
  const bin = path.join(go.root, 'oracle');
  const built = await go.run(['build', '-o', bin, './cmd/oracle'], src, { GOWORK: 'off', GOFLAGS: '-mod=mod' });
  if (built.exitCode !== 0) throw new Error(`building the x/mod oracle failed:\n${built.stderr}`);
  return {
    ask(calls) {
      const input = calls.map((c) => JSON.stringify({ Fn: c.fn, Args: c.args })).join('\n') + '\n';
      const r = spawnSync(bin, [], { input, encoding: 'utf8', maxBuffer: 1 << 26 });
      if (r.status !== 0) throw new Error(`x/mod oracle failed: ${r.stderr}`);
      return r.stdout.trim().split('\n').map((l) => JSON.parse(l) as unknown);
    },
    dispose: () => go.dispose(),
  };
}
