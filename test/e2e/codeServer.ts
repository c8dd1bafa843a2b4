/**
 * code-server 4.100.3 (VS Code 1.100.3) as a real editor for the end-to-end tests: installed by
 * install-code-server.sh into a cache folder, started isolated (own user data, extensions and XDG
 * folders, no auth, no telemetry, no update checks) in its own process group, and stopped as a group
 * (the extension host and file watcher outlive the main process otherwise).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../helpers/freePort';

export const CODE_SERVER_VERSION = '4.100.3';
export const CODE_SERVER_DIR = process.env.MLOPS_CODE_SERVER_DIR ?? join(homedir(), '.cache', 'mlops-workbench', 'code-server');
const BIN = join(CODE_SERVER_DIR, 'node_modules', '.bin', 'code-server');

/** Why code-server cannot be used here, or null. */
export function codeServerMissing(): string | null {
  if (!existsSync(BIN)) return `code-server is not installed in ${CODE_SERVER_DIR} (run test/e2e/install-code-server.sh; .ci/run does)`;
  return null;
}

/**
 * A fresh set of isolated folders for one editor session. `restricted`: workspace trust is on and
 * folders open in Restricted Mode without asking (a user who chose "Don't Trust").
 */
export function sessionDirs(o: { restricted?: boolean } = {}, root = mkdtempSync(join(tmpdir(), 'mlops-cs-'))) {
  const dirs = { root, user: join(root, 'user'), extensions: join(root, 'extensions'), xdg: join(root, 'xdg'), restricted: !!o.restricted };
  mkdirSync(join(dirs.user, 'User'), { recursive: true });
  mkdirSync(dirs.extensions, { recursive: true });
  writeFileSync(join(dirs.user, 'User', 'settings.json'), JSON.stringify({
    'security.workspace.trust.enabled': !!o.restricted, 'security.workspace.trust.startupPrompt': 'never',
    'security.workspace.trust.untrustedFiles': 'open', 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off',
    'update.mode': 'none', 'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false,
    'workbench.tips.enabled': false, 'git.enabled': false, 'editor.minimap.enabled': false,
    // Typed test input must land as typed: no suggestion may be accepted by a keystroke.
    'editor.quickSuggestions': { other: false, comments: false, strings: false }, 'editor.suggestOnTriggerCharacters': false,
    'editor.acceptSuggestionOnCommitCharacter': false, 'editor.autoClosingBrackets': 'never', 'editor.autoClosingQuotes': 'never',
  }, null, 2));
  return dirs;
}
export type SessionDirs = ReturnType<typeof sessionDirs>;

function env(dirs: SessionDirs): NodeJS.ProcessEnv {
  const x = dirs.xdg;
  return { ...process.env, XDG_CONFIG_HOME: join(x, 'config'), XDG_DATA_HOME: join(x, 'data'), XDG_CACHE_HOME: join(x, 'cache'),
    XDG_STATE_HOME: join(x, 'state') };
}

/** Installs a VSIX the way a user does (`--install-extension`); throws with code-server's output on failure. */
export function installVsix(vsix: string, dirs: SessionDirs): void {
  const r = spawnSync(BIN, ['--user-data-dir', dirs.user, '--extensions-dir', dirs.extensions, '--install-extension', vsix],
    { env: env(dirs), encoding: 'utf8' });
  if (r.status !== 0 || !/successfully installed/.test(r.stdout)) {
    throw new Error(`installing ${vsix} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
}


export interface RunningCodeServer {
  base: string;
  authority: string;
  /** Workbench URL opening `folder`, with an optional `payload` (extension development/tests). */
  url(folder: string, payload?: Array<[string, string]>): string;
  output(): string;
  stop(): Promise<void>;
}

/** Starts code-server in its own process group and waits for /healthz. */
export async function startCodeServer(dirs: SessionDirs): Promise<RunningCodeServer> {
  const port = await freePort();
  let log = '';
  const child: ChildProcess = spawn(BIN, ['--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry',
    '--disable-update-check', ...(dirs.restricted ? [] : ['--disable-workspace-trust']), '--disable-getting-started-override',
    '--user-data-dir', dirs.user, '--extensions-dir', dirs.extensions], { env: env(dirs), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d: Buffer) => { log += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { log += d.toString(); });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited at start:\n${log}`);
    const ok = await fetch(`${base}/healthz`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`code-server did not answer on ${base}:\n${log}`);
    await new Promise((r) => setTimeout(r, 100)); // polling a socket that is not listening yet; no event to wait on
  }
  return {
    base,
    authority: `127.0.0.1:${port}`,
    url(folder, payload) {
      const p = payload ? `&payload=${encodeURIComponent(JSON.stringify(payload))}` : '';
      return `${base}/?folder=${encodeURIComponent(folder)}${p}`;
    },
    output: () => log,
    async stop() {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        return;
      }
      const timer = setTimeout(() => { try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* gone */ } }, 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
