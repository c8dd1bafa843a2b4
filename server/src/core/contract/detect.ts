import { basename } from 'node:path';
import { yamlOrUntitled } from '../yamlName';

const NAME = /\.odcs\.ya?ml$/i;

/** True for `*.odcs.yaml` files, and any YAML whose top says `kind: DataContract` and `apiVersion: v3.x.x`. */
export function isDataContract(path: string, text: string | undefined): boolean {
  if (NAME.test(basename(path))) return true;
  if (!yamlOrUntitled(path) || text === undefined) return false;
  const head = text.slice(0, 4096);
  return /^kind:\s*["']?DataContract["']?\s*(#.*)?$/m.test(head) && /^apiVersion:\s*["']?v3\.\d+\.\d+["']?\s*(#.*)?$/m.test(head);
}
