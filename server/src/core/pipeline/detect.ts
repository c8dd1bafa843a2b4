import { basename } from 'node:path';
import { yamlOrUntitled } from '../yamlName';

const NAME = /^(?:mlops|.+\.mlops)\.ya?ml$/i;

/** True for `mlops.yaml`, `*.mlops.yaml`, and any YAML whose top says apiVersion mlops/v1, kind Pipeline. */
export function isPipelineSpec(path: string, text: string | undefined): boolean {
  if (NAME.test(basename(path))) return true;
  if (!yamlOrUntitled(path) || text === undefined) return false;
  const head = text.slice(0, 4096);
  return /^apiVersion:\s*["']?mlops\/v1["']?\s*(#.*)?$/m.test(head) && /^kind:\s*["']?Pipeline["']?\s*(#.*)?$/m.test(head);
}
