// What the status bar item says for the active file, in plain words: how many of its module's
// imports are broken, or that the editor and the terminal disagree. No vscode import, so it is
// tested without an editor.

import * as path from 'node:path';
import type { StatusParams } from '../../server/src/lsp/protocol';

type ModuleStatus = StatusParams['modules'][number];

export interface StatusText {
  text: string;
  /** Lines of the tooltip, plain text (they hold workspace paths). */
  tooltip: string[];
  warning: boolean;
}

const HOW: Record<ModuleStatus['mode'], string> = {
  module: "through this module's go.mod",
  workspace: 'through the go.work',
  vendor: "from this module's vendor directory",
  gopath: 'from GOPATH (no go.mod: GOPATH mode)',
  'no-module': 'nowhere: no go.mod or go.work holds this file',
};

/** The status for `file` (a .go, go.mod, go.sum or go.work file): the innermost module holding
 * it, or — for a go.work — the modules it uses. */
export function statusText(file: string, statuses: Iterable<StatusParams>): StatusText | { analyzing: boolean } {
  const all = [...statuses];
  const used = path.basename(file) === 'go.work' ? all.flatMap((s) => s.modules.filter((m) => m.goWork === file).map((m) => ({ m, restricted: s.restricted }))) : [];
  if (used.length) return workspaceText(file, used.map((u) => u.m), used.some((u) => u.restricted));
  let best: { status: StatusParams; module: ModuleStatus } | undefined;
  for (const status of all) {
    for (const m of status.modules) {
      if ((file === m.dir || file.startsWith(m.dir + path.sep)) && (!best || m.dir.length > best.module.dir.length)) best = { status, module: m };
    }
  }
  if (best) return moduleText(best.module, best.status.restricted);
  return { analyzing: all.some((s) => s.state === 'analyzing') };
}

function moduleText(m: ModuleStatus, restricted: boolean): StatusText {
  const broken = m.broken ?? 0;
  const tooltip = [
    `Imports resolve ${HOW[m.mode]}.`,
    `Module: ${m.dir}`,
    m.goWork ? `go.work: ${m.goWork}` : undefined,
    broken ? `${plural(broken, 'import')} of this module ${broken === 1 ? 'does' : 'do'} not resolve (see the Problems view).` : 'Every import of this module resolves.',
    m.mismatch ? `${mismatchText(m)} Click to compare them.` : undefined,
    restricted ? 'Untrusted workspace: analysis only, no go command runs.' : undefined,
  ].filter((l): l is string => l !== undefined);
  const text = m.mismatch ? '$(warning) Go: editor ≠ terminal' : broken ? `$(error) Go imports: ${broken} broken` : '$(check) Go imports';
  return { text: text + (restricted ? ' $(shield)' : ''), tooltip, warning: m.mismatch };
}

function workspaceText(goWork: string, mods: ModuleStatus[], restricted: boolean): StatusText {
  const broken = mods.reduce((n, m) => n + (m.broken ?? 0), 0);
  const mismatch = mods.some((m) => m.mismatch);
  const tooltip = [
    `This go.work puts ${plural(mods.length, 'module')} in the workspace.`,
    `go.work: ${goWork}`,
    broken ? `${plural(broken, 'import')} across them ${broken === 1 ? 'does' : 'do'} not resolve (see the Problems view).` : 'Every import of these modules resolves.',
    mismatch ? 'The editor and the terminal resolve some imports differently. Click to compare them.' : undefined,
    restricted ? 'Untrusted workspace: analysis only, no go command runs.' : undefined,
  ].filter((l): l is string => l !== undefined);
  const text = mismatch ? '$(warning) Go: editor ≠ terminal' : broken ? `$(error) Go workspace: ${plural(broken, 'broken import')}` : '$(check) Go workspace';
  return { text: text + (restricted ? ' $(shield)' : ''), tooltip, warning: mismatch };
}

/** "The editor and the terminal resolve 2 imports differently: GOFLAGS decides it." */
function mismatchText(m: ModuleStatus): string {
  const n = m.mismatchImports;
  const what = n ? plural(n, 'import') : 'some imports';
  const inputs = m.mismatchInputs?.length ? `: ${m.mismatchInputs.join(', ')} ${m.mismatchInputs.length === 1 ? 'decides' : 'decide'} it.` : '.';
  return `The editor and the terminal resolve ${what} differently${inputs}`;
}

function plural(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}
