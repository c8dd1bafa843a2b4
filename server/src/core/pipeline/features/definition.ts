import { pathToFileURL } from 'node:url';
import type { Definition, Position } from 'vscode-languageserver-types';
import type { CoreHost } from '../../languageService';
import { treeHitAt } from '../../yaml/locate';
import type { SpecAnalysis } from '../analysis';
import { resolvePath } from '../paths';
import { holdsColumnKeys, holdsColumnValues } from './columns';

const PATH_KEYS = new Set(['path', 'contract', 'deps', 'outs']);
const START = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Go to definition: a column to its contract property, a `needs` entry to its stage, a path to its file. */
export function definitionPipeline(pos: Position, a: SpecAnalysis, host: CoreHost): Definition | null {
  const hit = treeHitAt(a.root, pos);
  if (!hit?.scalar) return null;
  const value = String(hit.scalar.value);
  const parent = hit.path.slice(0, -1);
  const isColumn = hit.onKey ? holdsColumnKeys(parent) : holdsColumnValues(hit.path) || holdsColumnValues(parent);
  if (isColumn && a.columns) {
    const prop = a.columns.schema.properties.find((p) => p.name === value);
    if (prop) return { uri: pathToFileURL(a.columns.contract.path).toString(), range: prop.nameRange };
  }
  if (hit.onKey) return null;
  const key = [...hit.path].reverse().find((s) => typeof s === 'string');
  if (key === 'needs') {
    const stage = a.stages.find((s) => s.name === value);
    return stage ? { uri: pathToFileURL(a.doc.path).toString(), range: stage.pair.key.range } : null;
  }
  if (key !== undefined && PATH_KEYS.has(key)) {
    const abs = resolvePath(a, value);
    return host.exists(abs) ? { uri: pathToFileURL(abs).toString(), range: START } : null;
  }
  if (key === 'schema' && hit.path[0] === 'data') {
    const c = [...a.contracts.values()].find((x) => x.model?.schemas.some((s) => s.name === value));
    const s = c?.model?.schemas.find((x) => x.name === value);
    return c && s ? { uri: pathToFileURL(c.absPath).toString(), range: s.nameRange } : null;
  }
  return null;
}
