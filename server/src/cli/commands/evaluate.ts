import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatOption, parseCommandArgs, workspaceOption } from '../args';
import { EXIT_FAILED, EXIT_OK, UserError, type CliCommand } from '../io';
import { ContractError } from '../../core/contract/errors';
import { DataFileError } from '../../core/data/source';
import { cardContractCheck } from '../../core/evaluation/contractCheck';
import { evaluateModel, EvaluationContractError, type EvaluateRequest, type EvaluationResult } from '../../core/evaluation/evaluate';
import { fairnessText } from '../../core/evaluation/fairnessText';
import { buildCard } from '../../core/registry/card';
import { RegistryError } from '../../core/registry/errors';
import { readRunSource, runProblem, specRegistrySettings } from '../../core/registry/runSource';
import { ServingError } from '../../core/serving/errors';
import { loadModelFolder, loadVersion, type LoadedVersion } from '../../core/serving/model';
import { parseModelRef, resolveModelRef } from '../../core/serving/reference';
import { DataError } from '../../core/training/errors';
import { about } from './about';

const { usage } = about.evaluate;

/** The model to evaluate: a registered version, or a completed run's model with a card built from its record. */
async function loadTarget(workspace: string, model: string | undefined, run: string | undefined): Promise<{ loaded: LoadedVersion; run?: EvaluateRequest['run'] }> {
  if (model !== undefined) return { loaded: await loadVersion(workspace, resolveModelRef(workspace, parseModelRef(model))) };
  const source = readRunSource(workspace, run!);
  const problem = runProblem(source);
  if (problem) throw new RegistryError(problem.replace('cannot be registered', 'cannot be evaluated').replace('Only completed runs become model versions.', 'Only completed runs have a model.'));
  const name = specRegistrySettings(workspace, source.record.specPath).model ?? source.record.id;
  const card = buildCard(source.record, { name, version: 0, createdAt: source.record.endedAt ?? source.record.startedAt, createdBy: '', message: null, forceReason: null, files: [] });
  const loaded = await loadModelFolder(workspace, { model: name, version: 0, card, modelDir: source.modelDir, what: `run ${source.record.id}` });
  return { loaded, run: { id: source.record.id, specPath: source.record.specPath ?? null } };
}

function renderText(r: EvaluationResult): string {
  const who = r.run ? `run ${r.run.id}` : `${r.model} v${r.version}`;
  const lines = [`${who} on ${r.data.path} (${r.data.rows} rows, sha256 ${r.data.sha256.slice(0, 12)})`, 'metrics:'];
  for (const [k, v] of Object.entries(r.metrics)) lines.push(`  ${k}: ${Number(v.toFixed(4))}`);
  if (r.fairness) lines.push(...fairnessText(r.fairness));
  lines.push(r.gates.length ? 'gates:' : 'gates: none defined');
  for (const g of r.gates) lines.push(`  ${g.metric} ${g.condition} -> ${g.value === null ? 'n/a' : Number(g.value.toFixed(4))} ${g.passed ? 'passed' : 'FAILED'}`);
  return `${lines.join('\n')}\n`;
}

/** Input problems of any layer become exit 2 with their message (file, line, what to do). */
function refusal(e: unknown): never {
  if (e instanceof ServingError || e instanceof RegistryError || e instanceof DataError || e instanceof DataFileError || e instanceof ContractError || e instanceof EvaluationContractError) {
    throw new UserError(`mlops evaluate: ${e.message}`);
  }
  throw e;
}

/** `mlops evaluate`: metrics, fairness and gates of a model on a labelled file; exit 1 when a gate fails. */
export const evaluateCommand: CliCommand = {
  ...about.evaluate,
  async run(args, io) {
    const { values } = parseCommandArgs('evaluate', usage, args, {
      model: { type: 'string' }, run: { type: 'string' }, data: { type: 'string' }, format: { type: 'string' }, workspace: { type: 'string' },
    });
    const model = typeof values.model === 'string' ? values.model : undefined;
    const run = typeof values.run === 'string' ? values.run : undefined;
    if ((model === undefined) === (run === undefined)) throw new UserError(`mlops evaluate: name the model with --model NAME[@vN|#alias] or a run with --run ID (one of them)\nusage: ${usage}`);
    if (typeof values.data !== 'string') throw new UserError(`mlops evaluate: name the labelled data file with --data FILE\nusage: ${usage}`);
    const format = formatOption('evaluate', values.format, ['json', 'text'] as const, 'text');
    const dataPath = resolve(io.cwd, values.data);
    if (!existsSync(dataPath) || !statSync(dataPath).isFile()) throw new UserError(`mlops evaluate: ${values.data}: no such data file`);
    const workspace = workspaceOption(io, values.workspace);
    let target: Awaited<ReturnType<typeof loadTarget>> | undefined;
    try {
      target = await loadTarget(workspace, model, run).catch(refusal);
      const result = await evaluateModel({ loaded: target.loaded, run: target.run, dataPath, shown: values.data, contractCheck: cardContractCheck(workspace, dataPath, { signal: io.signal, note: (t) => io.err(`mlops evaluate: note: ${t}\n`) }) }).catch(refusal);
      io.out(format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : renderText(result));
      return result.gates.every((g) => g.passed) ? EXIT_OK : EXIT_FAILED;
    } finally {
      target?.loaded.dispose();
    }
  },
};
