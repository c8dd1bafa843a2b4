// Small helpers for contract tests: a private temporary folder per test file, and contract texts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after } from 'node:test';

/** The repository's root folder (tests run the real example workspace from there). */
export const repoRootPath = resolve(__dirname, '../../..');

/** A fresh temporary folder removed when the test file ends. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mlops-contract-test-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes a file into a folder and returns its path. */
export function writeIn(dir: string, name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** An ODCS v3.1.0 contract with one schema object `t` whose properties are given as YAML text. */
export function contractYaml(properties: string, schemaExtra = ''): string {
  const indent = (s: string, n: number) => s.trim().split('\n').map((l) => ' '.repeat(n) + l).join('\n');
  return [
    'apiVersion: v3.1.0', 'kind: DataContract', 'id: test-contract', 'version: 1.0.0', 'status: active', 'schema:',
    '  - name: t', schemaExtra ? indent(schemaExtra, 4) : '', '    properties:', indent(properties, 6), '',
  ].filter((l) => l !== '').join('\n') + '\n';
}
