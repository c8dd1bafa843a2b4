/**
 * Integration tests that run inside code-server's real Node extension host (loaded through the
 * workbench `payload`, as @vscode/test-web does). Bundled by the e2e test with esbuild; `run()` rejects
 * when a test fails, which the workbench reports through codeAutomationExit.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';

type Api = {
  client?: { isRunning(): boolean };
  config(): { drift: { threshold: number | null }; backend: string };
  dataDiagnostics: vscode.DiagnosticCollection;
};

const tests: Array<{ name: string; fn: () => Promise<void>; skip?: string }> = [];
const test = (name: string, fn: () => Promise<void>, skip?: string) => tests.push({ name, fn, ...(skip ? { skip } : {}) });

const EXTENSION_ID = 'mlops-workbench.mlops-workbench';
const ws = () => vscode.workspace.workspaceFolders![0]!.uri;
let api: Api;

function cliHas(command: string): boolean {
  const cli = join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'dist', 'cli.js');
  return spawnSync(process.execPath, [cli, command, '--help']).status === 0;
}

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
  assert.equal(api.config().drift.threshold, null);
  await config.update('drift.threshold', 0.2, vscode.ConfigurationTarget.Workspace);
  await config.update('training.backend', 'cpu', vscode.ConfigurationTarget.Workspace);
  try {
    assert.equal(api.config().drift.threshold, 0.2);
    assert.equal(api.config().backend, 'cpu');
  } finally {
    await config.update('drift.threshold', undefined, vscode.ConfigurationTarget.Workspace);
    await config.update('training.backend', undefined, vscode.ConfigurationTarget.Workspace);
  }
});

test('"Run stage" runs the stage command as a task in the spec folder', async () => {
  const done = new Promise<number | undefined>((resolve) => {
    const sub = vscode.tasks.onDidEndTaskProcess((e) => {
      if (e.execution.task.definition.type === 'mlops-stage') { sub.dispose(); resolve(e.exitCode); }
    });
  });
  await vscode.commands.executeCommand('mlops.runStage', vscode.Uri.joinPath(ws(), 'mlops.yaml'), 'generate');
  assert.equal(await done, 0, 'node scripts/generate-data.mjs exits 0 from the spec folder');
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
  } finally {
    writeFileSync(contract.fsPath, original);
  }
}, cliHas('check') ? undefined : 'mlops check is not in this build yet');

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
