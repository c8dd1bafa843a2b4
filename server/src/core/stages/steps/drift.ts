import { driftConfigFromSpec, type DriftConfig } from '../../drift/config';
import type { DriftMethod, Stage } from '../../pipeline/spec';
import { cliCommand, flag, opt, type StepContext, type StepDefinition } from './step';

interface DriftTarget { reference?: string; current?: string; contract?: string }

/** Data a drift stage compares: `with:` paths, else `data.train` and `data.current` of the spec. */
export function driftTarget(stage: Stage, ctx: StepContext): DriftTarget {
  return {
    reference: opt(stage, 'reference') ?? ctx.spec.data?.train?.path,
    current: opt(stage, 'current') ?? ctx.spec.data?.current?.path,
    contract: opt(stage, 'contract') ?? ctx.spec.data?.train?.contract,
  };
}

const num = (v: unknown) => (typeof v === 'number' ? v : undefined);

/** `monitoring.drift` of the spec with the stage's `with:` settings on top (as the CLI's flags). */
export function driftConfig(stage: Stage, ctx: StepContext): DriftConfig {
  const base = driftConfigFromSpec(ctx.spec.monitoring, ctx.spec.features);
  const method = opt(stage, 'method') as DriftMethod | undefined;
  const threshold = num(stage.with?.threshold);
  const driftShare = num(stage.with?.driftShare);
  return { ...base, ...(method ? { method } : {}), ...(threshold !== undefined ? { threshold } : {}), ...(driftShare !== undefined ? { driftShare } : {}) };
}

function outFormat(out: string | undefined): string[] {
  if (!out) return [];
  return ['--format', out.endsWith('.json') ? 'json' : out.endsWith('.html') ? 'html' : 'text', '--out', out];
}

export const driftStep: StepDefinition = {
  name: 'drift',
  options: ['reference', 'current', 'contract', 'method', 'threshold', 'driftShare', 'failOnDrift', 'out', 'sample'],
  implied(_name, stage, ctx) {
    const t = driftTarget(stage, ctx);
    const out = opt(stage, 'out');
    return { deps: [t.reference, t.current, t.contract].filter((p): p is string => !!p), outs: out ? [out] : [], params: ['monitoring', 'features'], after: [] };
  },
  problems(_name, stage, ctx) {
    const t = driftTarget(stage, ctx);
    const out = [];
    if (!t.reference) out.push({ key: 'reference', message: 'uses: drift needs reference data: set with.reference or data.train.path' });
    if (!t.current) out.push({ key: 'current', message: 'uses: drift needs current data: set with.current or data.current.path' });
    return out;
  },
  command(_name, stage, ctx) {
    const t = driftTarget(stage, ctx);
    const w = stage.with ?? {};
    return cliCommand(['drift', '--spec', ctx.specFile, '--reference', t.reference, '--current', t.current, ...flag('--contract', t.contract),
      ...flag('--method', opt(stage, 'method')), ...flag('--threshold', num(w.threshold)), ...flag('--drift-share', num(w.driftShare)),
      ...flag('--sample', num(w.sample)), ...flag('--fail-on-drift', w.failOnDrift === true), ...outFormat(opt(stage, 'out'))]);
  },
};
