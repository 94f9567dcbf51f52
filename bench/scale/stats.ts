/** The q-quantile (0 ≤ q ≤ 1) of the samples, by the nearest rank below; NaN for none. */
export function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
}
