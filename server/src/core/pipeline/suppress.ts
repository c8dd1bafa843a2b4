import type { Diagnostic } from 'vscode-languageserver-types';

const DIRECTIVE = /#\s*mlops-disable(-next-line)?(?=\s|$)([^\r\n#]*)/g;

interface Suppressions { file: Set<string> | 'all' | null; lines: Map<number, Set<string> | 'all'> }

function codes(list: string): Set<string> | 'all' {
  const parts = list.split(/[\s,]+/).filter(Boolean);
  return parts.length ? new Set(parts) : 'all';
}

function merge(a: Set<string> | 'all' | null | undefined, b: Set<string> | 'all'): Set<string> | 'all' {
  if (a === 'all' || b === 'all') return 'all';
  return new Set([...(a ?? []), ...b]);
}

/** Reads `# mlops-disable-next-line <codes>` and `# mlops-disable <codes>` (no codes: every code). */
export function readSuppressions(text: string, starts: number[]): Suppressions {
  const s: Suppressions = { file: null, lines: new Map() };
  for (const m of text.matchAll(DIRECTIVE)) {
    const list = codes(m[2] ?? '');
    if (!m[1]) { s.file = merge(s.file, list); continue; }
    let line = 0;
    for (let lo = 0, hi = starts.length - 1; lo <= hi;) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! <= m.index!) { line = mid; lo = mid + 1; } else hi = mid - 1;
    }
    s.lines.set(line + 1, merge(s.lines.get(line + 1), list));
  }
  return s;
}

const hits = (set: Set<string> | 'all' | null | undefined, code: string) => set === 'all' || (set instanceof Set && set.has(code));

/** Drops the diagnostics the user suppressed in the file. */
export function applySuppressions(diags: Diagnostic[], text: string, starts: number[]): Diagnostic[] {
  if (!text.includes('mlops-disable')) return diags;
  const s = readSuppressions(text, starts);
  return diags.filter((d) => {
    const code = String(d.code ?? '');
    return !hits(s.file, code) && !hits(s.lines.get(d.range.start.line), code);
  });
}
