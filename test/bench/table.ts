/** One measured line of the benchmark table. */
export interface BenchRow {
  /** What was measured, e.g. "diagnostics after change, 10k lines". */
  case: string;
  ours: string;
  baseline: string;
  /** ours / baseline (or baseline / ours for throughput), as the suite states in `ratio`. */
  ratio: string;
  target: string;
  met: boolean | null;
}

export interface BenchSuite {
  title: string;
  /** Name of the baseline measured in the same run. */
  baselineName: string;
  run(): Promise<BenchRow[]>;
}

/** Renders rows as a Markdown table (pasted into README as is). */
export function renderTable(suite: BenchSuite, rows: BenchRow[]): string {
  const head = `| ${suite.title} | ours | ${suite.baselineName} | ratio | target | met |\n|---|---:|---:|---:|---|:-:|`;
  const body = rows.map((r) => `| ${r.case} | ${r.ours} | ${r.baseline} | ${r.ratio} | ${r.target} | ${r.met === null ? '–' : r.met ? 'yes' : 'NO'} |`);
  return [head, ...body].join('\n');
}

/** Median of a list of numbers. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
