import { dirname, isAbsolute, resolve } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { readContract, selectSchemaObject, type ContractModel, type ContractSchemaObject } from '../contract/model';
import type { CoreDocument, CoreHost } from '../service';
import type { ParsedYaml } from '../yaml/parse';
import { getChild, type YMap, type YNode, type YPair, type YScalar } from '../yaml/tree';

/** A stage as written, with the nodes rules point at. */
export interface StageInfo {
  name: string;
  pair: YPair;
  needs: YScalar[];
  deps: YScalar[];
  outs: YScalar[];
}

/** One entry of `data:` (train, current, ...). */
export interface DataRefInfo {
  role: string;
  pair: YPair;
  path?: YScalar;
  contract?: YScalar;
  schema?: YScalar;
}

/** A contract linked from the spec, read through the host (so unsaved edits count). */
export interface LinkedContract {
  absPath: string;
  model: ContractModel | null;
}

/** Everything the rules read about one spec, computed once per validation. */
export interface SpecAnalysis {
  doc: CoreDocument;
  dir: string;
  parsed: ParsedYaml;
  root: YNode | null;
  value: Record<string, unknown>;
  stages: StageInfo[];
  dataRefs: DataRefInfo[];
  contracts: Map<string, LinkedContract>;
  /** The schema object describing the training data: the columns features may use. */
  columns?: { contract: ContractModel; schema: ContractSchemaObject };
  /** Absolute paths already worked out (rules resolve the same deps and outs several times). */
  resolved: Map<string, string>;
}

export interface RuleContext {
  a: SpecAnalysis;
  host: CoreHost;
  report(d: Diagnostic): void;
}

/** A semantic check the JSON Schema cannot express. One rule per file under rules/. */
export interface PipelineRule {
  code: string;
  check(ctx: RuleContext): void;
}

export function scalars(node: YNode | undefined): YScalar[] {
  if (node?.kind !== 'seq') return [];
  // slice() trims the spare capacity filter() leaves; the analysis is kept between keystrokes.
  return node.items.filter((i): i is YScalar => i.kind === 'scalar' && typeof i.value === 'string').slice();
}

export function scalar(node: YNode | undefined): YScalar | undefined {
  return node?.kind === 'scalar' && typeof node.value === 'string' ? node : undefined;
}

export function mapPairs(node: YNode | undefined): YPair[] {
  return node?.kind === 'map' ? node.pairs : [];
}

const PLAIN = /^(?!\.{1,2}(\/|$))(?!.*\/\.{1,2}(\/|$))(?!.*\/\/)[^\\]+$/;

/** Resolves a path written in the spec against the spec's folder (memoised per validation). */
export function resolvePath(a: SpecAnalysis, p: string): string {
  let abs = a.resolved.get(p);
  if (abs === undefined) {
    // A plain relative path (no `.`/`..` segments, no doubled or back slashes) needs no normalising.
    abs = isAbsolute(p) ? p : PLAIN.test(p) ? `${a.dir}${a.dir.endsWith('/') ? '' : '/'}${p}` : resolve(a.dir, p);
    a.resolved.set(p, abs);
  }
  return abs;
}

/** True when a relative path cannot leave its base folder (no `..` segment), checked without resolving. */
export function staysInside(p: string): boolean {
  return !isAbsolute(p) && !/(^|[\\/])\.\.([\\/]|$)/.test(p);
}

function readStages(root: YNode | null): StageInfo[] {
  return mapPairs(getChild(root ?? undefined, 'stages')).map((pair) => ({
    name: String(pair.key.value),
    pair,
    needs: scalars(getChild(pair.value, 'needs')),
    deps: scalars(getChild(pair.value, 'deps')),
    outs: scalars(getChild(pair.value, 'outs')),
  }));
}

function readDataRefs(root: YNode | null): DataRefInfo[] {
  return mapPairs(getChild(root ?? undefined, 'data')).map((pair) => ({
    role: String(pair.key.value),
    pair,
    path: scalar(getChild(pair.value, 'path')),
    contract: scalar(getChild(pair.value, 'contract')),
    schema: scalar(getChild(pair.value, 'schema')),
  }));
}

/** Reads what the rules need from a parsed spec and the contracts it links. */
export function analyse(doc: CoreDocument, parsed: ParsedYaml, host: CoreHost): SpecAnalysis {
  const value = parsed.value && typeof parsed.value === 'object' && !Array.isArray(parsed.value) ? (parsed.value as Record<string, unknown>) : {};
  const a: SpecAnalysis = {
    doc, dir: dirname(doc.path), parsed, root: parsed.root, value,
    stages: readStages(parsed.root), dataRefs: readDataRefs(parsed.root), contracts: new Map(), resolved: new Map(),
  };
  for (const ref of a.dataRefs) {
    if (!ref.contract) continue;
    const absPath = resolvePath(a, ref.contract.value as string);
    if (a.contracts.has(absPath)) continue;
    const text = host.exists(absPath) ? host.readText(absPath) : undefined;
    a.contracts.set(absPath, { absPath, model: text === undefined ? null : readContractCached(text, absPath) });
  }
  const train = a.dataRefs.find((r) => r.role === 'train');
  const linked = train?.contract ? a.contracts.get(resolvePath(a, train.contract.value as string)) : undefined;
  const schema = linked?.model ? selectSchemaObject(linked.model, train?.schema?.value as string | undefined, train?.path?.value as string | undefined) : undefined;
  if (linked?.model && schema) a.columns = { contract: linked.model, schema };
  return a;
}

const contractCache = new Map<string, { text: string; model: ContractModel }>();

/** Contracts rarely change while a spec is edited: reuse the model while the text is the same. */
function readContractCached(text: string, path: string): ContractModel {
  const hit = contractCache.get(path);
  if (hit && hit.text === text) return hit.model;
  const model = readContract(text, path);
  contractCache.set(path, { text, model });
  return model;
}

export type { YMap };
