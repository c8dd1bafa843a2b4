/** A spec value that cannot be trained with; `path` is the spec path to fix (e.g. model.layers[0].units). */
export class SpecError extends Error {
  constructor(readonly path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = 'SpecError';
  }
}

/** Training data the run cannot use (missing values, NaN, unknown column, one class, ...). */
export class DataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataError';
  }
}

/** The user cancelled (Ctrl-C, the editor's cancel button): the run is marked cancelled. */
export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

/** A sweep's pruner stopped the trial after `epoch` (the run is marked pruned, not failed). */
export class PrunedError extends Error {
  constructor(readonly epoch: number) {
    super(`pruned after epoch ${epoch}: the sweep's pruner found it behind the other trials at this rung`);
    this.name = 'PrunedError';
  }
}

/** Throws CancelledError when the signal has fired. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}

/**
 * Names rows for an error message: CSV line numbers (the header is line 1) or Parquet row numbers,
 * the first few and how many more, so a message stays one line long.
 */
export function describeRows(indices: number[], format: 'csv' | 'parquet', max = 5): string {
  const shown = indices.slice(0, max).map((i) => String(format === 'csv' ? i + 2 : i + 1));
  const more = indices.length > max ? ` and ${indices.length - max} more` : '';
  const noun = format === 'csv' ? (indices.length === 1 ? 'line' : 'lines') : (indices.length === 1 ? 'row' : 'rows');
  return `${noun} ${shown.join(', ')}${more}`;
}
