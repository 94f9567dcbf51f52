/** The one way numbers are written for people: chat replies, rule messages, suggestions, the DOCX. */

/**
 * A number as a person writes it in a budget table: plain decimal, never exponent notation (`1e+21`
 * would not parse back as an amount), no float noise (`0.1 + 0.2`), no grouping commas, at most six
 * decimals (a 万元 amount is exact to the 分 with six). Non-finite numbers print as JavaScript
 * does (`NaN`, `Infinity`), for messages that quote a broken value; a printed form skips them itself.
 */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const s = n.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 6 });
  // Something tiny and negative rounds to `-0`, which nobody writes.
  return s === '-0' ? '0' : s;
}

/** An amount with its unit: 20, `万元` → `20万元`. */
export function formatAmount(n: number, unit: string): string {
  return `${formatNumber(n)}${unit}`;
}
