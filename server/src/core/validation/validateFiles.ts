import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import { diskHost } from '../host';
import { createServices } from '../documentKinds';

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

/** Expands the CLI's path arguments: files as given, folders searched for YAML files. */
export function expandPaths(cwd: string, args: string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  for (const a of args.length ? args : ['.']) {
    const abs = resolve(cwd, a);
    let st;
    try { st = statSync(abs); } catch { missing.push(a); continue; }
    if (st.isDirectory()) walk(abs, files);
    else files.push(abs);
  }
  return { files: [...new Set(files)].sort(), missing };
}

/**
 * Validates files with whichever service accepts each. Files found in folders that no service accepts
 * are skipped; files named explicitly but not understood are reported in `skipped`.
 */
export function validateFiles(files: string[], roots: string[]): { results: FileDiagnostics[]; skipped: string[] } {
  const host = diskHost(roots);
  const services = createServices();
  const results: FileDiagnostics[] = [];
  const skipped: string[] = [];
  for (const path of files) {
    const text = host.readText(path);
    const service = text === undefined ? undefined : services.find((s) => s.accepts(path, text));
    if (!service || text === undefined) { skipped.push(path); continue; }
    results.push({ path, diagnostics: service.validate({ uri: pathToFileURL(path).toString(), path, text, version: 0 }, host) });
  }
  return { results, skipped };
}
