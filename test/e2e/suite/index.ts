/**
 * Integration tests that run inside code-server's real Node extension host (loaded through the
 * workbench `payload`, as @vscode/test-web does). Bundled by the e2e test with esbuild; `run()` rejects
 * when a test fails, which the workbench reports through codeAutomationExit.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';

type Api = {
  client?: { isRunning(): boolean };
  startup: { serverReadyMs?: number; firstDiagnosticsMs?: number; firstDiagnosticsUri?: string };
  onDidValidate: vscode.Event<{ uri: string }>;
  config(): { drift: { sampleRows: number }; backend: string };
  dataDiagnostics: vscode.DiagnosticCollection;
  activeRuns: { list(): Array<{ label: string; detail: string; runId?: string }>; onDidChange: vscode.Event<void> };
  views: { drift: { current(): { datasetDrift: boolean; features: Array<{ name: string; drifted: boolean }> } | null };
    models: { list(): Promise<Array<{ name: string; versions: Array<{ version: number; runId: string | null }> }>> };
    serving: { current(): { state: { type: string; status?: { primary: { version: number | null } } }; test: { type: string; status?: number; body?: unknown } | null } } };
};

const tests: Array<{ name: string; fn: () => Promise<void>; skip?: string }> = [];
const test = (name: string, fn: () => Promise<void>, skip?: string) => tests.push({ name, fn, ...(skip ? { skip } : {}) });

const EXTENSION_ID = 'mlops-workbench.mlops-workbench';
const ws = () => vscode.workspace.workspaceFolders![0]!.uri;
let api: Api;

/** Resolves with the first value `probe` returns that is not undefined, re-probing on each event. */
function when<T>(event: vscode.Event<unknown>, probe: () => T | undefined, timeoutMs = 60_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const first = probe();
    if (first !== undefined) return resolve(first);
    const timer = setTimeout(() => { sub.dispose(); reject(new Error('timed out waiting for an event')); }, timeoutMs);
    const sub = event(() => {
      const v = probe();
      if (v !== undefined) { clearTimeout(timer); sub.dispose(); resolve(v); }
    });
  });
}

test('activates, exposes its context and registers every contributed command', async () => {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, 'extension is installed');
  api = (await ext.activate()) as Api;
  const contributed = (ext.packageJSON.contributes.commands as Array<{ command: string; title: string; category: string }>);
  const registered = new Set(await vscode.commands.getCommands(true));
  for (const c of contributed) {
    assert.ok(registered.has(c.command), `${c.command} is registered`);
    assert.equal(c.category, 'MLOps');
  }
  for (const id of ['mlops.train', 'mlops.runSweep', 'mlops.cancelRun', 'mlops.checkData', 'mlops.inferContract', 'mlops.checkDrift',
    'mlops.registerModel', 'mlops.promoteModel', 'mlops.showExperiments', 'mlops.showDriftReport', 'mlops.compareRuns',
    'mlops.reproduceRun', 'mlops.openRunFolder']) assert.ok(contributed.some((c) => c.command === id), id);
  assert.equal(api.client?.isRunning(), true, 'the language server runs');
});

test('the first opened spec gets diagnostics; startup times are reported', async () => {
  const opened = performance.now();
  const spec = vscode.Uri.joinPath(ws(), 'mlops.yaml');
  await vscode.window.showTextDocument(spec);
  await when(api.onDidValidate, () => (api.startup.firstDiagnosticsMs !== undefined ? true : undefined));
  const openToDiagnosticsMs = Math.round(performance.now() - opened);
  // Read by the e2e test and written to test-results/e2e/startup-timing.json.
  console.log(`startup-timing ${JSON.stringify({ ...api.startup, openToDiagnosticsMs })}`);
  assert.ok(api.startup.serverReadyMs !== undefined && api.startup.serverReadyMs <= api.startup.firstDiagnosticsMs!);
});

