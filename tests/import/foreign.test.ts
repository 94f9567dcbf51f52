/** The foreign-layout fixtures import with every name, amount and indicator row right. */
import { describe, expect, it } from 'vitest';
import { score } from '../../bench/import.ts';
import { FIXTURES } from './fixtures/cases.ts';

describe('foreign layouts', () => {
  it(`all ${FIXTURES.length} fixtures: names, amounts and indicator rows 100%`, async () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(8);
    const s = await score();
    expect(s.perFile.filter((f) => f.note)).toEqual([]);
    expect(s.tables[0]).toBe(s.tables[1]);
    expect(s.names[0]).toBe(s.names[1]);
    expect(s.amounts[0]).toBe(s.amounts[1]);
    expect(s.rows[0]).toBe(s.rows[1]);
  });
});
