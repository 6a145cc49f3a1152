// The go command's reading of a main go.mod (modload.ReadModFile) passes every version through
// modload's fixVersion: a canonical one is checked against its path's major version, any other
// (`v1.2`, `master`, a retract's `v1.2`) is looked up with modload.Query, which never works
// offline. `go mod edit` parses without it, so such a go.mod edits fine and builds nowhere.

import { downloadsOff } from '../env/proxy';
import type { GoEnv } from '../env/types';
import { canonicalSemver, checkPathMajor, goQuote, splitPathVersion } from '../module';
import { parseGoMod } from '../parse';
import type { ModFile } from '../parse/ast';
import type { Range } from '../text/position';
import { VersionFixError, type VersionFixer } from '../parse/directives';

/** modload.fixVersion, with Query's failure in go's words where they are known. */
export function goCommandVersionFixer(env: Pick<GoEnv, 'goproxy' | 'flags'>): VersionFixer {
  return (path, vers) => {
    // The old -gopkgin- hack: such a version is rewritten, so go.mod needs an update.
    if (path.startsWith('gopkg.in/') && vers.includes('-gopkgin-')) vers = vers.slice(vers.indexOf('-gopkgin-') + '-gopkgin-'.length);
    const split = splitPathVersion(path);
    if (!split) return new VersionFixError(`version ${goQuote(vers)} invalid: malformed module path ${goQuote(path)}`, true);
    if (vers !== '' && canonicalSemver(vers) === vers) {
      const reason = checkPathMajor(vers, split.pathMajor);
      return reason === undefined ? vers : new VersionFixError(`version ${goQuote(vers)} invalid: ${reason}`, true);
    }
    return queryFailure(env, path, vers);
  };
}

/** What modload.Query says when asked to resolve a version that is not canonical. */
function queryFailure(env: Pick<GoEnv, 'goproxy' | 'flags'>, path: string, vers: string): VersionFixError {
  if (env.flags.mod === 'vendor') return new VersionFixError('cannot query module due to -mod=vendor', false);
  if (downloadsOff(env.goproxy)) return new VersionFixError('module lookup disabled by GOPROXY=off', false);
  return new VersionFixError(
    `${path}@${vers === '' ? '""' : vers}: the go command looks this version up through GOPROXY=${env.goproxy}, since it is not a canonical version (like v1.2.3); even when that works, go.mod then needs the canonical one`,
    false,
    true,
  );
}

/** A main go.mod as the go command reads it. `plain` is its parse without a fixer (shared with
 * every other reader); the fixer can only matter where a version is not canonical as written,
 * a line already fails or a retract is present, so only then is the file parsed again. */
export function parseMainGoMod(plain: ModFile, text: string, file: string, env: GoEnv, opts: { lax?: boolean } = {}): ModFile {
  if (!fixerMatters(plain)) return plain;
  const fixed = parseGoMod(text, file, { ...opts, fix: goCommandVersionFixer(env) });
  // Where the fixer passes every version it returns each unchanged: the plain parse is the same
  // file, and keeping it keeps its identity (views compare parses by identity).
  return fixed.errors.length ? fixed : plain;
}

function fixerMatters(mod: ModFile): boolean {
  if (mod.errors.length || mod.retract.length) return true;
  const text = mod.syntax.text;
  // A version needs the fixer when it is not canonical as written (quoted ones are simply parsed
  // again) or when the -gopkgin- rewrite applies.
  const fixed = (r: Range | undefined, v: string | undefined) =>
    r !== undefined && v !== undefined && (text.slice(r.start.offset, r.end.offset) !== v || v.includes('-gopkgin-'));
  for (const r of mod.require) if (fixed(r.versionRange, r.version)) return true;
  for (const x of mod.exclude) if (fixed(x.versionRange, x.version)) return true;
  for (const r of mod.replace) if (fixed(r.oldVersionRange, r.old.version) || fixed(r.newVersionRange, r.new.version)) return true;
  return false;
}
