// The Go environment of one view (the editor's or the terminal's): what `go env` would say there.

/** The go command's flags this model reads: GOFLAGS, with the command-line build flags (the
 * editor's gopls build.buildFlags) over it. */
export interface GoFlags {
  /** -mod=readonly|vendor|mod when set. */
  mod?: 'readonly' | 'vendor' | 'mod';
  /** -modfile=FILE when set. */
  modfile?: string;
  /** -tags=a,b: the build tags. */
  tags: string[];
  /** Every flag as written (GOFLAGS' words, then the build flags), for reporting. */
  raw: string[];
  /** The modelled flags (mod, modfile, tags) the command-line build flags set; absent without
   * build flags. */
  commandLine?: string[];
  /** Why go would refuse this GOFLAGS (every go command fails), in go's words. */
  errors?: string[];
}

export interface GoEnv {
  /** The process environment the go command would run with (PATH, HOME, GO* as set). */
  processEnv: Readonly<Record<string, string>>;
  /** Effective go variables, as `go env` reports them (process env over the `go env -w` file over
   * $GOROOT/go.env over defaults). GOWORK here is the setting ('' | 'off' | absolute path),
   * never a discovered file. */
  vars: Readonly<Record<string, string>>;
  /** Absolute path of the go binary this environment runs, if one was found. */
  goBinary?: string;
  /** The toolchain's version without the "go" prefix, like "1.26.8"; undefined without a go binary. */
  goVersion?: string;
  /** 'go env' when read from `go env -json`; 'computed' when derived without a go binary. */
  source: 'go env' | 'computed';
  /** Command-line build flags this view's go commands run with (the editor's gopls
   * build.buildFlags); `flags` has them over GOFLAGS. */
  buildFlags?: readonly string[];
  /** Where variables of processEnv were set, when a setting set them rather than the inherited
   * environment: `GOFLAGS: 'go.toolsEnvVars'`, `GOROOT: 'go.goroot'`, … For messages. */
  origins?: Readonly<Record<string, string>>;

  goroot: string;
  /** GOPATH entries in order. */
  gopath: string[];
  gomodcache: string;
  go111module: '' | 'on' | 'off' | 'auto';
  /** '' (auto discovery), 'off', or an absolute go.work path. */
  gowork: string;
  flags: GoFlags;
  goos: string;
  goarch: string;
  cgoEnabled: boolean;
  gotoolchain: string;
  goproxy: string;
  goprivate: string;
  gonosumdb: string;
  gonoproxy: string;
  gosumdb: string;
}
