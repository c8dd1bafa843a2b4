import type { Range } from 'vscode-languageserver-types';

/** A contract that cannot be used as asked (unreadable, invalid, no such schema object). */
export class ContractError extends Error {
  constructor(readonly path: string, message: string, readonly range?: Range) {
    super(range ? `${path}:${range.start.line + 1}:${range.start.character + 1}: ${message}` : `${path}: ${message}`);
    this.name = 'ContractError';
  }
}

/** Raised when a check is cancelled through its AbortSignal. */
export class CheckCancelled extends Error {
  constructor() {
    super('the check was cancelled');
    this.name = 'CheckCancelled';
  }
}
