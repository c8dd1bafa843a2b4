import { existsSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { formatOption, parseCommandArgs, workspaceOption } from '../args';
import { EXIT_OK, UserError, type CliCommand } from '../io';
import { ServingError } from '../../core/serving/errors';
import { openVersion, type OpeningVersion } from '../../core/serving/model';
import { scoreFile } from '../../core/serving/predictFile';
import { parseModelRef, resolveModelRef } from '../../core/serving/reference';
import { intoFile, intoStream, type ScoresFormat } from '../../core/serving/scoresOutput';
import { about } from './about';

const { usage } = about.predict;

const FORMATS = ['csv', 'json', 'parquet'] as const;

function outputFormat(format: unknown, out: string | undefined): ScoresFormat {
  const fromExt = out ? ({ '.json': 'json', '.parquet': 'parquet', '.pq': 'parquet' } as Record<string, ScoresFormat>)[extname(out).toLowerCase()] : undefined;
  return formatOption('predict', format, FORMATS, fromExt ?? 'csv');
}

/** Turns refusals of the serving core (bad rows, unknown model) into exit 2 with their message. */
async function serving<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof ServingError) throw new UserError(`mlops predict: ${e.message}`);
    throw e;
  }
}

/** `mlops predict`: scores a CSV or Parquet file with a registered version (its saved preprocessing). */
export const predictCommand: CliCommand = {
  ...about.predict,
  async run(args, io) {
    const { values } = parseCommandArgs('predict', usage, args, {
      model: { type: 'string' }, data: { type: 'string' }, out: { type: 'string', short: 'o' }, format: { type: 'string' },
      'skip-bad-rows': { type: 'boolean' }, workspace: { type: 'string' },
    });
    if (typeof values.model !== 'string') throw new UserError(`mlops predict: name the model with --model NAME[@vN|#alias]\nusage: ${usage}`);
    if (typeof values.data !== 'string') throw new UserError(`mlops predict: name the data file with --data FILE\nusage: ${usage}`);
    const out = typeof values.out === 'string' ? values.out : undefined;
    const format = outputFormat(values.format, out);
    if (format === 'parquet' && !out) throw new UserError('mlops predict: Parquet output needs a file: pass --out FILE.parquet');
    const dataPath = resolve(io.cwd, values.data);
    if (!existsSync(dataPath) || !statSync(dataPath).isFile()) throw new UserError(`mlops predict: ${values.data}: no such data file`);
    const workspace = workspaceOption(io, values.workspace);
    let model: OpeningVersion | undefined;
    try {
      // scoreFile loads the network once DuckDB is reading the file, so the two overlap.
      model = await serving(async () => openVersion(workspace, resolveModelRef(workspace, parseModelRef(values.model as string))));
      const loaded = model;
      const score = (path: string) => scoreFile(loaded, dataPath, { shown: values.data as string, skipBadRows: values['skip-bad-rows'] === true, output: { path, format } });
      const scored = await serving(() => (out ? intoFile(resolve(io.cwd, out), score) : intoStream(format as 'csv' | 'json', io.out, score)));
      for (const p of scored.skipped.slice(0, 50)) io.err(`skipped ${p.where}: column "${p.column}": ${p.reason}\n`);
      const nSkipped = scored.rows - scored.scores.rows;
      if (scored.skipped.length > 50) io.err(`... and ${scored.skipped.length - 50} more problems\n`);
      const unknown = [...scored.scores.unknown].map(([c, n]) => `${c}: ${n}`).join(', ');
      io.err(`scored ${scored.scores.rows} of ${scored.rows} rows with ${loaded.model} v${loaded.version}${nSkipped ? ` (${nSkipped} bad rows skipped)` : ''}` +
        `${unknown ? `; unknown categories scored as unknown (${unknown})` : ''}${out ? `; wrote ${out}` : ''}\n`);
      return EXIT_OK;
    } finally {
      if (model?.started) (await model.load().catch(() => undefined))?.dispose();
    }
  },
};
