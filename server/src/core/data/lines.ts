import { createReadStream } from 'node:fs';
import type { CsvDialect } from './sniff';

/** Where a data row starts in the file, and its fields as written (null for an empty unquoted field). */
export interface RowRecord {
  line: number;
  fields: Array<string | null>;
}

const DECODER: Record<CsvDialect['encoding'], string> = { 'utf-8': 'utf-8', 'latin-1': 'latin1', 'utf-16': 'utf-16le' };

/** Walks CSV records one character at a time, knowing which line each record starts on. */
class RecordCounter {
  line = 1;
  private inQuotes = false;
  private startLine = 1;
  private hasContent = false;
  private afterCR = false;
  /** Data records seen so far (the header and set-aside records excluded). */
  dataIndex = 0;
  private headerSeen = false;

  /** Text of the current record while it is one of the wanted rows. */
  private text: string | null = null;

  constructor(
    private readonly quote: string,
    private readonly skipped: Set<number>,
    private readonly wanted: Set<number>,
    private readonly onRecord: (index: number, line: number, text: string | null) => void,
  ) {}

  /** Called when a record's first character is seen: decides whether to keep its text. */
  private begin(): void {
    this.hasContent = true;
    this.startLine = this.line;
    const next = this.dataIndex + 1;
    this.text = this.headerSeen && !this.skipped.has(this.line) && this.wanted.has(next) ? '' : null;
  }

  feed(text: string): void {
    const q = this.quote.charCodeAt(0);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        if (this.afterCR) { this.afterCR = false; continue; }
        this.newline('\n');
      } else if (c === 13) {
        this.afterCR = true;
        this.newline('\r\n');
      } else {
        this.afterCR = false;
        if (c === q) this.inQuotes = !this.inQuotes;
        if (!this.hasContent) this.begin();
        if (this.text !== null) this.text += text[i];
      }
    }
  }

  private newline(written: string): void {
    this.line++;
    // A newline inside quotes belongs to the field; blank lines are skipped as DuckDB skips them.
    if (this.inQuotes) { if (this.text !== null) this.text += written; return; }
    if (!this.hasContent) return;
    this.hasContent = false;
    if (!this.headerSeen) { this.headerSeen = true; return; }
    if (this.skipped.has(this.startLine)) return;
    this.dataIndex++;
    this.onRecord(this.dataIndex, this.startLine, this.text);
    this.text = null;
  }

  end(): void {
    if (this.hasContent && !this.inQuotes) this.newline('');
  }
}

/** Splits one record's text into fields; an empty unquoted field is null, as DuckDB reads it. */
export function fieldsOf(text: string, dialect: Pick<CsvDialect, 'delimiter' | 'quote'>): Array<string | null> {
  const { delimiter, quote } = dialect;
  const out: Array<string | null> = [];
  let field = '';
  let quoted = false;
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch !== quote) field += ch;
      else if (text[i + 1] === quote) { field += quote; i++; } else inQuotes = false;
    } else if (ch === quote) { inQuotes = true; quoted = true; }
    else if (ch === delimiter) { out.push(field === '' && !quoted ? null : field); field = ''; quoted = false; }
    else field += ch;
  }
  out.push(field === '' && !quoted ? null : field);
  return out;
}

/**
 * Finds, for each wanted data row (row 1 = first record after the header), the 1-based line of the
 * file on which it starts and its fields as written, reading the file as a stream and stopping after
 * the last wanted row. Quoted newlines, CRLF, blank lines and records DuckDB set aside
 * (`skippedLines`) are accounted for.
 */
export async function rowRecords(path: string, dialect: CsvDialect, rows: number[], skippedLines: Set<number>): Promise<Map<number, RowRecord>> {
  const wanted = new Set(rows);
  const found = new Map<number, RowRecord>();
  if (wanted.size === 0) return found;
  const last = Math.max(...rows);
  const counter = new RecordCounter(dialect.quote, skippedLines, wanted, (index, line, text) => {
    if (wanted.has(index)) found.set(index, { line, fields: text === null ? [] : fieldsOf(text, dialect) });
  });
  const decoder = new TextDecoder(DECODER[dialect.encoding]);
  const stream = createReadStream(path, { highWaterMark: 1 << 20, start: dialect.bom ? (dialect.encoding === 'utf-16' ? 2 : 3) : 0 });
  for await (const chunk of stream) {
    counter.feed(decoder.decode(chunk as Buffer, { stream: true }));
    if (counter.dataIndex >= last) { stream.destroy(); return found; }
  }
  counter.feed(decoder.decode());
  counter.end();
  return found;
}

/**
 * The 1-based line of each wanted record (row 1 = first record) of an NDJSON file, where blank lines
 * are skipped as DuckDB skips them. Reads the file as a stream, stopping after the last wanted row.
 */
export async function ndjsonLines(path: string, rows: number[]): Promise<Map<number, number>> {
  const wanted = new Set(rows);
  const found = new Map<number, number>();
  if (wanted.size === 0) return found;
  const last = Math.max(...rows);
  let line = 1;
  let record = 0;
  let blank = true;
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  const endLine = () => {
    if (!blank) { record++; if (wanted.has(record)) found.set(record, line); }
    line++;
    blank = true;
  };
  for await (const chunk of stream) {
    const b = chunk as Buffer;
    for (let i = 0; i < b.length; i++) {
      const c = b[i]!;
      if (c === 10) endLine();
      else if (c !== 13 && c !== 32 && c !== 9) blank = false;
    }
    if (record >= last) { stream.destroy(); return found; }
  }
  if (!blank) endLine();
  return found;
}
