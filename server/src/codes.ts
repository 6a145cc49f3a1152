// The diagnostic codes: stable identifiers shared by the CLI (--json, --code), the language
// server, the editor and the tests. This is the only list; everything else refers to it.

export const CODES = {
  'no-main-module': 'No go.mod in this directory or any parent, so module mode has no main module.',
  'gopath-mode': 'Module mode is off (GO111MODULE=off or auto without go.mod): imports are looked up in GOPATH.',
  'not-in-workspace': 'A go.work is in effect, but this module is not one of its `use` directories.',
  'no-required-module': 'No module in the build list provides the imported package.',
  'module-path-mismatch': 'A go.mod declares a different module path from the one it is required or imported by.',
  'replace-dir-missing': 'A replace directive points at a directory that does not exist or holds no go.mod.',
  'replace-path-mismatch': 'A replace directive points at a directory whose go.mod declares another module path.',
  'package-not-in-module': 'The module that owns the import path has no package in that directory.',
  'package-not-in-std': 'A path without a dot in its first element names no standard library package.',
  'major-version-suffix': 'A v2+ module imported without its /vN suffix, or with the wrong one.',
  'missing-go-sum': 'go.sum lacks the checksum the go command needs for the providing module.',
  'checksum-mismatch': 'A cached module file does not match its checksum in go.sum.',
  'cache-corrupt': 'The module cache holds a partial or modified copy of a module.',
  'module-not-in-cache': 'A required module version is not in the module cache and cannot be downloaded (GOPROXY=off or offline).',
  'vendor-inconsistent': 'vendor/modules.txt does not agree with go.mod.',
  'vendor-missing-package': 'Vendor mode is on, and the package is not in the vendor directory.',
  'ambiguous-import': 'Two or more modules in the build list provide the imported package.',
  'build-constraints-exclude': 'Every Go file of the imported package is excluded by build constraints.',
  'no-go-files': 'The imported directory holds no Go files.',
  'internal-import': 'An internal package imported from outside the tree that may use it.',
  'import-cycle': 'Packages import each other in a cycle.',
  'work-duplicate-module': 'go.work lists the same module (or directory) more than once.',
  'go-version-too-new': 'A go.mod or go.work requires a newer Go than the one installed (GOTOOLCHAIN=local).',
  'toolchain-unavailable': 'GOTOOLCHAIN or a toolchain line makes go run another Go toolchain, which it can neither find nor download.',
  'invalid-module-file': 'go.mod, go.work, go.sum or vendor/modules.txt cannot be parsed.',
  'unreadable-file': 'A file or directory the go command must read cannot be: no permission, a special file (FIFO, device) where a file belongs, or larger than any real one.',
  'invalid-import-path': 'An import path go/build refuses (empty, with a space or a character such as `"` or `:`): go fails its whole file.',
  'editor-terminal-mismatch': 'The import resolves in one of the editor and the terminal but not in the other.',
} as const;

export type Code = keyof typeof CODES;

export const ALL_CODES = Object.keys(CODES) as Code[];

export function isCode(s: string): s is Code {
  return Object.prototype.hasOwnProperty.call(CODES, s);
}
