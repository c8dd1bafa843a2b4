import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { LockError } from '../core/stages/lock';
import { openPipeline, PipelineSpecError, type Pipeline } from '../core/stages/pipeline';
import { UserError, type CliIO } from './io';

/** Opens `--spec` (default ./mlops.yaml), turning every input problem into exit 2 with its file and line. */
export async function openSpecOption(command: string, value: unknown, io: CliIO): Promise<Pipeline> {
  const shown = typeof value === 'string' ? value : 'mlops.yaml';
  const path = resolve(io.cwd, shown);
  if (!existsSync(path)) throw new UserError(`mlops ${command}: ${shown}: no such spec file${typeof value === 'string' ? '' : ' here; pass --spec PATH'}`);
  try {
    return await openPipeline(path, shown);
  } catch (e) {
    if (e instanceof PipelineSpecError || e instanceof LockError) throw new UserError(`mlops ${command}: ${e.message}`);
    throw e;
  }
}
