/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError("median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/**
 * The median of the ratios of paired runs (run i of A over run i of B). Runs are paired because they were
 * measured back to back: whatever slowed the machine during a pair weighs on both sides of its ratio.
 */
export function medianPairedRatio(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new RangeError(`unpaired runs: ${a.length} vs ${b.length}`);
  return median(a.map((value, index) => value / (b[index] as number)));
}
