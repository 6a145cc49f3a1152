// The one contract between the VS Code client and the language server: command ids, custom
// notifications, the settings type and the data a diagnostic carries. The client imports this file
// by relative path, so it must import nothing (no node modules, no vscode, no libraries).

import type { Fix } from '../diagnose/types';

/** Diagnostic.source of everything we publish. */
export const DIAGNOSTIC_SOURCE = 'go-module-doctor';

/** The client id: also the settings prefix, so the language client finds `<id>.trace.server`. */
export const CLIENT_ID = 'goModuleDoctor';

/** Commands in the command palette, registered by the client (package.json contributes these). */
export const ClientCommands = {
  generateGoWork: 'goModuleDoctor.generateGoWork',
  clearModuleCache: 'goModuleDoctor.clearModuleCache',
  runGoModTidy: 'goModuleDoctor.runGoModTidy',
  explainImport: 'goModuleDoctor.explainImport',
  showOutput: 'goModuleDoctor.showOutput',
  restartServer: 'goModuleDoctor.restartServer',
  refreshTerminalEnv: 'goModuleDoctor.refreshTerminalEnv',
  compareEnvironments: 'goModuleDoctor.compareEnvironments',
} as const;

/** Commands the client registers for code actions only (not in the palette, not contributed):
 * copyText puts a fix's terminal command on the clipboard — the server cannot, and a command for
 * the user's own shell is never run for them; saveFiles saves the files a fix edited, because go
 * in a terminal (and VS Code, for settings) reads them from disk: an unsaved go.mod would leave the
 * terminal failing while the squiggle is gone. Undo still works on a saved file. */
export const InternalClientCommands = {
  copyText: 'goModuleDoctor.client.copyText',
  saveFiles: 'goModuleDoctor.client.saveFiles',
} as const;

/** Server → client: save these files (URIs) now — the edits a runFix applied, before its go
 * commands read the disk. */
export const SaveFilesRequest = {
  method: 'goModuleDoctor/saveFiles',
} as const;

/** Commands the server executes (workspace/executeCommand). The palette commands of the same id
 * add their UI in the client and then ask the server; only runFix is advertised in the server's
 * executeCommandProvider, because code actions name it and the client has no UI of its own for it
 * (advertising the others would make the language client register them and clash with ours). */
export const ServerCommands = {
  runFix: 'goModuleDoctor.runFix',
  generateGoWork: 'goModuleDoctor.generateGoWork',
  clearModuleCache: 'goModuleDoctor.clearModuleCache',
  runGoModTidy: 'goModuleDoctor.runGoModTidy',
  explainImport: 'goModuleDoctor.explainImport',
  refreshTerminalEnv: 'goModuleDoctor.refreshTerminalEnv',
  compareEnvironments: 'goModuleDoctor.compareEnvironments',
} as const;

export const ADVERTISED_SERVER_COMMANDS: string[] = [ServerCommands.runFix];

/** Arguments of runFix, as code actions carry them: one of the fixes the server planned for the
 * folder, by id (a diagnostic's data.fixIds, a compareEnvironments answer's fixIds). Nothing else
 * is taken from the request: what runs, where, and whether to ask first are the server's. */
export interface RunFixArgs {
  /** The workspace folder (URI) the fix was planned for; re-analysed afterwards. */
  folderUri: string;
  fixId: string;
}

/** Arguments of generateGoWork. With dryRun the server only answers with the plan. */
export interface GenerateGoWorkArgs {
  folderUri: string;
  dryRun?: boolean;
  /** Directories (relative to the folder, slash-separated) to use; default: every missing one. */
  use?: string[];
}

export interface GenerateGoWorkResult {
  /** Absolute path of the go.work file. */
  goWork: string;
  exists: boolean;
  /** Module directories relative to the go.work's directory that it does not use yet. */
  missing: string[];
  /** What was done (empty for a dry run). */
  done?: string;
}

/** Arguments of runGoModTidy: a file in the module (its go.mod's directory is tidied). */
export interface RunGoModTidyArgs {
  uri: string;
}

