/**
 * Batch scoring of a data file (`mlops predict`) with the same LoadedVersion.score the server uses.
 * Clean files take the fast read (fastRead.ts); a file with any value that does not fit is read
 * again value by value (core/training's reader) so every bad row is refused with its file, line and
 * column, or skipped and reported.
 */
import { resolve } from 'node:path';
import { rowRecords } from '../data/lines';
import { dataError, openDataSource, type DataSource } from '../data/source';
import { DataError } from '../training/errors';
import { readTable, type RawColumn, type RawTable } from '../training/table';
import { ServingError } from './errors';
import { fileInputs, readInputsFast, stageInputs, type InputSource } from './fastRead';
import type { LoadedVersion, OpeningVersion, Scores, VersionInputs } from './model';
import { checkColumns, keepRows, type CleanValue, type RowProblem } from './rows';
import { copyScores, type ScoresFormat } from './scoresOutput';

export interface ScoredFile {
  /** Data rows in the file. */
  rows: number;
  /** The data rows scored (all of them unless bad rows were skipped), ascending. */
  kept?: number[];
  /** Identifier columns written beside the predictions (the contract's primary key present in the file). */
  keys: string[];
  /** Where the key columns are in file order, in the connection that read the file (the writer reads them there). */
  keysFrom: string;
  scores: Scores;
  /** Class labels in output order (classification): `scores.label` holds these texts. */
  classes?: string[];
  /** Problems of the rows left out (only with skipBadRows), each with where it is in the file. */
  skipped: Array<RowProblem & { where: string }>;
}

/** A data error as a ServingError that names the file as the user did, once (with its line when it has one). */
function fileError(shown: string, e: unknown, path?: string): unknown {
  if (e instanceof ServingError) return e;
  if (!(e instanceof DataError || (e as Error)?.name === 'DataFileError')) return e;
  const message = (e as Error).message;
  const named = [shown, path].find((p) => p && message.startsWith(`${p}:`));
  return new ServingError(named ? `${shown}${message.slice(named.length)}` : `${shown}: ${message}`);
}

function checkPresent(source: DataSource, shown: string, model: VersionInputs): void {
  const available = source.columns.map((c) => c.name);
  const missing = model.inputs.columns.filter((c) => !available.includes(c.name)).map((c) => c.name);
  if (missing.length === 0) return;
  throw new ServingError(`${shown}: column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')} missing; ${model.model} v${model.version} reads ${model.inputs.columns.map((c) => c.name).join(', ')} (the file has ${available.join(', ')})`);
}

/** How a 0-based data row is named in messages: the CSV line it starts on, or the row number. */
async function rowLabels(source: DataSource, rows: number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  if (source.format !== 'csv' || source.files.length > 1) {
    for (const r of rows) out.set(r, `row ${r + 1}`);
    return out;
  }
  const records = await rowRecords(source.files[0]!, source.dialect!, rows.map((r) => r + 1), new Set());
  for (const r of rows) out.set(r, `line ${records.get(r + 1)?.line ?? r + 2}`);
  return out;
}

/** The value of a raw column as the checker should see it: numbers parsed from text for numeric inputs. */
function reader(col: RawColumn, numeric: boolean): (row: number) => unknown {
  if (!numeric || col.kind === 'numeric') return (r) => col.values[r];
  if (col.kind === 'string') return (r) => col.numeric![r] ?? col.values[r];
  return (r) => col.values[r];
}

/** The checked path: every value read and checked, bad rows located. */
async function checkedInputs(source: DataSource, shown: string, model: VersionInputs, skipBadRows: boolean) {
  const table: RawTable = await readTable(source.path, () => model.inputs.columns.map((c) => ({ column: c.name, specPath: 'model input' })));
  const getters = new Map(model.inputs.columns.map((c) => [c.name, reader(table.columns.get(c.name)!, c.kind === 'numeric')]));
  const checked = checkColumns(model.inputs.columns, table.rows, (column, row) => getters.get(column)!(row));
  const labels = await rowLabels(source, checked.bad.slice(0, skipBadRows ? checked.bad.length : 5));
  const located = checked.problems.filter((p) => labels.has(p.row)).map((p) => ({ ...p, where: `${shown}:${labels.get(p.row)!.replace(/^(line|row) /, '')}` }));
  if (checked.bad.length > 0 && !skipBadRows) {
    const lines = located.slice(0, 5).map((p) => `  ${p.where}: column "${p.column}": ${p.reason}`);
    const more = checked.bad.length > 5 ? `\n  ... ${checked.bad.length} bad rows in all` : '';
    throw new ServingError(`${shown}: ${checked.bad.length} row${checked.bad.length > 1 ? 's do' : ' does'} not fit ${model.model} v${model.version}:\n${lines.join('\n')}${more}\nFix the data, or pass --skip-bad-rows to score the other rows and list these.`);
  }
  const bad = new Set(checked.bad);
  const kept = bad.size ? Array.from({ length: table.rows }, (_, i) => i).filter((r) => !bad.has(r)) : undefined;
  return { rows: table.rows, kept, values: kept ? keepRows(checked.values, kept) : checked.values, skipped: located };
}

