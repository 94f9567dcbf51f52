/** The budget year of a period comes from the rules' period grammar (rules/period.ts), not a second one. */
import { describe, expect, it } from 'vitest';
import { effectiveTable, yearOf } from '../../src/dialog/drafts/defaults.ts';
import { DraftTableSchema } from '../../src/domain/draft.ts';
import { parsePeriod } from '../../src/rules/period.ts';

describe('yearOf', () => {
  it.each([
    ['2025年1月至2025年12月', 2025],
    ['2025.1-2025.12', 2025],
    ['2025-01至2025-12', 2025],
    ['2025年1月—12月', 2025],
    ['2025年度', 2025],
    ['2025', 2025],
    ['2024-2026年', 2024],
    ['项目实施期：2026年3月至2026年12月', 2026],
  ])('%s → %s, the start year parsePeriod reads', (text, year) => {
    expect(yearOf(text)).toBe(year);
    expect(yearOf(text)).toBe(parsePeriod(text)?.start.year);
  });

  it('has no year for what is not a period (the old pattern read 251 from 20251年)', () => {
    for (const text of ['20251年', '约3000年后', '明年', '', '2025年全年']) {
      expect(yearOf(text)).toBeUndefined();
      expect(parsePeriod(text)).toBeUndefined();
    }
    expect(yearOf(undefined)).toBeUndefined();
  });

  it('sets the effective table year from the user period', () => {
    const t = DraftTableSchema.parse({ period: '2028.1-2028.12' });
    expect(effectiveTable(t, new Date('2026-03-01T00:00:00Z')).table.year).toBe(2028);
  });
});
