/**
 * Whether to offer adding `.mlops/` to .gitignore: the engine's working state (runs, cache, logs) is
 * written under `.mlops/` of a folder, and in a git repository that does not ignore it Source Control
 * fills with untracked files after one sweep. Asked of git itself (`git check-ignore`), so every
 * ignore source counts: parent .gitignore files, .git/info/exclude, core.excludesFile. No `vscode`
 * import: unit-tested on real temporary repositories.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What git says of `.mlops/` in a folder. */
export type MlopsIgnoreState = 'ignored' | 'not-ignored' | 'not-a-repo' | 'no-git';

/** The line added to .gitignore. */
export const IGNORE_LINE = '.mlops/';

/** `git check-ignore -q -- .mlops/`, run in the folder. Exit 0: ignored, 1: not ignored, 128: not a repository. */
export function checkIgnoreArgs(): string[] {
  return ['check-ignore', '-q', '--', IGNORE_LINE];
}

/** Reads git's exit code (or the spawn error) as a state. */
export function ignoreStateOf(code: number | null, spawnError?: NodeJS.ErrnoException): MlopsIgnoreState {
  if (spawnError?.code === 'ENOENT') return 'no-git';
  if (code === 0) return 'ignored';
  if (code === 1) return 'not-ignored';
  return 'not-a-repo';
}

/** Asks git whether `.mlops/` is ignored in `folder`. */
export function mlopsIgnoreState(folder: string, git = 'git'): Promise<MlopsIgnoreState> {
  return new Promise((resolve) => {
    execFile(git, checkIgnoreArgs(), { cwd: folder, timeout: 10_000 }, (err) => {
      const e = err as (NodeJS.ErrnoException & { code?: number | string }) | null;
      if (!e) return resolve('ignored');
      resolve(ignoreStateOf(typeof e.code === 'number' ? e.code : null, typeof e.code === 'string' ? e : undefined));
    });
  });
}

/** The text of a .gitignore with `.mlops/` added on its own line (kept as it is when present). */
export function withIgnoreLine(existing: string | undefined): string {
  const text = existing ?? '';
  if (text.split(/\r?\n/).some((l) => l.trim() === IGNORE_LINE || l.trim() === '.mlops')) return text;
  const sep = text === '' || text.endsWith('\n') ? '' : '\n';
  return `${text}${sep}# MLOps Workbench: runs, stage cache and logs of this machine\n${IGNORE_LINE}\n`;
}

/** Adds `.mlops/` to the folder's .gitignore (created when absent); returns its path. */
export function addMlopsIgnore(folder: string): string {
  const path = join(folder, '.gitignore');
  let existing: string | undefined;
  try { existing = readFileSync(path, 'utf8'); } catch { existing = undefined; }
  const next = withIgnoreLine(existing);
  if (next !== existing) writeFileSync(path, next);
  return path;
}