test('CodeLenses: Train, Run Sweep, Check Drift and Run stage in the spec; Check data in the contract', async () => {
  const spec = vscode.Uri.joinPath(ws(), 'mlops.yaml');
  await vscode.window.showTextDocument(spec);
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', spec, 100);
  const byTitle = (t: string) => lenses.filter((l) => l.command?.title.includes(t));
  const text = readFileSync(spec.fsPath, 'utf8').split('\n');
  const lineOf = (key: string) => text.findIndex((l) => l.startsWith(`${key}:`));
  assert.deepEqual(byTitle('Train').map((l) => [l.range.start.line, l.command!.command]), [[lineOf('training'), 'mlops.train']]);
  assert.deepEqual(byTitle('Run Sweep').map((l) => l.range.start.line), [lineOf('sweep')]);
  assert.deepEqual(byTitle('Check Drift').map((l) => l.range.start.line), [lineOf('monitoring')]);
  assert.deepEqual(byTitle('Run stage').map((l) => l.command!.arguments?.[1]), ['generate']);
  const contract = vscode.Uri.joinPath(ws(), 'contracts', 'customers.odcs.yaml');
  await vscode.workspace.openTextDocument(contract); // the provider command needs the document loaded
  const cl = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', contract, 100);
  assert.deepEqual(cl.filter((l) => l.command?.title.includes('Check data')).map((l) => l.command!.arguments?.[1]), ['customers']);
});

test('settings under mlops.* reach the client typed, and changes apply without reload', async () => {
  const config = vscode.workspace.getConfiguration('mlops');
  assert.equal(api.config().drift.sampleRows, 0);
  await config.update('drift.sampleRows', 2000, vscode.ConfigurationTarget.Workspace);
  await config.update('training.backend', 'cpu', vscode.ConfigurationTarget.Workspace);
  try {
    assert.equal(api.config().drift.sampleRows, 2000);
    assert.equal(api.config().backend, 'cpu');
  } finally {
    await config.update('drift.sampleRows', undefined, vscode.ConfigurationTarget.Workspace);
    await config.update('training.backend', undefined, vscode.ConfigurationTarget.Workspace);
  }
});

test('"Run stage" runs the stage through mlops run: its outputs are written and mlops.lock records it', async () => {
  const lock = vscode.Uri.joinPath(ws(), 'mlops.lock');
  rmSync(lock.fsPath, { force: true });
  await vscode.commands.executeCommand('mlops.runStage', vscode.Uri.joinPath(ws(), 'mlops.yaml'), 'generate');
  const recorded = JSON.parse(readFileSync(lock.fsPath, 'utf8')) as { stages: Record<string, { cmd: string }> };
  assert.equal(recorded.stages.generate?.cmd, 'node scripts/generate-data.mjs', 'the stage ran from the spec folder and was recorded');
});

test('a failed data check lands in Problems on the contract line of the rule', async () => {
  const contract = vscode.Uri.joinPath(ws(), 'contracts', 'customers.odcs.yaml');
  const original = readFileSync(contract.fsPath, 'utf8');
  // The example passes; demand more rows than the data has so the rowCount rule fails.
  writeFileSync(contract.fsPath, original.replace('mustBeGreaterThan: 1000', 'mustBeGreaterThan: 1000000'));
  try {
    const ruleLine = readFileSync(contract.fsPath, 'utf8').split('\n').findIndex((l) => l.includes('mustBeGreaterThan: 1000000'));
    await vscode.commands.executeCommand('mlops.checkData', contract, 'customers');
    const diags = await when(vscode.languages.onDidChangeDiagnostics, () => {
      const d = api.dataDiagnostics.get(contract);
      return d && d.length > 0 ? d : undefined;
    });
    assert.ok(diags.some((d) => Math.abs(d.range.start.line - ruleLine) <= 2), `a diagnostic near line ${ruleLine + 1}: ${diags.map((d) => `${d.range.start.line}: ${d.message}`).join('; ')}`);
    // Issue 11 bug 3: removing the rule in the editor (unsaved) clears its problem at once.
    const doc = await vscode.workspace.openTextDocument(contract);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(contract, new vscode.Range(ruleLine, 0, ruleLine + 1, 0), '');
    await vscode.workspace.applyEdit(edit);
    await when(vscode.languages.onDidChangeDiagnostics, () => ((api.dataDiagnostics.get(contract) ?? []).length === 0 ? true : undefined), 10_000);
    await doc.save();
  } finally {
    writeFileSync(contract.fsPath, original);
  }
});

