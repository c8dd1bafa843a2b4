import type { CodeLens } from 'vscode-languageserver-types';
import type { YNode } from '../../yaml/tree';
import { getPair } from '../../yaml/tree';
import { COMMANDS } from '../../../cliProtocol';

/**
 * CodeLenses above `training` (Train), `sweep` (Run Sweep), `monitoring` (Check Drift), `registry`
 * (Serve Model) and each stage (Run stage).
 */
export function lensesPipeline(root: YNode | null, uri: string): CodeLens[] {
  if (root?.kind !== 'map') return [];
  const lenses: CodeLens[] = [];
  const at = (key: string, title: string, command: string, args: unknown[]) => {
    const pair = getPair(root, key);
    if (pair) lenses.push({ range: pair.key.range, command: { title, command, arguments: args } });
  };
  at('training', 'Train', COMMANDS.train, [uri]);
  at('sweep', 'Run Sweep', COMMANDS.runSweep, [uri]);
  at('monitoring', 'Check Drift', COMMANDS.checkDrift, [uri]);
  at('registry', 'Serve Model', COMMANDS.serveModel, [uri]);
  const stages = getPair(root, 'stages')?.value;
  if (stages?.kind === 'map') {
    for (const p of stages.pairs) lenses.push({ range: p.key.range, command: { title: 'Run stage', command: COMMANDS.runStage, arguments: [uri, String(p.key.value)] } });
  }
  return lenses;
}
