/**
 * Why a serving operation refused: each kind is one HTTP status for the server and exit code 2 for
 * the CLI. Messages name what was wrong (column, row, model, version) and what to do.
 */
export type ServingErrorKind =
  /** The request or file does not fit the model's inputs (400). */
  | 'bad-input'
  /** No such model or version (404). */
  | 'not-found'
  /** The endpoint exists but not for this HTTP method (405). */
  | 'not-allowed'
  /** The body is larger than the server accepts (413). */
  | 'too-large'
  /** The model is not loaded yet or is being shut down (503). */
  | 'unavailable';

export class ServingError extends Error {
  constructor(message: string, readonly kind: ServingErrorKind = 'bad-input', readonly reason: string = kind) {
    super(message);
    this.name = 'ServingError';
  }
}

/** HTTP status of each kind. */
export const STATUS: Record<ServingErrorKind, number> = { 'bad-input': 400, 'not-found': 404, 'not-allowed': 405, 'too-large': 413, unavailable: 503 };
