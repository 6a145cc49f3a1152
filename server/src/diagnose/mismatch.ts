// The editor and the terminal disagree on an import: say which view fails, why (its code and
// message), which differing inputs flip the verdict (blamed, ./blame.ts) and which differ without
// mattering (listed); the fixes align one side with the other or remove the cause.

import type { ImportVerdict } from '../analyze/types';
import type { View } from '../resolve/types';
import type { Diagnostic, InputDifference } from './types';
import { relatedFromEvidence } from './diagnose';
import { blameInputs, type BlameContext } from './blame';
import { mismatchFixes } from '../fix/mismatch';

/** Go variables that can change how an import resolves (the CLI's env-diff shows them). */
export const RESOLUTION_VARS = [
  'GO111MODULE', 'GOFLAGS', 'GOWORK', 'GOPATH', 'GOMODCACHE', 'GOROOT', 'GOPROXY', 'GOPRIVATE', 'GONOPROXY', 'GONOSUMDB',
  'GOSUMDB', 'GOTOOLCHAIN', 'GOOS', 'GOARCH', 'CGO_ENABLED', 'GOENV',
] as const;

export interface MismatchContext extends BlameContext {
  /** The folder the editor was opened at: where .vscode/settings.json is. */
  folder: string;
}

export function mismatchDiagnostic(v: ImportVerdict, editor: View, terminal: View, ctx: MismatchContext): Diagnostic {
  const blame = blameInputs(v, editor, terminal, ctx);
  const failing = blame.failing === 'editor' ? v.editor : v.terminal!;
  const working = blame.failing === 'editor' ? 'the terminal' : 'the editor';
  const why = failing.ok ? '' : ` (${failing.code}: ${failing.message.replace(/\.?\s*$/, '')})`;
  const blamed = blame.blamed.length
    ? ` Taking ${describe(blame.blamed)} from ${working} makes it resolve.`
    : ' No single difference, pair or the whole set of differing inputs explains it.';
  const listed = blame.listed.length ? ` Also different, without mattering here: ${describe(blame.listed)}.` : '';
  return {
    file: v.file,
    range: v.range,
    severity: 'warning',
    code: 'editor-terminal-mismatch',
    message: `"${v.importPath}" resolves in ${working} but not in the ${blame.failing}${why}.${blamed}${listed}`,
    importPath: v.importPath,
    related: failing.ok ? [] : relatedFromEvidence(failing),
    fixes: mismatchFixes(v, blame, editor, terminal, ctx),
    blame,
  };
}

function describe(diffs: InputDifference[]): string {
  const side = (value: string, from: string | undefined) => JSON.stringify(value) + (from ? ` from ${from}` : '');
  return diffs.map((d) => `${d.name} (editor ${side(d.editor, d.editorFrom)}, terminal ${side(d.terminal, d.terminalFrom)})`).join(', ');
}
