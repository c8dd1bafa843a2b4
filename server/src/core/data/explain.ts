import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { notAFile } from '../textFile';
import { DataFileError } from './sniff';

/**
 * What a path is when it is not a regular file, with what to name instead (undefined for a regular
 * file). Data is read only from regular files: a FIFO would block, a device never ends.
 */
export function notADataFile(path: string): string | undefined {
  let st;
  try {
    st = statSync(path);
  } catch {
    return 'no such data file';
  }
  const kind = notAFile(st);
  if (!kind) return undefined;
  const instead = st.isDirectory() ? 'name a CSV or Parquet file inside it'
    : st.isFIFO() ? 'save the data to a CSV or Parquet file and name that' : 'name a CSV or Parquet file';
  return `${kind}: ${instead}`;
}

const LINE_ENDS = /\r\n|\n|\r/g;

/**
 * The first line whose end differs from the first line's (CRLF, LF or CR), looking at the first MB:
 * DuckDB reads one kind of line end per file and stops at the first other one.
 */
export function mixedLineEnd(path: string): { line: number; first: string; other: string } | undefined {
  const buf = Buffer.alloc(1 << 20);
  let n = 0;
  try {
    const fd = openSync(path, 'r');
    try { n = readSync(fd, buf, 0, buf.length, 0); } finally { closeSync(fd); }
  } catch {
    return undefined;
  }
  const text = buf.subarray(0, n).toString('latin1');
  const name = (e: string) => (e === '\r\n' ? 'CRLF' : e === '\n' ? 'LF' : 'CR');
  let first: string | undefined;
  let line = 1;
  for (const m of text.matchAll(LINE_ENDS)) {
    // A CR at the very end of the window may be the first half of a CRLF.
    if (m[0] === '\r' && m.index === text.length - 1) break;
    first ??= m[0];
    if (m[0] !== first) return { line, first: name(first), other: name(m[0]) };
    line++;
  }
  return undefined;
}

interface Reason { reason: string; line?: number }

/** DuckDB's own sentences, each turned into one a user can act on. */
function knownReason(msg: string, path: string): Reason | undefined {
  const line = /CSV Error on Line: (\d+)/.exec(msg)?.[1];
  const at = line === undefined ? undefined : Number(line);
  const fields = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(msg);
  if (fields) {
    return { line: at, reason: `has ${fields[2]} field(s) where the header has ${fields[1]}: a delimiter too many or too few, or a value with the delimiter in it that is not quoted; fix that record` };
  }
  if (/unterminated quote/i.test(msg)) return { line: at, reason: 'has a quote (") that is never closed, so the rest of the file reads as one value; close or remove it' };
  const size = /Maximum line size of (\d+) bytes exceeded/.exec(msg);
  if (size) return { line: at, reason: `has a record longer than ${size[1]} bytes (often a quote that is never closed); fix that record` };
  if (/state machine reached an invalid state/i.test(msg)) {
    const mixed = mixedLineEnd(path);
    if (mixed) return { line: mixed.line, reason: `mixes line ends (${mixed.first} first, then ${mixed.other} at the end of line ${mixed.line}); convert them to one kind (e.g. dos2unix) and try again` };
    return { reason: 'is not well-formed CSV (RFC 4180): check its delimiter, quotes and line ends' };
  }
  if (/not utf-16 encoded/i.test(msg)) return { line: at, reason: 'starts like UTF-16 text (a byte order mark) but is not valid UTF-16; convert it to UTF-8 (e.g. iconv -f UTF-16 -t UTF-8)' };
  if (/not latin-1 encoded|not utf-8 encoded|Invalid unicode/i.test(msg)) return { line: at, reason: 'is neither UTF-8 nor Latin-1 text; convert it to UTF-8 (e.g. iconv -t UTF-8)' };
  const json = /Malformed JSON[^\n]*?at byte \d+ in (line|record\/value) (\d+): ([^\n]*)/i.exec(msg);
  if (json) {
    const where = json[1] === 'line' ? `line ${json[2]}` : `record ${json[2]}`;
    return { line: json[1] === 'line' ? Number(json[2]) : undefined, reason: `is not valid JSON at ${where} (${json[3]!.trim().replace(/\.$/, '')}); fix that record` };
  }
  if (/No magic bytes found|too small to be a Parquet file|Invalid Parquet|parquet.*(corrupt|footer|metadata)/i.test(msg)) {
    return { reason: 'is not a readable Parquet file (cut short, or another format with a .parquet name); write it again with a Parquet writer' };
  }
  if (/Error when sniffing file/i.test(msg)) return { reason: 'could not be read as CSV (its delimiter, quotes or line ends do not fit together); check the file' };
  return undefined;
}

/**
 * Turns a DuckDB error about a data file into a DataFileError naming the file, the line when it is
 * known, and the reason in one sentence with what to do, without DuckDB's option dump.
 */
export function explainDataError(path: string, e: unknown): DataFileError {
  if (e instanceof DataFileError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  const known = knownReason(msg, path);
  if (known) return new DataFileError(path, known.reason, known.line);
  const line = /CSV Error on Line: (\d+)|at line (\d+)|Line: (\d+)/i.exec(msg);
  const first = msg.split('\n').map((l) => l.trim()).filter(Boolean)
    .map((l) => l.replace(/^[A-Za-z ]*Error: /, ''))
    .find((l) => !/^(CSV Error on Line|Original Line|Possible (Solution|fixes)|LINE \d|\^|\*)/.test(l) && !l.includes(' = '));
  const lineNo = line ? Number(line[1] ?? line[2] ?? line[3]) : undefined;
  // DuckDB repeats the path in its sentence; the message already starts with it.
  const said = first?.replace(new RegExp(`\\s*(in |of )?(file )?["']?${escape(path)}["']?`, 'g'), '');
  return new DataFileError(path, said ? `cannot be read: ${said}` : 'cannot be read', lineNo);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
