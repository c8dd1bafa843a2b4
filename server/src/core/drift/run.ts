// computeDrift: reference and current file in, DriftReport out. Each file is read twice at most: one
// aggregate pass (row and category counts) and one columnar pass for the numeric columns, in batches
// that keep the column buffers under a memory budget. Numeric columns are sorted and compared on
// worker threads while the next file is still being read.
import { statSync } from 'node:fs';
import { profileColumns, type ColumnProfile } from '../data/columns';
import { openDataSource } from '../data/source';
import { allNullCurrentFeature, comparedFeature, skippedFeature } from './verdict/feature';
import { measureCategorical } from './verdict/measure';
import type { DriftReport, FeatureDrift } from './model';
import { numericFeatures } from './parallel/numericBatch';
import { planFeatures, type FeaturePlan } from './input/plan';
import { createEngine } from './parallel/pool';
import { dispose, type Disposition } from './input/refine';
import { DEFAULT_CATEGORY_CAP, DEFAULT_MAX_ROWS, type DriftInput, type DriftSide } from './input/driftInput';

export type { DriftInput } from './input/driftInput';

async function openSide(path: string): Promise<DriftSide> {
  const empty: ColumnProfile = { rows: 0, nonNull: new Map(), categories: new Map(), notNumbers: new Map() };
  let size = -1;
  try { size = statSync(path).size; } catch { /* openDataSource names the missing file */ }
  if (size === 0) return { path, columns: [], profile: empty };
  try {
    const source = await openDataSource(path);
    return { path, source, columns: source.columns, profile: empty };
  } catch (e) {
    throw new DriftInputError((e as Error).message);
  }
}

/** A data file that cannot be read (missing, unreadable, not CSV or Parquet); the message names it. */
export class DriftInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DriftInputError';
  }
}

async function profileSide(side: DriftSide, plans: FeaturePlan[], which: 'reference' | 'current', cap: number): Promise<void> {
  if (!side.source) return;
  const present = new Set(side.columns.map((c) => c.name));
  side.profile = await profileColumns(side.source, {
    categorical: plans.filter((p) => p.read === 'category' && present.has(p.name)).map((p) => p.name),
    numberChecks: plans.filter((p) => p.numberChecks[which] && present.has(p.name)).map((p) => p.name),
    categoryCap: cap,
  });
}

function checkAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new Error('drift computation cancelled');
}

/** Compares every planned feature of the two files and gives the one verdict. */
export async function computeDrift(input: DriftInput): Promise<DriftReport> {
  const sides: DriftSide[] = [];
  try {
    // Both files are sniffed at once; whichever opened is closed in `finally` even if the other fails.
    const opened = await Promise.allSettled([openSide(input.reference), openSide(input.current)]);
    for (const o of opened) if (o.status === 'fulfilled') sides.push(o.value);
    for (const o of opened) if (o.status === 'rejected') throw o.reason;
    const [ref, cur] = sides as [DriftSide, DriftSide];
    const { target, scope, exclude } = input.config;
    const plans = planFeatures({ reference: ref.columns, current: cur.columns, schema: input.schema, features: input.config.features, target, scope, exclude,
      empty: { reference: !ref.source, current: !cur.source } });
    const cap = input.categoryCap ?? DEFAULT_CATEGORY_CAP;
    await Promise.all([profileSide(ref, plans, 'reference', cap), profileSide(cur, plans, 'current', cap)]);
    checkAborted(input.signal);
    const dispositions = plans.map((p) => dispose(p, ref.profile, cur.profile));
    const features = await featuresOf(plans, dispositions, ref, cur, input);
    return assemble(input, ref, cur, features);
  } finally {
    for (const s of sides) s.source?.close();
  }
}

async function featuresOf(plans: FeaturePlan[], dispositions: Disposition[], ref: DriftSide, cur: DriftSide, input: DriftInput): Promise<FeatureDrift[]> {
  const numeric = plans.filter((p, i) => dispositions[i]!.action === 'compare' && p.read !== 'category');
  const maxRows = input.maxRows ?? DEFAULT_MAX_ROWS;
  const values = numeric.length * (Math.min(ref.profile.rows, maxRows) + Math.min(cur.profile.rows, maxRows));
  const engine = createEngine(input.workers, values);
  try {
    const numericResults = await numericFeatures(numeric, ref, cur, engine, input);
    return plans.map((plan, i) => numericResults.get(plan.name) ?? otherFeature(plan, dispositions[i]!, ref, cur, input));
  } finally {
    await engine.close();
  }
}

