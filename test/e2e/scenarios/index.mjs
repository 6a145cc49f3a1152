// Every scenario by name, in the order the launcher runs them by default.
import smoke from './smoke.mjs';
import generateGoWork from './generate-go-work.mjs';
import clearModuleCache from './clear-module-cache.mjs';
import fixReplacePath from './fix-replace-path.mjs';
import compareEnvironments, { prepareEditorSettings, prepareTerminalEnv } from './compare-environments.mjs';
import { apiScenario } from './api.mjs';

export const SCENARIOS = Object.fromEntries(
  [
    smoke,
    generateGoWork,
    clearModuleCache,
    fixReplacePath,
    compareEnvironments,
    apiScenario('generate-go-work'),
    apiScenario('fix-replace-path'),
    apiScenario('clear-module-cache', clearModuleCache.prepare),
    apiScenario('compare-vendor-flag', prepareTerminalEnv),
    apiScenario('editor-vendor-flag', prepareEditorSettings),
  ].map((s) => [s.name, s]),
);
