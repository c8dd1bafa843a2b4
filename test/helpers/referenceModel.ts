// An independent scorer for the serving tests: reads a saved model folder (model.json, weights.bin,
// preprocessing.json) and computes predictions in float64 straight from the definitions (affine
// scaling, one-hot with an unknown slot, dense layers, activations), sharing no code with the engine.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Step { column: string; type: 'numeric' | 'onehot'; center?: number; scale?: number; fill: number | string | null; categories?: string[] }
interface Layer { kind: 'dense'; w: number[][]; b: number[]; act: string }

const ACT: Record<string, (z: number) => number> = {
  linear: (z) => z, relu: (z) => Math.max(0, z), sigmoid: (z) => 1 / (1 + Math.exp(-z)), tanh: Math.tanh,
  elu: (z) => (z > 0 ? z : Math.exp(z) - 1), leaky: (z) => (z > 0 ? z : 0.2 * z),
};

export interface ReferenceModel {
  task: string;
  classes?: string[];
  /** Probability of the positive class (binary), value (regression) or class probabilities (multiclass). */
  score(row: Record<string, unknown>): number[];
}

export function referenceModel(dir: string): ReferenceModel {
  const prep = JSON.parse(readFileSync(join(dir, 'preprocessing.json'), 'utf8')) as { steps: Step[]; target: { task: string; classes?: string[] } };
  const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
  const buf = readFileSync(join(dir, 'weights.bin'));
  const floats = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  const specs = json.weightsManifest[0].weights as Array<{ shape: number[] }>;
  let offset = 0;
  const tensors = specs.map((s) => {
    const n = s.shape.reduce((a, b) => a * b, 1);
    const t = Array.from(floats.subarray(offset, offset + n));
    offset += n;
    return { shape: s.shape, data: t };
  });
  const layers: Layer[] = [];
  let ti = 0;
  for (const l of json.modelTopology.config.layers as Array<{ class_name: string; config: { activation?: string } }>) {
    if (l.class_name === 'Dense') {
      const k = tensors[ti++]!, b = tensors[ti++]!;
      const [rows, cols] = k.shape as [number, number];
      const w = Array.from({ length: rows }, (_, i) => k.data.slice(i * cols, (i + 1) * cols));
      layers.push({ kind: 'dense', w, b: b.data, act: l.config.activation ?? 'linear' });
    } else if (l.class_name === 'LeakyReLU') {
      layers[layers.length - 1]!.act = 'leaky';
    }
  }
  const features = (row: Record<string, unknown>): number[] => prep.steps.flatMap((s) => {
    const raw = row[s.column] ?? s.fill;
    if (s.type === 'numeric') return [(Number(raw) - s.center!) / s.scale!];
    const out: number[] = new Array(s.categories!.length + 1).fill(0);
    const k = raw === null || raw === undefined ? -1 : s.categories!.indexOf(String(raw));
    out[k < 0 ? s.categories!.length : k] = 1;
    return out;
  });
  return {
    task: prep.target.task, classes: prep.target.classes,
    score(row) {
      let h = features(row);
      for (const l of layers) {
        const z = l.b.map((bias, j) => bias + h.reduce((sum, x, i) => sum + x * l.w[i]![j]!, 0));
        if (l.act === 'softmax') {
          const m = Math.max(...z);
          const e = z.map((v) => Math.exp(v - m));
          const total = e.reduce((a, b) => a + b, 0);
          h = e.map((v) => v / total);
        } else {
          h = z.map(ACT[l.act]!);
        }
      }
      return h;
    },
  };
}
