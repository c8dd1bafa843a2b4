import type { SpecAnalysis } from '../analysis';
import { resolvePath } from '../paths';
import { stageSteps, withValue, WITH_INPUTS, WITH_OUTPUTS, type StageSteps } from '../stageSteps';
import type { PipelineRule } from './types';
import type { YScalar } from '../../yaml/tree';

function produced(a: SpecAnalysis, steps: StageSteps[]): Set<string> {
  const written = steps.flatMap((s) => WITH_OUTPUTS.map((k) => withValue(s, k)).filter((n): n is YScalar => !!n));
  return new Set([...a.stages.flatMap((s) => s.outs), ...written].map((o) => resolvePath(a, o.value as string)));
}

/** Data files, stage deps and the files a step reads (`with:`) must exist, unless a stage of this spec produces them. */
export const missingFile: PipelineRule = {
  code: 'missing-file',
  check({ a, host, report }) {
    const steps = stageSteps(a);
    const outs = produced(a, steps);
    const check = (node: YScalar, what: string) => {
      const abs = resolvePath(a, node.value as string);
      if (outs.has(abs) || host.exists(abs) || [...outs].some((o) => abs.startsWith(`${o}/`))) return;
      report(node.range, `${what} "${String(node.value)}" does not exist (looked for ${abs}) and no stage produces it. Paths are relative to the spec's folder.`);
    };
    for (const ref of a.dataRefs) if (ref.path) check(ref.path, `Data file for "${ref.role}"`);
    for (const s of a.stages) for (const d of s.deps) check(d, `Dependency of stage "${s.name}"`);
    for (const s of steps) for (const k of WITH_INPUTS) { const n = withValue(s, k); if (n) check(n, `with.${k} of stage "${s.info.name}"`); }
  },
};
