import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const EXAMPLE = resolve(__dirname, '../../examples/churn');

/** Copies the example workspace into a fresh temporary folder; `cleanup` removes it. */
export function tempExample(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'mlops-ws-'));
  cpSync(EXAMPLE, dir, { recursive: true, filter: (src) => !src.includes('.mlops') });
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Position of the first occurrence of `needle` in `text` (plus `offset` characters). */
export function positionOf(text: string, needle: string, offset = 0): { line: number; character: number } {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`"${needle}" not found`);
  const before = text.slice(0, i + offset);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}

/**
 * The head of a pipeline spec over the example's data and contract (apiVersion to model), for tests
 * that add their own sections after it; `extra` goes before `data:`.
 */
export function exampleSpecHead(name: string, extra = ''): string {
  return `apiVersion: mlops/v1
kind: Pipeline
metadata: { name: ${name} }
${extra}data:
  train: { path: data/train.csv, contract: contracts/customers.odcs.yaml, schema: customers }
features: { target: churned, include: [age, plan] }
model: { type: logistic, task: binary }
`;
}
