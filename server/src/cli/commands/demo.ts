import { resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { parseCommandArgs } from '../args';
import { demoSteps } from '../demo';
import { EXIT_FAILED, EXIT_OK, UserError, type CliCommand } from '../io';

const usage = 'mlops demo [workspace]';

/** Runs every engine capability headless on an example workspace (npm run demo). */
export const demoCommand: CliCommand = {
  name: 'demo',
  summary: 'Run what the engine can do on an example workspace (validate, check, train, drift, register, serve, monitor)',
  usage,
  async run(args, io) {
    const { positionals } = parseCommandArgs('demo', usage, args, {});
    const workspace = resolve(io.cwd, positionals[0] ?? 'examples/churn');
    if (!existsSync(workspace)) throw new UserError(`mlops demo: ${workspace} does not exist`);
    let ok = true;
    for (const [i, step] of demoSteps.entries()) {
      io.out(`\n== ${i + 1}. ${step.title} ==\n`);
      const passed = await step.run(workspace, io);
      ok &&= passed;
    }
    io.out(ok ? '\nDemo finished: every step passed.\n' : '\nDemo finished with failures (see above).\n');
    return ok ? EXIT_OK : EXIT_FAILED;
  },
};
