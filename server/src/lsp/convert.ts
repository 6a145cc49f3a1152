// Engine values → LSP values. The engine's positions are already LSP's (0-based line, UTF-16
// character), so conversion is about shapes: paths become URIs, fixes become code actions.

import * as path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import {
  CodeAction,
  CodeActionKind,
  CreateFile,
  Diagnostic as LspDiagnostic,
  DiagnosticRelatedInformation,
  DiagnosticSeverity,
  TextDocumentEdit,
  TextEdit as LspTextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { Diagnostic, Fix, Severity } from '../diagnose/types';
import type { Range } from '../text/position';
import { DIAGNOSTIC_SOURCE, InternalClientCommands, ServerCommands } from './protocol';
import type { DiagnosticData, RunFixArgs } from './protocol';

export function pathToUri(p: string): string {
  return pathToFileURL(p).toString();
}

/** The file path of a file: URI; undefined for other schemes (untitled:, git:). */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return path.normalize(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

export function toLspRange(r: Range): { start: { line: number; character: number }; end: { line: number; character: number } } {
  return { start: { line: r.start.line, character: r.start.character }, end: { line: r.end.line, character: r.end.character } };
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** `fixId` names each fix in the folder's FixTable. */
export function toLspDiagnostic(d: Diagnostic, folderUri: string, fixId: (fix: Fix) => string): LspDiagnostic {
  const data: DiagnosticData = { folderUri, fixIds: d.fixes.map(fixId), importPath: d.importPath, ...(d.detail !== undefined ? { detail: d.detail } : {}) };
  return {
    range: toLspRange(d.range),
    severity: SEVERITY[d.severity],
    code: d.code,
    source: DIAGNOSTIC_SOURCE,
    message: d.message,
    // go's own words beside the evidence, on the diagnostic's own place (the hover has them whole).
    relatedInformation: [
      ...(d.goSays !== undefined ? [DiagnosticRelatedInformation.create({ uri: pathToUri(d.file), range: toLspRange(d.range) }, `go says: ${d.goSays.replace(/\s*\n\s*/g, ' ')}`)] : []),
      // Named by its path in the folder: VS Code shows only a base name ("go.mod"), and a
      // workspace has many.
      ...d.related.map((r) => DiagnosticRelatedInformation.create({ uri: pathToUri(r.file), range: toLspRange(r.range) }, `${inFolder(folderUri, r.file)}: ${r.message}`)),
    ],
    data,
  };
}

/** `file` relative to the folder (with /), or as it is when outside it. */
function inFolder(folderUri: string, file: string): string {
  const folder = uriToPath(folderUri);
  const rel = folder === undefined ? file : path.relative(folder, file);
  return !folder || rel.startsWith('..') || path.isAbsolute(rel) ? file : rel.split(path.sep).join('/');
}

/** A fix's edits as one workspace edit: document changes (with file creation) when the client
 * supports them, else plain changes (then a fix that creates a file cannot be offered). */
export function toWorkspaceEdit(fix: Fix, documentChanges: boolean): WorkspaceEdit | undefined {
  const edits = fix.edits ?? [];
  if (!documentChanges) {
    if (edits.some((e) => e.create)) return undefined;
    const changes: Record<string, LspTextEdit[]> = {};
    for (const fe of edits) (changes[pathToUri(fe.file)] ??= []).push(...fe.edits.map((e) => LspTextEdit.replace(toLspRange(e.range), e.newText)));
    return { changes };
  }
  const out: (TextDocumentEdit | CreateFile)[] = [];
  for (const fe of edits) {
    const uri = pathToUri(fe.file);
    if (fe.create) out.push(CreateFile.create(uri, { overwrite: false, ignoreIfExists: false }));
    out.push(TextDocumentEdit.create({ uri, version: null }, fe.edits.map((e) => LspTextEdit.replace(toLspRange(e.range), e.newText))));
  }
  return { documentChanges: out };
}

/** A fix as a quick fix: a plain edit when that is all it is, else a runFix command naming the fix
 * by its id in the folder's FixTable (runFix asks before destructive steps, runs the go commands
 * with progress, and re-analyses). */
export function toCodeAction(fix: Fix, fixId: string, diagnostic: LspDiagnostic, folderUri: string, documentChanges: boolean): CodeAction | undefined {
  const action = CodeAction.create(fix.title, CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  if (fix.preferred) action.isPreferred = true;
  const hasCommands = (fix.commands?.length ?? 0) > 0;
  if (fix.copyText !== undefined && !hasCommands && !fix.edits?.length) {
    action.command = { title: fix.title, command: InternalClientCommands.copyText, arguments: [fix.copyText] };
    return action;
  }
  if (!hasCommands && !fix.destructive && !fix.outside?.length) {
    const edit = toWorkspaceEdit(fix, documentChanges);
    if (!edit) return undefined;
    action.edit = edit;
    // VS Code runs the command after applying the edit: the files are saved, so go in a terminal
    // (and VS Code, for settings) sees what the squiggle's disappearance promises.
    action.command = { title: 'Save the edited files', command: InternalClientCommands.saveFiles, arguments: [editedFiles(fix).map(pathToUri)] };
    return action;
  }
  const args: RunFixArgs = { folderUri, fixId };
  action.command = { title: fix.title, command: ServerCommands.runFix, arguments: [args] };
  return action;
}

/** The files a fix's edits write, once each. */
export function editedFiles(fix: Fix): string[] {
  return [...new Set((fix.edits ?? []).map((e) => e.file))];
}
