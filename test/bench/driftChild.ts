// One whole drift report in its own process, so peak memory and time are that report's alone.
// Usage: node --import tsx test/bench/driftChild.ts ours|plain|read <reference> <current>
// (read: only what every report reads, profile and numeric columns of both files, no statistics)
// Prints {"ms","cpu","rss"} as the last line (rss: this process's peak resident set, bytes).
import { driftConfigFromSpec } from '../../server/src/core/drift/config';
import { computeDrift } from '../../server/src/core/drift/run';
import { plainReport } from './driftBaselines';

async function main(): Promise<void> {
  const [mode, reference, current] = process.argv.slice(2) as [string, string, string];
  const cpu0 = process.cpuUsage();
  const t = performance.now();
  if (mode === 'ours') await computeDrift({ reference, current, config: driftConfigFromSpec(undefined) });
  else await plainReport(reference, current, mode === 'read');
  const ms = performance.now() - t;
  const cpu = process.cpuUsage(cpu0);
  console.log(JSON.stringify({ ms, cpu: (cpu.user + cpu.system) / 1000, rss: process.resourceUsage().maxRSS * 1024 }));
}

main().catch((e) => { console.error(e); process.exit(1); });
