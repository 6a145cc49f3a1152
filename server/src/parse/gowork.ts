// parseGoWork: go.work text to WorkFile, after x/mod/modfile work.go (ParseWork, WorkFile.add).

import type { ParseError, WorkFile } from './ast';
import { DirectiveError, LineErrors, parseGodebugLine, parseGoLine, parseReplaceLine, parseString, parseToolchainLine } from './directives';
import { parseSyntax } from './syntax-parser';
import type { Line } from './syntax';
import { forEachDirective } from './walk';

const WORK_BLOCKS = new Set(['godebug', 'use', 'replace']);

/** Parses a go.work. Never throws. */
export function parseGoWork(text: string, fileName: string): WorkFile {
  const { syntax, errors: syntaxErrors } = parseSyntax(text, fileName);
  const errors: ParseError[] = [...syntaxErrors];
  const work: WorkFile = { fileName, syntax, godebug: [], use: [], replace: [], errors };

  forEachDirective(syntax, WORK_BLOCKS, true, errors, (line, verb, args) => {
    const report = (m: string) => new LineErrors(errors, line, verb).report(m);
    switch (verb) {
      default:
        return report(`unknown directive: ${verb}`);
      case 'go': {
        if (work.go) return report('repeated go statement');
        const go = parseGoLine(line, args, report, false);
        if (go) work.go = go;
        return;
      }
      case 'toolchain': {
        if (work.toolchain) return report('repeated toolchain statement');
        const tc = parseToolchainLine(line, args, report);
        if (tc) work.toolchain = tc;
        return;
      }
      case 'godebug': {
        const g = parseGodebugLine(line, args, report);
        if (g) work.godebug.push(g);
        return;
      }
      case 'use': {
        if (args.length !== 1) return report(`usage: ${verb} local/dir`);
        const s = parseString(args[0]!);
        if (s instanceof DirectiveError) return report(s.message);
        const modulePath = useModulePath(line);
        work.use.push({ path: s, pathRange: args[0]!.range, syntax: line, ...(modulePath ? { modulePath } : {}) });
        return;
      }
      case 'replace': {
        const r = parseReplaceLine(line, verb, args, report);
        if (r) work.replace.push(r);
        return;
      }
    }
  });
  return work;
}

/** The module path `go work use` writes after a directory (`use ./a // example.com/a`). */
function useModulePath(line: Line): string | undefined {
  const t = line.suffix?.text.slice(2).trim();
  return t && /^\S+$/.test(t) ? t : undefined;
}
