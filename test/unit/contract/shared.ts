// Finds the ODCS reference files (official schemas and examples) in the `shared` folder next to the
// repository (located by test/helpers/standards.ts, which also looks beside a worktree's main checkout).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { standardsDir } from '../../helpers/standards';

export const repoRoot = resolve(__dirname, '../../..');

/** The folder holding the official ODCS files, or undefined (tests then skip, saying why). */
export const odcsDir: string | undefined = standardsDir && existsSync(join(standardsDir, 'odcs/schema')) ? join(standardsDir, 'odcs') : undefined;

export const SKIP_REASON = 'the ODCS reference files (../shared/standards/odcs next to the repository) are absent';

export type OfficialValidator = (value: unknown) => boolean;

/** The official JSON Schema of an ODCS version ("3.1.0" or "3.0.2"), compiled with ajv (draft 2019-09). */
export function officialValidator(version: '3.1.0' | '3.0.2'): OfficialValidator {
  const schema = JSON.parse(readFileSync(join(odcsDir!, `schema/odcs-json-schema-v${version}.json`), 'utf8'));
  const ajv = new Ajv2019({ strict: false, allErrors: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return (value) => validate(value) as boolean;
}

/** Every official example: file name, text and parsed value. */
export function officialExamples(): Array<{ name: string; text: string; value: unknown }> {
  const dir = join(odcsDir!, 'examples');
  return readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort().map((name) => {
    const text = readFileSync(join(dir, name), 'utf8');
    return { name, text, value: parse(text) };
  });
}
