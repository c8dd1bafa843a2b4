import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseCommandArgs, workspaceOption } from '../args';
import { EXIT_OK, UserError, type CliIO, type CliCommand } from '../io';
import { loadRunnableSpec } from '../../core/pipeline/load';
import type { PipelineSpec } from '../../core/pipeline/spec';
import { aliasProblem } from '../../core/registry/names';
import { ServingError } from '../../core/serving/errors';
import { resolveServeOptions, type ServeOptions } from '../../core/serving/options';
import { parseModelRef } from '../../core/serving/reference';
import { ServingServer } from '../../core/serving/server';
import type { SlotEvent } from '../../core/serving/slot';
import { about } from './about';

const { usage } = about.serve;

const options = {
  model: { type: 'string' }, alias: { type: 'string' }, shadow: { type: 'string' }, host: { type: 'string' }, port: { type: 'string' },
  workspace: { type: 'string' }, spec: { type: 'string' }, 'log-dir': { type: 'string' }, 'log-sample': { type: 'string' }, 'poll-ms': { type: 'string' },
  'max-batch': { type: 'string' }, 'batch-window-ms': { type: 'string' },
} as const;

/** The spec named by --spec, else the workspace's mlops.yaml when there is one (for `serving:` and `registry.model`). */
function readSpec(values: Record<string, unknown>, io: CliIO, workspace: string): PipelineSpec | undefined {
  const path = typeof values.spec === 'string' ? resolve(io.cwd, values.spec) : join(workspace, 'mlops.yaml');
  if (!existsSync(path)) {
    if (typeof values.spec === 'string') throw new UserError(`mlops serve: ${values.spec}: no such spec file`);
    return undefined;
  }
  try {
    return loadRunnableSpec(path, { shown: typeof values.spec === 'string' ? values.spec : path }).spec;
  } catch (e) {
    throw new UserError(`mlops serve: ${(e as Error).message}`);
  }
}

function numberFlag(value: unknown, flag: string, min: number, max: number, integer: boolean): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value !== 'string' || value.trim() === '' || !Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
    throw new UserError(`mlops serve: --${flag} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max} (got "${String(value)}")`);
  }
  return n;
}

/** Flags over the spec's serving block; refuses bad values with what to type. */
export function serveOptions(values: Record<string, unknown>, io: CliIO): ServeOptions {
  const workspace = workspaceOption(io, values.workspace);
  const spec = readSpec(values, io, workspace);
  const named = typeof values.model === 'string' ? values.model : spec?.serving?.model ?? spec?.registry?.model;
  if (!named) throw new UserError(`mlops serve: name the model with --model NAME (or registry.model in the spec)\nusage: ${usage}`);
  let ref;
  try {
    ref = parseModelRef(named);
  } catch (e) {
    throw new UserError(`mlops serve: ${(e as Error).message}`);
  }
  if (ref.alias !== undefined && typeof values.alias === 'string' && values.alias !== ref.alias) throw new UserError(`mlops serve: --model names alias "${ref.alias}" and --alias says "${values.alias}"; give one`);
  for (const flag of ['alias', 'shadow'] as const) {
    const problem = typeof values[flag] === 'string' ? aliasProblem(values[flag] as string) : null;
    if (problem) throw new UserError(`mlops serve: --${flag}: ${problem}`);
  }
  const serving = {
    ...spec?.serving,
    ...(values['max-batch'] !== undefined ? { maxBatch: numberFlag(values['max-batch'], 'max-batch', 1, 1_000_000, true)! } : {}),
    ...(values['batch-window-ms'] !== undefined ? { batchWindowMs: numberFlag(values['batch-window-ms'], 'batch-window-ms', 0, 1000, false)! } : {}),
  };
  return resolveServeOptions(workspace, ref.model, serving, {
    ...(typeof values.alias === 'string' || ref.alias ? { alias: (values.alias as string | undefined) ?? ref.alias } : {}),
    ...(ref.version !== undefined ? { version: ref.version } : {}),
    ...(typeof values.shadow === 'string' ? { shadow: values.shadow } : {}),
    ...(typeof values.host === 'string' ? { host: values.host } : {}),
    ...(values.port !== undefined ? { port: numberFlag(values.port, 'port', 0, 65535, true)! } : {}),
    ...(typeof values['log-dir'] === 'string' ? { logDir: resolve(io.cwd, values['log-dir']) } : {}),
    ...(values['log-sample'] !== undefined ? { logSample: numberFlag(values['log-sample'], 'log-sample', 0, 1, false)! } : {}),
    ...(values['poll-ms'] !== undefined ? { pollMs: numberFlag(values['poll-ms'], 'poll-ms', 10, 600_000, true)! } : {}),
    env: io.env,
  });
}

function describe(e: SlotEvent, role: string): string {
  const who = `${role} ${e.alias ? `(${e.alias}) ` : ''}`;
  if (e.event === 'loaded') return `${who}loaded v${e.version} in ${e.ms} ms`;
  if (e.event === 'swapped') return `${who}swapped v${e.from} -> v${e.version} (loaded and warmed in ${e.ms} ms; requests in flight finished on v${e.from})`;
  return `${who}could not load v${e.version}, still serving the previous version: ${e.error}`;
}

/** Resolves when SIGINT or SIGTERM arrives (or the CLI's own signal fires). */
function stopSignal(io: CliIO): Promise<void> {
  return new Promise((resolve) => {
    if (io.signal) io.signal.addEventListener('abort', () => resolve(), { once: true });
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

/** `mlops serve`: the model over HTTP (Open Inference Protocol v2, KServe v1, /metrics) until stopped. */
export const serveCommand: CliCommand = {
  ...about.serve,
  async run(args, io) {
    const { values } = parseCommandArgs('serve', usage, args, options);
    const opts = serveOptions(values, io);
    const server = new ServingServer(opts, (e, role) => io.err(`${describe(e, role)}\n`));
    let url: string;
    try {
      url = await server.start();
    } catch (e) {
      await server.close(0);
      if (e instanceof ServingError) throw new UserError(`mlops serve: ${e.message}`);
      if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new UserError(`mlops serve: ${opts.host}:${opts.port} is in use; pick another --port (0 picks a free one)`);
      if ((e as NodeJS.ErrnoException).code === 'EADDRNOTAVAIL') throw new UserError(`mlops serve: ${opts.host} is not an address of this machine; use --host 127.0.0.1 or 0.0.0.0`);
      throw e;
    }
    io.out(`listening on ${url}\n`);
    if (server.log.unavailable) io.err(`warning: no prediction log: ${server.log.unavailable}\n`);
    await stopSignal(io);
    io.out('stopping: finishing requests in flight\n');
    await server.close();
    return EXIT_OK;
  },
};
