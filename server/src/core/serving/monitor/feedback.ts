/**
 * The quality part of `mlops monitor`. Drift says the inputs changed; only labels say the model got
 * worse. Once outcomes are known, the spec's `data.feedback` file (served rows with the target filled
 * in) is scored by the serving version and measured exactly as `mlops evaluate` does: the task's
 * metrics, the fairness block and the training spec's gates. A failing gate recommends retraining.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { cardContractCheck } from '../../evaluation/contractCheck';
import { evaluateModel, type EvaluationResult } from '../../evaluation/evaluate';
import { loadVersion } from '../model';
import { resolveModelRef } from '../reference';
import type { MonitorInput } from './monitor';

/** The serving version measured on the feedback file; null (with a note saying why) when it cannot be. */
export async function feedbackQuality(input: MonitorInput, version: number, notes: string[]): Promise<EvaluationResult | null> {
  const ref = input.spec?.data?.feedback;
  if (!ref?.path || !input.specDir) return null;
  const dataPath = resolve(input.specDir, ref.path);
  if (!existsSync(dataPath)) {
    notes.push(`the feedback file ${ref.path} (data.feedback in the spec) does not exist yet, so quality on labelled data is not measured`);
    return null;
  }
  let loaded: Awaited<ReturnType<typeof loadVersion>> | undefined;
  try {
    loaded = await loadVersion(input.workspace, resolveModelRef(input.workspace, { model: input.model, version }));
    return await evaluateModel({
      loaded, dataPath, shown: ref.path,
      contractCheck: cardContractCheck(input.workspace, dataPath, { ...(input.signal ? { signal: input.signal } : {}), note: (t) => notes.push(t) }),
    });
  } catch (e) {
    // The rest of the report stands on the log alone: a feedback file that cannot be measured is a note.
    notes.push(`quality on ${ref.path} is not measured: ${e instanceof Error ? e.message : String(e)}`);
    return null;
  } finally {
    loaded?.dispose();
  }
}

/** Why the feedback says retrain: each failed gate with its value. */
export function qualityReasons(q: EvaluationResult | null): string[] {
  if (!q) return [];
  return q.gates.filter((g) => !g.passed)
    .map((g) => `quality on ${q.data.path}: ${g.metric} ${g.value === null ? 'n/a' : Number(g.value.toFixed(4))} fails ${g.condition}`);
}
