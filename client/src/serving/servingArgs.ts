/**
 * What the Serving commands send to the engine, as plain data (unit-tested): the `mlops serve` and
 * `mlops monitor` argument lists, and a test request built from the first rows of a CSV file.
 */

export interface ServeChoice {
  model: string;
  alias: string;
  /** Alias scored in the shadow, if any. */
  shadow?: string;
  workspace: string;
}

/** `mlops serve --model M --alias A [--shadow S] --workspace W --port 0` (a free port: the first stdout line names it). */
export function serveArgs(c: ServeChoice): string[] {
  return ['serve', '--model', c.model, '--alias', c.alias, ...(c.shadow ? ['--shadow', c.shadow] : []), '--workspace', c.workspace, '--port', '0'];
}

/** `mlops monitor --spec S --format json`. */
export function monitorArgs(spec: string, model?: string): string[] {
  return ['monitor', '--spec', spec, ...(model ? ['--model', model] : []), '--format', 'json'];
}

/** The URL in `mlops serve`'s first stdout line, or undefined for any other line. */
export function listeningUrl(line: string): string | undefined {
  return /^listening on (http:\/\/\S+)$/.exec(line.trim())?.[1];
}

/** Splits the first `rows` records (after the header) of CSV text; quoted fields may hold commas, quotes and newlines. */
export function csvHead(text: string, rows: number): { header: string[]; records: string[][] } {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length && records.length <= rows; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { record.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      if (record.some((f) => f !== '')) records.push(record);
      record = []; field = '';
    } else field += ch;
  }
  if (field !== '' || record.length) { record.push(field); records.push(record); }
  const [header = [], ...rest] = records;
  return { header, records: rest.slice(0, rows) };
}

export interface InputTensor { name: string; datatype: string }

function typed(value: string | undefined, datatype: string): string | number | boolean | null {
  if (value === undefined || value === '') return null;
  if (datatype === 'BYTES') return value;
  if (datatype === 'BOOL') return value.toLowerCase() === 'true';
  const n = Number(value);
  return Number.isFinite(n) ? n : value;
}

/**
 * A v2 inference request for the given rows: one tensor per model input (from the model's metadata),
 * values typed by the input's datatype. A column the file lacks is named in `missing`.
 */
export function testRequestBody(inputs: InputTensor[], csv: { header: string[]; records: string[][] }): { body: { inputs: unknown[] }; missing: string[] } {
  const missing = inputs.filter((i) => !csv.header.includes(i.name)).map((i) => i.name);
  const body = {
    inputs: inputs.filter((i) => csv.header.includes(i.name)).map((i) => {
      const col = csv.header.indexOf(i.name);
      return { name: i.name, shape: [csv.records.length], datatype: i.datatype, data: csv.records.map((r) => typed(r[col], i.datatype)) };
    }),
  };
  return { body, missing };
}
