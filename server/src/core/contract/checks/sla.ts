import type { ColumnInfo } from '../../data/source';
import type { ContractSchemaObject, SlaProperty } from '../model';
import type { PlannedCheck, Verdict } from './types';
import { columnValue, type ValueSource } from './values';

/**
 * ODCS `slaProperties` against the data. The standard's names are case-insensitive and have two-letter
 * synonyms; `latency` is "preferred to freshness" (datacontract-cli's name), so both mean: the newest
 * value of the element (a date or timestamp column) is at most value+unit old. `retention`: the oldest
 * value is at most value+unit old. Everything else describes the service (availability, throughput,
 * error rate, support dates, times to detect, notify and repair, update frequency, time of
 * availability), which one file cannot show: those are listed as not checkable.
 */
const SYNONYMS: Record<string, string> = {
  av: 'availability', th: 'throughput', er: 'errorrate', ga: 'generalavailability', es: 'endofsupport', el: 'endoflife',
  re: 'retention', fy: 'frequency', ly: 'latency', td: 'timetodetect', tn: 'timetonotify', tr: 'timetorepair', freshness: 'latency',
};

const WHY_NOT: Record<string, string> = {
  frequency: 'how often the data is updated shows in its history, not in one file',
  timeofavailability: 'when the data becomes available is a property of its delivery, not of the file',
};

/** Calendar units accepted for latency and retention ("m" alone is refused: minutes or months?). */
const UNITS: Array<[RegExp, 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year']> = [
  [/^(s|sec|secs|second|seconds)$/, 'second'], [/^(min|mins|minute|minutes)$/, 'minute'], [/^(h|hr|hrs|hour|hours)$/, 'hour'],
  [/^(d|day|days)$/, 'day'], [/^(w|wk|week|weeks)$/, 'week'], [/^(mo|mon|month|months)$/, 'month'], [/^(y|yr|yrs|year|years)$/, 'year'],
];

/** Sentinel a freshness metric gives when the column holds no value. */
const NO_VALUE = -1e15;

type Span = Partial<Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>>;

/** An amount and unit, or an ISO 8601 duration (P3Y, PT6H, P1DT12H), as calendar parts; or why not. */
export function readSpan(value: unknown, unit: string | undefined): Span | string {
  if (typeof value === 'string' && /^P/i.test(value.trim())) {
    const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i.exec(value.trim());
    if (!m || value.trim().length <= 1) return `"${value}" is not an ISO 8601 duration such as P3Y or PT6H`;
    const n = (i: number) => Number(m[i] ?? 0);
    return { year: n(1), month: n(2), day: n(3) * 7 + n(4), hour: n(5), minute: n(6), second: n(7) };
  }
  const amount = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) return `value ${JSON.stringify(value)} is not a number of ${unit ?? 'days'}`;
  const u = (unit ?? 'd').trim().toLowerCase();
  if (u === 'm') return 'unit "m" could mean minutes or months: write min or mo';
  const hit = UNITS.find(([re]) => re.test(u));
  if (!hit) return `unit "${unit}" is not one of s, min, h, d, w, mo, y`;
  return hit[1] === 'week' ? { day: amount * 7 } : { [hit[1]]: amount };
}

/**
 * `now` minus a span in calendar terms, as DuckDB subtracts an INTERVAL: years and months first, the
 * day clamped to the month's length (3 years before 2024-02-29 is 2021-02-28), then days and time.
 * Epoch seconds.
 */
export function spanBefore(now: Date, span: Span): number {
  const months = now.getUTCFullYear() * 12 + now.getUTCMonth() - (span.year ?? 0) * 12 - (span.month ?? 0);
  const [y, m] = [Math.floor(months / 12), ((months % 12) + 12) % 12];
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const shifted = Date.UTC(y, m, Math.min(now.getUTCDate(), lastDay), now.getUTCHours(), now.getUTCMinutes(), now.getUTCSeconds(), now.getUTCMilliseconds());
  const back = (((span.day ?? 0) * 24 + (span.hour ?? 0)) * 60 + (span.minute ?? 0)) * 60 + (span.second ?? 0);
  return shifted / 1000 - back;
}

const describeSpan = (value: unknown, unit: string | undefined) => (typeof value === 'string' && /^P/i.test(value) ? value : `${String(value)} ${unit ?? 'd'}`);

