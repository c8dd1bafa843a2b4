import { makeDiagnostic } from '../../diagnostics';
import { resolvePath, type PipelineRule } from '../analysis';

/** A linked contract must exist and be a data contract. */
export const contractNotFound: PipelineRule = {
  code: 'contract-not-found',
  check({ a, host, report }) {
    for (const ref of a.dataRefs) {
      if (!ref.contract) continue;
      const abs = resolvePath(a, ref.contract.value as string);
      const linked = a.contracts.get(abs);
      if (!linked?.model && host.exists(abs)) {
        report(makeDiagnostic(ref.contract.range, 'contract-not-found', `Contract "${String(ref.contract.value)}" cannot be read (${abs}): it is not a regular text file of at most 8 MB (a folder, a device, a named pipe?). Point it at an ODCS contract file.`));
      } else if (!linked?.model) {
        report(makeDiagnostic(ref.contract.range, 'contract-not-found', `Contract "${String(ref.contract.value)}" not found (looked for ${abs}). Create it (e.g. "mlops contract infer --data <file>") or fix the path.`));
      } else if (linked.model.schemas.length === 0) {
        report(makeDiagnostic(ref.contract.range, 'contract-not-found', `"${String(ref.contract.value)}" has no schema objects: it is not a usable ODCS v3 data contract.`));
      }
    }
  },
};
