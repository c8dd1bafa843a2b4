import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Document, visit, type Scalar } from 'yaml';
import { inferContract } from '../../core/contract/infer';
import { DataFileError } from '../../core/data/source';
import { parseCommandArgs } from '../args';
import { EXIT_OK, UserError, type CliCommand, type CliIO } from '../io';
import { writeFileAtomic } from '../../core/files';
import { about } from './about';

const { usage } = about.contract;

/** YAML text of a contract; dates are quoted so YAML 1.1 readers keep them as the strings ODCS expects. */
export function toYaml(contract: Record<string, unknown>): string {
  const doc = new Document(contract);
  visit(doc, {
    Scalar(_, node: Scalar) {
      if (typeof node.value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return doc.toString({ lineWidth: 0 });
}

async function infer(args: string[], io: CliIO): Promise<number> {
  const { values } = parseCommandArgs('contract infer', usage, args, {
    data: { type: 'string' }, name: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' },
  });
  if (typeof values.data !== 'string') throw new UserError(`mlops contract infer: --data is required\nusage: ${usage}`);
  const out = typeof values.out === 'string' ? resolve(io.cwd, values.out) : undefined;
  if (out && existsSync(out) && values.force !== true) {
    throw new UserError(`mlops contract infer: ${values.out} already exists; pass --force to replace it`);
  }
  let contract: Record<string, unknown>;
  try {
    contract = await inferContract({ dataPath: resolve(io.cwd, values.data), name: typeof values.name === 'string' ? values.name : undefined });
  } catch (e) {
    if (e instanceof DataFileError) throw new UserError(`mlops contract infer: ${e.message}`);
    throw e;
  }
  const text = toYaml(contract);
  if (out) {
    writeFileAtomic(out, text);
    io.err(`wrote ${values.out}\n`);
  } else {
    io.out(text);
  }
  return EXIT_OK;
}

/** `mlops contract <action>`: works with ODCS data contracts (`infer` for now). */
export const contractCommand: CliCommand = {
  ...about.contract,
  async run(args, io) {
    const [action, ...rest] = args;
    if (action === 'infer') return infer(rest, io);
    throw new UserError(`mlops contract: unknown action "${action ?? ''}"\nusage: ${usage}`);
  },
};
