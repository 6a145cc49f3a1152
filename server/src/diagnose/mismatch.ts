// The editor and the terminal disagree on an import: say which view fails, why (its code and
// message), which differing inputs flip the verdict (blamed, ./blame.ts) and which differ without
// mattering (listed); the fixes align one side with the other or remove the cause.

import * as path from 'node:path';
import type { ImportVerdict } from '../analyze/types';
import type { View } from '../resolve/types';
import { splitGoSays } from '../text/sentence';
import type { Diagnostic, InputDifference } from './types';
import { relatedFromEvidence } from './diagnose';
import { blameInputs, GO_VERSION_INPUT, type BlameContext } from './blame';
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

/** `wholeView`: the failing side fails every import of the module (its view has an error), and
 * the diagnostic speaks of the module rather than of v. */
export function mismatchDiagnostic(v: ImportVerdict, editor: View, terminal: View, ctx: MismatchContext, opts: { wholeView?: boolean } = {}): Diagnostic {
  const blame = blameInputs(v, editor, terminal, ctx);
  const failing = blame.failing === 'editor' ? v.editor : v.terminal!;
  const working = blame.failing === 'editor' ? 'the terminal' : 'the editor';
  // The failing side's cause in our words; go's own text stays in the hover and related information.
  const why = failing.ok ? '' : `: ${splitGoSays(failing.message).ours}`;
  const blamed = blame.blamed.length
    ? ` Taking ${describe(blame.blamed)} from ${working} makes it resolve.`
    : ' No single difference, pair or the whole set of differing inputs explains it.';
  const listed = blame.listed.length ? ` Also different, without mattering here: ${describe(blame.listed)}.` : '';
  const toolchains = blame.blamed.some((d) => d.input === GO_VERSION_INPUT) ? ` ${differentGo(editor, terminal, blame.failing)}` : '';
  return {
    file: v.file,
    range: v.range,
    // Red in the editor is an error there, whatever the terminal says; a terminal-only failure is a warning.
    severity: blame.failing === 'editor' ? 'error' : 'warning',
    code: 'editor-terminal-mismatch',
    message: `${opts.wholeView ? 'go loads this module' : 'Resolves'} in ${working} but not in the ${blame.failing}: ${blame.blamed.length ? `${blame.blamed.map((d) => d.name).join(', ')} ${blame.blamed.length === 1 ? 'decides' : 'decide'} it` : 'no single input explains it'}`,
    detail: `${opts.wholeView ? 'go loads this module' : `"${v.importPath}" resolves`} in ${working} but not in the ${blame.failing}${why}.${blamed}${toolchains}${listed}`,
    ...(failing.ok || splitGoSays(failing.message).go === undefined ? {} : { goSays: splitGoSays(failing.message).go }),
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

/** The two go binaries when their versions matter, and how to make both sides run one of them:
 * the working side's go for the failing side first, the other way round (both then fail) second. */
function differentGo(editor: View, terminal: View, failing: 'editor' | 'terminal'): string {
  const one = (v: View) => `${v.env.goBinary ?? 'no go binary found'} (${v.env.goVersion ? `go ${v.env.goVersion}` : 'version unknown'})`;
  const onPath = (v: View) => `put the editor's go first on the terminal's PATH${v.env.goBinary ? ` with export PATH=${path.dirname(v.env.goBinary)}:$PATH` : ''}`;
  const inEditor = (v: View) => `point the editor at the terminal's go${v.env.goBinary ? ` (${v.env.goBinary})` : ''} with go.alternateTools or goModuleDoctor.goPath`;
  const [fix, other] = failing === 'terminal' ? [onPath(editor), inEditor(terminal)] : [inEditor(terminal), onPath(editor)];
  return `The editor runs ${one(editor)} and the terminal ${one(terminal)}. To use the same go in both, ${fix} (or ${other}, and the import fails on both sides).`;
}
