/** What the Serving view computes from the status it is sent. Pure, no DOM. */
import type { ServingEvent } from '../protocol';

/** One timeline entry in words. */
export function eventText(e: ServingEvent): string {
  const who = `${e.role}${e.alias ? ` (${e.alias})` : ''}`;
  if (e.event === 'loaded') return `${who} loaded v${e.version}${e.ms !== undefined ? ` in ${e.ms} ms` : ''}`;
  if (e.event === 'swapped') return `${who}: v${e.from} → v${e.version} (loaded and warmed in ${e.ms} ms, no request dropped)`;
  return `${who}: v${e.version} could not be loaded, still serving the previous version: ${e.error ?? ''}`;
}

/** An SVG path through the points, scaled to the box (the largest value at the top). */
export function sparklinePath(values: number[], width: number, height: number): string {
  if (values.length === 0) return '';
  const max = Math.max(...values, 1e-9);
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  return values.map((v, i) => `${i === 0 ? 'M' : 'L'} ${(i * step).toFixed(1)} ${(height - 2 - (v / max) * (height - 4)).toFixed(1)}`).join(' ');
}
