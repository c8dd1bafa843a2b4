/**
 * Warms the validation path in the idle moment after `initialized`, before the user's first open, in a
 * workspace that holds a large pipeline spec (WARM_UP_MIN_BYTES): only there does the first open take
 * long enough to matter, and the warm-up costs about a second of CPU at start.
 *
 * A fresh V8 interprets the YAML parser, the conversion to our tree, the schema and the rules until
 * they run hot, so the first real open of a large spec pays that compilation too (CPU profiles show a
 * fresh server spending three to four times what a warmed one spends on the same parse). A synthetic
 * spec of about 900 lines validated a few times gets those functions compiled first: the 10,000-line
 * first open measured about 20% faster than without it (40 stages gave half of that). One validation
 * per turn of the event loop: a request that arrives meanwhile waits for one round at most.
 */
import { readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CoreDocument, CoreHost, LanguageService } from '../core/languageService';
import { guardedValidate } from '../core/validation/guard';

/** A spec this large (about 2,500 lines) takes a fresh server over 100 ms to open; smaller ones do not need the warm-up. */
export const WARM_UP_MIN_BYTES = 100 * 1024;
/** How deep and how wide the look for a large spec goes (it runs once, at start). */
const SCAN_DEPTH = 4;
const SCAN_ENTRIES = 5000;

/** Rounds of validation; each takes a few milliseconds once warm. */
const ROUNDS = 12;

/** A spec with the shapes real ones have: block and flow maps and sequences, quoted and plain scalars, comments. */
function syntheticSpec(stages: number): string {
  const lines = [
    'apiVersion: mlops/v1', 'kind: Pipeline', 'metadata:', '  name: warm-up', '  description: "synthetic spec the server validates at start"',
    'data:', '  train: { path: data/train.csv }', '  current: { path: data/current.csv }  # compared for drift',
    'features:', '  target: y', '  include: [a, b, c]', '  transforms:', '    a: standardize',
    'model:', '  type: mlp', '  task: binary', '  layers:', '    - { units: 16, activation: relu }', '    - units: 8', '      activation: relu',
    'training:', '  epochs: 5', '  learningRate: 0.001', '  seed: 7', 'evaluation:', '  gates: { val_auc: ">= 0.7" }', 'stages:',
  ];
  for (let i = 0; i < stages; i++) {
    lines.push(`  step_${i}:`, `    cmd: 'python steps/run.py --part ${i}'`, `    deps: [data/part_${i}.csv, steps/run.py]`, `    outs:`, `      - data/part_${i + 1}.csv`);
    if (i > 0) lines.push(`    needs: [step_${i - 1}]`);
  }
  return `${lines.join('\n')}\n`;
}

/** Whether a pipeline spec (`mlops.yaml`, `*.mlops.yaml`) of WARM_UP_MIN_BYTES or more is in the workspace folders. */
export function hasLargeSpec(roots: string[]): boolean {
  let budget = SCAN_ENTRIES;
  const visit = (dir: string, depth: number): boolean => {
    let entries;
    try { entries = readdirSync(dir, { withFileTypes: true }); } catch { return false; }
    for (const e of entries) {
      if (--budget < 0) return false;
      const path = join(dir, e.name);
      if (e.isDirectory()) {
        if (depth < SCAN_DEPTH && !e.name.startsWith('.') && e.name !== 'node_modules' && visit(path, depth + 1)) return true;
      } else if (e.isFile() && (e.name === 'mlops.yaml' || e.name.endsWith('.mlops.yaml'))) {
        try { if (statSync(path).size >= WARM_UP_MIN_BYTES) return true; } catch { /* gone since listed */ }
      }
    }
    return false;
  };
  return roots.some((r) => visit(r, 0));
}

/**
 * Validates a synthetic spec ROUNDS times, one round per event-loop turn, each under a new path (a
 * document already parsed would be served from its parse cache) forgotten at once; nothing is published.
 */
export function warmUpValidation(serviceFor: (doc: CoreDocument) => LanguageService | undefined, host: CoreHost): void {
  const text = syntheticSpec(150);
  const folder = join(tmpdir(), 'mlops-warm-up');
  let round = 0;
  const next = () => {
    const path = join(folder, `warm-up-${round}.mlops.yaml`);
    const doc: CoreDocument = { uri: pathToFileURL(path).toString(), path, text, version: 1 };
    const service = serviceFor(doc);
    if (!service) return;
    guardedValidate(service, doc, host);
    service.forget?.(path);
    if (++round < ROUNDS) setImmediate(next);
  };
  setImmediate(next);
}
