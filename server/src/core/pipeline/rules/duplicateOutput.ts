import type { PipelineRule } from './types';
import { resolvePath } from '../paths';
import type { YScalar } from '../../yaml/tree';

/** A file has one producer: two stages writing it would overwrite each other. */
export const duplicateOutput: PipelineRule = {
  code: 'duplicate-output',
  check({ a, report }) {
    const writers = new Map<string, Array<{ stage: string; node: YScalar }>>();
    for (const s of a.stages) {
      for (const o of s.outs) {
        const key = resolvePath(a, o.value as string);
        writers.set(key, [...(writers.get(key) ?? []), { stage: s.name, node: o }]);
      }
    }
    for (const list of writers.values()) {
      const stages = [...new Set(list.map((w) => w.stage))];
      if (list.length < 2) continue;
      for (const w of list) {
        const others = stages.filter((s) => s !== w.stage);
        const who = others.length ? `stage${others.length > 1 ? 's' : ''} ${others.map((s) => `"${s}"`).join(', ')}` : 'this stage too';
        report(w.node.range, `"${String(w.node.value)}" is also an output of ${who}: each file needs exactly one producing stage.`);
      }
    }
  },
};
