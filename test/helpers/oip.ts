// The Open Inference Protocol v2 REST description (KServe's rest_predict_v2.yaml) from the shared
// standards folder next to the repository, compiled with ajv so tests check our answers against the
// official schemas. Undefined (tests skip, saying why) when the folder is absent.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { standardsDir } from './standards';

const OIP_PATH = standardsDir && join(standardsDir, 'kserve/rest_predict_v2.yaml');
export const OIP_FILE: string | undefined = OIP_PATH && existsSync(OIP_PATH) ? OIP_PATH : undefined;
export const OIP_SKIP = 'the KServe Open Inference Protocol description (../shared/standards/kserve/rest_predict_v2.yaml) is absent';

export type OipSchema = 'inference_request' | 'inference_response' | 'inference_error_response' | 'metadata_model_response' | 'metadata_server_response' | 'metadata_model_error_response';

/** A validator for one of the description's component schemas; returns the ajv errors as text ('' when valid). */
export function oipValidator(): ((schema: OipSchema, value: unknown) => string) | undefined {
  if (!OIP_FILE) return undefined;
  const doc = parse(readFileSync(OIP_FILE, 'utf8')) as { components: unknown; paths: Record<string, unknown> };
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addSchema({ $id: 'oip', components: doc.components });
  return (schema, value) => {
    const validate = ajv.getSchema(`oip#/components/schemas/${schema}`)!;
    return validate(value) ? '' : ajv.errorsText(validate.errors);
  };
}

/** The paths the description lists (e.g. /v2/models/${MODEL_NAME}/versions/${MODEL_VERSION}/infer). */
export function oipPaths(): string[] {
  if (!OIP_FILE) return [];
  return Object.keys((parse(readFileSync(OIP_FILE, 'utf8')) as { paths: Record<string, unknown> }).paths);
}
