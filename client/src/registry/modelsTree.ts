/**
 * The Models tree: models, their versions (with aliases), and each model's promotion history, read by
 * the language server from the registry's files. Context actions: promote, compare, open card.
 */
import * as vscode from 'vscode';
import { COMMANDS } from '../../../server/src/cliProtocol';
import { isError } from '../../../server/src/protocol';
import type { MlopsContext } from '../context';
import { headlineMetric, historyDescription, newestEventsFirst, newestVersionsFirst, versionLabel, type AliasEvent, type ModelSummary, type VersionSummary } from './modelsData';

export type ModelNode =
  | { kind: 'model'; model: ModelSummary }
  | { kind: 'version'; model: ModelSummary; version: VersionSummary }
  | { kind: 'history'; model: ModelSummary }
  | { kind: 'event'; event: AliasEvent }
  | { kind: 'message'; text: string };

export class ModelsTree implements vscode.TreeDataProvider<ModelNode>, vscode.Disposable {
  static readonly id = 'mlops.models';
  private readonly changed = new vscode.EventEmitter<ModelNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private models: Promise<ModelSummary[] | string> | null = null;

  constructor(private readonly ctx: MlopsContext) {}

  refresh(): void {
    this.models = null;
    this.changed.fire(undefined);
  }

  /** The models as last listed (loads them if needed). */
  async list(): Promise<ModelSummary[]> {
    const m = await this.load();
    return typeof m === 'string' ? [] : m;
  }

  private load(): Promise<ModelSummary[] | string> {
    this.models ??= this.read(async (root) => {
      const r = await this.ctx.engine.models(root);
      return isError(r) ? `Could not list models: ${r.error}` : newestVersionsFirst(r.models);
    });
    return this.models;
  }

  /** Reads from the registry folder, or says why nothing can be listed. */
  private async read<T>(f: (root: string) => Promise<T | string>): Promise<T | string> {
    const root = await this.ctx.runs.primaryRoot();
    if (!root) return 'Open a folder to see its models.';
    if (!vscode.workspace.isTrusted) return 'Models are listed in trusted workspaces only.';
    return f(root);
  }

  async getChildren(node?: ModelNode): Promise<ModelNode[]> {
    if (!node) {
      const models = await this.load();
      if (typeof models === 'string') return [{ kind: 'message', text: models }];
      if (models.length === 0) return [{ kind: 'message', text: 'No registered models yet: run "MLOps: Register Model Version".' }];
      return models.map((model) => ({ kind: 'model', model }));
    }
    if (node.kind === 'model') {
      return [...node.model.versions.map((version): ModelNode => ({ kind: 'version', model: node.model, version })),
        { kind: 'history', model: node.model }];
    }
    if (node.kind === 'history') {
      const r = await this.read(async (root) => {
        const h = await this.ctx.engine.modelHistory(root, node.model.name);
        return isError(h) ? `Could not read the history: ${h.error}` : newestEventsFirst(h.history);
      });
      if (typeof r === 'string') return [{ kind: 'message', text: r }];
      const events = r;
      return events.length ? events.map((event) => ({ kind: 'event', event })) : [{ kind: 'message', text: 'No promotions yet.' }];
    }
    return [];
  }

  getTreeItem(node: ModelNode): vscode.TreeItem {
    switch (node.kind) {
      case 'model': {
        const item = new vscode.TreeItem(node.model.name, vscode.TreeItemCollapsibleState.Expanded);
        const aliases = Object.entries(node.model.aliases).map(([a, v]) => `${a} → ${versionLabel(v)}`).join(', ');
        item.description = `${node.model.versions.length} version${node.model.versions.length === 1 ? '' : 's'}${aliases ? ` · ${aliases}` : ''}`;
        item.iconPath = new vscode.ThemeIcon('package');
        item.contextValue = 'mlops.model';
        item.id = `model:${node.model.name}`;
        return item;
      }
      case 'version':
        return versionItem(node);
      case 'history': {
        const item = new vscode.TreeItem('Promotion history', vscode.TreeItemCollapsibleState.Collapsed);
        item.iconPath = new vscode.ThemeIcon('history');
        item.id = `history:${node.model.name}`;
        return item;
      }
      case 'event': {
        const e = node.event;
        const item = new vscode.TreeItem(`${e.alias} → ${versionLabel(e.version)}`, vscode.TreeItemCollapsibleState.None);
        item.description = historyDescription(e);
        item.tooltip = `${e.alias} → ${versionLabel(e.version)} ${e.from !== null ? `(from ${versionLabel(e.from)})` : '(new alias)'}\n${e.at} by ${e.by}\n` +
          `reason: ${e.reason ?? 'none given'}`;
        item.iconPath = new vscode.ThemeIcon('arrow-right');
        return item;
      }
      case 'message':
        return new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function versionItem(node: Extract<ModelNode, { kind: 'version' }>): vscode.TreeItem {
  const v = node.version;
  const item = new vscode.TreeItem(versionLabel(v.version), vscode.TreeItemCollapsibleState.None);
  item.description = [v.aliases.join(', '), headlineMetric(v.metrics)].filter(Boolean).join(' · ');
  item.tooltip = new vscode.MarkdownString().appendText(
    `${node.model.name} ${versionLabel(v.version)} (${v.tag})${v.runId ? `\nfrom run ${v.runId}` : ''}${v.createdAt ? `\n${v.createdAt}` : ''}` +
    `${v.gatesPassed === false ? '\ngates failed' : ''}${v.forced ? '\nregistered with --force' : ''}`);
  item.iconPath = new vscode.ThemeIcon(v.aliases.length ? 'tag' : 'versions');
  item.contextValue = 'mlops.modelVersion';
  item.id = `version:${node.model.name}@${v.version}`;
  item.command = { command: COMMANDS.openModelCard, title: 'Open Model Card', arguments: [node] };
  return item;
}
