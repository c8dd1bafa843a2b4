import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SERVER } from '../helpers/lspClient';
import { positionOf, tempExample } from '../helpers/workspace';

const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const skip = nvim.status !== 0 ? 'Neovim is not installed (Debian package "neovim"; .ci/run installs it)' : false;

test('the server works through Neovim\'s built-in LSP client (headless)', { skip, timeout: 60000 }, () => {
  const ws = tempExample();
  try {
    const specPath = join(ws.dir, 'mlops.yaml');
    const spec = readFileSync(specPath, 'utf8').replace('target: churned', 'target: churnd');
    writeFileSync(specPath, spec);
    const out = join(ws.dir, 'nvim-out.jsonl');
    const at = (needle: string, offset: number) => { const p = positionOf(spec, needle, offset); return `${p.line}:${p.character}`; };
    const r = spawnSync('nvim', ['--headless', '--clean', '-u', resolve(__dirname, 'nvim-check.lua'), specPath, '-c', 'lua MlopsCheck()'], {
      cwd: ws.dir, encoding: 'utf8', timeout: 50000,
      env: { ...process.env, MLOPS_SERVER: SERVER, MLOPS_NVIM_OUT: out, MLOPS_COMPLETE_AT: at('type: mlp', 6), MLOPS_HOVER_AT: at('learningRate', 3), MLOPS_DEFINITION_AT: at('support_calls', 2) },
    });
    assert.equal(r.status, 0, `nvim exited ${r.status}: ${r.stderr}`);
    const lines = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { kind: string; value: any });
    const diags = lines.filter((l) => l.kind === 'diagnostic').map((l) => l.value);
    assert.equal(diags.length, 1);
    assert.equal(diags[0].code, 'unknown-column');
    assert.equal(diags[0].line, positionOf(spec, 'churnd').line);
    const completion = lines.find((l) => l.kind === 'completion')!.value as string[];
    assert.ok(completion.includes('logistic') && completion.includes('linear'), JSON.stringify(lines));
    assert.match(JSON.stringify(lines.find((l) => l.kind === 'hover')!.value), /Step size of the optimizer/);
    assert.match(JSON.stringify(lines.find((l) => l.kind === 'definition')!.value), /customers\.odcs\.yaml/);
    assert.ok((lines.find((l) => l.kind === 'codeActions')!.value as string[]).includes('Change to "churned"'), JSON.stringify(lines.slice(-2)));
  } finally {
    ws.cleanup();
  }
});
