import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UserError, type CliIO } from './io';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses a command's arguments strictly; an unknown flag or a missing value becomes a UserError that
 * names the command and its usage, so the user sees what to type instead of a stack trace.
 */
export type ParsedArgs = { values: Record<string, string | boolean | Array<string | boolean> | undefined>; positionals: string[] };

export function parseCommandArgs(command: string, usage: string, args: string[], options: Options): ParsedArgs {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true }) as ParsedArgs;
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new UserError(`mlops ${command}: ${reason}\nusage: ${usage}`);
  }
}

/** Reads `--format`, allowing only the given values. */
export function formatOption<F extends string>(command: string, value: unknown, allowed: readonly F[], fallback: F): F {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as F;
  throw new UserError(`mlops ${command}: --format must be one of ${allowed.join(', ')} (got "${String(value)}")`);
}

/**
 * `--workspace`: the folder holding `.mlops/` (a spec file given instead stands for its folder), else
 * `fallback`. A path that does not exist is a UserError, so a typo never records runs somewhere new.
 */
export function workspaceOption(io: CliIO, value: unknown, fallback: string = io.cwd): string {
  if (value === undefined) return fallback;
  const p = resolve(io.cwd, String(value));
  if (!existsSync(p)) throw new UserError(`--workspace ${String(value)}: no such file or folder`);
  return statSync(p).isDirectory() ? p : dirname(p);
}
