import { kubeName } from './common';

/** What `mlops export kserve` is told. */
export interface KServeOptions {
  model: string;
  alias: string;
  image: string;
  /** Where KServe's storage initializer finds the registry (a folder holding `models/<name>/`). */
  storageUri: string;
  shadow?: string;
  namespace?: string;
  /** Pod requests of the predictor. */
  cpu?: string;
  memory?: string;
}

/** Where the storage initializer puts the registry in the predictor's container. */
export const MODEL_MOUNT = '/mnt/models';
const PORT = 8080;

/**
 * A KServe `InferenceService` whose custom predictor runs `mlops serve` (Open Inference Protocol v2,
 * as KServe's own runtimes speak it) on the registry that the storage initializer copies from
 * `storageUri` into /mnt/models. The server follows the alias there (aliases.jsonl), so promoting a
 * version and rolling the predictor (or re-syncing the storage) serves the new one.
 */
export function inferenceService(o: KServeOptions): Record<string, unknown> {
  const args = ['serve', '--model', o.model, '--alias', o.alias, ...(o.shadow ? ['--shadow', o.shadow] : []),
    '--host', '0.0.0.0', '--port', String(PORT), '--workspace', MODEL_MOUNT];
  const probe = (path: string) => ({ httpGet: { path, port: PORT }, periodSeconds: 10 });
  return {
    apiVersion: 'serving.kserve.io/v1beta1',
    kind: 'InferenceService',
    metadata: {
      name: kubeName(o.model),
      ...(o.namespace ? { namespace: o.namespace } : {}),
      labels: { 'app.kubernetes.io/managed-by': 'mlops-workbench' },
      annotations: { 'mlops.dev/model': o.model, 'mlops.dev/alias': o.alias },
    },
    spec: {
      predictor: {
        minReplicas: 1,
        storageUris: [{ uri: o.storageUri, mountPath: MODEL_MOUNT }],
        containers: [{
          name: 'kserve-container',
          image: o.image,
          command: ['mlops'],
          args,
          ports: [{ containerPort: PORT, name: 'http1', protocol: 'TCP' }],
          readinessProbe: probe('/v2/health/ready'),
          livenessProbe: probe('/v2/health/live'),
          resources: { requests: { cpu: o.cpu ?? '1', memory: o.memory ?? '1Gi' }, limits: { memory: o.memory ?? '1Gi' } },
        }],
      },
    },
  };
}
