// Runs one `contract infer` or one `check` in a fresh process and prints its wall time and peak
// memory, so the infer benchmark compares the two on the same file without one hiding in the other.
// Usage: node --import tsx inferProbe.ts infer <data> <contract-out> | check <data> <contract>
import { writeFileSync } from 'node:fs';
import { checkData } from '../../server/src/core/contract/check';
import { inferContract } from '../../server/src/core/contract/infer';
import { toYaml } from '../../server/src/cli/commands/contract';

async function main(): Promise<void> {
  const [mode, dataPath, contractPath] = process.argv.slice(2) as [string, string, string];
  const t = performance.now();
  let passed = true;
  if (mode === 'infer') writeFileSync(contractPath, toYaml(await inferContract({ dataPath })));
  else passed = (await checkData({ contractPath, dataPath })).passed;
  // maxRSS is in kilobytes.
  process.stdout.write(`${JSON.stringify({ ms: performance.now() - t, passed, maxRssMB: process.resourceUsage().maxRSS / 1024 })}\n`);
}

main().catch((e) => { process.stderr.write(`${(e as Error).message}\n`); process.exit(1); });
