import { createReadStream } from 'node:fs';
import type { CsvDialect } from './sniff';

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

  constructor(private readonly quote: string, private readonly skipped: Set<number>, private readonly onRecord: (index: number, line: number) => void) {}

  feed(text: string): void {
    const q = this.quote.charCodeAt(0);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        if (this.afterCR) { this.afterCR = false; continue; }
        this.newline();
      } else if (c === 13) {
        this.afterCR = true;
        this.newline();
      } else {
        this.afterCR = false;
        if (c === q) this.inQuotes = !this.inQuotes;
        if (!this.hasContent) { this.hasContent = true; this.startLine = this.line; }
      }
    }
  }

  private newline(): void {
    this.line++;
    // A newline inside quotes belongs to the field; blank lines are skipped as DuckDB skips them.
    if (this.inQuotes || !this.hasContent) return;
    this.hasContent = false;
    if (!this.headerSeen) { this.headerSeen = true; return; }
    if (this.skipped.has(this.startLine)) return;
    this.dataIndex++;
    this.onRecord(this.dataIndex, this.startLine);
  }

  end(): void {
    if (this.hasContent && !this.inQuotes) { this.hasContent = false; this.newline(); }
  }
}

/**
 * Finds the 1-based line of the file on which each wanted data row starts (row 1 = first record after
 * the header), reading the file as a stream and stopping after the last wanted row. Quoted newlines,
 * CRLF, blank lines and records DuckDB set aside (`skippedLines`) are accounted for.
 */
export async function rowLines(path: string, dialect: CsvDialect, rows: number[], skippedLines: Set<number>): Promise<Map<number, number>> {
  const wanted = new Set(rows);
  const found = new Map<number, number>();
  if (wanted.size === 0) return found;
  const last = Math.max(...rows);
  const counter = new RecordCounter(dialect.quote, skippedLines, (index, line) => { if (wanted.has(index)) found.set(index, line); });
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
