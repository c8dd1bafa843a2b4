/** Serve Model, Stop Serving, Send Test Request and Monitor (its drift in the Drift view). */
import { open } from 'node:fs/promises';
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { COMMANDS, type MonitorReport } from '../../../server/src/cliProtocol';
import { isError } from '../../../server/src/protocol';
import type { MlopsContext } from '../context';
import { firstErrorLine, parseJsonOutput } from '../jobs/cliProcess';
import { pickSpec, uriArg } from '../pick';
import { csvHead, monitorArgs, testRequestBody, type InputTensor, type ServeChoice } from './servingArgs';
import type { ServingSession } from './session';
import type { ServingView } from './servingView';

const TEST_ROWS = 5;

export function registerServingCommands(ctx: MlopsContext, session: ServingSession, view: ServingView): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.serveModel, async (arg?: unknown) => {
      if (!ctx.requireTrust('Serving a model')) return;
      const choice = await chooseServing(ctx, arg);
      if (!choice) return;
      void view.reveal();
      if (!await session.start(choice)) return;
      void vscode.window.showInformationMessage(`MLOps: serving ${choice.model} (${choice.alias}${choice.shadow ? `, shadow ${choice.shadow}` : ''}) at ${session.state.kind === 'serving' ? session.state.url : ''}`);
    }),
    vscode.commands.registerCommand(COMMANDS.stopServing, () => session.stop()),
    vscode.commands.registerCommand(COMMANDS.sendTestRequest, async () => {
      if (!ctx.requireTrust('Sending a test request')) return;
      await sendTestRequest(ctx, session, view);
    }),
    vscode.commands.registerCommand(COMMANDS.monitor, async (arg?: unknown) => {
      if (!ctx.requireTrust('Monitoring')) return;
      const spec = await pickSpec(ctx, arg);
      if (spec) await monitor(ctx, spec);
    }),
  ];
}

/** Model, alias and optional shadow: from the spec (CodeLens on `registry:`) or picked from the registry. */
async function chooseServing(ctx: MlopsContext, arg: unknown): Promise<ServeChoice | undefined> {
  const spec = uriArg(arg);
  const summary = spec ? await ctx.engine.specSummary(spec.fsPath) : undefined;
  const workspace = summary && !isError(summary) ? summary.summary.folder : await ctx.runs.primaryRoot();
  if (!workspace) return undefined;
  const listed = await ctx.engine.models(workspace);
  if (isError(listed)) { ctx.showError(`MLOps: ${listed.error}`); return undefined; }
  const models = listed.models.filter((m) => Object.keys(m.aliases).length > 0);
  if (models.length === 0) {
    void vscode.window.showWarningMessage('MLOps: no model with an alias in this workspace: register a version and promote it first (MLOps: Promote Model).');
    return undefined;
  }
  const preferred = summary && !isError(summary) ? summary.summary.registryModel : undefined;
  const model = models.find((m) => m.name === preferred) ?? (models.length === 1 ? models[0] : (await vscode.window.showQuickPick(
    models.map((m) => ({ label: m.name, description: Object.entries(m.aliases).map(([a, v]) => `${a}: v${v}`).join(', '), m })), { placeHolder: 'Model to serve' }))?.m);
  if (!model) return undefined;
  const aliases = Object.entries(model.aliases).sort(([a], [b]) => (a === 'production' ? -1 : b === 'production' ? 1 : a.localeCompare(b)));
  const alias = aliases.length === 1 ? aliases[0]![0] : (await vscode.window.showQuickPick(
    aliases.map(([a, v]) => ({ label: a, description: `v${v}` })), { placeHolder: `Alias of ${model.name} to serve (its moves are followed)` }))?.label;
  if (!alias) return undefined;
  const others = aliases.filter(([a]) => a !== alias);
  let shadow: string | undefined;
  if (others.length) {
    const picked = await vscode.window.showQuickPick([{ label: 'No shadow', description: '' }, ...others.map(([a, v]) => ({ label: a, description: `v${v}, scored beside every request` }))],
      { placeHolder: 'Shadow alias (optional)' });
    if (!picked) return undefined;
    shadow = picked.label === 'No shadow' ? undefined : picked.label;
  }
  return { model: model.name, alias, workspace, ...(shadow ? { shadow } : {}) };
}

