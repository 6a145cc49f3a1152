// Loads the extension's TextMate grammars the way VS Code does (vscode-textmate over the
// oniguruma wasm) and tokenizes fixture files, so tests can ask which scopes a token has.

import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

export const repoRoot = path.resolve(__dirname, '../../../..');
const grammarFiles: Record<string, string> = {
  'source.go.mod': 'syntaxes/go.mod.tmLanguage.json',
  'source.go.work': 'syntaxes/go.work.tmLanguage.json',
  'source.go.sum': 'syntaxes/go.sum.tmLanguage.json',
};

let registry: Promise<textmate.Registry> | undefined;

function loadRegistry(): Promise<textmate.Registry> {
  registry ??= (async () => {
    const wasm = fs.readFileSync(path.join(repoRoot, 'node_modules/vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    return new textmate.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
        createOnigString: (s: string) => new oniguruma.OnigString(s),
      }),
      loadGrammar: async (scopeName: string) => {
        const file = grammarFiles[scopeName];
        if (!file) return null;
        const abs = path.join(repoRoot, file);
        return textmate.parseRawGrammar(fs.readFileSync(abs, 'utf8'), abs);
      },
    });
  })();
  return registry;
}

export interface Token {
  text: string;
  scopes: string[];
}

/** Every line of a file as its tokens. */
export async function tokenizeFile(scopeName: string, text: string): Promise<{ line: string; tokens: Token[] }[]> {
  const grammar = await (await loadRegistry()).loadGrammar(scopeName);
  if (!grammar) throw new Error(`grammar ${scopeName} did not load`);
  let stack = textmate.INITIAL;
  return text.split(/\r?\n/).map((line) => {
    const r = grammar.tokenizeLine(line, stack);
    stack = r.ruleStack;
    return { line, tokens: r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes })) };
  });
}

export function fixture(name: string): string {
  return fs.readFileSync(path.join(repoRoot, 'test/fixtures/grammar', name), 'utf8');
}

/** The scopes of `token` (the exact text of one token) on the first line that contains `onLine`.
 * Throws when the line or token is absent, or when the grammar splits the text differently. */
export function scopesOf(lines: { line: string; tokens: Token[] }[], onLine: string, token: string): string[] {
  const l = lines.find((x) => x.line.includes(onLine));
  if (!l) throw new Error(`no line contains ${JSON.stringify(onLine)}`);
  const t = l.tokens.find((x) => x.text === token);
  if (!t) throw new Error(`line ${JSON.stringify(l.line)} has no token ${JSON.stringify(token)}; tokens: ${JSON.stringify(l.tokens.map((x) => x.text))}`);
  return t.scopes;
}
