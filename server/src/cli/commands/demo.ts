import { resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { parseCommandArgs } from '../args';
import { demoSteps } from '../demo';
import { EXIT_FAILED, EXIT_OK, UserError, type CliCommand } from '../io';
import { demoWorkspace } from '../demo/workspace';
import { about } from './about';

const { usage } = about.demo;

/** Runs every engine capability headless on an example workspace (npm run demo). */
export const demoCommand: CliCommand = {
  ...about.demo,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('demo', usage, args, { out: { type: 'string' } });
    const source = resolve(io.cwd, positionals[0] ?? 'examples/churn');
    if (!existsSync(source)) throw new UserError(`mlops demo: ${source} does not exist`);
    // The demo works in a copy: the example in the clone gets no runs, models or logs.
    const copy = demoWorkspace(source, typeof values.out === 'string' ? resolve(io.cwd, values.out) : undefined, Boolean(io.env.MLOPS_DEMO_KEEP));
    io.out(`Working in ${copy.dir} (a copy of ${source}${values.out ? '' : ', removed at the end'}).\n`);
    let ok = true;
    try {
      for (const [i, step] of demoSteps.entries()) {
        io.out(`\n== ${i + 1}. ${step.title} ==\n`);
        const passed = await step.run(copy.dir, io);
        ok &&= passed;
      }
    } finally {
      copy.dispose();
    }
    io.out(ok ? '\nDemo finished: every step passed.\n' : '\nDemo finished with failures (see above).\n');
    return ok ? EXIT_OK : EXIT_FAILED;
  },
};
