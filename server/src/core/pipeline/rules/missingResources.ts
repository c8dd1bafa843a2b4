import { exportsToArgo, specValue, stageSteps } from '../stageSteps';
import type { PipelineRule } from './types';

/**
 * With `export: { target: argo }`: a training stage without `resources` (on the stage or under
 * `training`) gets a pod with the namespace's defaults, often far too little memory and no GPU.
 */
export const missingResources: PipelineRule = {
  code: 'missing-resources',
  check({ a, report }) {
    if (!exportsToArgo(a) || specValue(a).training?.resources) return;
    for (const s of stageSteps(a)) {
      if (s.value.uses !== 'train' || !s.uses || s.value.resources) continue;
      report(s.uses.range, `Stage "${s.info.name}" trains without resources: on the cluster (export.target: argo) its pod gets the namespace's defaults. Add resources: { cpu, memory } (and gpu) to the stage or to training.resources.`, 'warning');
    }
  },
};
