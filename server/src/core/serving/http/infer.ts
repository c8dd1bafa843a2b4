/**
 * POST /v2/models/{name}[/versions/{v}]/infer and /v1/models/{name}:predict: body -> checked rows ->
 * the deployment's micro-batcher -> response; then (after the response is on its way) metrics, the
 * prediction log and the shadow.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ServingError } from '../errors';
import { plainArray, type Scores } from '../model';
import { checkColumns, type CheckedColumns } from '../rows';
import type { ServingServer } from '../server';
import { parseJson, readBody } from './body';
import { pickDeployment, sendJson } from './respond';
import { decodeV1, encodeV1 } from './v1';
import { decodeV2, encodeV2 } from './v2';

function refuseProblems(checked: CheckedColumns): void {
  if (checked.problems.length === 0) return;
  const shown = checked.problems.slice(0, 3).map((p) => `input "${p.column}" row ${p.row}: ${p.reason}`);
  const more = checked.problems.length > 3 ? ` (and ${checked.problems.length - 3} more)` : '';
  throw new ServingError(`${shown.join('; ')}${more}`, 'bad-input', 'bad_value');
}

function toRecord(values: Map<string, unknown[]>): Record<string, unknown[]> {
  return Object.fromEntries(values);
}

export async function infer(s: ServingServer, req: IncomingMessage, res: ServerResponse, model: string, version: string | undefined, v1: boolean, started: number): Promise<void> {
  // Refuse an unknown model or version before reading a body that could not be used.
  pickDeployment(s, model, version);
  const body = parseJson(await readBody(req, s.options.maxBodyBytes));
  // Taken again after the body arrived, and used at once (no await in between): a swap that happened
  // meanwhile is honoured, and the deployment counts this request before it could be retired.
  const deployment = pickDeployment(s, model, version);
  const loaded = deployment.loaded;
  const decoded = v1 ? decodeV1(body, loaded.inputs, model, loaded.task) : decodeV2(body, loaded.inputs, model, loaded.task);
  const checked = checkColumns(loaded.inputs.columns, decoded.rows, decoded.get);
  refuseProblems(checked);
  const scores: Scores = await deployment.score(checked.values, decoded.rows);
  sendJson(res, 200, v1 ? encodeV1(loaded, scores) : encodeV2(loaded, decoded, scores));
  const ms = performance.now() - started;
  const isPrimary = deployment === s.primary.current || version === undefined;
  res.once('finish', () => after(s, deployment.version, isPrimary, checked, scores, ms));
}

/** Everything that can wait until the response is sent. */
function after(s: ServingServer, version: number, isPrimary: boolean, checked: CheckedColumns, scores: Scores, ms: number): void {
  const m = s.metrics;
  const answered = m.answered(`v${version}`);
  answered.request(ms / 1000);
  s.live.record(ms, true);
  if (!isPrimary) return;
  answered.predictions(scores.rows);
  m.prediction.observeMany({ model: s.options.model, version: `v${version}` }, scores.prediction);
  const logged = s.log.sampleNext();
  // Ids are made only for what keeps them (the log and the shadow).
  if (!logged && !s.shadowQueue) return;
  const id = s.nextRequestId();
  if (logged) {
    s.log.write({
      type: 'request', t: new Date().toISOString(), id, model: s.options.model, version, alias: s.primary.alias, ms: Math.round(ms * 1000) / 1000,
      rows: scores.rows, inputs: s.log.protectInputs(toRecord(checked.values)),
      outputs: { prediction: plainArray(scores.prediction), ...(scores.label ? { label: scores.label } : {}) },
    });
  }
  s.shadowQueue?.offer({ id, primaryVersion: version, values: checked.values, rows: scores.rows, primary: scores, logged });
}