test('Infer Contract opens an unsaved contracts/<name>.odcs.yaml that the editor validates', async () => {
  const data = vscode.Uri.joinPath(ws(), 'data', 'current.csv');
  await vscode.commands.executeCommand('mlops.inferContract', data);
  const doc = vscode.window.activeTextEditor!.document;
  try {
    assert.equal(doc.uri.scheme, 'untitled');
    assert.equal(doc.uri.path, vscode.Uri.joinPath(ws(), 'contracts', 'current.odcs.yaml').path, 'Save proposes contracts/current.odcs.yaml');
    assert.match(doc.getText(), /^apiVersion: v3\./m);
    // Validated while untitled: an invalid logicalType typed into it is reported.
    const line = doc.getText().split('\n').findIndex((l) => /logicalType: integer/.test(l));
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(line, 0, line + 1, 0), doc.lineAt(line).text.replace('integer', 'int') + '\n');
    await vscode.workspace.applyEdit(edit);
    await when(vscode.languages.onDidChangeDiagnostics, () => (vscode.languages.getDiagnostics(doc.uri).length > 0 ? true : undefined), 30_000);
  } finally {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
});

const runsDir = () => join(ws().fsPath, '.mlops', 'runs');
const runRecords = (): Array<{ id: string; status: string; sweepId?: string }> => (existsSync(runsDir()) ? readdirSync(runsDir()) : [])
  .filter((id) => existsSync(join(runsDir(), id, 'run.json')))
  .map((id) => JSON.parse(readFileSync(join(runsDir(), id, 'run.json'), 'utf8')) as { id: string; status: string; sweepId?: string });

test('"Train" runs the engine off the extension host and records a completed run', async () => {
  const before = new Set(runRecords().map((r) => r.id));
  // Issue 11: the progress names the pipeline (metadata.name), not the folder.
  const labels = new Set<string>();
  const seen = api.activeRuns.onDidChange(() => { for (const r of api.activeRuns.list()) labels.add(r.label); });
  await vscode.commands.executeCommand('mlops.train', vscode.Uri.joinPath(ws(), 'mlops.yaml'));
  seen.dispose();
  assert.deepEqual([...labels], ['Training churn']);
  const added = runRecords().filter((r) => !before.has(r.id));
  assert.equal(added.length, 1, 'one new run');
  assert.equal(added[0]!.status, 'completed');
  assert.deepEqual(api.activeRuns.list(), [], 'nothing is left running');
});

test('"Cancel Run" stops a sweep with SIGINT: its runs are marked cancelled', async () => {
  const sweeping = vscode.commands.executeCommand('mlops.runSweep', vscode.Uri.joinPath(ws(), 'mlops.yaml'));
  // Cancel once a trial reports epochs, i.e. while it trains.
  await when(api.activeRuns.onDidChange, () => (api.activeRuns.list().some((r) => /epoch/.test(r.detail)) ? true : undefined));
  // Issue 11: "trial n/N" with the sweep's total (the example sweeps 6 trials).
  assert.ok(api.activeRuns.list().some((r) => r.label === 'Sweep churn' && /^trial \d\/6 · epoch /.test(r.detail)), JSON.stringify(api.activeRuns.list().map((r) => [r.label, r.detail])));
  await vscode.commands.executeCommand('mlops.cancelRun');
  await sweeping;
  const sweepRuns = runRecords().filter((r) => r.sweepId);
  assert.ok(sweepRuns.length > 0, 'the sweep recorded runs');
  assert.ok(sweepRuns.every((r) => r.status === 'cancelled' || r.status === 'completed'), sweepRuns.map((r) => r.status).join(','));
  assert.ok(sweepRuns.some((r) => r.status === 'cancelled'), 'at least the running trials are cancelled');
});

