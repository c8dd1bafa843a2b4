import { createContractService } from './contract/service';
import { createPipelineService } from './pipeline/service';
import type { LanguageService } from './languageService';

/** Every document kind the engine understands, in the order they are asked whether they accept a file. */
export function createServices(): LanguageService[] {
  return [createPipelineService(), createContractService()];
}
