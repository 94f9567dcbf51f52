import { moneyInUnit } from '../../src/domain/value.ts';
import { describe, expect, it } from 'vitest';
import type { DraftTable } from '../../src/domain/draft.ts';
import { FRAMEWORKS } from '../../src/domain/framework.ts';
import { loadLibrary } from '../../src/library/load.ts';
import { tableFromLibraryProject } from '../../src/library/toTable.ts';
import { docxFileName, LAYOUTS, render } from '../../src/render/index.ts';
import { textLines } from '../../src/render/text.ts';
import { openDocx, xmlProblem, type Tbl } from './docxXml.ts';

const printed = (s: string | undefined) => textLines(s).join('\n');

/**
 * Reads the indicator table back, resolving merged cells to the text of the cell that starts the
 * merge, and checks the merge marks are consistent: a `continue` only under the same group, a
 * `restart` always followed by a `continue`, adjacent equal groups always merged.
 */
function readIndicators(t: Tbl, mergedCols: number): string[][] {
  const rows = t.rows.slice(1);
  const out: string[][] = [];
  rows.forEach((r, i) => {
    const texts = r.cells.map((c, ci) => (c.vMerge === 'continue' ? out[i - 1]![ci]! : c.text));
    for (let ci = 0; ci < mergedCols; ci++) {
      const c = r.cells[ci]!;
      const sameAsAbove = i > 0 && texts.slice(0, ci + 1).join('\u0000') === out[i - 1]!.slice(0, ci + 1).join('\u0000');
      if (c.vMerge === 'continue') expect(i > 0 && (rows[i - 1]!.cells[ci]!.vMerge !== undefined)).toBe(true);
      if (c.vMerge === 'restart') expect(rows[i + 1]?.cells[ci]?.vMerge).toBe('continue');
      expect(c.vMerge === 'continue', `row ${i + 1} col ${ci + 1}`).toBe(sameAsAbove);
    }
    out.push(texts);
  });
  return out;
}

/** Each 一级 group is one contiguous block, in framework order for the known names. */
function expectFrameworkOrder(level1s: string[], table: DraftTable): void {
  const blocks = level1s.filter((l, i) => i === 0 || level1s[i - 1] !== l);
  expect(new Set(blocks).size, `一级 groups not contiguous: ${blocks.join(',')}`).toBe(blocks.length);
  const known = FRAMEWORKS[table.framework].level1.map((l) => l.name);
  const ranks = blocks.filter((b) => known.includes(b)).map((b) => known.indexOf(b));
  expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
}

describe('every library project renders in both layouts', () => {
  const projects = loadLibrary().projects;

  it('has the 70 sample projects', () => {
    expect(projects).toHaveLength(70);
  });

  it('renders and reopens all of them, with every indicator once and consistent merges', { timeout: 120_000 }, async () => {
    const names = new Set<string>();
    let rendered = 0;
    for (const p of projects) {
      const table = tableFromLibraryProject(p);
      const fileName = docxFileName(table);
      expect(Array.from(fileName).length).toBeLessThanOrEqual(80);
      names.add(fileName);
      for (const { name: layout } of LAYOUTS) {
        const d = await openDocx(await render(table, { layout }));
        rendered++;
        const where = `${p.id} ${layout}`;
        expect(xmlProblem(d.xml), where).toBeUndefined();
        expect(d.xml, where).not.toMatch(/undefined|NaN/);
        expect(d.tables, where).toHaveLength(2);
        expect(d.tables[0]!.rows[0]!.cells[1]!.text, where).toBe(printed(table.projectName));

        const ind = d.tables[1]!;
        const headers = ind.rows[0]!.cells.map((c) => c.text);
        expect(ind.rows[0]!.header, where).toBe(true);
        expect(ind.rows.length - 1, where).toBe(Math.max(1, table.indicators.length));
        if (table.indicators.length === 0) continue;
        const rows = readIndicators(ind, 2);
        const col = (label: string) => headers.indexOf(label);
        const valueCol = layout === 'full' ? col('指标值') : col('年度指标值');
        const got = rows.map((r) => [r[0], r[1], r[col('三级指标')], r[valueCol]].join(' | ')).sort();
        const want = table.indicators
          .map((i) => [printed(i.level1), printed(i.level2), printed(i.name), moneyInUnit(printed(i.value), table.amounts.unit)].join(' | '))
          .sort();
        expect(got, where).toEqual(want);
        expectFrameworkOrder(
          rows.map((r) => r[0]!),
          table,
        );
      }
    }
    expect(rendered).toBe(140);
    // Each sample project (distinct name and year) gets its own file name.
    expect(names.size).toBe(70);
  });
});
