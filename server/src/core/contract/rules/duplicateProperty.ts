import { getPair } from '../../yaml/tree';
import type { ContractRule } from './types';
import { forEachProperty, scalarAt, schemaObjects } from './walk';

function firstDuplicates(names: Array<{ name: string; at: import('vscode-languageserver-types').Range }>) {
  const seen = new Map<string, number>();
  return names.flatMap((n, i) => {
    const first = seen.get(n.name);
    if (first === undefined) { seen.set(n.name, i); return []; }
    return [{ ...n, firstLine: names[first]!.at.start.line + 1 }];
  });
}

/** Two properties of one object (or two schema objects) with the same name: data can hold only one. */
export const duplicateProperty: ContractRule = {
  code: 'odcs-duplicate-property',
  check(ctx) {
    const seenLists = new Set<unknown>();
    forEachProperty(ctx.root, ({ siblings }) => {
      if (seenLists.has(siblings)) return;
      seenLists.add(siblings);
      const names = siblings.flatMap((p) => { const s = scalarAt(p, 'name'); return s && s.value !== null ? [{ name: String(s.value), at: s.range }] : []; });
      for (const d of firstDuplicates(names)) ctx.report(d.at, `Property "${d.name}" is already defined on line ${d.firstLine} of this object; names must be unique.`);
    });
    const objects = schemaObjects(ctx.root).flatMap((o) => { const s = scalarAt(o, 'name'); return s && getPair(o, 'name') ? [{ name: String(s.value), at: s.range }] : []; });
    for (const d of firstDuplicates(objects)) ctx.report(d.at, `Schema object "${d.name}" is already defined on line ${d.firstLine}; names must be unique.`);
  },
};
