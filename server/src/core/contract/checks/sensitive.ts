import type { ContractProperty } from '../model';

/**
 * Classifications whose values may be shown in failing-check samples. ODCS leaves `classification`
 * free ("confidential, restricted, public, ..."), so we list what is safe rather than what is not:
 * any other value (pii, personal, confidential, restricted, sensitive, secret, or a house term) hides
 * the column's values. datacontract-cli hides a fixed list of sensitive names instead; an allow-list
 * also covers spellings that list does not know.
 */
export const SHOWN_CLASSIFICATIONS = new Set(['public', 'internal']);

/** Appended to a check's message when some of its sample values were withheld. */
export const MASKED_NOTE = ' (values of columns the contract classifies as sensitive are masked)';

/**
 * True when samples must not show a property's values: its `classification` is set to anything but
 * public or internal (any case), or one of its tags is `pii` (or `pii:true`).
 */
export function isSensitive(p: Pick<ContractProperty, 'classification' | 'tags'>): boolean {
  const c = p.classification?.trim().toLowerCase();
  if (c !== undefined && c !== '' && !SHOWN_CLASSIFICATIONS.has(c)) return true;
  return (p.tags ?? []).some((t) => /^pii(:\s*true)?$/i.test(t.trim()));
}
