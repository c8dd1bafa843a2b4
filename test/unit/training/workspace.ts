// Builds throw-away workspaces for training tests: a copy of examples/churn (spec, contract, data) in
// a temp folder, optionally with the spec or the data changed. Never touches the example itself.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';

export const repoRoot = resolve(__dirname, '../../..');
export const churnDir = join(repoRoot, 'examples/churn');

export interface Workspace { dir: string; spec: string; cleanup(): void }

/** Copies examples/churn to a temp folder; `edit` may change the parsed spec before it is written. */
export function churnWorkspace(edit?: (spec: Record<string, any>) => void): Workspace {
  const dir = mkdtempSync(join(tmpdir(), 'mlops-train-'));
  cpSync(join(churnDir, 'data'), join(dir, 'data'), { recursive: true });
  cpSync(join(churnDir, 'contracts'), join(dir, 'contracts'), { recursive: true });
  const spec = parse(readFileSync(join(churnDir, 'mlops.yaml'), 'utf8')) as Record<string, any>;
  edit?.(spec);
  writeFileSync(join(dir, 'mlops.yaml'), stringify(spec));
  return { dir, spec: join(dir, 'mlops.yaml'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Rewrites the training CSV: `change` gets the rows (header first) as arrays of strings. */
export function editTrainCsv(ws: Workspace, change: (rows: string[][]) => string[][]): void {
  const path = join(ws.dir, 'data/train.csv');
  const rows = readFileSync(path, 'utf8').trim().split('\n').map((l) => l.split(','));
  writeFileSync(path, `${change(rows).map((r) => r.join(',')).join('\n')}\n`);
}

/** A small quick spec edit shared by tests: few epochs so a run takes well under a second. */
export function quick(spec: Record<string, any>, epochs = 3): void {
  spec.training.epochs = epochs;
  delete spec.sweep;
}