test('"Check Drift" puts the report in the Drift view, with the two shifted features drifted', async () => {
  await vscode.commands.executeCommand('mlops.checkDrift', vscode.Uri.joinPath(ws(), 'mlops.yaml'));
  const report = api.views.drift.current();
  assert.ok(report, 'a report is shown');
  assert.equal(report.datasetDrift, true);
  assert.deepEqual(report.features.filter((f) => f.drifted).map((f) => f.name).sort(), ['monthly_charges', 'support_calls']);
  // Kept for the next window: the report shown is the one under .mlops/drift/<spec file>/last.json.
  const kept = JSON.parse(readFileSync(join(ws().fsPath, '.mlops', 'drift', 'mlops.yaml', 'last.json'), 'utf8'));
  assert.deepEqual(kept.report, report);
});

test('"Register Model Version" commits a version the Models tree lists', async () => {
  const completed = runRecords().find((r) => r.status === 'completed' && !r.sweepId);
  assert.ok(completed, 'a completed run from the Train test');
  await vscode.commands.executeCommand('mlops.registerModel', completed.id);
  const models = await api.views.models.list();
  const churn = models.find((m) => m.name === 'churn-classifier');
  assert.ok(churn, models.map((m) => m.name).join(','));
  assert.deepEqual(churn.versions.map((v) => [v.version, v.runId]), [[1, completed.id]]);
});

test('"Serve Model" serves the promoted version, "Send Test Request" gets predictions, "Stop Serving" stops it', async () => {
  const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
  const { execFileSync } = await import('node:child_process');
  execFileSync(process.execPath, [join(ext.extensionPath, 'dist', 'cli.js'), 'promote', 'churn-classifier', 'v1', 'production'],
    { cwd: ws().fsPath, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
  const spec = vscode.Uri.joinPath(ws(), 'mlops.yaml');
  await vscode.window.showTextDocument(spec);
  const until = async <T>(probe: () => T | undefined, what: string): Promise<T> => {
    for (const end = Date.now() + 60_000; Date.now() < end; await new Promise((r) => setTimeout(r, 200))) { const v = probe(); if (v !== undefined) return v; }
    throw new Error(`timed out waiting for ${what}`);
  };
  await vscode.commands.executeCommand('mlops.serveModel', spec);
  const live = await until(() => { const s = api.views.serving.current().state; return s.type === 'status' ? s : undefined; }, 'live status');
  assert.equal(live.status?.primary.version, 1);
  await vscode.commands.executeCommand('mlops.sendTestRequest');
  const answer = await until(() => api.views.serving.current().test ?? undefined, 'the test answer');
  assert.equal(answer.type, 'testResult');
  assert.equal(answer.status, 200);
  assert.equal((answer.body as { model_version: string }).model_version, 'v1');
  await vscode.commands.executeCommand('mlops.stopServing');
  await until(() => (api.views.serving.current().state.type === 'stopped' ? true : undefined), 'the server to stop');
});

/** Entry point called by the workbench. */
export async function run(): Promise<void> {
  const failures: string[] = [];
  for (const t of tests) {
    if (t.skip) { console.log(`- ${t.name} (skipped: ${t.skip})`); continue; }
    const started = Date.now();
    try {
      await t.fn();
      console.log(`✔ ${t.name} (${Date.now() - started} ms)`);
    } catch (e) {
      failures.push(t.name);
      console.error(`✖ ${t.name}: ${(e as Error).stack ?? String(e)}`);
    }
  }
  if (failures.length) throw new Error(`${failures.length} extension-host test(s) failed: ${failures.join(', ')}`);
}
