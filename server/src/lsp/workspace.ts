import { expandPaths, validateFiles } from '../core/validation/validateFiles';

/** Validates every spec and contract under the workspace folders (mlops/validateWorkspace). */
export function validateWorkspace(roots: string[]): { files: number; errors: number; warnings: number } {
  const files = roots.flatMap((r) => expandPaths(r, ['.']).files);
  const { results } = validateFiles(files, roots);
  const all = results.flatMap((r) => r.diagnostics);
  return { files: results.length, errors: all.filter((d) => d.severity === 1).length, warnings: all.filter((d) => d.severity === 2).length };
}
