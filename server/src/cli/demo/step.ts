import type { CliIO } from '../io';

/** One part of `npm run demo`: runs an engine capability headless on the example workspace. */
export interface DemoStep {
  title: string;
  /** Returns false when the step found a problem the demo should report as a failure. */
  run(workspace: string, io: CliIO): Promise<boolean>;
}
