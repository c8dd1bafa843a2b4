/**
 * `mlops serve`: one model (its primary alias and an optional shadow alias) over node:http, speaking
 * the Open Inference Protocol v2 and KServe v1, with Prometheus metrics, a prediction log and
 * seamless swaps when an alias moves. Requests are handled in http/routes.ts; this file owns state
 * and lifecycle.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleRequest } from './http/routes';
import { LiveStats } from './liveStats';
import { createMetrics, type ServingMetrics } from './metrics';
import type { ServeOptions } from './options';
import { PredictionLog } from './predictionLog';
import { ShadowQueue, type ShadowResult } from './shadow';
import { ModelSlot, type SlotEvent } from './slot';
import { plainArray, type Scores } from './model';

/** Shadow agreement so far, per pair of versions. */
export interface Agreement { version: number; shadowVersion: number; rows: number; agreed: number; labelRows: number; absDiffSum: number; diffRows: number }

export class ServingServer {
  readonly primary: ModelSlot;
  readonly shadow: ModelSlot | undefined;
  metrics!: ServingMetrics;
  log!: PredictionLog;
  shadowQueue: ShadowQueue | undefined;
  readonly live = new LiveStats();
  readonly agreement = new Map<string, Agreement>();
  readonly startedAt = new Date();
  private http: Server | undefined;
  private closing = false;
  private requestSeq = 0;

  constructor(readonly options: ServeOptions, private readonly onEvent: (e: SlotEvent, role: 'primary' | 'shadow') => void = () => {}) {
    const common = { workspace: options.workspace, batch: options.batch, pollMs: options.pollMs, ...(options.env ? { env: options.env } : {}) };
    const primaryRef = options.version !== undefined ? { model: options.model, version: options.version } : { model: options.model, alias: options.alias };
    this.primary = new ModelSlot({ ...common, ref: primaryRef, onEvent: (e) => this.slotEvent(e, 'primary'), onBatch: (_d, s) => this.primaryBatch(s) });
    this.shadow = options.shadow ? new ModelSlot({ ...common, ref: { model: options.model, alias: options.shadow }, onEvent: (e) => this.slotEvent(e, 'shadow') }) : undefined;
  }

  get closingDown(): boolean {
    return this.closing;
  }

  /** Loads the models (refusing when a reference names nothing), then listens. Resolves with the URL. */
  async start(): Promise<string> {
    await this.primary.start();
    const loaded = this.primary.current!.loaded;
    this.metrics = createMetrics(loaded.task, loaded.card.validationPredictions?.edges, this.options.model);
    this.publishVersion(this.primary, undefined);
    await this.shadow?.start();
    if (this.shadow) {
      this.publishVersion(this.shadow, undefined);
      this.shadowQueue = new ShadowQueue(this.shadow, this.options.shadowQueue, loaded.task, (r) => this.shadowResult(r), () => this.metrics.shadowDropped.inc({ model: this.options.model }));
    }
    this.log = new PredictionLog({
      model: this.options.model, dir: this.options.log.dir, sample: this.options.log.sample, maxFileBytes: this.options.log.maxFileBytes, keepFiles: this.options.log.keepFiles,
      protectedColumns: new Set(loaded.inputs.columns.filter((c) => c.pii).map((c) => c.name)),
      onDrop: (n) => this.metrics.logDropped.inc({ model: this.options.model }, n),
    });
    this.http = createServer({ keepAliveTimeout: 65_000 }, (req, res) => { void handleRequest(this, req, res); });
    this.http.headersTimeout = 30_000;
    this.http.requestTimeout = 60_000;
    await new Promise<void>((resolve, reject) => {
      this.http!.once('error', reject);
      this.http!.listen(this.options.port, this.options.host, () => { this.http!.off('error', reject); resolve(); });
    });
    return this.url;
  }

  get url(): string {
    const a = this.http!.address() as AddressInfo;
    const host = a.family === 'IPv6' ? `[${a.address}]` : a.address;
    return `http://${host}:${a.port}`;
  }

  private readonly idPrefix = `${this.startedAt.getTime().toString(36)}-`;

  nextRequestId(): string {
    return `${this.idPrefix}${(++this.requestSeq).toString(36)}`;
  }

  private slotEvent(e: SlotEvent, role: 'primary' | 'shadow'): void {
    if (this.metrics) {
      const labels = { model: this.options.model, alias: e.alias ?? 'pinned' };
      if (e.event === 'swapped') { this.metrics.swaps.inc(labels); this.publishVersion(role === 'primary' ? this.primary : this.shadow!, e.from); }
      if (e.event === 'load-failed') this.metrics.loadFailures.inc(labels);
    }
    this.onEvent(e, role);
  }

  private publishVersion(slot: ModelSlot, from: number | undefined): void {
    const alias = slot.alias ?? 'pinned';
    if (from !== undefined) this.metrics.versionInfo.remove({ model: this.options.model, version: `v${from}`, alias });
    this.metrics.versionInfo.set({ model: this.options.model, version: `v${slot.current!.version}`, alias }, 1);
  }

  private primaryBatch(s: Scores): void {
    if (!this.metrics) return;
    this.metrics.batchRows.observe({ model: this.options.model }, s.rows);
    for (const [column, n] of s.unknown) this.metrics.unknownCategory.inc({ column }, n);
  }

  private shadowResult(r: ShadowResult): void {
    const key = `${r.job.primaryVersion}:${r.shadowVersion}`;
    const a = this.agreement.get(key) ?? { version: r.job.primaryVersion, shadowVersion: r.shadowVersion, rows: 0, agreed: 0, labelRows: 0, absDiffSum: 0, diffRows: 0 };
    a.rows += r.job.rows;
    if (r.agreed !== null) { a.agreed += r.agreed; a.labelRows += r.job.rows; }
    if (r.meanAbsDiff !== null) { a.absDiffSum += r.meanAbsDiff * r.job.rows; a.diffRows += r.job.rows; }
    this.agreement.set(key, a);
    const labels = { model: this.options.model, version: `v${a.version}`, shadow_version: `v${a.shadowVersion}` };
    if (a.labelRows) this.metrics.shadowAgreement.set(labels, a.agreed / a.labelRows);
    if (a.diffRows) this.metrics.shadowMeanAbsDiff.set(labels, a.absDiffSum / a.diffRows);
    this.metrics.shadowScored.inc({ model: this.options.model, shadow_version: `v${r.shadowVersion}` }, r.job.rows);
    if (r.job.logged) {
      this.log.write({
        type: 'shadow', t: new Date().toISOString(), id: r.job.id, model: this.options.model, version: r.job.primaryVersion, shadowVersion: r.shadowVersion,
        rows: r.job.rows, outputs: { prediction: plainArray(r.scores.prediction), ...(r.scores.label ? { label: r.scores.label } : {}) },
        agreed: r.agreed, meanAbsDiff: r.meanAbsDiff,
      });
    }
  }

  /** Stops taking requests, lets those in flight and queued shadow work finish (at most `graceMs`), writes the log. */
  async close(graceMs = 5000): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    const server = this.http;
    const closed = server ? new Promise<void>((r) => server.close(() => r())) : Promise.resolve();
    server?.closeIdleConnections();
    const deadline = new Promise<void>((r) => setTimeout(r, graceMs).unref());
    await Promise.race([Promise.all([closed, this.shadowQueue?.idle()]), deadline]);
    server?.closeAllConnections();
    this.primary.stop();
    this.shadow?.stop();
    await this.log?.flush();
  }
}
