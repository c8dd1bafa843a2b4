import { selectSchemaObject } from '../../contract/model';
import { resolvePath } from '../paths';
import type { PipelineRule } from './types';
import { closest } from '../../validation/similar';

/** `schema:` must name a schema object of the linked contract; several objects and no name is ambiguous. */
export const unknownSchemaObject: PipelineRule = {
  code: 'unknown-schema-object',
  check({ a, report }) {
    for (const ref of a.dataRefs) {
      const model = ref.contract ? a.contracts.get(resolvePath(a, ref.contract.value as string))?.model : undefined;
      if (!model || model.schemas.length === 0) continue;
      const names = model.schemas.map((s) => s.name);
      if (ref.schema) {
        const name = ref.schema.value as string;
        if (names.includes(name)) continue;
        const suggestion = closest(name, names);
        const hint = suggestion ? ` Did you mean "${suggestion}"?` : '';
        report(ref.schema.range, `The contract has no schema object "${name}"; it has: ${names.join(', ')}.${hint}`, 'error', { replace: suggestion });
      } else if (!selectSchemaObject(model, undefined, ref.path?.value as string | undefined)) {
        report(ref.contract!.range, `The contract has ${names.length} schema objects (${names.join(', ')}); say which one describes this file with "schema:".`, 'warning');
      }
    }
  },
};
