/** Edit distance between two short strings (keys, column names), case-insensitive. */
export function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
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