/** The first rows of a CSV (read without loading the whole file). */
async function readHead(path: string, rows: number): Promise<ReturnType<typeof csvHead>> {
  const file = await open(path, 'r');
  try {
    const buf = Buffer.alloc(256 * 1024);
    const { bytesRead } = await file.read(buf, 0, buf.length, 0);
    return csvHead(buf.subarray(0, bytesRead).toString('utf8'), rows);
  } finally {
    await file.close();
  }
}

/** Posts the first rows of the spec's current data (train data when there is none) and shows the answer. */
async function sendTestRequest(ctx: MlopsContext, session: ServingSession, view: ServingView): Promise<void> {
  const s = session.state;
  if (s.kind !== 'serving') { void vscode.window.showWarningMessage('MLOps: no model is being served: run MLOps: Serve Model first.'); return; }
  const spec = await pickSpec(ctx, undefined);
  if (!spec) return;
  const summary = await ctx.engine.specSummary(spec.fsPath);
  if (isError(summary)) return ctx.showError(`MLOps: ${summary.error}`);
  const data = summary.summary.data.current ?? summary.summary.data.train;
  if (!data || !data.path.toLowerCase().endsWith('.csv')) {
    view.showTest({ type: 'error', message: 'Send Test Request reads the first rows of the spec\'s data.current (a CSV file); this spec has none.' });
    return;
  }
  try {
    const meta = await (await fetch(`${s.url}/v2/models/${encodeURIComponent(s.choice.model)}`)).json() as { inputs?: InputTensor[] };
    const { body, missing } = testRequestBody(meta.inputs ?? [], await readHead(data.path, TEST_ROWS));
    if (missing.length) view.showTest({ type: 'error', message: `${vscode.workspace.asRelativePath(data.path)} has no column ${missing.join(', ')}; the server will refuse the request.` });
    const path = `/v2/models/${encodeURIComponent(s.choice.model)}/infer`;
    const started = Date.now();
    const res = await fetch(`${s.url}${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    const answer: unknown = await res.json().catch(() => null);
    view.showTest({ type: 'testResult', summary: `POST ${path}: first ${TEST_ROWS} rows of ${vscode.workspace.asRelativePath(data.path)}`, status: res.status, ms: Date.now() - started, body: answer });
    void view.reveal();
  } catch (e) {
    view.showTest({ type: 'error', message: `The test request failed: ${(e as Error).message}` });
  }
}

/** `mlops monitor --format json`: the input drift goes to the Drift view, the verdict to a notification. */
async function monitor(ctx: MlopsContext, spec: vscode.Uri): Promise<void> {
  await ctx.views.drift.reveal();
  ctx.views.drift.busy('Reading the prediction log (live inputs vs training data)…');
  const r = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'MLOps: monitoring', cancellable: true }, (_p, token) => {
    const proc = ctx.cli(monitorArgs(spec.fsPath), dirname(spec.fsPath));
    token.onCancellationRequested(() => proc.cancel());
    return proc.result;
  });
  const report = parseJsonOutput<MonitorReport>(r.stdout);
  if (r.cancelled || !report) {
    const message = r.cancelled ? 'Monitoring cancelled.' : `mlops monitor failed: ${firstErrorLine(r.stderr)}`;
    ctx.views.drift.error(message);
    if (!r.cancelled) ctx.showError(`MLOps: ${message}`);
    return;
  }
  if (report.drift) ctx.views.drift.show(report.drift, `${vscode.workspace.asRelativePath(spec)}: live inputs (prediction log) vs training data of v${report.servingVersion}`);
  else ctx.views.drift.error(report.notes.join(' ') || 'No input drift could be measured.');
  const text = `MLOps monitor (${report.window.requests} logged requests): ${report.recommendation === 'retrain' ? `RETRAIN: ${report.reasons.join('; ')}` : 'ok, no drift'}.`;
  void (report.recommendation === 'retrain' ? vscode.window.showWarningMessage(text) : vscode.window.showInformationMessage(text));
}