/** A feature that is not numeric-compared: skipped, all-null in the current file, or categorical (from its counts). */
function otherFeature(plan: FeaturePlan, d: Disposition, ref: DriftSide, cur: DriftSide, input: DriftInput): FeatureDrift {
  const counted = (s: DriftSide) => s.profile.nonNull.get(plan.name);
  const nonNull = (s: DriftSide) => counted(s) ?? 0;
  const missing = (s: DriftSide) => (counted(s) === undefined ? 0 : s.profile.rows - nonNull(s));
  const values = { reference: nonNull(ref), current: nonNull(cur), referenceMissing: missing(ref), currentMissing: missing(cur) };
  if (d.action === 'skip') return skippedFeature(plan, values, d.reason);
  if (d.action === 'allNullCurrent') return allNullCurrentFeature(plan, values);
  const cap = input.categoryCap ?? DEFAULT_CATEGORY_CAP;
  const measured = measureCategorical(ref.profile.categories.get(plan.name)!, cur.profile.categories.get(plan.name)!, cap, input.config.compat);
  return comparedFeature(plan, measured, values, input.config);
}

function assemble(input: DriftInput, ref: DriftSide, cur: DriftSide, features: FeatureDrift[]): DriftReport {
  const compared = features.filter((f) => f.status === 'compared').length;
  const drifted = features.filter((f) => f.status === 'compared' && f.drifted).length;
  const allNullCurrent = features.filter((f) => f.allNullCurrent).map((f) => f.name);
  const driftedShare = compared > 0 ? drifted / compared : 0;
  const names = (s: DriftSide) => new Set(s.columns.map((c) => c.name));
  const onlyInReference = [...names(ref)].filter((n) => !names(cur).has(n));
  const onlyInCurrent = [...names(cur)].filter((n) => !names(ref).has(n));
  const maxRows = input.maxRows ?? DEFAULT_MAX_ROWS;
  const summary = (s: DriftSide, shown: string | undefined) => ({
    path: shown ?? s.path, rows: s.profile.rows, ...(s.profile.rows > maxRows ? { sampledRows: maxRows } : {}),
  });
  return {
    reference: summary(ref, input.display?.reference), current: summary(cur, input.display?.current),
    features, driftedShare, datasetDrift: compared > 0 && driftedShare >= input.config.driftShare,
    driftShare: input.config.driftShare, compared, drifted, allNullCurrent, compat: input.config.compat ?? 'none',
    columns: { onlyInReference, onlyInCurrent },
    notes: reportNotes(ref, cur, { compared, maxRows, onlyRef: onlyInReference, onlyCur: onlyInCurrent, allNullCurrent, compat: input.config.compat }),
  };
}

interface NoteFacts { compared: number; maxRows: number; onlyRef: string[]; onlyCur: string[]; allNullCurrent: string[]; compat?: 'none' | 'evidently' }

function reportNotes(ref: DriftSide, cur: DriftSide, f: NoteFacts): string[] {
  const notes: string[] = [];
  for (const [which, s] of [['reference', ref], ['current', cur]] as const) {
    if (!s.source) notes.push(`the ${which} file is empty (0 bytes)`);
    if (s.profile.rows > f.maxRows) {
      notes.push(`${which}: numeric statistics on a seeded uniform sample of ${f.maxRows} of ${s.profile.rows} rows; category counts use every row`
        + (f.compat === 'evidently' ? ` (Evidently reads every row: pass --sample ${s.profile.rows} for its numbers)` : ''));
    }
  }
  if (f.onlyRef.length > 0) notes.push(`only in the reference file: ${f.onlyRef.join(', ')}`);
  if (f.onlyCur.length > 0) notes.push(`only in the current file: ${f.onlyCur.join(', ')}`);
  if (f.allNullCurrent.length > 0 && f.compat === 'evidently') {
    notes.push(`every current value is missing in ${f.allNullCurrent.join(', ')}: Evidently stops the whole report there ("An empty column ... was provided"); flagged apart here`);
  }
  if (f.compared === 0) notes.push('no feature could be compared, so there is no verdict');
  return notes;
}