/** Arguments of clearModuleCache: a folder whose environment names the cache. */
export interface ClearModuleCacheArgs {
  folderUri?: string;
}

export interface ExplainImportArgs {
  textDocument: { uri: string };
  position: { line: number; character: number };
}

/** Arguments of compareEnvironments: the module holding `uri` (a file or a module directory), or
 * the folder's only module. */
export interface CompareEnvironmentsArgs {
  uri?: string;
  folderUri?: string;
}

/** The answer of compareEnvironments: a Markdown report, and what the client offers from it. */
export interface CompareEnvironmentsResult extends CommandResult {
  /** The module compared (absolute directory). */
  moduleDir?: string;
  /** The folder whose analysis it comes from: runFix's folderUri. */
  folderUri?: string;
  /** The report, in Markdown. */
  markdown?: string;
  /** Whether a terminal environment was compared at all. */
  terminalCompared: boolean;
  /** Whether some import resolves in one and not the other. */
  mismatch: boolean;
  /** The variables that flip verdicts (GOFLAGS, go.work, ...). */
  blamed: string[];
  /** The ways to align the two, to show (a copy-only fix has copyText). */
  fixes: Fix[];
  /** Their ids, in the same order: what runFix takes (with folderUri). */
  fixIds: string[];
}

/** What every command answers: whether it ran, and a line for the user. */
export interface CommandResult {
  ok: boolean;
  message: string;
}

/** Diagnostic.data of our diagnostics: the ids of its fixes, which the server keeps for the
 * folder's last two analyses (code actions look them up; runFix takes one). */
export interface DiagnosticData {
  folderUri: string;
  fixIds: string[];
  importPath?: string;
  /** The whole explanation behind the headline (the message). */
  detail?: string;
}

export type ResolutionMode = 'module' | 'workspace' | 'vendor' | 'gopath' | 'no-module';

/** Server → client when a go command a fix or command ran has failed: the client shows it until
 * dismissed, with the reason in one line and a Show Output button (the whole stderr is there). */
export const CommandFailedNotification = {
  method: 'goModuleDoctor/commandFailed',
} as const;

export interface CommandFailedParams {
  /** The fix's or command's title. */
  title: string;
  /** The go command as run. */
  command: string;
  /** One line, from go's stderr: what went wrong, naming the module when go does. */
  reason: string;
}

/** Server → client after every analysis: the mode of each module directory, for the status bar.
 * Also the signal end-to-end tests wait for instead of sleeping. */
export const StatusNotification = {
  method: 'goModuleDoctor/status',
} as const;

export interface StatusParams {
  folderUri: string;
  state: 'analyzing' | 'ready' | 'no-go-files';
  /** Per module: its absolute directory path (the longest one containing a file is that file's),
   * how its imports resolve, the go.work in effect, and whether editor and terminal disagree (on
   * how many of its imports, blaming which inputs), and how many of its imports are broken. */
  modules: { dir: string; mode: ResolutionMode; goWork?: string; mismatch: boolean; mismatchInputs?: string[]; mismatchImports?: number; broken?: number }[];
  /** True when the workspace is untrusted and no go command runs. */
  restricted: boolean;
  /** Import diagnostics published for the folder. */
  diagnostics: number;
}

/** A status as sent: `modules` is left out when it is what the folder's last status said (a status
 * goes out before and after every analysis, and a large workspace lists hundreds of modules). */
export type StatusMessage = Omit<StatusParams, 'modules'> & { modules?: StatusParams['modules'] };

/** The whole status a message stands for, given the folder's previous one. */
export function completeStatus(m: StatusMessage, previous: StatusParams | undefined): StatusParams {
  return { ...m, modules: m.modules ?? previous?.modules ?? [] };
}

/** Client → server when the user trusts the workspace (it starts untrusted in restricted mode). */
export const TrustNotification = {
  method: 'goModuleDoctor/trust',
} as const;

export interface TrustParams {
  trusted: boolean;
}

