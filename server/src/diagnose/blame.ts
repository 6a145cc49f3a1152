// Which of the inputs that differ between the editor and the terminal make an import fail in one
// and resolve in the other. Found by trying them, offline: the failing view is loaded again with
// one input (or group of inputs) taken from the working view, and the import resolved again; the
// smallest sets that flip the verdict to ok are blamed. An input that differs but flips nothing
// is listed, not blamed.

import type { ImportVerdict } from '../analyze/types';
import type { LocalModule } from '../analyze/local-modules';
import type { FileSystem } from '../fsys/fsys';
import type { GoEnv } from '../env/types';
import { computeGoEnv, goEnvFromVars, goworkSetting } from '../env/compute';
import { loadView } from '../resolve/view';
import { resolveImport } from '../resolve/importer';
import type { View } from '../resolve/types';
import type { InputDifference, MismatchBlame } from './types';
import { innermost } from '../analyze/layout';
import { mainModuleAt } from '../resolve/main-modules';

export interface BlameContext {
  fs: FileSystem;
  /** The folder's modules: which module an importing package belongs to. */
  mods: readonly LocalModule[];
}

/** The Go variables that can change how an import resolves, as the inputs they are tried in. */
const VARIABLE_INPUTS: { input: string; vars: string[] }[] = [
  { input: 'GOFLAGS', vars: ['GOFLAGS'] },
  { input: 'GO111MODULE', vars: ['GO111MODULE'] },
  { input: 'GOPATH/GOMODCACHE', vars: ['GOPATH', 'GOMODCACHE'] },
  { input: 'GOPROXY/GOPRIVATE/GONOSUMDB/GONOPROXY/GOSUMDB', vars: ['GOPROXY', 'GOPRIVATE', 'GONOSUMDB', 'GONOPROXY', 'GOSUMDB'] },
  { input: 'GOTOOLCHAIN', vars: ['GOTOOLCHAIN'] },
  { input: 'GOOS/GOARCH/CGO_ENABLED', vars: ['GOOS', 'GOARCH', 'CGO_ENABLED'] },
];
/** The go.work in effect: the GOWORK setting, or (same setting) the directory go runs in. */
const GOWORK_INPUT = 'go.work';
export const GO_VERSION_INPUT = 'go version';
/** The command-line build flags the editor's gopls runs go with (gopls build.buildFlags). */
export const BUILD_FLAGS_INPUT = 'build flags';
/** Variables reported when they differ but never tried: their effect shows in the others. */
const REPORTED_ONLY = ['GOENV'];
/** Set by go for the target architecture only. */
const ARCH_LEVEL_VARS = ['GOAMD64', 'GOARM64'];
/** Input sets tried beyond pairs: the whole set, once. */
const MAX_INPUTS_FOR_PAIRS = 8;

/** How a go.work difference shows a side that has no go.work. */
export const NO_GO_WORK = '(none)';

/** Every input that differs between the two views. */
export function viewInputDifferences(editor: View, terminal: View): InputDifference[] {
  const out: InputDifference[] = [];
  /** A differing variable, with the settings that set it on either side. */
  const differs = (name: string, e: string, t: string, input: string) => {
    const d: InputDifference = { name, editor: e, terminal: t, input };
    const ef = editor.env.origins?.[name];
    const tf = terminal.env.origins?.[name];
    if (ef) d.editorFrom = ef;
    if (tf) d.terminalFrom = tf;
    out.push(d);
  };
  const variable = (name: string, input: string) => {
    const e = editor.env.vars[name] ?? '';
    const t = terminal.env.vars[name] ?? '';
    if (e !== t) differs(name, e, t, input);
  };
  for (const { input, vars } of VARIABLE_INPUTS) for (const name of vars) variable(name, input);
  const eb = (editor.env.buildFlags ?? []).join(' ');
  const tb = (terminal.env.buildFlags ?? []).join(' ');
  if (eb !== tb) out.push({ name: BUILD_FLAGS_INPUT, editor: eb, terminal: tb, input: BUILD_FLAGS_INPUT, ...(eb ? { editorFrom: 'gopls build.buildFlags' } : {}) });
  // GOWORK as the user set it: the editor's per-module views carry GOWORK=off by construction.
  const es = goworkSetting(editor.env.processEnv);
  const ts = goworkSetting(terminal.env.processEnv);
  const ew = editor.goWork?.file ?? NO_GO_WORK;
  const tw = terminal.goWork?.file ?? NO_GO_WORK;
  if (es !== ts) differs('GOWORK', es, ts, GOWORK_INPUT);
  else if (ew !== tw) out.push({ name: 'go.work', editor: ew, terminal: tw, input: GOWORK_INPUT });
  if ((editor.env.goVersion ?? '') !== (terminal.env.goVersion ?? '')) {
    out.push({ name: 'go version', editor: editor.env.goVersion ?? '(no go)', terminal: terminal.env.goVersion ?? '(no go)', input: GO_VERSION_INPUT });
  }
  for (const name of REPORTED_ONLY) variable(name, name);
  return out;
}

// Variant views per failing view and input set: every import of a folder shares them.
const variantViews = new WeakMap<View, Map<string, View>>();

