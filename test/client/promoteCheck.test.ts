/**
 * Before an alias moves: the warning when the new holder's headline metric is worse than the current
 * holder's (higher-is-better and lower-is-better metrics), the history row's wording, and the prompt.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ModelSummary, VersionSummary } from '../../server/src/protocol';
import { reasonPrompt, worseHolderWarning } from '../../client/src/registry/promoteCheck';
import { historyDescription } from '../../client/src/registry/modelsData';

const version = (n: number, metrics: Record<string, number>): VersionSummary =>
  ({ version: n, tag: `churn@v${n}`, path: `models/churn/v${n}`, aliases: [], metrics } as unknown as VersionSummary);

function model(aliases: Record<string, number>, ...versions: VersionSummary[]): ModelSummary {
  return { name: 'churn', path: 'models/churn', latest: versions.length, versions, aliases };
}

describe('promote checks', () => {
  it('warns when the new holder\'s headline metric is worse, in the metric\'s own direction', () => {
    const m = model({ production: 2 }, version(1, { val_auc: 0.79, auc: 0.9 }), version(2, { val_auc: 0.81, auc: 0.8 }), version(3, { val_auc: 0.83 }));
    assert.equal(worseHolderWarning(m, 1, 'production'), 'churn v1 has val_auc 0.79, worse than 0.81 of v2, which holds "production" now.');
    assert.equal(worseHolderWarning(m, 3, 'production'), null, 'better: no warning');
    assert.equal(worseHolderWarning(m, 1, 'staging'), null, 'nobody holds staging');
    assert.equal(worseHolderWarning(m, 2, 'production'), null, 'already the holder');
    const reg = model({ production: 1 }, version(1, { val_rmse: 2.5 }), version(2, { val_rmse: 3.1 }));
    assert.match(worseHolderWarning(reg, 2, 'production') ?? '', /val_rmse 3\.1, worse than 2\.5 of v1/, 'a larger error is worse');
    assert.equal(worseHolderWarning(model({ production: 2 }, version(1, { val_rmse: 2.5 }), version(2, { val_rmse: 3.1 })), 1, 'production'), null);
    assert.equal(worseHolderWarning(model({ production: 1 }, version(1, { custom: 1 }), version(2, { custom: 0 })), 2, 'production'), null,
      'no headline metric in common: nothing to compare');
  });

  it('shows the reason in the history row, and says when there is none', () => {
    const e = { alias: 'production', version: 2, from: 1, by: 'Ada <ada@example.com>', at: '2026-11-30T10:05:09.000Z', reason: 'better val_auc' };
    assert.equal(historyDescription(e), 'from v1 · “better val_auc” · 2026-11-30 10:05 · Ada');
    assert.equal(historyDescription({ ...e, from: null, reason: null }), 'new alias · no reason given · 2026-11-30 10:05 · Ada');
  });

  it('asks for a reason and says that empty is allowed', () => {
    const p = reasonPrompt('churn', 'v2', 'production');
    assert.match(p.prompt, /^Why promote churn v2 to production\?.*Leave empty to record no reason\.$/);
    assert.match(p.placeHolder, /optional/);
  });
});
