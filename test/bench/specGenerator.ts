/**
 * Generates a pipeline spec of about `lines` lines: the usual sections and many stages chained by
 * needs and by files, the shape of a large real pipeline. Deterministic: the same size gives the same text.
 */
export function generateSpec(lines: number): string {
  const head = [
    'apiVersion: mlops/v1', 'kind: Pipeline', 'metadata:', '  name: big', '  description: generated for the benchmark',
    'data:', '  train: { path: data/train.csv }', 'features:', '  target: y', '  include: [a, b, c]',
    'model:', '  type: mlp', '  task: binary', '  layers:', '    - { units: 32, activation: relu }',
    'training:', '  epochs: 10', '  learningRate: 0.001', 'stages:',
  ];
  const out = [...head];
  for (let i = 0; out.length < lines - 1; i++) {
    out.push(`  stage_${i}:`, `    cmd: python steps/run.py --part ${i} --mode fast`, `    desc: step number ${i} of the generated pipeline`);
    out.push(i === 0 ? '    deps: [data/train.csv]' : `    deps: [data/part_${i - 1}.csv]`);
    out.push(`    outs: [data/part_${i}.csv]`);
    if (i > 0) out.push(`    needs: [stage_${i - 1}]`);
  }
  return out.slice(0, lines).join('\n') + '\n';
}
