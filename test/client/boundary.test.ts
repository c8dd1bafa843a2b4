/**
 * The boundary between the editor and the engine: the client bundle (dist/extension.js) holds no engine
 * code. It reaches the engine through language-server requests (server/src/protocol.ts) and CLI child
 * processes (server/src/cliProtocol.ts), and imports nothing else from server/src. Read from the
 * metafile scripts/build.mjs writes next to the bundle, and from the client's own sources.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { COMMANDS } from '../../server/src/cliProtocol';

const ROOT = resolve(__dirname, '../..');
const BUNDLE = join(ROOT, 'dist', 'extension.js');
const META = join(ROOT, 'dist', 'extension.meta.json');
/** The only server files the client may import: the two protocol files. */
const PROTOCOLS = new Set(['server/src/protocol.ts', 'server/src/cliProtocol.ts']);

/** Modules of a bundle that are engine code: the core, any other server file, the `yaml` package. */
function engineModules(meta: Metafile, output: string): string[] {
  const inputs = Object.keys(meta.outputs[output]?.inputs ?? {});
  return inputs.filter((p) => /(^|\/)node_modules\/yaml\//.test(p) || (/(^|\/)server\/src\//.test(p) && !PROTOCOLS.has(p.replace(/^.*?(server\/src\/)/, '$1'))));
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

describe('the client bundle holds no engine code', () => {
  it('dist/extension.js: no server/src/core module, no yaml package, only the protocol files from server/src', {
    skip: existsSync(META) && existsSync(BUNDLE) ? false : 'dist/extension.js is not built (npm run build)',
  }, () => {
    const meta = JSON.parse(readFileSync(META, 'utf8')) as Metafile;
    assert.equal(meta.outputs['dist/extension.js']?.bytes, statSync(BUNDLE).size, 'the metafile describes the bundle on disk');
    assert.deepEqual(engineModules(meta, 'dist/extension.js'), []);
    const fromServer = Object.keys(meta.inputs).filter((p) => p.startsWith('server/src/')).sort();
    assert.deepEqual(fromServer, [...PROTOCOLS].filter((p) => fromServer.includes(p)).sort());
    assert.ok(fromServer.includes('server/src/protocol.ts'), 'the client uses the language-server protocol file');
  });

  it('the check catches a bundle that imports the core or yaml', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlops-boundary-'));
    try {
      const entry = join(dir, 'entry.ts');
      writeFileSync(entry, [
        `import { isPipelineSpec } from ${JSON.stringify(join(ROOT, 'server/src/core/pipeline/detect'))};`,
        `import { COMMANDS } from ${JSON.stringify(join(ROOT, 'server/src/cliProtocol'))};`,
        "import { parse } from 'yaml';",
        'export const x = [isPipelineSpec, COMMANDS, parse];',
      ].join('\n'));
      const r = await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', write: false, metafile: true,
        absWorkingDir: ROOT, outfile: join(dir, 'out.js'), nodePaths: [join(ROOT, 'node_modules')], logLevel: 'silent' });
      const output = Object.keys(r.metafile.outputs).find((o) => o.endsWith('out.js'))!;
      const found = engineModules(r.metafile, output);
      assert.ok(found.includes('server/src/core/pipeline/detect.ts'), found.join(', '));
      assert.ok(found.some((p) => p.includes('node_modules/yaml/')), found.join(', '));
      assert.ok(!found.includes('server/src/cliProtocol.ts'), 'the protocol file is allowed');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('client sources import from server/src only the protocol files (type imports included)', () => {
    const clientDir = join(ROOT, 'client', 'src');
    const offenders = sources(clientDir).flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return [...text.matchAll(/from\s+'([^']+)'/g)]
        .map((m) => m[1]!)
        .filter((spec) => spec.startsWith('.'))
        .map((spec) => relative(ROOT, resolve(file, '..', spec)).replace(/\\/g, '/'))
        .filter((p) => p.startsWith('server/') && !PROTOCOLS.has(`${p}.ts`))
        .map((p) => `${relative(ROOT, file)} -> ${p}`);
    });
    assert.deepEqual(offenders, []);
  });

  it('COMMANDS in cliProtocol.ts are exactly the commands package.json contributes', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: { commands: Array<{ command: string }> } };
    assert.deepEqual(Object.values(COMMANDS).sort(), pkg.contributes.commands.map((c) => c.command).sort());
  });
});
