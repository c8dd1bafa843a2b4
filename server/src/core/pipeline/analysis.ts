import { dirname } from 'node:path';
import { selectSchemaObject, type ContractModel, type ContractSchemaObject } from '../contract/model';
import type { CoreDocument, CoreHost } from '../languageService';
import type { ParsedYaml } from '../yaml/parse';
import { mapPairs, scalar, scalars } from '../yaml/select';
import { getChild, type YNode, type YPair, type YScalar } from '../yaml/tree';
import { ContractModels } from './contractModels';
import { resolvePath, type PathBase } from './paths';

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
export interface SpecAnalysis extends PathBase {
  doc: CoreDocument;
  parsed: ParsedYaml;
  root: YNode | null;
  value: Record<string, unknown>;
  stages: StageInfo[];
  dataRefs: DataRefInfo[];
  contracts: Map<string, LinkedContract>;
  /** The schema object describing the training data: the columns features may use. */
  columns?: { contract: ContractModel; schema: ContractSchemaObject };
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

/**
 * Reads what the rules need from a parsed spec and the contracts it links. `models` reuses contract
 * models between calls (a language service keeps one); without it each contract is read afresh.
 */
export function analyse(doc: CoreDocument, parsed: ParsedYaml, host: CoreHost, models = new ContractModels(8)): SpecAnalysis {
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
    a.contracts.set(absPath, { absPath, model: text === undefined ? null : models.read(text, absPath) });
  }
  const train = a.dataRefs.find((r) => r.role === 'train');
  const linked = train?.contract ? a.contracts.get(resolvePath(a, train.contract.value as string)) : undefined;
  const schema = linked?.model ? selectSchemaObject(linked.model, train?.schema?.value as string | undefined, train?.path?.value as string | undefined) : undefined;
  if (linked?.model && schema) a.columns = { contract: linked.model, schema };
  return a;
}
