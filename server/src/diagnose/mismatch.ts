// The editor and the terminal disagree on an import: say which view fails, why (its code), and
// which of their inputs differ. Blaming the inputs that actually flip the verdict is done by
// re-resolving (see issue "editor versus terminal"); here the differing inputs are listed.

import type { ImportVerdict } from '../analyze/types';
import type { View } from '../resolve/types';
import type { Diagnostic } from './types';
import { relatedFromEvidence } from './diagnose';

/** Go variables that can change how an import resolves. */
export const RESOLUTION_VARS = [
  'GO111MODULE', 'GOFLAGS', 'GOWORK', 'GOPATH', 'GOMODCACHE', 'GOROOT', 'GOPROXY', 'GOPRIVATE', 'GONOPROXY', 'GONOSUMDB',
  'GOSUMDB', 'GOTOOLCHAIN', 'GOOS', 'GOARCH', 'CGO_ENABLED', 'GOENV',
] as const;

export interface InputDifference {
  name: string;
  editor: string;
  terminal: string;
}

export function viewInputDifferences(editor: View, terminal: View): InputDifference[] {
  const out: InputDifference[] = [];
  for (const name of RESOLUTION_VARS) {
    const e = editor.env.vars[name] ?? '';
    const t = terminal.env.vars[name] ?? '';
    if (e !== t) out.push({ name, editor: e, terminal: t });
  }
  const ew = editor.goWork?.file ?? '(none)';
  const tw = terminal.goWork?.file ?? '(none)';
  if (ew !== tw) out.push({ name: 'go.work', editor: ew, terminal: tw });
  if ((editor.env.goVersion ?? '') !== (terminal.env.goVersion ?? '')) {
    out.push({ name: 'go version', editor: editor.env.goVersion ?? '(no go)', terminal: terminal.env.goVersion ?? '(no go)' });
  }
  return out;
}

export function mismatchDiagnostic(v: ImportVerdict, editor: View, terminal: View): Diagnostic {
  const failing = !v.editor.ok ? v.editor : v.terminal!;
  const failingSide = !v.editor.ok ? 'the editor' : 'the terminal';
  const workingSide = !v.editor.ok ? 'the terminal' : 'the editor';
  const diffs = viewInputDifferences(editor, terminal);
  const listed = diffs.length
    ? diffs.map((d) => `${d.name}: editor=${JSON.stringify(d.editor)}, terminal=${JSON.stringify(d.terminal)}`).join('; ')
    : 'no Go variable differs';
  return {
    file: v.file,
    range: v.range,
    severity: 'warning',
    code: 'editor-terminal-mismatch',
    message: `"${v.importPath}" resolves in ${workingSide} but not in ${failingSide} (${failing.ok ? '' : failing.code}). Inputs that differ: ${listed}.`,
    importPath: v.importPath,
    related: failing.ok ? [] : relatedFromEvidence(failing),
    fixes: [],
  };
}
