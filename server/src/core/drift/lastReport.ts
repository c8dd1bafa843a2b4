/**
 * The last drift report of each spec, kept under the spec's `.mlops/drift/<spec file>/last.json` so the
 * editor shows it after a reload (the CLI writes it; the editor only reads it). Written atomically:
 * a reader never sees half a report, and a failed write leaves the previous one.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { LAST_DRIFT_REPORT, type LastDriftReport } from '../../cliProtocol';
import { writeFileAtomic } from '../files';
import type { DriftReport } from './model';

/** Where the last report of `specPath` is kept. */
export function lastDriftReportPath(specPath: string): string {
  const spec = resolve(specPath);
  return join(dirname(spec), LAST_DRIFT_REPORT.folder, basename(spec), LAST_DRIFT_REPORT.file);
}

/** Keeps `report` as the last drift report of `specPath`; returns the file written. Throws the file system's error. */
export function saveLastDriftReport(specPath: string, report: DriftReport, at = new Date()): string {
  const path = lastDriftReportPath(specPath);
  mkdirSync(dirname(path), { recursive: true });
  const kept: LastDriftReport = { specPath: resolve(specPath), generatedAt: at.toISOString(), report };
  writeFileAtomic(path, `${JSON.stringify(kept, null, 2)}\n`);
  return path;
}

/** The kept last report of `specPath`, or null when there is none or it is not a report (a hand-edited file). */
export function readLastDriftReport(specPath: string): LastDriftReport | null {
  const path = lastDriftReportPath(specPath);
  if (!existsSync(path)) return null;
  try {
    const kept = JSON.parse(readFileSync(path, 'utf8')) as Partial<LastDriftReport>;
    const ok = typeof kept.generatedAt === 'string' && typeof kept.specPath === 'string' && Array.isArray(kept.report?.features);
    return ok ? (kept as LastDriftReport) : null;
  } catch {
    return null;
  }
}
