import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import { diskHost } from '../host';
import { createServices } from '../documentKinds';
import { notAFile, readTextFile } from '../textFile';
import { guardedValidate } from './guard';

export interface FileDiagnostics {
  /** Absolute path. */
  path: string;
  diagnostics: Diagnostic[];
}

const SKIP = new Set(['node_modules', '.git', '.mlops', 'dist', '.tsbuild']);

function walk(dir: string, out: string[]): void {
  let entries;
  try { entries = readdirSync(dir, { withFileTypes: true }); } catch { return; }
  for (const e of entries) {
    if (e.isDirectory() && !SKIP.has(e.name) && !e.name.startsWith('.')) walk(join(dir, e.name), out);
    else if (e.isFile() && /\.ya?ml$/i.test(e.name)) out.push(join(dir, e.name));
  }
}

/** A path the user named that cannot be read as a text file, and why ("is a device, not a file"). */
export interface Unreadable {
  path: string;
  reason: string;
}

/**
 * Expands the CLI's path arguments: files as given, folders searched for YAML files. A named path that
 * is neither (a FIFO, a device) is `refused` with the reason, found by stat, which does not block.
 */
export function expandPaths(cwd: string, args: string[]): { files: string[]; missing: string[]; refused: Unreadable[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const refused: Unreadable[] = [];
  for (const a of args.length ? args : ['.']) {
    const abs = resolve(cwd, a);
    let st;
    try { st = statSync(abs); } catch { missing.push(a); continue; }
    if (st.isDirectory()) walk(abs, files);
    else if (st.isFile()) files.push(abs);
    else refused.push({ path: a, reason: notAFile(st)! });
  }
  return { files: [...new Set(files)].sort(), missing, refused };
}

/**
 * Validates files with whichever service accepts each. Files that no service accepts are `skipped`;
 * files that cannot be read (too large, replaced by a device since they were listed) are `unreadable`.
 * A validation that throws gives the file a `validation-failed` diagnostic: never a clean result.
 */
export function validateFiles(files: string[], roots: string[]): { results: FileDiagnostics[]; skipped: string[]; unreadable: Unreadable[] } {
  const host = diskHost(roots);
  const services = createServices();
  const results: FileDiagnostics[] = [];
  const skipped: string[] = [];
  const unreadable: Unreadable[] = [];
  for (const path of files) {
    const read = readTextFile(path);
    if ('error' in read) { unreadable.push({ path, reason: read.error }); continue; }
    const { text } = read;
    const service = services.find((s) => s.accepts(path, text));
    if (!service) { skipped.push(path); continue; }
    const doc = { uri: pathToFileURL(path).toString(), path, text, version: 0 };
    results.push({ path, diagnostics: guardedValidate(service, doc, host, Infinity).diagnostics });
  }
  return { results, skipped, unreadable };
}

/**
 * validateFiles after each service's slow preparation (a contract's SQL parsed by DuckDB), so the
 * answer is complete: what the editor shows once it has settled. For the CLI.
 */
export async function validateFilesPrepared(files: string[], roots: string[]): Promise<ReturnType<typeof validateFiles>> {
  const host = diskHost(roots);
  const services = createServices();
  for (const path of files) {
    const read = readTextFile(path);
    if ('error' in read) continue;
    const service = services.find((s) => s.accepts(path, read.text));
    // A preparation that fails leaves its checks to validate, which reports what it can.
    await service?.prepare?.({ uri: pathToFileURL(path).toString(), path, text: read.text, version: 0 }, host).catch(() => false);
  }
  return validateFiles(files, roots);
}
