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
  /** Text for the user to copy and run themselves (a terminal's environment is theirs to
   * change): shown, never run. */
  copyText?: string;
  /** Files it writes outside the analysed folder (fix/reach.ts): named in the title, and written
   * only after asking (the CLI needs --yes). */
  outside?: string[];
}

export interface RelatedInfo {
  file: string;
  range: Range;
  message: string;
  /** The line is the cause (it has a diagnostic of its own). */
  cause?: true;
}

/** One input (a Go variable, the go.work in effect, the go version) on which the editor's and the
 * terminal's views differ. */
export interface InputDifference {
  name: string;
  editor: string;
  terminal: string;
  /** The input it is tried as: variables that act together (GOOS/GOARCH/CGO_ENABLED) flip together. */
  input: string;
  /** The setting the editor's (terminal's) value comes from, when a setting set it rather than
   * the inherited environment (GoEnv.origins): "go.toolsEnvVars", "gopls build.env", … */
  editorFrom?: string;
  terminalFrom?: string;
}

/** What an editor-terminal-mismatch found by trying the differing inputs. */
export interface MismatchBlame {
  failing: 'editor' | 'terminal';
  /** Differences in the smallest input sets that, taken from the working view, make the import resolve. */
  blamed: InputDifference[];
  /** Differences that change no verdict. */
  listed: InputDifference[];
}

export interface Diagnostic {
  /** Absolute path of the file the diagnostic is in. */
  file: string;
  range: Range;
  severity: Severity;
  code: Code;
  /** The headline: one line, about 120 characters at most, in our words. */
  message: string;
  /** The whole explanation in our words (the hover's and `check --json`'s). */
  detail?: string;
  /** What go itself prints for it, verbatim (possibly several lines). */
  goSays?: string;
  /** Set for diagnostics on an import. */
  importPath?: string;
  related: RelatedInfo[];
  fixes: Fix[];
  /** Set on editor-terminal-mismatch. */
  blame?: MismatchBlame;
}
