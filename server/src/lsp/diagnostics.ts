// What is published for each file: the union of every folder's last analysis (nested workspace
// folders can both report on one file) and, until the next analysis, the parse errors of edited
// go.mod/go.work buffers (the cheap first phase). Only files whose set changed are re-sent, and an
// opened document once as it opens.

import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver/node';

export type Publish = (uri: string, diagnostics: LspDiagnostic[]) => void;

export class DiagnosticsStore {
  private readonly byFolder = new Map<string, Map<string, LspDiagnostic[]>>();
  private readonly parseErrors = new Map<string, LspDiagnostic[]>();
  private readonly sent = new Map<string, string>();

  constructor(private readonly publish: Publish) {}

  /** Replaces a folder's diagnostics (a finished analysis) and drops parse-phase ones it covers. */
  setFolder(folderUri: string, files: Map<string, LspDiagnostic[]>, coveredParseUris: (uri: string) => boolean): void {
    const touched = new Set([...(this.byFolder.get(folderUri)?.keys() ?? []), ...files.keys()]);
    this.byFolder.set(folderUri, files);
    for (const uri of [...this.parseErrors.keys()]) {
      if (coveredParseUris(uri)) {
        this.parseErrors.delete(uri);
        touched.add(uri);
      }
    }
    this.flush(touched);
  }

  /** The parse errors of one edited file, shown at once; its older analysis errors of the same
   * kind (invalid-module-file) are hidden until the next analysis. */
  setParseErrors(uri: string, diagnostics: LspDiagnostic[]): void {
    this.parseErrors.set(uri, diagnostics);
    this.flush(new Set([uri]));
  }

  /** An opened document gets its set at once, empty when it is clean: some clients wait for a
   * first publish (gopls, too, sends an empty list). */
  opened(uri: string): void {
    const ds = this.forFile(uri);
    if (ds.length) this.sent.set(uri, JSON.stringify(ds));
    this.publish(uri, ds);
  }

  clearFolder(folderUri: string): void {
    const old = this.byFolder.get(folderUri);
    if (!old) return;
    this.byFolder.delete(folderUri);
    this.flush(new Set(old.keys()));
  }

  forFile(uri: string): LspDiagnostic[] {
    const parse = this.parseErrors.get(uri);
    const out: LspDiagnostic[] = [];
    for (const files of this.byFolder.values()) {
      for (const d of files.get(uri) ?? []) if (!parse || d.code !== 'invalid-module-file') out.push(d);
    }
    if (parse) out.push(...parse);
    // One diagnostic per code and range, though two folders may both report it.
    const seen = new Set<string>();
    return out.filter((d) => {
      const k = `${d.code}|${d.range.start.line}:${d.range.start.character}|${d.message}`;
      return seen.has(k) ? false : (seen.add(k), true);
    });
  }

  private flush(uris: Set<string>): void {
    for (const uri of uris) {
      const ds = this.forFile(uri);
      const key = JSON.stringify(ds);
      if (this.sent.get(uri) === key) continue;
      if (ds.length === 0) this.sent.delete(uri);
      else this.sent.set(uri, key);
      this.publish(uri, ds);
    }
  }
}
