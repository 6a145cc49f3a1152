export interface GoRunOptions {
  cwd: string;
  /** The complete environment for the child (nothing is inherited implicitly). */
  env: Readonly<Record<string, string>>;
  /** The go binary; 'go' looks it up on env.PATH. */
  goBinary?: string;
  /** Kill the process after this long (default 60 s). */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Allow GOTOOLCHAIN to be other than 'local' (the user opted in). Default false. */
  allowToolchainSwitch?: boolean;
  /** Called with output as it arrives (for a log channel). */
  onOutput?: (chunk: string, stream: 'stdout' | 'stderr') => void;
}

export interface GoRunResult {
  argv: string[];
  exitCode: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  cancelled: boolean;
  /** Set when the go binary could not be started at all (ENOENT, EACCES). */
  spawnError?: string;
}