function head(sla: SlaProperty, index: number, contractPath: string, column: string | null) {
  return { id: `sla.${sla.id ?? `${sla.property}[${index}]`}`, column, rule: `sla.${sla.property}`, severity: 'error' as const, location: { path: contractPath, range: sla.range } };
}

const skip = (message: string): Verdict => ({ passed: true, failures: 0, skipped: true, message });

/** The column an SLA element names in this schema object (`object.column`, or `column` alone). */
function elementColumn(element: string | undefined, schema: ContractSchemaObject, several: boolean): { name?: string; why?: string } {
  if (element === undefined) return { why: 'it names no element (add element: object.column, a date or timestamp column)' };
  const first = element.split(',')[0]!.trim();
  const [object, column] = first.includes('.') ? [first.slice(0, first.indexOf('.')), first.slice(first.indexOf('.') + 1)] : [undefined, first];
  if (object !== undefined && object !== schema.name && object !== schema.physicalName) return { why: `its element ${first} is in object ${object}, not ${schema.name}` };
  if (object === undefined && several) return { why: `its element ${first} names no object (write ${schema.name}.${first})` };
  return { name: column };
}

export interface SlaContext {
  schema: ContractSchemaObject;
  columns: ColumnInfo[];
  contractPath: string;
  source: ValueSource;
  now: Date;
  /** True when the contract has several schema objects (an element must then name its object). */
  several: boolean;
  defaultElement?: string;
}

function ageCheck(sla: SlaProperty, index: number, ctx: SlaContext, kind: 'latency' | 'retention'): PlannedCheck {
  const where = elementColumn(sla.element ?? ctx.defaultElement, ctx.schema, ctx.several);
  const h = head(sla, index, ctx.contractPath, where.name ?? null);
  if (!where.name) return { ...h, severity: 'info', fixed: skip(`not checked here: ${where.why}`) };
  const span = readSpan(sla.value, sla.unit);
  if (typeof span === 'string') return { ...h, fixed: { passed: false, failures: 0, message: `cannot check: ${span}` } };
  const col = ctx.columns.find((c) => c.name === where.name);
  if (!col) return { ...h, fixed: { passed: false, failures: 1, message: `the data has no column "${where.name}" (the SLA's element)` } };
  const prop = ctx.schema.properties.find((p) => p.name === where.name);
  const type = prop?.logicalType === 'date' ? 'date' : 'timestamp';
  const v = columnValue(col, type, prop?.options ?? {}, ctx.source);
  const limit = spanBefore(ctx.now, span);
  const bound = describeSpan(sla.value, sla.unit);
  const agg = kind === 'latency' ? 'max' : 'min';
  return {
    ...h,
    // epoch() of a TIMESTAMP reads it as UTC (as datacontract-cli does); of a TIMESTAMPTZ, as the instant it is.
    metric: `coalesce(epoch(${agg}(${v.value})), ${NO_VALUE})`,
    judge: (t: number): Verdict => {
      if (t === NO_VALUE) return { passed: false, failures: 1, message: `${where.name} holds no ${type} value to measure ${kind} on` };
      const at = new Date(t * 1000).toISOString();
      const ok = t >= limit;
      const what = kind === 'latency' ? `newest ${where.name} is ${at}` : `oldest ${where.name} is ${at}`;
      return { passed: ok, failures: ok ? 0 : 1, message: `${what}; ${kind} ${bound} needs it on or after ${new Date(limit * 1000).toISOString()}` };
    },
  };
}

/**
 * Plans the SLA checks of a contract for one schema object: latency (freshness) and retention on
 * their element's column, measured against `now`; the other SLA properties as not checkable.
 */
export function slaChecks(sla: SlaProperty[], ctx: SlaContext): PlannedCheck[] {
  return sla.map((s, i) => {
    const name = s.property.toLowerCase();
    const canonical = SYNONYMS[name] ?? name;
    if (canonical === 'latency' || canonical === 'retention') return ageCheck(s, i, ctx, canonical);
    const why = WHY_NOT[canonical] ?? `${s.property} describes the service that delivers the data, not the data`;
    return { ...head(s, i, ctx.contractPath, null), severity: 'info', fixed: skip(`not checkable from a data file: ${why}`) };
  });
}
