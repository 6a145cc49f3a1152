// Whether two environments read the same to module loading. The editor's and a terminal's often
// differ only in what a shell adds (TERM_PROGRAM, SHLVL, PWD, PS1, …); then the terminal sees
// exactly the views and resolutions the editor sees.

import type { GoEnv } from './types';
import { sameValue } from '../same-value';

/** The process variables that views and resolutions read directly (the rest of what go reads is
 * in GoEnv's own fields, computed when the environment was loaded): the temp dir (a go.mod there
 * is ignored), HOME, every GO* and CGO_* variable, and PATH (where a toolchain switch looks),
 * which is compared apart. */
function readByModuleLoading(name: string): boolean {
  return name === 'TMPDIR' || name === 'HOME' || name.startsWith('GO') || name.startsWith('CGO_');
}

const compared = new WeakMap<GoEnv, WeakMap<GoEnv, ResolutionDifference>>();

/** How two environments differ to module loading: not at all (every field equal, key order
 * aside, origins too since messages name them, and the process variables where module loading
 * reads them), only in PATH (which matters only where go would switch toolchains), or otherwise.
 * Kept per pair: analyses ask again with the same objects. */
export type ResolutionDifference = 'none' | 'path' | 'other';

export function resolutionDifference(a: GoEnv, b: GoEnv): ResolutionDifference {
  if (a === b) return 'none';
  let byB = compared.get(a);
  if (!byB) compared.set(a, (byB = new WeakMap()));
  let d = byB.get(b);
  if (d === undefined) {
    d = !sameValue(projection(a), projection(b)) ? 'other' : a.processEnv.PATH !== b.processEnv.PATH ? 'path' : 'none';
    byB.set(b, d);
  }
  return d;
}

/** What `go env` reports that differs from run to run and that module loading never reads: the
 * C compiler flags name a fresh temporary directory each time (-ffile-prefix-map=/tmp/go-build…),
 * so two loads of one environment would never read alike. */
const VARIES_PER_RUN = ['GOGCCFLAGS'];

function projection(env: GoEnv): GoEnv {
  const vars = { ...env.vars };
  for (const name of VARIES_PER_RUN) delete vars[name];
  return { ...env, vars, processEnv: Object.fromEntries(Object.entries(env.processEnv).filter(([k]) => readByModuleLoading(k))) };
}
