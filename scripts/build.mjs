// Bundles the extension client, the language server, the CLI, worker entry points and one bundle per
// webview with esbuild. Native and wasm-loading packages stay external: they find their binaries
// relative to their own folder in node_modules.
import * as esbuild from 'esbuild';
import { readdirSync, readFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeRuleIndexes } from './ruleIndex.mjs';

const watch = process.argv.includes('--watch');
const nodeExternals = ['vscode', '@duckdb/node-api', '@duckdb/node-bindings', '@tensorflow/tfjs-node',
  '@tensorflow/tfjs', '@tensorflow/tfjs-core', '@tensorflow/tfjs-layers', '@tensorflow/tfjs-backend-cpu',
  '@tensorflow/tfjs-backend-wasm'];

const common = { bundle: true, sourcemap: 'linked', logLevel: 'warning', target: 'node20' };

/**
 * Replaces server/src/core/pipeline/precompiledValidator.ts with Ajv's standalone code for the pipeline
 * schema, compiled with the options schema.ts uses: the server and the CLI skip compiling it at start.
 */
const precompiledValidator = {
  name: 'precompiled-pipeline-validator',
  setup(build) {
    build.onLoad({ filter: /[\\/]core[\\/]pipeline[\\/]precompiledValidator\.ts$/ }, async () => {
      const { default: Ajv2020 } = await import('ajv/dist/2020.js');
      const { default: standaloneCode } = await import('ajv/dist/standalone/index.js');
      const options = JSON.parse(readFileSync('server/src/core/pipeline/ajvOptions.json', 'utf8'));
      const schema = JSON.parse(readFileSync('schemas/pipeline.schema.json', 'utf8'));
      const ajv = new Ajv2020({ ...options, code: { source: true } });
      return { contents: standaloneCode(ajv, ajv.compile(schema)), loader: 'js', resolveDir: process.cwd() };
    });
  },
};

function dirEntries(dir, outDir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
    .map((e) => ({ in: join(dir, e.name), out: join(outDir, e.name.replace(/\.ts$/, '')) }));
}

/**
 * The CLI in pieces: dist/cli.js holds the command table and dispatch, dist/cli/<command>.js each command,
 * dist/cli/chunk-*.js the modules commands share; a command loads only its own pieces, so `mlops --help`
 * loads no engine and `mlops status` neither DuckDB nor prom-client nor TensorFlow. esbuild splits code
 * only in ESM, and Node 20 spends ~20 ms starting its ESM loader (a tenth of the status budget): so the
 * split is built as ESM into a scratch folder, then each file becomes CommonJS (imports between pieces
 * become require() calls, source maps are carried through) and the scratch folder goes.
 */
const CLI_ESM = 'dist/.cli-esm';
const cliToCommonJs = {
  name: 'cli-to-commonjs',
  setup(build) {
    build.onStart(() => rmSync(CLI_ESM, { recursive: true, force: true }));
    build.onEnd(async (result) => {
      if (result.errors.length > 0) return;
      // esbuild gives a dynamically imported CommonJS package a piece exporting `default` only, so
      // `const { x } = await import('pkg')` would find no `x`: import it statically from a module of
      // ours and import that module dynamically instead (see core/stages/lockYaml.ts).
      const cjs = Object.values(result.metafile.outputs).filter((o) => o.entryPoint?.startsWith('node_modules/'));
      if (cjs.length > 0) {
        throw new Error(`the CLI imports CommonJS packages dynamically: ${cjs.map((o) => o.entryPoint).join(', ')}; import them statically from a module of ours and import that module dynamically`);
      }
      rmSync('dist/cli', { recursive: true, force: true });
      const files = Object.keys(result.metafile.outputs).filter((f) => f.endsWith('.js'));
      await esbuild.build({ entryPoints: files, outbase: CLI_ESM, outdir: 'dist', format: 'cjs', platform: 'node',
        target: 'node20', supported: { 'dynamic-import': false }, sourcemap: 'linked', logLevel: 'warning' });
      rmSync(CLI_ESM, { recursive: true, force: true });
    });
  },
};

const cliBuild = {
  ...common, platform: 'node', format: 'esm', splitting: true, external: nodeExternals, metafile: true,
  entryPoints: [{ in: 'server/src/cli.ts', out: 'cli' }, ...dirEntries('server/src/cli/commands', 'cli')
    .filter((e) => !/[\\/](index|about)\.ts$/.test(e.in))],
  outdir: CLI_ESM, chunkNames: 'cli/[name]-[hash]', banner: { js: '#!/usr/bin/env node' },
  plugins: [precompiledValidator, cliToCommonJs],
};

function webviewEntries() {
  const root = 'webviews/src';
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(root, e.name, 'main.ts')))
    .map((e) => ({ in: join(root, e.name, 'main.ts'), out: e.name }));
}

// The client's metafile (dist/extension.meta.json) lists every module in the bundle: the boundary test
// (test/client/boundary.test.ts) fails when engine code gets in.
const CLIENT_META = 'dist/extension.meta.json';
const builds = [
  { ...common, platform: 'node', format: 'cjs', external: nodeExternals, metafile: true,
    entryPoints: [{ in: 'client/src/extension.ts', out: 'extension' }], outdir: 'dist' },
  { ...common, platform: 'node', format: 'cjs', external: nodeExternals,
    entryPoints: [{ in: 'server/src/server.ts', out: 'server' }, ...dirEntries('server/src/workers', 'workers')],
    outdir: 'dist', banner: { js: '#!/usr/bin/env node' }, plugins: [precompiledValidator] },
  cliBuild,
  { ...common, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: webviewEntries(),
    outdir: 'dist/webviews', loader: { '.css': 'css' } },
].filter((b) => b.entryPoints.length > 0);

writeRuleIndexes();
mkdirSync('dist', { recursive: true });
if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
  console.log('watching for changes');
} else {
  const results = await Promise.all(builds.map((b) => esbuild.build(b)));
  writeFileSync(CLIENT_META, JSON.stringify(results[0].metafile));
}
