/**
 * Which files each shown data check read and where its problems are shown, so that a change to the
 * contract or to the data clears those problems at once: a problem must not outlive the rule (or the
 * rows) it was about. Pure (no `vscode`), unit-tested in test/client.
 */
import * as path from 'node:path';

interface ShownCheck {
  /** The contract and the data file (or folder) the check read, absolute. */
  inputs: string[];
  /** The files whose problems the check set, absolute. */
  shownIn: string[];
}

/** True when `changed` is `input` or lies inside it (a data folder read as one table). */
function touches(input: string, changed: string): boolean {
  const rel = path.relative(input, changed);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export class CheckedInputs {
  /** Keyed by contract: checking a contract again replaces what its last check showed. */
  private readonly checks = new Map<string, ShownCheck>();

  /** Records a check's inputs and the files it showed problems in; returns the files the check it replaces showed. */
  record(contract: string, data: string, shownIn: string[]): string[] {
    const key = path.resolve(contract);
    const before = this.checks.get(key)?.shownIn ?? [];
    this.checks.set(key, { inputs: [key, path.resolve(data)], shownIn: shownIn.map((f) => path.resolve(f)) });
    return before;
  }

  /**
   * The files whose problems are stale once `changed` changed (a check read it), and forgets those
   * checks. Empty when no shown check read the file.
   */
  invalidate(changed: string): string[] {
    const file = path.resolve(changed);
    const stale: string[] = [];
    for (const [key, check] of this.checks) {
      if (!check.inputs.some((input) => touches(input, file))) continue;
      stale.push(...check.shownIn);
      this.checks.delete(key);
    }
    return [...new Set(stale)];
  }

  /** Every file a shown check read (what to watch for changes on disk). */
  inputs(): string[] {
    return [...new Set([...this.checks.values()].flatMap((c) => c.inputs))];
  }
}
