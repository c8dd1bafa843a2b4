import type { Connection } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { CoreDocument, LanguageService } from '../core/languageService';
import { guardedValidate } from '../core/validation/guard';
import { ValidatedNotification } from '../protocol';
import type { ServerHost } from './host';

/**
 * Validates open documents after edits (debounced per document), publishes diagnostics, and keeps the
 * map of which documents depend on which files (a pipeline on its contracts) to re-validate them.
 */
export class Validator {
  debounceMs = 100;
  private timers = new Map<string, NodeJS.Timeout>();
  private dependents = new Map<string, Set<string>>();

  constructor(
    private readonly connection: Connection,
    private readonly host: ServerHost,
    private readonly serviceFor: (doc: CoreDocument) => LanguageService | undefined,
    private readonly getDoc: (uri: string) => TextDocument | undefined,
    private readonly toCore: (doc: TextDocument) => CoreDocument,
  ) {}

  schedule(uri: string, delay = this.debounceMs): void {
    clearTimeout(this.timers.get(uri));
    if (delay <= 0) { this.timers.delete(uri); setImmediate(() => this.run(uri)); return; }
    this.timers.set(uri, setTimeout(() => { this.timers.delete(uri); this.run(uri); }, delay));
  }

  /**
   * Re-validates open documents that read the file at `path` (e.g. pipelines linking a contract).
   * No cache is dropped here: an open document is read from its buffer, a closed one by modification
   * time; only watched-file events (created, deleted) clear the cached answers.
   */
  scheduleDependents(path: string): void {
    for (const uri of this.dependents.get(path) ?? []) this.schedule(uri);
  }

  forget(uri: string): void {
    this.prepared.delete(uri);
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    for (const set of this.dependents.values()) set.delete(uri);
  }

  private run(uri: string): void {
    const doc = this.getDoc(uri);
    if (!doc) return;
    const started = performance.now();
    const core = this.toCore(doc);
    const service = this.serviceFor(core);
    let diagnostics: Diagnostic[] = [];
    if (service) {
      const result = guardedValidate(service, core, this.host);
      diagnostics = result.diagnostics;
      if (result.error) this.connection.console.error(`Validation of ${uri} failed: ${(result.error as Error).stack ?? String(result.error)}`);
      try {
        if (service.dependencies) this.track(uri, service.dependencies(core, this.host));
      } catch (e) {
        // Without its dependencies the document is only re-checked when it changes itself.
        this.connection.console.error(`Finding the files ${uri} depends on failed: ${(e as Error).stack ?? String(e)}`);
      }
    }
    void this.connection.sendDiagnostics({ uri, version: doc.version, diagnostics });
    if (service?.prepare) this.prepare(service, core, uri, doc.version);
    const count = (s: DiagnosticSeverity) => diagnostics.filter((d) => d.severity === s).length;
    void this.connection.sendNotification(ValidatedNotification, {
      uri, version: doc.version, errors: count(DiagnosticSeverity.Error), warnings: count(DiagnosticSeverity.Warning),
      millis: Math.round((performance.now() - started) * 100) / 100,
    });
  }

  /** The version of each document last validated again after its preparation (once per version, so never a loop). */
  private prepared = new Map<string, number>();

  /** Runs the service's slow preparation after the diagnostics went out; validates again if it learned anything. */
  private prepare(service: LanguageService, core: CoreDocument, uri: string, version: number): void {
    service.prepare!(core, this.host).then(
      (changed) => {
        if (!changed || this.getDoc(uri)?.version !== version || this.prepared.get(uri) === version) return;
        this.prepared.set(uri, version);
        this.schedule(uri, 0);
      },
      (e: unknown) => this.connection.console.error(`Preparing ${uri} failed: ${(e as Error).stack ?? String(e)}`),
    );
  }

  private track(uri: string, deps: string[]): void {
    for (const set of this.dependents.values()) set.delete(uri);
    for (const d of deps) {
      if (!this.dependents.has(d)) this.dependents.set(d, new Set());
      this.dependents.get(d)!.add(uri);
    }
  }
}
