/** The one way numbers are written for people: chat replies, rule messages, suggestions, the DOCX. */

/**
 * A number as a person writes it in a budget table: plain decimal, never exponent notation (`1e+21`
 * would not parse back as an amount), no float noise (`0.1 + 0.2`), no grouping commas, at most six
 * decimals (a 万元 amount is exact to the 分 with six). Non-finite numbers print as JavaScript
 * does (`NaN`, `Infinity`), for messages that quote a broken value; a printed form skips them itself.
 */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  // Whole numbers below 1e21 print the same either way, and Intl is slow enough to show in a turn's profile.
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n === 0 ? 0 : n);
  let s = formatted.get(n);
  if (s === undefined) {
    s = n.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 6 });
    // Something tiny and negative rounds to `-0`, which nobody writes.
    if (s === '-0') s = '0';
    if (formatted.size >= 10_000) formatted.clear();
    formatted.set(n, s);
  }
  return s;
}

/** Fractions printed before: a turn prints the same amounts and values many times over. */
const formatted = new Map<number, string>();

/** An amount with its unit: 20, `万元` → `20万元`. */
export function formatAmount(n: number, unit: string): string {
  return `${formatNumber(n)}${unit}`;
}
