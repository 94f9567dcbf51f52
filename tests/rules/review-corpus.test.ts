/** The review corpus (tests/fixtures/review/): clean tables pass, planted defects are found. */
import { describe, expect, it } from 'vitest';
import { cases, flagged } from '../../bench/review.ts';
import { loadLibrary } from '../../src/library/load.ts';
import { checkTable } from '../../src/rules/index.ts';
import { CLEAN } from '../fixtures/review/clean.ts';

describe('the review corpus', () => {
  it.each(CLEAN.map((c) => [c.id, c.table] as const))('%s: no error, at most one warning', (_id, table) => {
    const f = checkTable(table, { library: loadLibrary() });
    expect(f.filter((x) => x.severity === 'error')).toEqual([]);
    expect(f.length).toBeLessThanOrEqual(1);
  });
  it('finds at least 95% of the planted and annotated defects', () => {
    const all = cases();
    const planted = all.filter((c) => c.source.startsWith('植入'));
    expect(planted.length).toBeGreaterThanOrEqual(80);
    expect(new Set(planted.map((c) => c.kind)).size).toBeGreaterThanOrEqual(25);
    expect(planted.filter(flagged).length / planted.length).toBeGreaterThanOrEqual(0.95);
    expect(all.filter(flagged).length / all.length).toBeGreaterThanOrEqual(0.9);
  });
});