/** initializationOptions the client sends. */
export interface InitializationOptions {
  trusted: boolean;
  settings?: Settings;
}

/** goModuleDoctor.* settings. Every key here is a contributed configuration property (tested). */
export interface Settings {
  /** Path to the go binary; empty: the Go extension's (go.alternateTools, go.goroot, PATH). */
  goPath: string;
  /** Extra environment for analysis and go commands, over go.toolsEnvVars and gopls build.env. */
  toolsEnv: Record<string, string>;
  /** The terminal's environment to compare with: "auto", "off", or a KEY=VALUE file. */
  terminalEnv: string;
  trace: { server: 'off' | 'messages' | 'verbose' };
  /** Show our import diagnostics where the Go extension (gopls) reports the same import too. */
  showWhenGoplsReports: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  goPath: '',
  toolsEnv: {},
  terminalEnv: 'auto',
  trace: { server: 'off' },
  showWhenGoplsReports: true,
};

/** Settings we read but do not contribute (golang.go and VS Code own them), per workspace folder:
 * what the editor's Go tooling runs with, and how a new integrated terminal starts. The server asks
 * for these sections with workspace/configuration (scopeUri: the folder) next to ours, and listens
 * for their changes. */
export const TOOL_SETTING_SECTIONS = { go: 'go', gopls: 'gopls', terminal: 'terminal.integrated' } as const;

/** The Go extension's and gopls' settings that shape the editor's Go environment, values as
 * written (the server resolves `${workspaceFolder}`, `${env:NAME}` and `~`). */
export interface GoToolSettings {
  /** go.toolsEnvVars: over the editor's process environment. */
  toolsEnvVars: Record<string, string>;
  /** go.goroot: sets GOROOT, and the go binary is its bin/go. */
  goroot: string;
  /** go.alternateTools["go"]: another go binary (a path, or a name looked up like go). */
  alternateGo: string;
  /** gopls build.env: over go.toolsEnvVars. */
  buildEnv: Record<string, string>;
  /** gopls build.buildFlags (else go.buildFlags and go.buildTags, which golang.go passes to
   * gopls then): go command-line flags, over GOFLAGS. */
  buildFlags: string[];
}

/** A terminal profile (terminal.integrated.profiles.<platform>[name]). */
export interface TerminalProfile {
  name: string;
  /** Candidates: the first that exists is the shell. */
  path: string[];
  /** Absent: the shell is started as our default terminal is (login and interactive). */
  args?: string[];
  /** null unsets the variable. */
  env: Record<string, string | null>;
}

/** VS Code's settings for a new integrated terminal on this platform. */
export interface TerminalSettings {
  /** The profile terminal.integrated.defaultProfile.<platform> names; absent: the user's $SHELL. */
  profile?: TerminalProfile;
  /** terminal.integrated.defaultProfile.<platform> when it names no profile with a path. */
  missingProfile?: string;
  /** terminal.integrated.env.<platform>: null unsets the variable. */
  env: Record<string, string | null>;
}

export interface ToolSettings {
  go: GoToolSettings;
  terminal: TerminalSettings;
}

export const DEFAULT_TOOL_SETTINGS: ToolSettings = {
  go: { toolsEnvVars: {}, goroot: '', alternateGo: '', buildEnv: {}, buildFlags: [] },
  terminal: { env: {} },
};

/** VS Code's name for a platform in terminal settings (`terminal.integrated.env.linux`). */
export type TerminalPlatform = 'linux' | 'osx' | 'windows';

/** golang.go passes go.buildFlags and go.buildTags to gopls when build.buildFlags is not set. */
function goBuildFlags(flags: string[], tags: string): string[] {
  return tags && !flags.includes('-tags') ? [...flags, '-tags', tags] : flags;
}

/** The sections as workspace/configuration answers them (`terminal` is the terminal.integrated
 * object), with defaults for anything missing or mistyped. */
