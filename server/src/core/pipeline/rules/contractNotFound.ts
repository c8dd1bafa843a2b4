import { resolvePath } from '../paths';
import type { PipelineRule } from './types';

/** A linked contract must exist and be a data contract. */
export const contractNotFound: PipelineRule = {
  code: 'contract-not-found',
  check({ a, host, report }) {
    for (const ref of a.dataRefs) {
      if (!ref.contract) continue;
      const abs = resolvePath(a, ref.contract.value as string);
      const linked = a.contracts.get(abs);
      if (!linked?.model && host.exists(abs)) {
        report(ref.contract.range, `Contract "${String(ref.contract.value)}" cannot be read (${abs}): it is not a regular text file of at most 8 MB (a folder, a device, a named pipe?). Point it at an ODCS contract file.`);
      } else if (!linked?.model) {
        report(ref.contract.range, `Contract "${String(ref.contract.value)}" not found (looked for ${abs}). Create it (e.g. "mlops contract infer --data <file>") or fix the path.`);
      } else if (linked.model.schemas.length === 0) {
        report(ref.contract.range, `"${String(ref.contract.value)}" has no schema objects: it is not a usable ODCS v3 data contract.`);
      }
    }
  },
};