export function blameInputs(v: ImportVerdict, editorView: View, terminalView: View, ctx: BlameContext): MismatchBlame {
  const failing: MismatchBlame['failing'] = v.editor.ok ? 'terminal' : 'editor';
  const [bad, good] = failing === 'editor' ? [editorView, terminalView] : [terminalView, editorView];
  const diffs = viewInputDifferences(editorView, terminalView);
  const inputs = [...new Set(diffs.map((d) => d.input))].filter((i) => !REPORTED_ONLY.includes(i));
  const flips = (set: string[]) => resolvesIn(variantView(bad, good, set, ctx.fs), v, ctx);

  // Every smallest flipping set is blamed: two single inputs may each flip the verdict.
  const blamedSets: string[][] = [];
  for (const set of candidateSets(inputs)) {
    if (blamedSets.length && set.length > blamedSets[0]!.length) break;
    if (flips(set)) blamedSets.push(set);
  }
  const blamedInputs = new Set(blamedSets.flat());
  const blamed = diffs.filter((d) => blamedInputs.has(d.input));
  return { failing, blamed, listed: diffs.filter((d) => !blamed.includes(d)) };
}

/** Singles, then pairs, then the whole set; pairs only while there are few inputs. */
function candidateSets(inputs: string[]): string[][] {
  const out: string[][] = inputs.map((i) => [i]);
  if (inputs.length <= MAX_INPUTS_FOR_PAIRS) {
    for (let i = 0; i < inputs.length; i++) for (let j = i + 1; j < inputs.length; j++) out.push([inputs[i]!, inputs[j]!]);
  }
  if (inputs.length > 2) out.push([...inputs]);
  return out;
}

function variantView(bad: View, good: View, inputs: string[], fs: FileSystem): View {
  let byKey = variantViews.get(bad);
  if (!byKey) variantViews.set(bad, (byKey = new Map()));
  const taken = takenFrom(good, inputs);
  const key = JSON.stringify(taken);
  let view = byKey.get(key);
  if (!view) {
    view = loadView(bad.cwd, variantEnv(bad.env, taken), fs);
    byKey.set(key, view);
  }
  return view;
}

/** What the failing view takes from the working one for these inputs. */
interface Taken {
  vars: Record<string, string>;
  /** GOWORK naming the working view's go.work ('off' when it has none). */
  gowork?: string;
  /** The working view's toolchain. */
  toolchain?: { goBinary?: string; goVersion?: string; goroot: string };
  /** The working view's command-line build flags. */
  buildFlags?: readonly string[];
}

function takenFrom(good: View, inputs: string[]): Taken {
  const names = VARIABLE_INPUTS.filter((g) => inputs.includes(g.input)).flatMap((g) => g.vars);
  const taken: Taken = { vars: Object.fromEntries(names.map((n) => [n, good.env.vars[n] ?? ''])) };
  // Named explicitly: discovery from the failing side's directory would not find a go.work that
  // the working side found from elsewhere.
  if (inputs.includes(GOWORK_INPUT)) taken.gowork = good.goWork?.file ?? 'off';
  if (inputs.includes(GO_VERSION_INPUT)) taken.toolchain = { goBinary: good.env.goBinary, goVersion: good.env.goVersion, goroot: good.env.vars.GOROOT ?? '' };
  if (inputs.includes(BUILD_FLAGS_INPUT)) taken.buildFlags = good.env.buildFlags ?? [];
  return taken;
}

/** The failing view's environment with the working view's values for some inputs. */
function variantEnv(bad: GoEnv, taken: Taken): GoEnv {
  const processEnv: Record<string, string> = { ...bad.processEnv };
  for (const [name, value] of Object.entries(taken.vars)) {
    if (value) processEnv[name] = value;
    else delete processEnv[name];
  }
  if (taken.gowork) processEnv.GOWORK = taken.gowork;
  // The working side's effective values (its go env file may differ from the failing side's);
  // what go derives from them and no input names (GOAMD64 from GOARCH) is derived again.
  const vars: Record<string, string> = { ...bad.vars, ...taken.vars };
  if ('GOARCH' in taken.vars) {
    const derived = computeGoEnv(processEnv, bad.goroot).vars;
    for (const name of ARCH_LEVEL_VARS) {
      if (derived[name] !== undefined) vars[name] = derived[name];
      else delete vars[name];
    }
  }
  if (taken.gowork) vars.GOWORK = taken.gowork;
  if (taken.toolchain) vars.GOROOT = taken.toolchain.goroot;
  const toolchain = taken.toolchain ?? bad;
  return goEnvFromVars({ processEnv, vars, source: bad.source, goBinary: toolchain.goBinary, goVersion: toolchain.goVersion, buildFlags: taken.buildFlags ?? bad.buildFlags, origins: bad.origins });
}

/** Whether the import resolves in a view, as the analysis decides it: the view's own fatal
 * error or a workspace that leaves the importing module out fail every import. */
function resolvesIn(view: View, v: ImportVerdict, ctx: BlameContext): boolean {
  if (view.errors.length) return false;
  const mod = moduleOf(ctx.mods, v.packageDir);
  if (view.kind === 'workspace' && mod && !mainModuleAt(view, mod.root)) return false;
  const modulePath = mod ? mainModuleAt(view, mod.root)?.path ?? mod.path : undefined;
  return resolveImport(view, v.importPath, { dir: v.packageDir, modulePath }, ctx.fs).ok;
}

/** The local module holding dir (the innermost). */
export function moduleOf(mods: readonly LocalModule[], dir: string): LocalModule | undefined {
  return innermost(mods, dir, (m) => m.root);
}
