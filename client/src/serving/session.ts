/**
 * The `mlops serve` child process of this window: started by "MLOps: Serve Model", stopped by "Stop
 * Serving" (SIGINT: requests in flight finish, the log is written). Once its first line names the
 * URL, /mlops/status is polled about once a second for the Serving view and the status bar.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ServingStatus } from '../../../webviews/src/protocol';
import type { MlopsContext } from '../context';
import { firstErrorLine, startCli, type CliProcess } from '../jobs/cliProcess';
import { listeningUrl, serveArgs, type ServeChoice } from './servingArgs';

export type SessionState =
  | { kind: 'stopped'; message?: string }
  | { kind: 'starting'; choice: ServeChoice }
  | { kind: 'serving'; choice: ServeChoice; url: string; status?: ServingStatus };

export class ServingSession implements vscode.Disposable {
  private proc: CliProcess | undefined;
  private timer: NodeJS.Timeout | undefined;
  private current: SessionState = { kind: 'stopped' };
  private readonly changed = new vscode.EventEmitter<SessionState>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly ctx: MlopsContext) {}

  get state(): SessionState {
    return this.current;
  }

  private set(state: SessionState): void {
    this.current = state;
    void vscode.commands.executeCommand('setContext', 'mlops.serving', state.kind !== 'stopped');
    this.changed.fire(state);
  }

  /** Starts the server; resolves once it listens (or failed to start). */
  async start(choice: ServeChoice): Promise<boolean> {
    await this.stop();
    this.set({ kind: 'starting', choice });
    let resolveStarted!: (url: string | undefined) => void;
    const started = new Promise<string | undefined>((r) => { resolveStarted = r; });
    const args = serveArgs(choice);
    this.ctx.output.appendLine(`$ mlops ${args.join(' ')}   (in ${choice.workspace})`);
    const proc = startCli({
      cliPath: this.ctx.extension.asAbsolutePath(path.join('dist', 'cli.js')), nodePath: this.ctx.config().nodePath, args, cwd: choice.workspace,
      onLog: (line) => {
        this.ctx.output.appendLine(line);
        const url = listeningUrl(line);
        if (url) resolveStarted(url);
      },
    });
    this.proc = proc;
    void proc.result.then((r) => {
      resolveStarted(undefined);
      if (this.proc !== proc) return;
      this.proc = undefined;
      this.stopPolling();
      const message = r.cancelled || r.code === 0 ? 'Stopped.' : `mlops serve exited (${r.code}): ${firstErrorLine(r.stderr)}`;
      this.set({ kind: 'stopped', message });
      if (!r.cancelled && r.code !== 0) this.ctx.showError(`MLOps: ${message}`);
    });
    const url = await started;
    if (!url || this.proc !== proc) return false;
    this.set({ kind: 'serving', choice, url });
    this.poll();
    return true;
  }

  private poll(): void {
    this.stopPolling();
    this.timer = setInterval(() => void this.refresh(), 1000);
    void this.refresh();
  }

  private stopPolling(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Reads /mlops/status once. */
  async refresh(): Promise<void> {
    const s = this.current;
    if (s.kind !== 'serving') return;
    try {
      const res = await fetch(`${s.url}/mlops/status`);
      if (res.ok && this.current === s) this.set({ ...s, status: (await res.json()) as ServingStatus });
    } catch {
      // The server is stopping or busy; the next poll tries again.
    }
  }

  /** Stops the server (SIGINT) and waits for it to exit. */
  async stop(): Promise<void> {
    const proc = this.proc;
    if (!proc) return;
    this.stopPolling();
    proc.cancel();
    await proc.result;
  }

  dispose(): void {
    this.stopPolling();
    this.proc?.cancel();
    this.changed.dispose();
  }
}
