import { getChild, getPair, type YMap, type YNode, type YScalar } from '../../yaml/tree';

/** A property mapping, the list it sits in (its siblings), and the schema object that holds it. */
export interface PropertyVisit {
  node: YMap;
  siblings: YMap[];
  schema: YMap;
}

/** A quality rule mapping and what it is attached to. */
export interface QualityVisit {
  node: YMap;
  level: 'schema' | 'property';
  schema: YMap;
  property?: YMap;
}

const maps = (node: YNode | undefined): YMap[] => (node?.kind === 'seq' ? node.items.filter((i): i is YMap => i.kind === 'map') : []);

/** The schema objects of a contract (mappings in `schema:`). */
export function schemaObjects(root: YMap): YMap[] {
  return maps(getChild(root, 'schema'));
}

/** The value of `key` when it is a scalar, with its node (for ranges). */
export function scalarAt(map: YMap, key: string): YScalar | undefined {
  const v = getPair(map, key)?.value;
  return v?.kind === 'scalar' ? v : undefined;
}

function walkProperties(list: YNode | undefined, schema: YMap, visit: (p: PropertyVisit) => void, depth: number): void {
  const siblings = maps(list);
  for (const node of siblings) {
    visit({ node, siblings, schema });
    // Nested object and array properties hold properties of their own; a depth limit stops runaway input.
    if (depth < 20) {
      walkProperties(getChild(node, 'properties'), schema, visit, depth + 1);
      const items = getChild(node, 'items');
      if (items?.kind === 'map') walkProperties(getChild(items, 'properties'), schema, visit, depth + 1);
    }
  }
}

/** Calls `visit` for every property of every schema object, nested ones included. */
export function forEachProperty(root: YMap, visit: (p: PropertyVisit) => void): void {
  for (const schema of schemaObjects(root)) walkProperties(getChild(schema, 'properties'), schema, visit, 0);
}

/** Calls `visit` for every quality rule, on schema objects and on their properties. */
export function forEachQuality(root: YMap, visit: (q: QualityVisit) => void): void {
  for (const schema of schemaObjects(root)) for (const node of maps(getChild(schema, 'quality'))) visit({ node, level: 'schema', schema });
  forEachProperty(root, ({ node: property, schema }) => {
    for (const node of maps(getChild(property, 'quality'))) visit({ node, level: 'property', schema, property });
  });
}
