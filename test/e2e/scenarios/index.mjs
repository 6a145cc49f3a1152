// Every scenario by name, in the order the launcher runs them by default.
import smoke from './smoke.mjs';
import { apiScenario } from './api.mjs';

export const SCENARIOS = Object.fromEntries([smoke, apiScenario('generate-go-work')].map((s) => [s.name, s]));
