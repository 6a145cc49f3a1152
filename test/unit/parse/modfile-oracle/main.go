// The parser oracle: golang.org/x/mod/modfile as the installed go vendors it, built at test time
// by test/unit/parse/oracle.ts next to a copy of that modfile (never committed). It reads one
// JSON request per line ({"kind":"mod"|"work","data":<base64>}) and answers, per line, what
// `go mod edit -json` / `go work edit -json` would: the parse error text, or the parsed file in
// the JSON shape they print. Unlike those commands it prints the parse itself, before the
// SortBlocks and Cleanup they do first (which drop duplicate replaces and empty paths), since the
// parse is what our parsers must match.
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"
)

type request struct {
	Kind string
	Data []byte
}

type answer struct {
	Error *[]byte         `json:"error"` // bytes, so any that are not UTF-8 survive
	JSON  json.RawMessage `json:"json"`
}

// The shapes of cmd/go/internal/modcmd/edit.go and cmd/go/internal/workcmd/edit.go.
type modJSON struct {
	Module    moduleJSON
	Go        string      `json:",omitempty"`
	Toolchain string      `json:",omitempty"`
	GoDebug   []debugJSON `json:",omitempty"`
	Require   []requireJSON
	Exclude   []module.Version
	Replace   []replaceJSON
	Retract   []retractJSON
	Tool      []pathJSON
	Ignore    []pathJSON
}

type moduleJSON struct {
	Path       string
	Deprecated string `json:",omitempty"`
}

type requireJSON struct {
	Path     string
	Version  string `json:",omitempty"`
	Indirect bool   `json:",omitempty"`
}

type replaceJSON struct {
	Old module.Version
	New module.Version
}

type retractJSON struct {
	Low       string `json:",omitempty"`
	High      string `json:",omitempty"`
	Rationale string `json:",omitempty"`
}

type pathJSON struct{ Path string }

type debugJSON struct{ Key, Value string }

type workJSON struct {
	Go      string `json:",omitempty"`
	Use     []useJSON
	Replace []replaceJSON
}

type useJSON struct {
	DiskPath string
	ModPath  string `json:",omitempty"`
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<30)
	out := bufio.NewWriter(os.Stdout)
	enc := json.NewEncoder(out)
	for in.Scan() {
		var req request
		if err := json.Unmarshal(in.Bytes(), &req); err != nil {
			panic(err)
		}
		var a answer
		var v any
		var err error
		switch req.Kind {
		case "work":
			v, err = parseWork(req.Data, nil)
		case "modfix":
			v, err = parseMod(req.Data, modfile.Parse, goCommandFixer)
		case "modlax":
			v, err = parseMod(req.Data, modfile.ParseLax, nil)
		default:
			v, err = parseMod(req.Data, modfile.Parse, nil)
		}
		if err != nil {
			b := []byte(err.Error())
			a.Error = &b
		} else if a.JSON, err = json.Marshal(v); err != nil {
			panic(err)
		}
		if err := enc.Encode(&a); err != nil {
			panic(err)
		}
	}
	if err := in.Err(); err != nil {
		panic(err)
	}
	out.Flush()
}

// goCommandFixer is cmd/go/internal/modload's fixVersion (which cannot be built outside cmd/go)
// with GOPROXY=off, where its Query of a version that is not canonical always fails. With it,
// modfile.Parse reads a main go.mod as go build does, retract lines checked after the parse.
func goCommandFixer(path, vers string) (string, error) {
	if strings.HasPrefix(path, "gopkg.in/") && strings.Contains(vers, "-gopkgin-") {
		vers = vers[strings.Index(vers, "-gopkgin-")+len("-gopkgin-"):]
	}
	_, pathMajor, ok := module.SplitPathVersion(path)
	if !ok {
		return "", &module.ModuleError{
			Path: path,
			Err: &module.InvalidVersionError{
				Version: vers,
				Err:     fmt.Errorf("malformed module path %q", path),
			},
		}
	}
	if vers != "" && module.CanonicalVersion(vers) == vers {
		if err := module.CheckPathMajor(vers, pathMajor); err != nil {
			return "", module.VersionError(module.Version{Path: path, Version: vers}, err)
		}
		return vers, nil
	}
	return "", errors.New("module lookup disabled by GOPROXY=off")
}

type parser func(file string, data []byte, fix modfile.VersionFixer) (*modfile.File, error)

func parseMod(data []byte, parse parser, fix modfile.VersionFixer) (any, error) {
	f, err := parse("go.mod", data, fix)
	if err != nil {
		return nil, err
	}
	var j modJSON
	if f.Module != nil {
		j.Module = moduleJSON{Path: f.Module.Mod.Path, Deprecated: f.Module.Deprecated}
	}
	if f.Go != nil {
		j.Go = f.Go.Version
	}
	if f.Toolchain != nil {
		j.Toolchain = f.Toolchain.Name
	}
	for _, r := range f.Require {
		j.Require = append(j.Require, requireJSON{r.Mod.Path, r.Mod.Version, r.Indirect})
	}
	for _, x := range f.Exclude {
		j.Exclude = append(j.Exclude, x.Mod)
	}
	for _, r := range f.Replace {
		j.Replace = append(j.Replace, replaceJSON{r.Old, r.New})
	}
	for _, r := range f.Retract {
		j.Retract = append(j.Retract, retractJSON{r.Low, r.High, r.Rationale})
	}
	for _, t := range f.Tool {
		j.Tool = append(j.Tool, pathJSON{t.Path})
	}
	for _, i := range f.Ignore {
		j.Ignore = append(j.Ignore, pathJSON{i.Path})
	}
	for _, d := range f.Godebug {
		j.GoDebug = append(j.GoDebug, debugJSON{d.Key, d.Value})
	}
	return j, nil
}

func parseWork(data []byte, fix modfile.VersionFixer) (any, error) {
	f, err := modfile.ParseWork("go.work", data, fix)
	if err != nil {
		return nil, err
	}
	var j workJSON
	if f.Go != nil {
		j.Go = f.Go.Version
	}
	for _, d := range f.Use {
		j.Use = append(j.Use, useJSON{d.Path, d.ModulePath})
	}
	for _, r := range f.Replace {
		j.Replace = append(j.Replace, replaceJSON{r.Old, r.New})
	}
	return j, nil
}
