import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * File-system path of a document URI; other schemes get a stable pseudo path. An editor's untitled
 * document (`untitled:Untitled-1`) is placed in the workspace root when there is one, so the relative
 * paths a pasted spec names resolve as they would once it is saved there.
 */
export function uriToPath(uri: string, root?: string): string {
  if (uri.startsWith('file:')) {
    try { return fileURLToPath(uri); } catch { /* fall through */ }
  }
  const untitled = /^untitled:([^/\\:]+)$/.exec(uri);
  if (untitled && root) return join(root, decodeURIComponent(untitled[1]!));
  return `/${uri.replace(/[:/\\]+/g, '_')}`;
}
