/**
 * Round trip: every library table rendered by us, in both layouts, imports back as the same draft
 * field by field (the compact layout prints no code, 用途, spending plan, 描述 or 依据: those are
 * compared as absent; money in values is compared as printed, in the table's unit).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DraftTable } from '../../src/domain/draft.ts';
import { orderByFramework } from '../../src/domain/framework.ts';
import { moneyInUnit } from '../../src/domain/value.ts';
import { importFile } from '../../src/import/index.ts';
import { REPO_ROOT, loadLibrary } from '../../src/library/load.ts';
import { tableFromLibraryProject } from '../../src/library/toTable.ts';
import { render, type LayoutName } from '../../src/render/index.ts';
import { cleanText } from '../../src/render/text.ts';
import { LIBRARY_PDFS } from './fixtures/cases.ts';

const library = loadLibrary();

/** What a layout prints of a table, as the importer should read it back. */
function printed(t: DraftTable, layout: LayoutName): DraftTable {
  const c = structuredClone(t);
  const text = (s: string | undefined) => (cleanText(s) ? cleanText(s).split('\n').map((l) => l.trim()).join('\n') : undefined);
  c.projectName = text(c.projectName);
  c.department = text(c.department);
  c.implementer = text(c.implementer);
  c.period = text(c.period);
  c.fundUse = text(c.fundUse);
  c.targets = { period: text(c.targets.period), annual: text(c.targets.annual) };
  c.indicators = orderByFramework(c.indicators, c.framework).map((i) => ({
    level1: i.level1,
    level2: i.level2,
    name: text(i.name) ?? '',
    // The renderer restates money in the table's unit (`≤7.2万元` in a 元 table prints `≤72000元`).
    value: text(moneyInUnit(i.value, c.amounts.unit)) ?? '',
    ...(text(i.description) ? { description: text(moneyInUnit(i.description!, c.amounts.unit)) } : {}),
    ...(text(i.basis) ? { basis: text(i.basis) } : {}),
  }));
  if (layout === 'compact') {
    delete c.projectCode;
    delete c.fundUse;
    c.spendingPlan = {};
    c.indicators = c.indicators.map(({ description: _d, basis: _b, ...rest }) => rest);
  }
  return JSON.parse(JSON.stringify(c)) as DraftTable;
}

describe('round trip: library tables rendered by us import back unchanged', () => {
  for (const layout of ['full', 'compact'] as const) {
    it(`all ${library.projects.length} tables, ${layout} layout`, async () => {
      let fields = 0;
      for (const p of library.projects) {
        const table = tableFromLibraryProject(p);
        const bytes = await render(table, { layout });
        const result = await importFile('x.docx', bytes);
        if (!result.ok) throw new Error(`${p.id}: ${result.message}`);
        expect(result.tables, p.id).toHaveLength(1);
        const got = JSON.parse(JSON.stringify(result.tables[0])) as DraftTable;
        expect(got, p.id).toEqual(printed(table, layout));
        fields += Object.keys(got).length + got.indicators.length;
      }
      expect(fields).toBeGreaterThan(library.projects.length * 10);
    }, 120_000);
  }
});

/** Blanks and line breaks are the printer's in a PDF (wrapped cells, spacing around numbers). */
const withoutBlanks = (t: DraftTable): unknown => JSON.parse(JSON.stringify(t, (_k, v: unknown) => (typeof v === 'string' ? v.replace(/\s+/g, '') : v)));

describe('round trip through PDF: the library set rendered by us and printed to PDF imports back unchanged', () => {
  for (const { file, layout } of LIBRARY_PDFS) {
    it(`${file}: all ${library.projects.length} tables, field by field`, async () => {
      // Printed by tests/import/fixtures/build-pdf.sh from our set DOCX (LibreOffice); re-run it when the library or the layouts change.
      const result = await importFile(file, readFileSync(join(REPO_ROOT, 'tests', 'import', 'fixtures', file)));
      if (!result.ok) throw new Error(result.message);
      expect(result.format).toBe('pdf');
      expect(result.tables).toHaveLength(library.projects.length);
      library.projects.forEach((p, i) => {
        const table = tableFromLibraryProject(p);
        // The set prints each table under its 「（2023年度）」 heading, which the import reads as the year
        // (a table without a year may take one from the contents list above it).
        const { year, ...got } = result.tables[i]!;
        const { year: _none, ...want } = printed(table, layout);
        expect(withoutBlanks(got as DraftTable), p.id).toEqual(withoutBlanks(want as DraftTable));
        if (table.year !== undefined) expect(year, p.id).toBe(table.year);
      });
    }, 120_000);
  }
});

describe('round trip of the fields the library does not use', () => {
  it('project code, 填报单位, spending plan and split funds come back', async () => {
    const table = tableFromLibraryProject(library.projects[0]!);
    table.projectCode = 'XM-2025-001';
    table.reportingUnit = '某区委政法委办公室';
    table.spendingPlan = { mar: 20, jun: 50, oct: 80, dec: 100 };
    table.amounts = { unit: '万元', period: { total: 60, fiscal: 50, other: 10 }, annual: { total: 20, fiscal: 15, other: 5 } };
    const r = await importFile('x.docx', await render(table, { layout: 'full' }));
    if (!r.ok) throw new Error(r.message);
    const got = r.tables[0]!;
    expect(got.projectCode).toBe('XM-2025-001');
    expect(got.reportingUnit).toBe('某区委政法委办公室');
    expect(got.spendingPlan).toEqual(table.spendingPlan);
    expect(got.amounts).toEqual(table.amounts);
  });
});
