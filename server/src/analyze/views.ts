// Which view each package of a folder is seen through, in the editor and in the terminal. Views
// come from resolve's ViewCache, shared by every directory that sees the same thing (the same
// go.work, or the same module root, in one environment), and listed here per module directory.

import type { FileSystem } from '../fsys/fsys';
import type { GoEnv } from '../env/types';
import { findGoWork } from '../resolve/discover';
import type { ViewCache } from '../resolve/view';
import type { Broken, View } from '../resolve/types';
import type { ModuleLayout } from './layout';
import { mainModuleAt } from '../resolve/main-modules';
import { resolutionDifference } from '../env/equal';
import { viewWithEnv } from '../resolve/view-content';
import { notInWorkspace as notInWorkspaceError } from '../resolve/importer';

export interface ViewUse {
  view: View;
  /** The module root the package is analysed from (its go.mod dir), or the package dir outside modules. */
  moduleDir: string;
  /** Set when the view is a workspace whose use list leaves this module out. */
  notInWorkspace?: Broken;
}

abstract class ViewsByModule {
  /** Every package of a module sees the module's view the same way. */
  private readonly byDir = new Map<string, ViewUse>();

  constructor(private readonly cache: ViewCache) {}

  viewFor(pkgDir: string, mod: ModuleLayout | undefined): ViewUse {
    const moduleDir = mod?.root ?? pkgDir;
    let use = this.byDir.get(moduleDir);
    if (!use) this.byDir.set(moduleDir, (use = this.useFor(moduleDir, mod)));
    return use;
  }

  all(): { moduleDir: string; view: View }[] {
    return [...this.byDir].map(([moduleDir, use]) => ({ moduleDir, view: use.view }));
  }

  protected abstract useFor(moduleDir: string, mod: ModuleLayout | undefined): ViewUse;

  protected load(cwd: string, env: GoEnv): View {
    return this.cache.get(cwd, env);
  }
}

/** The editor's views: a go.work found from the folder (or GOWORK) covers everything; without
 * one, each module is its own view, as the Go extension's language server shows it. */
export class EditorViews extends ViewsByModule {
  private readonly workFile: string | undefined;
  /** One object per environment, so the view cache (keyed by environment identity) shares views
   * across modules and across analyses. */
  private readonly envWithoutWork: GoEnv;
  /** The go.work's view, which every module shares. */
  private workView: View | undefined;

  constructor(
    private readonly folder: string,
    private readonly env: GoEnv,
    fs: FileSystem,
    cache: ViewCache,
  ) {
    super(cache);
    this.workFile = env.go111module === 'off' ? undefined : findGoWork(folder, env, fs);
    this.envWithoutWork = withGoWorkOff(env);
  }

  protected useFor(moduleDir: string, mod: ModuleLayout | undefined): ViewUse {
    if (this.workFile) {
      const view = (this.workView ??= this.load(this.folder, this.env));
      // A go.work that could not be read covers nothing and leaves nothing out: its view error says why.
      const covered = !view.goWork || (mod !== undefined && mainModuleAt(view, mod.root) !== undefined);
      return { view, moduleDir, notInWorkspace: covered || !mod ? undefined : notInWorkspace(view, mod) };
    }
    return { view: this.load(moduleDir, mod ? this.envWithoutWork : this.env), moduleDir };
  }
}

/** The terminal's views: the go command run in the module directory, discovering go.work from
 * there, in the terminal's environment in that directory (`byModule`, by module root), else the
 * folder's (`env`). */
export class TerminalViews extends ViewsByModule {
  constructor(
    private readonly env: GoEnv,
    cache: ViewCache,
    private readonly byModule?: ReadonlyMap<string, GoEnv>,
    /** The editor's environment and view cache: an environment that reads as the editor's
     * (resolutionDifference) sees the editor's views, with its own environment for reports. */
    private readonly editor?: { env: GoEnv; cache: ViewCache },
  ) {
    super(cache);
  }

  protected useFor(moduleDir: string, mod: ModuleLayout | undefined): ViewUse {
    const env = (mod && this.byModule?.get(mod.root)) || this.env;
    const view = this.editorViewFor(moduleDir, mod, env) ?? this.load(moduleDir, env);
    const covered = view.kind !== 'workspace' || !view.goWork || !mod || mainModuleAt(view, mod.root) !== undefined;
    return { view, moduleDir, notInWorkspace: covered || !mod ? undefined : notInWorkspace(view, mod) };
  }

  /** The editor's view from here, as `env` sees it, when `env` reads as the editor's: the same
   * but for PATH is enough where go would not switch toolchains. A module with no go.work above
   * it is the editor's view of that module on its own (GOWORK=off, as EditorViews loads it). */
  private editorViewFor(moduleDir: string, mod: ModuleLayout | undefined, env: GoEnv): View | undefined {
    const e = this.editor;
    const d = e && resolutionDifference(env, e.env);
    if (!e || d === undefined || d === 'other') return undefined;
    const alone = mod !== undefined && e.cache.viewRoot(moduleDir, e.env).startsWith('mod:');
    const view = e.cache.get(moduleDir, alone ? withGoWorkOff(e.env) : e.env);
    return d === 'none' || !view.switchesToolchain ? viewWithEnv(view, env) : undefined;
  }
}

const withoutWork = new WeakMap<GoEnv, GoEnv>();

function withGoWorkOff(env: GoEnv): GoEnv {
  if (env.gowork === 'off') return env;
  let e = withoutWork.get(env);
  if (!e) withoutWork.set(env, (e = { ...env, gowork: 'off', vars: { ...env.vars, GOWORK: 'off' } }));
  return e;
}

/** The module's own verdict: a package at its root, as go loads it. Each package's imports get
 * go's words for that package (resolveIn). */
function notInWorkspace(view: View, mod: ModuleLayout): Broken {
  return notInWorkspaceError(view, '', { dir: mod.root }, mod.root);
}
