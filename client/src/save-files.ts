// Saving the files a fix edited: asked by a quick fix's command and by the server after runFix.

import * as vscode from 'vscode';

/** After a fix edited files: save them, so go in a terminal (and VS Code, for settings) reads what
 * the editor shows (a file outside the folders only after the user said yes to writing it). */
export async function saveFiles(uris: unknown): Promise<void> {
  if (!Array.isArray(uris)) return;
  for (const u of uris) {
    if (typeof u !== 'string') continue;
    const target = vscode.Uri.parse(u);
    if (target.scheme !== 'file') continue;
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString());
    if (doc?.isDirty) await doc.save();
  }
}
