import { describe, expect, it } from 'vitest';
import { render } from '../../src/render/index.ts';
import { openDocx, type Doc } from './docxXml.ts';
import { table40 } from './fixture40.ts';

describe('a 40-indicator table over several pages', async () => {
  const yuan = await openDocx(await render(table40('元')));
  const wan = await openDocx(await render(table40('万元')));
  const docs: Array<[string, Doc]> = [
    ['元', yuan],
    ['万元', wan],
    ['compact', await openDocx(await render(table40('元'), { layout: 'compact' }))],
  ];

  it('never splits a row: every row of both tables has cantSplit', () => {
    for (const [where, d] of docs) {
      const [head, ind] = d.tables;
      expect(ind!.rows, where).toHaveLength(41);
      expect(head!.rows.every((r) => r.cantSplit), where).toBe(true);
      expect(ind!.rows.every((r) => r.cantSplit), where).toBe(true);
    }
  });

  it('repeats the indicator header row on every page (and only it)', () => {
    for (const [where, d] of docs) {
      const ind = d.tables[1]!;
      expect(ind.rows.map((r) => r.header), where).toEqual([true, ...Array(40).fill(false)]);
      expect(ind.rows[0]!.cells[0]!.text, where).toBe('一级指标');
    }
  });

  it('prints the 元 table’s cost indicators in 元, like its amounts', () => {
    const values = yuan.tables[1]!.rows.slice(1).map((r) => r.cells[4]!.text);
    expect(values.filter((v) => v === '≤48600元')).toHaveLength(7);
    expect(values.join('')).not.toContain('万元');
    expect(yuan.paragraphs[2]).toBe('填报单位（盖章）：某区司法局\t单位：元');
    expect(yuan.tables[0]!.rows[3]!.cells.map((c) => c.text)).toEqual(['资金投入（元）', '实施期金额', '200000', '年度金额', '200000']);
    // The 万元 table keeps the value as entered.
    expect(wan.tables[1]!.rows.slice(1).filter((r) => r.cells[4]!.text === '≤4.86万元')).toHaveLength(7);
  });

  it('lines the two tables up as one: same width, one thin separator, no double line', () => {
    for (const [where, d] of docs) {
      const [head, ind] = d.tables;
      expect(ind!.width, where).toEqual(head!.width);
      expect(ind!.borders, where).not.toContain('top');
      for (const c of ind!.rows[0]!.cells) expect(c.borders, where).not.toContain('top');
      // Between the tables: one empty paragraph of exactly 1 pt.
      const between = /<\/w:tbl>([\s\S]*?)<w:tbl>/.exec(d.xml)![1]!;
      expect(between.match(/<w:p[\s>]/g), where).toHaveLength(1);
      expect(between, where).toMatch(/w:line="20"[^>]*w:lineRule="exact"|w:lineRule="exact"[^>]*w:line="20"/);
      expect(between.replace(/<[^>]+>/g, ''), where).toBe('');
    }
  });
});

describe('填报单位', () => {
  it('is the 主管部门 unless the user gave another or cleared it', async () => {
    const line = async (over: Parameters<typeof table40>[1]) => (await openDocx(await render(table40('万元', over)))).paragraphs[2];
    expect(await line({})).toBe('填报单位（盖章）：某区司法局\t单位：万元');
    expect(await line({ reportingUnit: '某区社区矫正管理局' })).toBe('填报单位（盖章）：某区社区矫正管理局\t单位：万元');
    expect(await line({ reportingUnit: '' })).toBe('填报单位（盖章）：\t单位：万元');
    expect(await line({ department: undefined })).toBe('填报单位（盖章）：\t单位：万元');
  });
});
