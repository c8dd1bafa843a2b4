import { parseDocument } from 'yaml';

/**
 * A lock file edited by hand as YAML: its value, or the line and message of its first syntax error.
 * A module of its own so that the YAML parser loads only for such a lock (lock.ts imports it when the
 * text is not JSON, which is what `mlops run` writes).
 */
export function parseYamlLock(text: string): { value: unknown } | { line: number; message: string } {
  const doc = parseDocument(text);
  const problem = doc.errors[0];
  if (problem) return { line: problem.linePos?.[0]?.line ?? 1, message: problem.message.split('\n')[0]! };
  return { value: doc.toJS() };
}
