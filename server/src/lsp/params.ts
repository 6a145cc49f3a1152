// Checks of what a client sends, before a handler reads it: a request whose params do not have the
// shape the protocol gives them fails with InvalidParams (-32602) naming what is wrong, instead of a
// TypeError deep in a handler (which the connection would report as an internal error, -32603).

import { ErrorCodes, ResponseError } from 'vscode-languageserver/node';

export function invalidParams(message: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, message);
}

export type Fields = Record<string, unknown>;

export function isObject(v: unknown): v is Fields {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function object(v: unknown, what: string): Fields {
  if (!isObject(v)) throw invalidParams(`${what} must be an object`);
  return v;
}

export function string(v: unknown, what: string): string {
  if (typeof v !== 'string') throw invalidParams(`${what} must be a string`);
  return v;
}

export function optionalString(v: unknown, what: string): string | undefined {
  return v === undefined || v === null ? undefined : string(v, what);
}

export function optionalBoolean(v: unknown, what: string): boolean | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw invalidParams(`${what} must be a boolean`);
  return v;
}

export function optionalStrings(v: unknown, what: string): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) throw invalidParams(`${what} must be an array of strings`);
  return v as string[];
}

/** An LSP uinteger. */
function uinteger(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw invalidParams(`${what} must be a non-negative integer`);
  return v;
}

export function position(v: unknown, what: string): { line: number; character: number } {
  const p = object(v, what);
  return { line: uinteger(p.line, `${what}.line`), character: uinteger(p.character, `${what}.character`) };
}

export function range(v: unknown, what: string): { start: { line: number; character: number }; end: { line: number; character: number } } {
  const r = object(v, what);
  return { start: position(r.start, `${what}.start`), end: position(r.end, `${what}.end`) };
}

export function textDocument(v: unknown, what: string): { uri: string } {
  return { uri: string(object(v, what).uri, `${what}.uri`) };
}

/** textDocument/hover and other TextDocumentPositionParams. */
export function textDocumentPositionParams(v: unknown): { textDocument: { uri: string }; position: { line: number; character: number } } {
  const p = object(v, 'params');
  return { textDocument: textDocument(p.textDocument, 'textDocument'), position: position(p.position, 'position') };
}

/** textDocument/codeAction: the diagnostics are the client's to send, each an object. */
export function codeActionParams(v: unknown): { textDocument: { uri: string }; diagnostics: Fields[] } {
  const p = object(v, 'params');
  const context = object(p.context, 'context');
  range(p.range, 'range');
  if (!Array.isArray(context.diagnostics)) throw invalidParams('context.diagnostics must be an array');
  context.diagnostics.forEach((d, i) => object(d, `context.diagnostics[${i}]`));
  return { textDocument: textDocument(p.textDocument, 'textDocument'), diagnostics: context.diagnostics as Fields[] };
}

/** workspace/executeCommand. */
export function executeCommandParams(v: unknown): { command: string; arguments: unknown[] } {
  const p = object(v, 'params');
  const args = p.arguments ?? [];
  if (!Array.isArray(args)) throw invalidParams('arguments must be an array');
  return { command: string(p.command, 'command'), arguments: args };
}

/** initialize: what the library and our handler read before anything else. */
export function initializeParams(v: unknown): void {
  const p = object(v, 'params');
  object(p.capabilities, 'capabilities');
  if (p.processId !== null && p.processId !== undefined && !Number.isInteger(p.processId)) throw invalidParams('processId must be an integer or null');
  optionalString(p.rootUri, 'rootUri');
  if (p.workspaceFolders !== null && p.workspaceFolders !== undefined) {
    if (!Array.isArray(p.workspaceFolders)) throw invalidParams('workspaceFolders must be an array or null');
    p.workspaceFolders.forEach((f, i) => {
      const folder = object(f, `workspaceFolders[${i}]`);
      string(folder.uri, `workspaceFolders[${i}].uri`);
      string(folder.name, `workspaceFolders[${i}].name`);
    });
  }
  if (p.initializationOptions !== undefined && p.initializationOptions !== null) object(p.initializationOptions, 'initializationOptions');
  if (p.trace !== undefined && p.trace !== null) string(p.trace, 'trace');
}
