import type { CliIO } from './io';

/** The signal that cancels: the CLI's (Ctrl-C) when it gives one, else this process's SIGINT/SIGTERM. */
export function cancelSignal(io: CliIO): { signal: AbortSignal; dispose(): void } {
  if (io.signal) return { signal: io.signal, dispose() {} };
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return { signal: controller.signal, dispose() { process.off('SIGINT', onSignal); process.off('SIGTERM', onSignal); } };
}
