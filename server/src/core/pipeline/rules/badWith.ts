import { basename } from 'node:path';
import { trainSetProblems } from '../../stages/steps/trainSpec';
import { getPair } from '../../yaml/tree';
import { specValue, stageSteps } from '../stageSteps';
import type { PipelineRule } from './types';

/**
 * Options of a built-in step (`uses:` + `with:`) that the schema cannot check: one the step needs
 * and neither `with:` nor the spec gives (a contract for `check`, current data for `drift`, the train
 * stage a `register` follows), a `with.set` path that is not a spec setting, `with:` on a `cmd` stage, and a
 * stage with both `cmd` and `uses`.
 */
export const badWith: PipelineRule = {
  code: 'bad-with',
  check({ a, report }) {
    const ctx = { spec: specValue(a), specFile: basename(a.doc.path) };
    for (const s of stageSteps(a)) {
      if (s.cmd && s.uses) {
        report(s.uses.range, `Stage "${s.info.name}" has both cmd and uses: a stage runs either a shell command or a built-in step. Keep one, or split it into two stages.`);
        continue;
      }
      if (s.cmd && s.withPair) {
        report(s.withPair.key.range, `Stage "${s.info.name}" runs a command (cmd), so "with" has no effect: it holds the options of a built-in step (uses). Remove it, or replace cmd with uses.`);
        continue;
      }
      if (!s.step || !s.uses) continue;
      const problems = [...s.step.problems(s.info.name, s.value, ctx), ...(s.step.name === 'train' ? trainSetProblems(s.value, ctx.spec) : [])];
      for (const p of problems) {
        const withMap = s.withPair?.value;
        const pair = p.key && withMap?.kind === 'map' ? getPair(withMap, p.key) : undefined;
        const range = pair ? (p.key === 'set' ? pair.key.range : pair.value.range) : s.uses.range;
        report(range, `Stage "${s.info.name}": ${p.message}.`);
      }
    }
  },
};
