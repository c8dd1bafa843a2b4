/**
 * What answers for one alias (or one pinned version): the current Deployment, and the background
 * work that follows the alias. When it moves, the new version is loaded and warmed while the old one
 * keeps answering, then `current` is replaced in one assignment (requests take the deployment they
 * start with, so those in flight finish on the old one, which is freed after them).
 */
import { aliasSource, type AliasSource } from './aliasWatch';
import type { BatchOptions } from './batcher';
import { Deployment, warmUp } from './deployment';
import { loadVersion, type Scores } from './model';
import { resolveModelRef, type ModelRef } from './reference';

/** One entry of the version timeline (shown by the editor's Serving view and /mlops/status). */
export interface SlotEvent {
  at: string;
  alias: string | null;
  event: 'loaded' | 'swapped' | 'load-failed';
  version: number;
  from?: number;
  /** Load and warm-up time. */
  ms?: number;
  error?: string;
}

export interface SlotOptions {
  workspace: string;
  ref: ModelRef;
  batch: BatchOptions;
  /** How often the alias is checked, in ms (a few stat calls). */
  pollMs: number;
  env?: NodeJS.ProcessEnv;
  onEvent?: (e: SlotEvent) => void;
  onBatch?: (d: Deployment, s: Scores) => void;
}

export class ModelSlot {
  current: Deployment | undefined;
  readonly events: SlotEvent[] = [];
  private source: AliasSource | undefined;
  private fingerprint = '';
  private timer: NodeJS.Timeout | undefined;
  private loading: Promise<void> | undefined;
  private failedVersion: number | undefined;

  constructor(private readonly o: SlotOptions) {}

  get alias(): string | null {
    return this.o.ref.alias ?? null;
  }

  /** Loads the version the reference names now (refusing like resolveModelRef), then follows the alias. */
  async start(): Promise<void> {
    const resolved = resolveModelRef(this.o.workspace, this.o.ref);
    if (this.o.ref.alias) {
      this.source = await aliasSource(this.o.workspace, this.o.ref.model, this.o.ref.alias, this.o.env);
      this.fingerprint = this.source.fingerprint();
      const target = await this.source.resolve();
      if (target) resolved.version = target.version;
    }
    await this.swapTo(resolved.version, 'loaded');
    if (this.source) this.schedule();
  }

  private schedule(): void {
    this.timer = setTimeout(() => { void this.check().finally(() => { if (this.timer) this.schedule(); }); }, this.o.pollMs);
    this.timer.unref();
  }

  /** Checks once whether the alias moved (tests and the poll call it); resolves when any swap is done. */
  async check(): Promise<void> {
    if (!this.source || this.loading) return this.loading;
    const fp = this.source.fingerprint();
    if (fp === this.fingerprint) return;
    let target;
    try {
      target = await this.source.resolve();
    } catch (e) {
      this.record({ event: 'load-failed', version: this.current?.version ?? 0, error: (e as Error).message });
      this.fingerprint = fp;
      return;
    }
    this.fingerprint = fp;
    if (!target || target.version === this.current?.version) return;
    this.loading = this.swapTo(target.version, 'swapped').catch((e: Error) => {
      // Forget the fingerprint so the next poll retries (e.g. a pull that had not yet written the
      // folder); the failure is reported once per version, not at every retry.
      this.fingerprint = '';
      if (this.failedVersion !== target.version) this.record({ event: 'load-failed', version: target.version, error: e.message });
      this.failedVersion = target.version;
    }).finally(() => { this.loading = undefined; });
    return this.loading;
  }

  private async swapTo(version: number, event: 'loaded' | 'swapped'): Promise<void> {
    const started = performance.now();
    const resolved = resolveModelRef(this.o.workspace, { model: this.o.ref.model, version });
    const loaded = await loadVersion(this.o.workspace, resolved);
    const next = new Deployment(loaded, this.o.batch, this.o.onBatch);
    try {
      await warmUp(loaded, this.o.batch.maxBatch);
    } catch (e) {
      loaded.dispose();
      throw e;
    }
    const old = this.current;
    this.current = next;
    old?.retire();
    this.failedVersion = undefined;
    this.record({ event, version, ...(old ? { from: old.version } : {}), ms: Math.round(performance.now() - started) });
  }

  private record(e: Omit<SlotEvent, 'at' | 'alias'>): void {
    const full: SlotEvent = { at: new Date().toISOString(), alias: this.alias, ...e };
    this.events.push(full);
    if (this.events.length > 200) this.events.shift();
    this.o.onEvent?.(full);
  }

  /** Whether the last attempt to load a version failed (and which), for /mlops/status. */
  get lastFailure(): number | undefined {
    return this.failedVersion;
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.source?.close();
    this.current?.retire();
  }
}
