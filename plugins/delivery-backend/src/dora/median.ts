/**
 * Rule 6: the ordinary median of pooled samples — the mean of the two middle values for an even
 * count, i.e. SQL `PERCENTILE_CONT(0.5)`. `null` for no samples. The input is not modified.
 */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) {
    return null;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}
