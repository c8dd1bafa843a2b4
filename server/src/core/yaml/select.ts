import type { YNode, YPair, YScalar } from './tree';

/** The string scalars of a list node (other items and other node kinds give nothing). */
export function scalars(node: YNode | undefined): YScalar[] {
  if (node?.kind !== 'seq') return [];
  // slice() trims the spare capacity filter() leaves; the spec analysis is kept between keystrokes.
  return node.items.filter((i): i is YScalar => i.kind === 'scalar' && typeof i.value === 'string').slice();
}

/** The node when it is a string scalar. */
export function scalar(node: YNode | undefined): YScalar | undefined {
  return node?.kind === 'scalar' && typeof node.value === 'string' ? node : undefined;
}

/** The entries of a mapping node (nothing for other kinds). */
export function mapPairs(node: YNode | undefined): YPair[] {
  return node?.kind === 'map' ? node.pairs : [];
}
