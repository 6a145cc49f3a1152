// The parsers of go.mod, go.work, go.sum and vendor/modules.txt. Edits: ./edit.ts.
export { parseGoMod } from './gomod';
export { parseGoWork } from './gowork';
export { parseGoSum } from './gosum';
export { parseModulesTxt } from './modulestxt';
export { parseSyntax } from './syntax-parser';
