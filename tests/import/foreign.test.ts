/** The foreign-layout fixtures import with every name, amount and indicator row right. */
import { describe, expect, it } from 'vitest';
import { score } from '../../bench/import.ts';
import { FIXTURES, PDF_FIXTURES } from './fixtures/cases.ts';

describe('foreign layouts', () => {
  it(`all ${FIXTURES.length} Word/Excel fixtures and ${PDF_FIXTURES.length} PDFs made from the Word ones: names, amounts and indicator rows 100%`, async () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(8);
    expect(PDF_FIXTURES.length).toBeGreaterThanOrEqual(5);
    const s = await score();
    expect(s.perFile.map((f) => f.file)).toEqual([...FIXTURES, ...PDF_FIXTURES].map((f) => f.file));
    expect(s.perFile.filter((f) => f.note)).toEqual([]);
    expect(s.tables[0]).toBe(s.tables[1]);
    expect(s.names[0]).toBe(s.names[1]);
    expect(s.amounts[0]).toBe(s.amounts[1]);
    expect(s.rows[0]).toBe(s.rows[1]);
  }, 60_000);
});
