/** Formatting of training progress for terminals and logs (pure: text in, text out). */

function fmt(v: number): string {
  return Math.abs(v) >= 1000 || (Math.abs(v) < 0.001 && v !== 0) ? v.toExponential(2) : v.toFixed(4);
}

/** The metrics worth a glance: loss, then the spec's evaluation metrics (validation values first). */
export function headlineKeys(metrics: Record<string, number>, wanted: string[]): string[] {
  const keys = ['loss', 'val_loss', ...wanted.flatMap((m) => [`val_${m}`, m])];
  const seen = new Set<string>();
  return keys.filter((k) => k in metrics && !seen.has(k) && seen.add(k)).slice(0, 6);
}

/** `name value` pairs for the given keys, four decimals. */
export function formatMetrics(metrics: Record<string, number>, keys: string[]): string {
  return keys.map((k) => `${k} ${fmt(metrics[k]!)}`).join('  ');
}

/** A short duration: 4.2s, 3m05s, 1h02m. */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)}s`;
  const m = Math.floor(seconds / 60);
  return m < 60 ? `${m}m${String(Math.round(seconds % 60)).padStart(2, '0')}s` : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/** One plain line per epoch (logs, CI, pipes). */
export function epochLine(epoch: number, epochs: number, metrics: Record<string, number>, keys: string[], prefix = ''): string {
  return `${prefix}epoch ${String(epoch).padStart(String(epochs).length)}/${epochs}  ${formatMetrics(metrics, keys)}`;
}

/** A terminal progress bar: bar, epoch, headline metrics and the time left at the current pace. */
export function progressBar(epoch: number, epochs: number, metrics: Record<string, number>, keys: string[], elapsed: number, width = 20): string {
  const done = Math.round((epoch / epochs) * width);
  const eta = epoch > 0 ? (elapsed / epoch) * (epochs - epoch) : 0;
  return `[${'#'.repeat(done)}${'.'.repeat(width - done)}] ${epoch}/${epochs}  ${formatMetrics(metrics, keys)}  ETA ${formatDuration(eta)}`;
}
