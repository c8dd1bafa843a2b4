/**
 * The last drift report `mlops drift --spec` kept for each spec (.mlops/drift/<spec file>/last.json),
 * read back so the Drift view shows the latest one after a window reload.
 */
import * as vscode from 'vscode';
import { LAST_DRIFT_REPORT, type LastDriftReport } from '../../../server/src/cliProtocol';

function isKept(v: unknown): v is LastDriftReport {
  const k = v as Partial<LastDriftReport> | null;
  return typeof k === 'object' && k !== null && typeof k.specPath === 'string' && typeof k.generatedAt === 'string'
    && Array.isArray(k.report?.features);
}

async function read(uri: vscode.Uri): Promise<LastDriftReport | null> {
  try {
    const kept: unknown = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
    return isKept(kept) ? kept : null;
  } catch {
    return null; // removed meanwhile, or not a report: as if none was kept
  }
}

/** The most recent kept report in the workspace, or null. */
export async function latestKeptDriftReport(): Promise<LastDriftReport | null> {
  // `.mlops` is often excluded from search and Git; the pattern is narrow enough to search without excludes.
  const files = await vscode.workspace.findFiles(`**/${LAST_DRIFT_REPORT.folder}/*/${LAST_DRIFT_REPORT.file}`, null, 200);
  const kept = (await Promise.all(files.map(read))).filter((k): k is LastDriftReport => k !== null);
  return kept.sort((a, b) => b.generatedAt.localeCompare(a.generatedAt))[0] ?? null;
}
