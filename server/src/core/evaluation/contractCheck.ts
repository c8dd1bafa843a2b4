import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkData } from '../contract/check';
import type { ModelCard } from '../registry/types';
import type { EvaluateRequest } from './evaluate';

/**
 * The check `mlops evaluate` makes before measuring: the labelled file against the contract the model
 * was trained with, when that contract is still in the workspace (`note` says so when it is not).
 */
export function cardContractCheck(workspace: string, dataPath: string, o: { signal?: AbortSignal; note(text: string): void }): NonNullable<EvaluateRequest['contractCheck']> {
  return async (card: ModelCard) => {
    if (!card.contract?.path) return undefined;
    const contractPath = resolve(workspace, card.contract.path);
    if (!existsSync(contractPath)) {
      o.note(`the model's contract ${card.contract.path} is not in ${workspace}; the data is not checked against it`);
      return undefined;
    }
    const schema = (card.params?.data as { train?: { schema?: string } } | undefined)?.train?.schema;
    const report = await checkData({ contractPath, dataPath, schema, ...(o.signal ? { signal: o.signal } : {}) });
    return { contract: card.contract.path, report };
  };
}
