// The fixes of a folder's diagnostics (and of its Compare Editor and Terminal reports), kept in the
// server and named by an id. Sent inside every diagnostic, they made a publish of a broken
// workspace large (a rename fix edits every import of a module, and each of its diagnostics
// repeated it); code actions and runFix look them up here instead. runFix runs nothing else: a
// fix is what the server planned, never what a request describes.

import { createHash } from 'node:crypto';
import type { Fix } from '../diagnose/types';

export class FixTable {
  private current = new Map<string, Fix>();
  /** The previous analysis's: a code action request may come from the diagnostics it published. */
  private previous = new Map<string, Fix>();
  private ids = new Map<Fix, string>();

  /** A new analysis's fixes are about to be named. */
  begin(): void {
    this.previous = this.current;
    this.current = new Map();
    this.ids = new Map();
  }

  /** The fix's id: from its content, so that an unchanged diagnostic is published alike (and not
   * sent again) after another analysis. */
  idOf(fix: Fix): string {
    let id = this.ids.get(fix);
    if (id === undefined) {
      id = createHash('sha1').update(JSON.stringify(fix)).digest('base64url').slice(0, 16);
      this.ids.set(fix, id);
      if (!this.current.has(id)) this.current.set(id, fix);
    }
    return id;
  }

  get(id: string): Fix | undefined {
    return this.current.get(id) ?? this.previous.get(id);
  }
}
