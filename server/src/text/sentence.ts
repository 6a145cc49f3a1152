// Small helpers for the sentences the engine writes: one place for how a headline is cut to
// length and how one sentence is joined into another.

/** A headline's limit: the Problems view shows one line, and about this much reads at a glance. */
export const HEADLINE_MAX = 120;

/** `s` with its first letter in lower case, to continue a sentence ("Add …" → "add …"); left as it
 * is when the first word is a name written in capitals (GOFLAGS, CGO_ENABLED). */
export function lowerFirst(s: string): string {
  return /^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
}

/** The first line of `s`, cut at a word boundary to `max` characters with an ellipsis when longer. */
export function clipLine(s: string, max = HEADLINE_MAX): string {
  const line = s.split('\n')[0]!.trim();
  if (line.length <= max) return line;
  const cut = line.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:(]+$/, '')}…`;
}

/** A message as the engine writes it — our words, then go's own after "go says:" (or "go
 * reports:", or a quoted "go: …" line) — split in two. `ours` has no closing full stop. */
export function splitGoSays(message: string): { ours: string; go?: string } {
  // The marker itself is dropped; a quoted "go: …" line keeps its "go: " (a lookahead).
  const marks = [/(?:^|\s)go says: /, /(?:^|\s)go reports: /, /(?:^|[.!?]\s)(?=go: )/];
  let best: { at: number; goAt: number } | undefined;
  for (const re of marks) {
    const m = re.exec(message);
    if (!m) continue;
    const at = m.index + (/^[.!?]/.test(m[0]) ? 1 : 0);
    if (!best || at < best.at) best = { at, goAt: m.index + m[0].length };
  }
  if (!best) return { ours: message.replace(/\.?\s*$/, '') };
  const ours = message.slice(0, best.at).replace(/[\s,;:]*$/, '').replace(/\.$/, '');
  return { ours, go: message.slice(best.goAt).trim() };
}
