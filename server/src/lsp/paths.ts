import { fileURLToPath } from 'node:url';

/** File-system path of a document URI; other schemes (untitled:) get a stable pseudo path. */
export function uriToPath(uri: string): string {
  if (uri.startsWith('file:')) {
    try { return fileURLToPath(uri); } catch { /* fall through */ }
  }
  return `/${uri.replace(/[:/\\]+/g, '_')}`;
}
