/**
 * Edit distance between two short strings (keys, column names, enum values), case-insensitive:
 * insertions, deletions, substitutions and swaps of two neighbouring letters (`mpl` is one edit from
 * `mlp`, the commonest typo), each costing one.
 */
export function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let before: number[] = [];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) cur[j] = Math.min(cur[j]!, before[j - 2]! + 1);
    }
    before = prev;
    prev = cur;
  }
  return prev[y.length]!;
}

/**
 * The closest candidate to a misspelt name, when it is close enough to be a likely typo: at most a
 * third of the name's letters apart, and never less than `minLimit` edits.
 */
export function closest(name: string, candidates: Iterable<string>, minLimit = 1): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const limit = Math.max(minLimit, Math.floor(name.length / 3));
  for (const c of candidates) {
    // The distance is at least the difference in length: skip what cannot be close (and a pasted
    // megabyte-long name never costs a megabyte-by-name-length table per candidate).
    if (Math.abs(c.length - name.length) > Math.min(limit, bestDistance)) continue;
    const d = editDistance(name, c);
    if (d < bestDistance && d <= limit && c !== name) { best = c; bestDistance = d; }
  }
  return best;
}

/**
 * The allowed value a written one most likely meant: the closest by edit distance, else the only
 * allowed value it starts (`int` -> `integer`). For quick fixes of values outside an enum.
 */
export function closestValue(written: string, allowed: readonly string[]): string | undefined {
  const near = closest(written, allowed);
  if (near || written.length < 3) return near;
  const starts = allowed.filter((a) => a.toLowerCase().startsWith(written.toLowerCase()));
  return starts.length === 1 ? starts[0] : undefined;
}
