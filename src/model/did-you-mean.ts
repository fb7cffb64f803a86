/**
 * Words longer than this get no suggestion: no name or key is nearly that long (names stop at 64 characters), so
 * such a word is no typo, and comparing it would cost time in proportion to its length for every candidate.
 */
export const LONGEST_SUGGESTED = 128;

/** The name a misspelt reference most likely meant, or undefined when none is close enough to be a typo. */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  if (word.length > LONGEST_SUGGESTED) return undefined;
  const lower = word.toLowerCase();
  const list = [...candidates].sort();
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(word.length / 3)) + 1;
  for (const candidate of list) {
    // A length difference alone costs that many edits: no need to compare.
    if (Math.abs(candidate.length - lower.length) >= bestDistance) continue;
    const distance = editDistance(lower, candidate.toLowerCase(), bestDistance - 1);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  if (best !== undefined) return best;
  // An abbreviation of a long key ("desc") is a likelier intent than any near spelling.
  return lower.length >= 3 ? list.find((c) => c.toLowerCase().startsWith(lower)) : undefined;
}

/**
 * Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours cost 1.
 * Past `max` the exact value does not matter: only cells within `max` of the diagonal are computed, three rows
 * are kept (a swap looks two rows back), and the result is `max + 1` as soon as no cell can come back under it.
 */
export function editDistance(a: string, b: string, max = Math.max(a.length, b.length)): number {
  const over = max + 1;
  if (Math.abs(a.length - b.length) > max) return over;
  let before = new Array<number>(b.length + 1).fill(over);
  let previous = new Array<number>(b.length + 1).fill(over);
  let current = new Array<number>(b.length + 1).fill(over);
  for (let j = 0; j <= Math.min(b.length, max); j++) previous[j] = j;
  let previousMin = 0;
  for (let i = 1; i <= a.length; i++) {
    const low = Math.max(1, i - max);
    const high = Math.min(b.length, i + max);
    // The cell left of the band: its true distance is over max (or i, in the first column).
    current[low - 1] = low === 1 ? (i <= max ? i : over) : over;
    let rowMin = current[low - 1]!;
    for (let j = low; j <= high; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      current[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (high < b.length) current[high + 1] = over;
    // Later rows build on this one, or on the one before it plus a swap: both over max, so is everything after.
    if (rowMin > max && previousMin > max) return over;
    previousMin = rowMin;
    [before, previous, current] = [previous, current, before];
  }
  return Math.min(previous[b.length]!, over);
}
