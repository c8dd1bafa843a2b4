/** The TensorFlow.js namespace; loaded lazily so `mlops` commands that do not train start fast. */
export type Tf = typeof import('@tensorflow/tfjs');

export type BackendRequest = 'auto' | 'tensorflow' | 'wasm' | 'cpu';

export interface LoadedBackend {
  tf: Tf;
  /** The backend that runs: "tensorflow" (tfjs-node), "wasm" or "cpu". */
  name: 'tensorflow' | 'wasm' | 'cpu';
  /** For wasm: whether the SIMD build runs. */
  simd?: boolean;
  /** Why a preferred backend was skipped, for the run log. */
  notes: string[];
}

async function tryNode(notes: string[]): Promise<boolean> {
  try {
    // tfjs-node is an optionalDependency whose install downloads libtensorflow; often absent.
    await import('@tensorflow/tfjs-node' as string);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    notes.push(code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND' ? 'tfjs-node not installed' : `tfjs-node failed to load (${(e as Error).message.split('\n')[0]})`);
    return false;
  }
}

async function trySet(tf: Tf, name: string, notes: string[]): Promise<boolean> {
  try {
    if (await tf.setBackend(name)) {
      await tf.ready();
      return true;
    }
    notes.push(`${name} backend did not initialise`);
  } catch (e) {
    notes.push(`${name} backend failed: ${(e as Error).message}`);
  }
  return false;
}

/** The backend the spec (or a reproduced run) asks for does not load on this machine. */
export class BackendUnavailable extends Error {}

/**
 * Chooses the fastest backend that loads: tfjs-node, then wasm (SIMD when the runtime has it), then
 * cpu. A backend named in the spec is required, not preferred: if it does not load, this throws.
 */
export async function loadBackend(request: BackendRequest = 'auto'): Promise<LoadedBackend> {
  const notes: string[] = [];
  const nodeLoaded = (request === 'auto' || request === 'tensorflow') && await tryNode(notes);
  const tf: Tf = await import('@tensorflow/tfjs');
  // Production mode: no debug checks, and no console banners (the cpu backend's "install tfjs-node"
  // hint would land in the middle of --events output); the run record notes the skipped backends.
  tf.env().set('PROD', true);
  const order: Array<LoadedBackend['name']> = request === 'auto' ? ['tensorflow', 'wasm', 'cpu'] : [request];
  for (const name of order) {
    if (name === 'tensorflow' && !nodeLoaded) continue;
    if (name === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
    if (await trySet(tf, name, notes)) {
      const simd = name === 'wasm' ? Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) : undefined;
      return { tf, name, simd, notes };
    }
  }
  throw new BackendUnavailable(`training backend "${request}" is not available here (${notes.join('; ')}); set training.backend: auto or install it`);
}

/** How the backend is described in output and run records, e.g. "wasm (SIMD)". */
export function describeBackend(b: Pick<LoadedBackend, 'name' | 'simd'>): string {
  if (b.name === 'wasm') return b.simd ? 'wasm (SIMD)' : 'wasm (no SIMD)';
  return b.name;
}
