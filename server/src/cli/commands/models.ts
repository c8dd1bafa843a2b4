import { parseCommandArgs, formatOption, workspaceOption } from '../args';
import { EXIT_OK, UserError, type CliCommand, type CliIO } from '../io';
import { aliasHistory, diffCards, listModels, readCard } from '../../core/registry/catalog';
import { formatDiff, formatHistory, formatModels } from '../../core/registry/format';
import { RegistryError } from '../../core/registry/errors';
import { modelNameProblem } from '../../core/registry/names';
import { runRegistry } from './register';
import { about } from './about';

const { usage } = about.models;

type Format = 'text' | 'json';

function show(io: CliIO, format: Format, json: unknown, text: string): number {
  io.out(format === 'json' ? `${JSON.stringify(json, null, 2)}\n` : text);
  return EXIT_OK;
}

async function history(io: CliIO, workspace: string, format: Format, name: string): Promise<number> {
  const events = await runRegistry('models', async () => {
    const problem = modelNameProblem(name);
    if (problem) throw new RegistryError(problem);
    if (!listModels(workspace).some((m) => m.name === name)) throw new RegistryError(`no model "${name}" is registered in ${workspace}`);
    return aliasHistory(workspace, name);
  });
  return show(io, format, { model: name, history: events }, formatHistory(name, events));
}

async function diff(io: CliIO, workspace: string, format: Format, name: string, v1: string, v2: string): Promise<number> {
  const [a, b] = await runRegistry('models', async () => [readCard(workspace, name, v1), readCard(workspace, name, v2)]);
  const changes = diffCards(a, b);
  const json = { model: name, from: { version: a.version, tag: a.tag }, to: { version: b.version, tag: b.tag }, changes };
  return show(io, format, json, formatDiff(name, a.version, b.version, changes));
}

/** `mlops models`: lists registered models, versions and aliases; `history` and `diff` sub-commands. */
export const modelsCommand: CliCommand = {
  ...about.models,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('models', usage, args, { workspace: { type: 'string' }, format: { type: 'string' } });
    const format = formatOption('models', values.format, ['text', 'json'] as const, 'text');
    const workspace = workspaceOption(io, values.workspace);
    const [sub, ...rest] = positionals;
    if (sub === undefined) {
      const models = await runRegistry('models', async () => listModels(workspace));
      return show(io, format, { models }, formatModels(models, workspace));
    }
    if (sub === 'history' && rest.length === 1) return history(io, workspace, format, rest[0]!);
    if (sub === 'diff' && rest.length === 3) return diff(io, workspace, format, rest[0]!, rest[1]!, rest[2]!);
    throw new UserError(`mlops models: unexpected arguments "${positionals.join(' ')}"\nusage: ${usage}`);
  },
};