export function normalizeToolSettings(raw: { go?: unknown; gopls?: unknown; terminal?: unknown }, platform: TerminalPlatform): ToolSettings {
  const obj = (x: unknown): Record<string, unknown> => (x && typeof x === 'object' && !Array.isArray(x) ? (x as Record<string, unknown>) : {});
  const str = (x: unknown): string | undefined => (typeof x === 'string' ? x : typeof x === 'number' || typeof x === 'boolean' ? String(x) : undefined);
  const strings = (x: unknown): string[] => (Array.isArray(x) ? x.filter((v): v is string => typeof v === 'string') : typeof x === 'string' ? [x] : []);
  const envOf = (x: unknown): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(obj(x))) {
      const s = str(v);
      if (s !== undefined) out[k] = s;
    }
    return out;
  };
  const nullableEnvOf = (x: unknown): Record<string, string | null> => {
    const out: Record<string, string | null> = {};
    for (const [k, v] of Object.entries(obj(x))) {
      const s = v === null ? null : str(v);
      if (s !== undefined) out[k] = s;
    }
    return out;
  };
  const go = obj(raw.go);
  const gopls = obj(raw.gopls);
  // gopls takes a setting by its last name (build.env or env); VS Code may also nest it.
  const goplsSetting = (name: string) => gopls[`build.${name}`] ?? obj(gopls.build)[name] ?? gopls[name];
  const term = obj(raw.terminal);
  const profileName = str(obj(term.defaultProfile)[platform]);
  const rawProfile = profileName ? obj(term.profiles)[platform] : undefined;
  const p = profileName ? obj(obj(rawProfile)[profileName]) : {};
  const terminal: TerminalSettings = { env: nullableEnvOf(obj(term.env)[platform]) };
  const paths = strings(p.path);
  if (profileName && paths.length > 0) {
    terminal.profile = { name: profileName, path: paths, env: nullableEnvOf(p.env) };
    if (p.args !== undefined) terminal.profile.args = strings(p.args);
  } else if (profileName) {
    terminal.missingProfile = profileName;
  }
  return {
    go: {
      toolsEnvVars: envOf(go.toolsEnvVars),
      goroot: str(go.goroot) ?? '',
      alternateGo: str(obj(go.alternateTools).go) ?? '',
      buildEnv: envOf(goplsSetting('env')),
      buildFlags: goplsSetting('buildFlags') !== undefined ? strings(goplsSetting('buildFlags')) : goBuildFlags(strings(go.buildFlags), str(go.buildTags) ?? ''),
    },
    terminal,
  };
}

/** The dotted keys of a settings object (`trace.server`), without the prefix. */
export function settingKeys(obj: object = DEFAULT_SETTINGS, prefix = ''): string[] {
  const keys: string[] = [];
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix + k;
    // toolsEnv is a map the user fills, not a group of settings.
    if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length > 0) keys.push(...settingKeys(v, key + '.'));
    else keys.push(key);
  }
  return keys;
}

/** Settings as the client sent them, with defaults for anything missing or mistyped. */
export function normalizeSettings(raw: unknown): Settings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const str = (v: unknown, d: string) => (typeof v === 'string' ? v : d);
  const env: Record<string, string> = {};
  if (r.toolsEnv && typeof r.toolsEnv === 'object') {
    for (const [k, v] of Object.entries(r.toolsEnv as Record<string, unknown>)) if (typeof v === 'string') env[k] = v;
  }
  const trace = (r.trace && typeof r.trace === 'object' ? (r.trace as Record<string, unknown>).server : undefined) ?? r['trace.server'];
  return {
    goPath: str(r.goPath, DEFAULT_SETTINGS.goPath),
    toolsEnv: env,
    terminalEnv: str(r.terminalEnv, DEFAULT_SETTINGS.terminalEnv),
    trace: { server: trace === 'messages' || trace === 'verbose' ? trace : 'off' },
    showWhenGoplsReports: typeof r.showWhenGoplsReports === 'boolean' ? r.showWhenGoplsReports : DEFAULT_SETTINGS.showWhenGoplsReports,
  };
}
