import type { PipelineRule } from './types';
import { closest } from '../../validation/similar';

/** A `needs` entry must name a stage of this spec. */
export const unknownStage: PipelineRule = {
  code: 'unknown-stage',
  check({ a, report }) {
    const names = new Set(a.stages.map((s) => s.name));
    for (const stage of a.stages) {
      for (const need of stage.needs) {
        const name = need.value as string;
        if (names.has(name)) continue;
        const suggestion = closest(name, names);
        const hint = suggestion ? ` Did you mean "${suggestion}"?` : ` Known stages: ${[...names].join(', ') || 'none'}.`;
        report(need.range, `Stage "${stage.name}" needs "${name}", but no stage has that name.${hint}`, 'error', { replace: suggestion });
      }
    }
  },
};
