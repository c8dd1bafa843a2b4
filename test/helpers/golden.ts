import type { Diagnostic } from 'vscode-languageserver-types';

/** Expected `line:code` pairs from `# expect: code[, code]` comments (0-based lines). */
export function expectedFromComments(text: string): string[] {
  const out: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const m = /#\s*expect:\s*([\w-]+(?:\s*,\s*[\w-]+)*)\s*$/.exec(line);
    if (m) for (const code of m[1]!.split(',')) out.push(`${i}:${code.trim()}`);
  });
  return out.sort();
}

/** Actual `line:code` pairs of diagnostics (start line). */
export function actualPairs(diags: Diagnostic[]): string[] {
  return diags.map((d) => `${d.range.start.line}:${String(d.code)}`).sort();
}

/** A readable listing for assertion messages. */
export function listing(diags: Diagnostic[]): string {
  return diags.map((d) => `  ${d.range.start.line + 1}:${d.range.start.character + 1} ${String(d.code)} ${d.message}`).join('\n');
}
