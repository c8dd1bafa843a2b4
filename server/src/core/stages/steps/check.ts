import type { Stage } from '../../pipeline/spec';
import { cliCommand, flag, normalizePath, opt, type StepContext, type StepDefinition } from './step';

interface CheckTarget { data?: string; contract?: string; schema?: string }

/**
 * What `uses: check` checks: `with.data` (default `data.train.path`) against `with.contract`, else the
 * contract of the data role with that path, else the training data's contract.
 */
export function checkTarget(stage: Stage, ctx: StepContext): CheckTarget {
  const data = opt(stage, 'data') ?? ctx.spec.data?.train?.path;
  const roles = Object.values(ctx.spec.data ?? {});
  const role = roles.find((r) => r?.path !== undefined && data !== undefined && normalizePath(r.path) === normalizePath(data));
  const contract = opt(stage, 'contract') ?? role?.contract ?? ctx.spec.data?.train?.contract;
  const schema = opt(stage, 'schema') ?? (opt(stage, 'contract') ? undefined : role?.schema ?? ctx.spec.data?.train?.schema);
  return { data, contract, schema };
}

export const checkStep: StepDefinition = {
  name: 'check',
  options: ['data', 'contract', 'schema', 'report'],
  implied(_name, stage, ctx) {
    const t = checkTarget(stage, ctx);
    const report = opt(stage, 'report');
    return { deps: [t.data, t.contract].filter((p): p is string => !!p), outs: report ? [report] : [], params: [], after: [] };
  },
  problems(_name, stage, ctx) {
    const t = checkTarget(stage, ctx);
    const out = [];
    if (!t.data) out.push({ key: 'data', message: 'uses: check needs a data file: set with.data or data.train.path' });
    if (!t.contract) out.push({ key: 'contract', message: `uses: check needs a data contract for ${t.data ?? 'the data'}: set with.contract, or a contract on that data role` });
    return out;
  },
  command(_name, stage, ctx) {
    const t = checkTarget(stage, ctx);
    const report = opt(stage, 'report');
    return cliCommand(['check', '--contract', t.contract, '--data', t.data, ...flag('--schema', t.schema), ...(report ? ['--format', 'json'] : [])])
      + (report ? ` > ${report}` : '');
  },
};
