// The official schemas in ../shared/standards (next to the repository, or next to the main checkout
// of a git worktree); tests skip, saying why, where they are absent (a user's clone).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

const repoRoot = resolve(__dirname, '../..');

function sharedDir(): string | undefined {
  const out = [resolve(repoRoot, '../shared')];
  const dotGit = join(repoRoot, '.git');
  if (existsSync(dotGit) && !existsSync(join(dotGit, 'HEAD'))) {
    const gitdir = /gitdir:\s*(.+)/.exec(readFileSync(dotGit, 'utf8'))?.[1]?.trim();
    if (gitdir) out.push(resolve(dirname(dirname(dirname(gitdir))), '../shared'));
  }
  return out.map((d) => join(d, 'standards')).find((d) => existsSync(d));
}

export const standardsDir = sharedDir();

/** Why a test that needs a standard skips, or false when the file is there. */
export function skipUnless(file: string): string | false {
  return standardsDir && existsSync(join(standardsDir, file)) ? false : `../shared/standards/${file} (the official schema) is absent next to the repository`;
}

export type Validator = (value: unknown) => string[];

function errors(v: { errors?: Array<{ instancePath: string; message?: string }> | null }): string[] {
  return (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}

/** Argo Workflows' schema (draft 2020-12), validating a `Workflow`. */
export function argoWorkflowValidator(): Validator {
  const schema = JSON.parse(readFileSync(join(standardsDir!, 'argo-workflows/schema.json'), 'utf8'));
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema(schema, 'argo');
  const validate = ajv.getSchema('argo#/definitions/io.argoproj.workflow.v1alpha1.Workflow')!;
  return (value) => (validate(value) ? [] : errors(validate));
}

/** The openAPIV3Schema of KServe's InferenceService CRD. */
export function kserveValidator(): Validator {
  const crd = parse(readFileSync(join(standardsDir!, 'kserve/serving.kserve.io_inferenceservices.yaml'), 'utf8'));
  const ajv = new Ajv({ strict: false, allErrors: true });
  const validate = ajv.compile(crd.spec.versions.find((v: { name: string }) => v.name === 'v1beta1').schema.openAPIV3Schema);
  return (value) => (validate(value) ? [] : errors(validate));
}

/** SchemaStore's GitHub Actions workflow schema (draft-07). */
export function githubWorkflowValidator(): Validator {
  const schema = JSON.parse(readFileSync(join(standardsDir!, 'github-actions/github-workflow.json'), 'utf8'));
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return (value) => (validate(value) ? [] : errors(validate));
}
