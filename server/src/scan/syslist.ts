// The GOOS and GOARCH names go/build knows, copied from Go 1.26's src/internal/syslist/syslist.go.
// They decide which file-name suffixes (_linux.go, _arm64.go) are build constraints.

export const KNOWN_OS: ReadonlySet<string> = new Set([
  'aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'js', 'linux',
  'nacl', 'netbsd', 'openbsd', 'plan9', 'solaris', 'wasip1', 'windows', 'zos',
]);

/** The GOOS values matched by the `unix` build tag. */
export const UNIX_OS: ReadonlySet<string> = new Set([
  'aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'linux',
  'netbsd', 'openbsd', 'solaris',
]);

export const KNOWN_ARCH: ReadonlySet<string> = new Set([
  '386', 'amd64', 'amd64p32', 'arm', 'armbe', 'arm64', 'arm64be', 'loong64', 'mips', 'mipsle',
  'mips64', 'mips64le', 'mips64p32', 'mips64p32le', 'ppc', 'ppc64', 'ppc64le', 'riscv', 'riscv64',
  's390', 's390x', 'sparc', 'sparc64', 'wasm',
]);
