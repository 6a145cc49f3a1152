// Every scenario by name, in the order the launcher runs them by default.
import smoke from './smoke.mjs';

export const SCENARIOS = Object.fromEntries([smoke].map((s) => [s.name, s]));
