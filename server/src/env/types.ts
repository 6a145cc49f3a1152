// The Go environment of one view (the editor's or the terminal's): what `go env` would say there.

export interface GoFlags {
  /** -mod=readonly|vendor|mod when set in GOFLAGS. */
  mod?: 'readonly' | 'vendor' | 'mod';
  /** -modfile=FILE when set in GOFLAGS. */
  modfile?: string;
  /** -tags=a,b from GOFLAGS. */
  tags: string[];
  /** Every flag as written, for reporting. */
  raw: string[];
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
