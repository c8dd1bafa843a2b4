import { getChild } from '../../yaml/tree';
import { scalar } from '../../yaml/select';
import type { PipelineRule } from './types';

/** Validation metrics (val_*) do not exist when no rows are held out. */
export const earlyStoppingNeedsValidation: PipelineRule = {
  code: 'early-stopping-needs-validation',
  check({ a, report }) {
    const training = getChild(a.root ?? undefined, 'training');
    const monitor = scalar(getChild(getChild(training, 'earlyStopping'), 'monitor'));
    const split = getChild(training, 'validationSplit');
    if (!monitor || !String(monitor.value).startsWith('val_')) return;
    if (split?.kind === 'scalar' && split.value === 0) {
      report(monitor.range, `Early stopping watches "${String(monitor.value)}", but validationSplit is 0, so there are no validation metrics. Set validationSplit above 0 (e.g. 0.2) or monitor "loss".`);
    }
  },
};