/** Scores the rows of an open file: the fast read when every value fits, else the checked one. */
async function scoreSource(source: DataSource, shown: string, version: LoadedVersion | OpeningVersion, at: InputSource, skipBadRows: boolean): Promise<Omit<ScoredFile, 'keys' | 'keysFrom'>> {
  const classes = version.classes ? { classes: version.classes } : {};
  const fast = await readInputsFast(source, version, at);
  const model = 'load' in version ? await version.load() : version;
  if (fast) {
    const scores = inChunks(fast.rows, (start, end) => model.scoreEncoded(fast.columns, start, end));
    return { rows: fast.rows, scores, skipped: [], ...classes };
  }
  const read = await checkedInputs(source, shown, model, skipBadRows);
  const scored = read.kept ? read.kept.length : read.rows;
  const slice = (v: ArrayLike<CleanValue>, a: number, b: number) => (ArrayBuffer.isView(v) ? (v as unknown as Float64Array).subarray(a, b) : Array.prototype.slice.call(v, a, b) as CleanValue[]);
  const scores = inChunks(scored, (start, end) => model.score(new Map([...read.values].map(([k, v]) => [k, slice(v, start, end)])), end - start));
  return { rows: read.rows, ...(read.kept ? { kept: read.kept } : {}), scores, skipped: read.skipped, ...classes };
}

export interface ScoreFileOptions {
  /** How the file is named in messages (default: the path). */
  shown?: string;
  skipBadRows?: boolean;
  /** Write the predictions (with the file's keys) to this path, in this format, before the file is closed. */
  output?: { path: string; format: ScoresFormat };
}

/**
 * Scores every row of a data file. Without `skipBadRows` bad rows are refused in one ServingError
 * naming file, line and column; with it they are left out and listed in `skipped`. With a version
 * still opening, the file is read while its network loads.
 */
export async function scoreFile(model: LoadedVersion | OpeningVersion, path: string, o: ScoreFileOptions = {}): Promise<ScoredFile> {
  const shown = o.shown ?? path;
  let source: DataSource;
  try {
    source = await openDataSource(path, o.output ? { writable: [o.output.path] } : {});
  } catch (e) {
    throw fileError(shown, e, resolve(path));
  }
  try {
    checkPresent(source, shown, model);
    const keys = model.inputs.keys.filter((k) => source.columns.some((c) => c.name === k));
    // Only a result to write needs the keys kept: then the file is read once into a table (stageInputs).
    const staging = o.output ? stageInputs(source, model, keys).catch((e: unknown) => { throw dataError(shown, e); }) : undefined;
    // DuckDB reads the file on its own threads now: this thread loads the network meanwhile.
    if ('load' in model) model.load().catch(() => undefined);
    const at = staging ? await staging : fileInputs(source, model);
    const scored: ScoredFile = { ...await scoreSource(source, shown, model, at, o.skipBadRows === true), keys, keysFrom: at.from };
    if (o.output) await copyScores(source.connection, scored, o.output.format, o.output.path);
    return scored;
  } catch (e) {
    throw fileError(shown, e, source.path);
  } finally {
    source.close();
  }
}

/** Scores in slices so the feature matrix of a large file never has to exist whole. */
function inChunks(rows: number, score: (start: number, end: number) => Scores, chunk = 65536): Scores {
  if (rows <= chunk) return score(0, rows);
  const parts: Scores[] = [];
  for (let start = 0; start < rows; start += chunk) parts.push(score(start, Math.min(rows, start + chunk)));
  const prediction = parts[0]!.prediction instanceof Int32Array ? new Int32Array(rows) : new Float32Array(rows);
  const label = parts[0]!.label ? new Array<string>(rows) : undefined;
  let offset = 0;
  const unknown = new Map<string, number>();
  for (const p of parts) {
    prediction.set(p.prediction, offset);
    // A loop, not flatMap: flatMap over a million labels was the largest self time in a profile of `mlops predict`.
    if (label) for (let i = 0; i < p.rows; i++) label[offset + i] = p.label![i]!;
    offset += p.rows;
    for (const [k, n] of p.unknown) unknown.set(k, (unknown.get(k) ?? 0) + n);
  }
  return { rows, prediction, ...(label ? { label } : {}), ...mergedProbabilities(parts), unknown };
}

/** Multiclass probabilities of the chunks, in order (absent for other tasks). */
function mergedProbabilities(parts: Scores[]): Pick<Scores, 'probabilities'> {
  if (!parts[0]!.probabilities) return {};
  const all = new Float32Array(parts.reduce((n, p) => n + p.probabilities!.length, 0));
  let offset = 0;
  for (const p of parts) { all.set(p.probabilities!, offset); offset += p.probabilities!.length; }
  return { probabilities: all };
}
