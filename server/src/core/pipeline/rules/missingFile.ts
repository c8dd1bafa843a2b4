import type { SpecAnalysis } from '../analysis';
import { resolvePath } from '../paths';
import type { PipelineRule } from './types';
import type { YScalar } from '../../yaml/tree';

function produced(a: SpecAnalysis): Set<string> {
  return new Set(a.stages.flatMap((s) => s.outs.map((o) => resolvePath(a, o.value as string))));
}

/** Data files and stage deps must exist, unless a stage of this spec produces them. */
export const missingFile: PipelineRule = {
  code: 'missing-file',
  check({ a, host, report }) {
    const outs = produced(a);
    const check = (node: YScalar, what: string) => {
      const abs = resolvePath(a, node.value as string);
      if (outs.has(abs) || host.exists(abs)) return;
      report(node.range, `${what} "${String(node.value)}" does not exist (looked for ${abs}) and no stage produces it. Paths are relative to the spec's folder.`);
    };
    for (const ref of a.dataRefs) if (ref.path) check(ref.path, `Data file for "${ref.role}"`);
    for (const s of a.stages) for (const d of s.deps) check(d, `Dependency of stage "${s.name}"`);
  },
};
