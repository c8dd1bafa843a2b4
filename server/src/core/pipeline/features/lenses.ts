import type { CodeLens } from 'vscode-languageserver-types';
import type { YNode } from '../../yaml/tree';
import { getPair } from '../../yaml/tree';

/** Command ids the client registers (package.json `contributes.commands`). */
export const LENS_COMMANDS = { train: 'mlops.train', sweep: 'mlops.runSweep', drift: 'mlops.checkDrift', stage: 'mlops.runStage' } as const;

/** CodeLenses above `training` (Train), `sweep` (Run Sweep), `monitoring` (Check Drift) and each stage (Run stage). */
export function lensesPipeline(root: YNode | null, uri: string): CodeLens[] {
  if (root?.kind !== 'map') return [];
  const lenses: CodeLens[] = [];
  const at = (key: string, title: string, command: string, args: unknown[]) => {
    const pair = getPair(root, key);
    if (pair) lenses.push({ range: pair.key.range, command: { title, command, arguments: args } });
  };
  at('training', 'Train', LENS_COMMANDS.train, [uri]);
  at('sweep', 'Run Sweep', LENS_COMMANDS.sweep, [uri]);
  at('monitoring', 'Check Drift', LENS_COMMANDS.drift, [uri]);
  const stages = getPair(root, 'stages')?.value;
  if (stages?.kind === 'map') {
    for (const p of stages.pairs) lenses.push({ range: p.key.range, command: { title: 'Run stage', command: LENS_COMMANDS.stage, arguments: [uri, String(p.key.value)] } });
  }
  return lenses;
}
