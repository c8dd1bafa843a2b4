import { closeSync, openSync, readSync } from 'node:fs';

/** How a CSV file is written, found by reading only its first bytes (never the whole file). */
export interface CsvDialect {
  /** DuckDB's name for the encoding: utf-8, utf-16 or latin-1 (when the first bytes are not valid UTF-8). */
  encoding: 'utf-8' | 'utf-16' | 'latin-1';
  delimiter: string;
  quote: string;
  /** Column names as written in the header line. */
  header: string[];
  /** True when the file starts with a byte order mark. */
  bom: boolean;
  /**
   * Per header column, the DuckDB type every sampled value fits (BIGINT, DOUBLE, BOOLEAN, DATE,
   * TIMESTAMP, else VARCHAR). A guess from the first rows: a later value that does not fit is
   * set aside by DuckDB, and callers then read the file again as text.
   */
  types: string[];
}

/** A data file that cannot be read as asked; the message names the file and says what to do. */
export class DataFileError extends Error {
  constructor(readonly path: string, message: string, readonly line?: number) {
    super(line === undefined ? `${path}: ${message}` : `${path}:${line}: ${message}`);
    this.name = 'DataFileError';
  }
}

const SNIFF_BYTES = 256 << 10;
const DELIMITERS = [',', ';', '\t', '|'];
const SAMPLE_RECORDS = 100;
const TYPE_RECORDS = 2_000;

const TYPE_TESTS: Array<[string, RegExp]> = [
  ['BIGINT', /^-?\d{1,18}$/],
  ['DOUBLE', /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/],
  ['BOOLEAN', /^(true|false)$/i],
  ['DATE', /^\d{4}-\d{2}-\d{2}$/],
  ['TIMESTAMP', /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?$/],
];

/** The narrowest type every non-empty sampled value of each column matches (VARCHAR when none). */
export function guessTypes(records: string[][], width: number): string[] {
  const types: string[] = [];
  for (let col = 0; col < width; col++) {
    let candidates = TYPE_TESTS;
    let seen = 0;
    for (const r of records) {
      if (r.length !== width || r[col] === '') continue;
      seen++;
      candidates = candidates.filter(([, re]) => re.test(r[col]!));
      if (candidates.length === 0) break;
    }
    types.push(seen > 0 && candidates.length > 0 ? candidates[0]![0] : 'VARCHAR');
  }
  return types;
}

function readHead(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const n = readSync(fd, buf, 0, SNIFF_BYTES, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** Decodes the first bytes, choosing the encoding DuckDB must be told about. */
function decodeHead(path: string, bytes: Buffer): { text: string; encoding: CsvDialect['encoding']; bom: boolean } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16', bom: true };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    throw new DataFileError(path, 'is UTF-16 big-endian, which cannot be read; convert it to UTF-8 (e.g. iconv -f UTF-16BE -t UTF-8)');
  }
  // A text CSV never holds NUL bytes; a file that does is binary (often a Parquet or Excel file renamed).
  if (bytes.includes(0)) throw new DataFileError(path, 'holds binary data, not CSV text (is it a Parquet or Excel file with a .csv name?)');
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bytes.subarray(bom ? 3 : 0);
  // Cut at the last newline so a multi-byte character split by the read window is not taken for bad bytes.
  const cut = body.length === SNIFF_BYTES - (bom ? 3 : 0) ? body.lastIndexOf(0x0a) + 1 || body.length : body.length;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body.subarray(0, cut)), encoding: 'utf-8', bom };
  } catch {
    return { text: new TextDecoder('latin1').decode(body.subarray(0, cut)), encoding: 'latin-1', bom };
  }
}

/**
 * Splits the start of a CSV text into records (RFC 4180: quoted fields may hold delimiters, doubled
 * quotes and newlines). Blank lines are skipped, as DuckDB skips them.
 */
export function splitRecords(text: string, delimiter: string, quote: string, max: number): string[][] {
  // Without any quote character the records are plain lines: split them directly (much faster).
  if (!text.includes(quote)) {
    return text.split(/\r\n|\n|\r/).filter((l) => l !== '').slice(0, max).map((l) => l.split(delimiter));
  }
  const records: string[][] = [];
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let sawAny = false;
  for (let i = 0; i < text.length && records.length < max; i++) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch !== quote) field += ch;
      else if (text[i + 1] === quote) { field += quote; i++; } else inQuotes = false;
    } else if (ch === quote) { inQuotes = true; sawAny = true; }
    else if (ch === delimiter) { fields.push(field); field = ''; sawAny = true; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      if (sawAny || field !== '') { fields.push(field); records.push(fields); }
      fields = []; field = ''; sawAny = false;
    } else { field += ch; sawAny = true; }
  }
  if ((sawAny || field !== '') && records.length < max && !inQuotes) { fields.push(field); records.push(fields); }
  return records;
}

/** Scores a delimiter: how many sampled records have as many fields as the header (more is better). */
function score(records: string[][]): number {
  const width = records[0]?.length ?? 0;
  if (width < 2) return 0;
  const same = records.filter((r) => r.length === width).length;
  return same * 1000 + width;
}

/**
 * Finds a CSV file's encoding, delimiter, quote and header from its first 256 KB. Throws a
 * DataFileError for an empty file or one without a header line.
 */
export function sniffCsv(path: string): CsvDialect {
  const bytes = readHead(path);
  const { text, encoding, bom } = decodeHead(path, bytes);
  if (text.trim() === '') throw new DataFileError(path, 'is empty: a CSV file needs a header line naming its columns');
  const quote = '"';
  let best = { delimiter: ',', records: splitRecords(text, ',', quote, SAMPLE_RECORDS), score: -1 };
  for (const delimiter of DELIMITERS) {
    const records = delimiter === ',' ? best.records : splitRecords(text, delimiter, quote, SAMPLE_RECORDS);
    const s = score(records);
    if (s > best.score) best = { delimiter, records, score: s };
  }
  const header = best.records[0] ?? [];
  if (header.length === 0) throw new DataFileError(path, 'has no header line', 1);
  // The sample window may end inside a record; leave the last one out of the type guess.
  const records = splitRecords(text, best.delimiter, quote, TYPE_RECORDS).slice(1, -1);
  return { encoding, delimiter: best.delimiter, quote, header, bom, types: guessTypes(records, header.length) };
}
