// What the engine hands to its front ends (CLI, language server): diagnostics with their fixes.

import type { Code } from '../codes';
import type { Range } from '../text/position';
import type { TextEdit } from '../text/edit';

export type Severity = 'error' | 'warning' | 'info';

/** A go command to run: never through a shell; `cwd` is absolute; `env` overrides the view's. */
export interface GoCommand {
  argv: string[];
  cwd: string;
  env?: Record<string, string>;
}

export interface FileEdits {
  /** Absolute path. */
  file: string;
  /** True when the file does not exist yet and the edit creates it (a new go.work). */
  create?: boolean;
  edits: TextEdit[];
}

export interface Fix {
  title: string;
  /** Deletes or rewrites beyond a minimal edit (go clean -modcache, go mod tidy): ask first. */
  destructive: boolean;
  /** The fix a one-click action should take. */
  preferred?: boolean;
  edits?: FileEdits[];
  /** Commands run in order after the edits. */
  commands?: GoCommand[];
}

export interface RelatedInfo {
  file: string;
  range: Range;
  message: string;
}

export interface Diagnostic {
  /** Absolute path of the file the diagnostic is in. */
  file: string;
  range: Range;
  severity: Severity;
  code: Code;
  message: string;
  /** Set for diagnostics on an import. */
  importPath?: string;
  related: RelatedInfo[];
  fixes: Fix[];
}
