import { describe, expect, it } from 'vitest';
import { DraftTableSchema, type DraftTable } from '../../src/domain/draft.ts';
import { LAYOUTS, render, UNVALIDATED_NOTE } from '../../src/render/index.ts';
import { allCellTexts, grid, openDocx, xmlProblem, type Doc, type Tbl } from './docxXml.ts';

/** Every field has a distinct value, so "printed exactly once" is checkable. */
function fixture(over: Partial<DraftTable> = {}): DraftTable {
  return DraftTableSchema.parse({
    year: 2025,
    projectName: '社区矫正工作经费',
    projectCode: 'XM-2025-0042',
    department: '某区司法局',
    implementer: '某区社区矫正管理局',
    period: '2025年1月至2025年12月',
    amounts: {
      unit: '万元',
      period: { total: 123.45, fiscal: 100.4, other: 23.05 },
      annual: { total: 88.8, fiscal: 77.7, other: 11.1 },
    },
    fundUse: '用于社区矫正对象教育帮扶、走访核查和信息化监管。',
    spendingPlan: { mar: 10, jun: 35, oct: 70, dec: 100 },
    targets: { period: '实施期内社区矫正对象零脱管。', annual: '年度内开展教育帮扶活动不少于12次。' },
    // Deliberately out of framework order.
    indicators: [
      { level1: '满意度指标', level2: '服务对象满意度指标', name: '矫正对象满意度', value: '≥90%', description: '问卷满意率', basis: '满意度调查' },
      { level1: '产出指标', level2: '数量指标', name: '教育帮扶次数', value: '≥12次', description: '集中教育次数', basis: '年度计划' },
      { level1: '效益指标', level2: '社会效益指标', name: '重新犯罪率', value: '≤0.2%', description: '矫正期内再犯', basis: '历年数据' },
      { level1: '产出指标', level2: '质量指标', name: '档案规范率', value: '≥98%', description: '档案完整规范', basis: '考核办法' },
      { level1: '产出指标', level2: '数量指标', name: '走访核查人次', value: '≥300人次', description: '入户走访', basis: '工作台账' },
      { level1: '产出指标', level2: '成本指标', name: '人均帮扶成本', value: '≤500元/人', description: '帮扶经费/人数', basis: '预算测算' },
      { level1: '产出指标', level2: '时效指标', name: '报到衔接时限', value: '≤10日', description: '接收后报到', basis: '社区矫正法' },
    ],
    ...over,
  });
}

const byName = (name: 'full' | 'compact') => ({ layout: name });

function occurrences(hay: string, needle: string): number {
  return hay.split(needle).length - 1;
}

/** The decoded text of every w:t in the document, concatenated per paragraph. */
function docText(d: Doc): string {
  return [...d.paragraphs, ...allCellTexts(d)].join('\n');
}

/** Check widths: table and every cell in DXA, each cell as wide as the grid columns it spans. */
function expectWidths(t: Tbl, total: number): void {
  expect(t.grid.reduce((a, b) => a + b, 0)).toBe(total);
  expect(t.width).toEqual({ w: total, type: 'dxa' });
  expect(t.layout).toBe('fixed');
  for (const row of t.rows) {
    let col = 0;
    for (const c of row.cells) {
      const span = t.grid.slice(col, col + c.gridSpan).reduce((a, b) => a + b, 0);
      expect(c.width).toEqual({ w: span, type: 'dxa' });
      col += c.gridSpan;
    }
    expect(col).toBe(t.grid.length);
  }
}

describe('LAYOUTS', () => {
  it('lists the full layout first (the default) and the compact one', () => {
    expect(LAYOUTS).toEqual([
      { name: 'full', title: '项目支出绩效目标表' },
      { name: 'compact', title: '本级预算项目绩效目标表' },
    ]);
  });
});

describe('full layout (项目支出绩效目标表)', async () => {
  const table = fixture();
  const buf = await render(table);
  const d = await openDocx(buf);

  it('is a well-formed DOCX and the default layout', async () => {
    expect(buf.subarray(0, 2).toString()).toBe('PK');
    expect(xmlProblem(d.xml)).toBeUndefined();
    const explicit = await openDocx(await render(table, byName('full')));
    expect(explicit.xml).toBe(d.xml);
  });

  it('prints title, year line and unit line above the tables', () => {
    expect(d.paragraphs.slice(0, 3)).toEqual(['项目支出绩效目标表', '（2025年度）', '填报单位（盖章）：某区司法局\t单位：万元']);
    expect(d.tables).toHaveLength(2);
  });

  it('puts every header field in its cell, in the official arrangement', () => {
    const [head] = d.tables;
    expect(grid(head!)).toEqual([
      ['项目名称', '社区矫正工作经费', '项目编码', 'XM-2025-0042'],
      ['主管部门', '某区司法局', '实施单位', '某区社区矫正管理局'],
      ['项目实施期', '2025年1月至2025年12月'],
      ['资金投入（万元）', '实施期金额', '123.45', '年度金额', '88.8'],
      ['', '其中：财政拨款', '100.4', '其中：财政拨款', '77.7'],
      ['', '其他资金', '23.05', '其他资金', '11.1'],
      ['项目资金主要用途', '用于社区矫正对象教育帮扶、走访核查和信息化监管。'],
      ['资金支出计划（累计%）', '3月底', '6月底', '10月底', '12月底'],
      ['', '10%', '35%', '70%', '100%'],
      ['绩效目标', '实施期目标', '年度目标'],
      ['', '实施期内社区矫正对象零脱管。', '年度内开展教育帮扶活动不少于12次。'],
    ]);
    // The group labels are merged down over their rows.
    expect(head!.rows.map((r) => r.cells[0]!.vMerge)).toEqual([
      undefined,
      undefined,
      undefined,
      'restart',
      'continue',
      'continue',
      undefined,
      'restart',
      'continue',
      'restart',
      'continue',
    ]);
  });

  it('prints every field exactly once', () => {
    const text = docText(d);
    const values = [
      table.projectName!,
      table.projectCode!,
      table.department!,
      table.implementer!,
      table.period!,
      table.fundUse!,
      table.targets.period!,
      table.targets.annual!,
      ...table.indicators.flatMap((i) => [i.name, i.description!, i.value, i.basis!]),
    ];
    // The department is printed twice: in its cell and as 填报单位 on the stamp line.
    for (const v of values) expect(occurrences(text, v), v).toBe(v === table.department ? 2 : 1);
    for (const n of ['123.45', '100.4', '23.05', '88.8', '77.7', '11.1', '35%', '70%'])
      expect(allCellTexts(d).filter((c) => c === n), n).toHaveLength(1);
    expect(text).not.toMatch(/undefined|NaN|null|\[object/);
  });

  it('lists indicators grouped in framework order with 一级/二级 merged over their groups', () => {
    const ind = d.tables[1]!;
    expect(grid(ind)).toEqual([
      ['一级指标', '二级指标', '三级指标', '绩效指标描述', '指标值', '指标值确定依据'],
      ['产出指标', '数量指标', '教育帮扶次数', '集中教育次数', '≥12次', '年度计划'],
      ['', '', '走访核查人次', '入户走访', '≥300人次', '工作台账'],
      ['', '质量指标', '档案规范率', '档案完整规范', '≥98%', '考核办法'],
      ['', '时效指标', '报到衔接时限', '接收后报到', '≤10日', '社区矫正法'],
      ['', '成本指标', '人均帮扶成本', '帮扶经费/人数', '≤500元/人', '预算测算'],
      ['效益指标', '社会效益指标', '重新犯罪率', '矫正期内再犯', '≤0.2%', '历年数据'],
      ['满意度指标', '服务对象满意度指标', '矫正对象满意度', '问卷满意率', '≥90%', '满意度调查'],
    ]);
    const body = ind.rows.slice(1);
    expect(body.map((r) => r.cells[0]!.vMerge)).toEqual(['restart', 'continue', 'continue', 'continue', 'continue', undefined, undefined]);
    expect(body.map((r) => r.cells[1]!.vMerge)).toEqual(['restart', 'continue', undefined, undefined, undefined, undefined, undefined]);
    // Columns that do not merge never carry a merge mark.
    expect(body.flatMap((r) => r.cells.slice(2)).every((c) => c.vMerge === undefined)).toBe(true);
  });

  it('repeats the indicator header row and only it', () => {
    const ind = d.tables[1]!;
    expect(ind.rows.map((r) => r.header)).toEqual([true, ...Array(7).fill(false)]);
    expect(d.tables[0]!.rows.some((r) => r.header)).toBe(false);
  });

  it('sets widths in DXA on both tables and every cell, fitting the A4 text width', () => {
    for (const t of d.tables) expectWidths(t, 11906 - 2 * 1417);
  });

  it('draws all four borders on every cell; the indicator table continues the header block', () => {
    const [head, ind] = d.tables;
    expect(head!.borders.sort()).toEqual(['bottom', 'insideH', 'insideV', 'left', 'right', 'top']);
    for (const c of head!.rows.flatMap((r) => r.cells)) expect(c.borders.sort()).toEqual(['bottom', 'left', 'right', 'top']);
    // One line between the two tables, drawn by the header block: the indicator header has no top.
    expect(ind!.borders.sort()).toEqual(['bottom', 'insideH', 'insideV', 'left', 'right']);
    for (const c of ind!.rows[0]!.cells) expect(c.borders.sort()).toEqual(['bottom', 'left', 'right']);
    for (const c of ind!.rows.slice(1).flatMap((r) => r.cells)) expect(c.borders.sort()).toEqual(['bottom', 'left', 'right', 'top']);
  });

  it('shades the label cells and not the value cells', () => {
    const [head, ind] = d.tables;
    expect(head!.rows[0]!.cells.map((c) => c.shaded)).toEqual([true, false, true, false]);
    expect(ind!.rows[0]!.cells.every((c) => c.shaded)).toBe(true);
    expect(ind!.rows[1]!.cells.some((c) => c.shaded)).toBe(false);
  });

  it('sets East-Asian and Latin fonts and a size on every run', () => {
    const runs = [...d.xml.matchAll(/<w:r>([\s\S]*?)<\/w:r>/g)].map((m) => m[1]!);
    expect(runs.length).toBeGreaterThan(80);
    for (const r of runs) {
      expect(r).toMatch(/<w:rFonts [^>]*w:eastAsia="[^"]+"/);
      expect(r).toMatch(/<w:rFonts [^>]*w:ascii="[^"]+"/);
      expect(r).toMatch(/<w:sz w:val="\d+"\/>/);
    }
    const title = runs.find((r) => r.includes('>项目支出绩效目标表<'))!;
    expect(title).toMatch(/w:eastAsia="黑体"/);
    expect(title).toMatch(/<w:b\/>/);
    const size = Number(/<w:sz w:val="(\d+)"/.exec(title)![1]);
    expect(size).toBeGreaterThanOrEqual(32);
    expect(size).toBeLessThanOrEqual(36);
    const body = runs.find((r) => r.includes('>教育帮扶次数<'))!;
    expect(body).toMatch(/w:eastAsia="(宋体|仿宋)"/);
    const bodySize = Number(/<w:sz w:val="(\d+)"/.exec(body)![1]);
    expect(bodySize).toBeGreaterThanOrEqual(21);
    expect(bodySize).toBeLessThanOrEqual(24);
  });

  it('is A4 portrait with 2.5 cm margins', () => {
    const sect = /<w:sectPr[\s\S]*?<\/w:sectPr>/.exec(d.xml)![0];
    expect(sect).toMatch(/<w:pgSz [^>]*w:w="11906"/);
    expect(sect).toMatch(/<w:pgSz [^>]*w:h="16838"/);
    expect(sect).not.toMatch(/landscape/);
    for (const side of ['top', 'bottom', 'left', 'right']) expect(sect).toMatch(new RegExp(`w:${side}="1417"`));
  });

  it('has no 未通过校验 note unless asked', async () => {
    expect(d.xml).not.toContain('未通过校验');
    const noted = await openDocx(await render(table, { unvalidatedNote: true }));
    expect(noted.paragraphs.at(-1)).toBe(UNVALIDATED_NOTE);
    expect(UNVALIDATED_NOTE).toContain('未通过校验');
  });
});

describe('compact layout (本级预算项目绩效目标表)', async () => {
  const table = fixture();
  const d = await openDocx(await render(table, byName('compact')));

  it('prints the compact title, stamp line and header block', () => {
    expect(xmlProblem(d.xml)).toBeUndefined();
    expect(d.paragraphs.slice(0, 3)).toEqual(['本级预算项目绩效目标表', '（2025年度）', '填报单位（盖章）：某区司法局\t单位：万元']);
    expect(grid(d.tables[0]!)).toEqual([
      ['项目名称', '社区矫正工作经费', '项目实施期', '2025年1月至2025年12月'],
      ['主管部门', '某区司法局', '实施单位', '某区社区矫正管理局'],
      ['资金投入（万元）', '实施期金额', '123.45', '年度金额', '88.8'],
      ['', '其中：财政拨款', '100.4', '其中：财政拨款', '77.7'],
      ['', '其他资金', '23.05', '其他资金', '11.1'],
      ['绩效目标', '实施期目标', '年度目标'],
      ['', '实施期内社区矫正对象零脱管。', '年度内开展教育帮扶活动不少于12次。'],
    ]);
  });

  it('has the four indicator columns with merged 一级/二级 and the annual values', () => {
    const ind = d.tables[1]!;
    expect(grid(ind)).toEqual([
      ['一级指标', '二级指标', '三级指标', '年度指标值'],
      ['产出指标', '数量指标', '教育帮扶次数', '≥12次'],
      ['', '', '走访核查人次', '≥300人次'],
      ['', '质量指标', '档案规范率', '≥98%'],
      ['', '时效指标', '报到衔接时限', '≤10日'],
      ['', '成本指标', '人均帮扶成本', '≤500元/人'],
      ['效益指标', '社会效益指标', '重新犯罪率', '≤0.2%'],
      ['满意度指标', '服务对象满意度指标', '矫正对象满意度', '≥90%'],
    ]);
    expect(ind.rows.slice(1).map((r) => r.cells[0]!.vMerge)).toEqual(['restart', 'continue', 'continue', 'continue', 'continue', undefined, undefined]);
    expect(ind.rows[0]!.header).toBe(true);
  });

  it('leaves out what the compact form has no place for', () => {
    const text = docText(d);
    for (const absent of [table.fundUse!, table.projectCode!, '集中教育次数', '年度计划', '3月底'])
      expect(text).not.toContain(absent);
  });

  it('sets widths and borders like the full layout', () => {
    for (const t of d.tables) {
      expectWidths(t, 9072);
      for (const c of t.rows.slice(t === d.tables[1] ? 1 : 0).flatMap((r) => r.cells)) expect(c.borders).toHaveLength(4);
    }
  });
});

describe('grouping and edge cases', () => {
  it('follows the mof2021 framework order, where 成本指标 is a 一级指标', async () => {
    const table = fixture({
      framework: 'mof2021',
      indicators: [
        { level1: '满意度指标', level2: '服务对象满意度指标', name: 'S', value: '≥90%' },
        { level1: '成本指标', level2: '经济成本指标', name: 'C', value: '≤10万元' },
        { level1: '产出指标', level2: '时效指标', name: 'T', value: '2025年12月底前' },
        { level1: '产出指标', level2: '数量指标', name: 'Q', value: '≥1次' },
      ],
    });
    const ind = (await openDocx(await render(table))).tables[1]!;
    expect(grid(ind).slice(1).map((r) => r.slice(0, 3))).toEqual([
      ['产出指标', '数量指标', 'Q'],
      ['', '时效指标', 'T'],
      ['成本指标', '经济成本指标', 'C'],
      ['满意度指标', '服务对象满意度指标', 'S'],
    ]);
  });

  it('keeps indicators outside the framework, after the known groups, in their order', async () => {
    const table = fixture({
      indicators: [
        { level1: '其他指标', level2: '其他', name: 'X1', value: '是' },
        { level1: '产出指标', level2: '数量指标', name: 'Q', value: '≥1次' },
        { level1: '产出指标', level2: '自定义指标', name: 'U', value: '是' },
        { level1: '其他指标', level2: '其他', name: 'X2', value: '否' },
      ],
    });
    const ind = (await openDocx(await render(table))).tables[1]!;
    expect(grid(ind).slice(1).map((r) => r.slice(0, 3))).toEqual([
      ['产出指标', '数量指标', 'Q'],
      ['', '自定义指标', 'U'],
      ['其他指标', '其他', 'X1'],
      ['', '', 'X2'],
    ]);
    expect(ind.rows.slice(1).map((r) => r.cells[1]!.vMerge)).toEqual([undefined, undefined, 'restart', 'continue']);
  });

  it('never merges a 二级 cell across two 一级 groups', async () => {
    const table = fixture({
      indicators: [
        { level1: 'A', level2: '同名', name: 'a', value: '1' },
        { level1: 'B', level2: '同名', name: 'b', value: '2' },
      ],
    });
    const ind = (await openDocx(await render(table))).tables[1]!;
    expect(ind.rows.slice(1).map((r) => r.cells.map((c) => c.vMerge))).toEqual([
      Array(6).fill(undefined),
      Array(6).fill(undefined),
    ]);
  });

  it('keeps one repeating header row on a table several pages long', async () => {
    const indicators = Array.from({ length: 80 }, (_, i) => ({
      level1: '产出指标',
      level2: i % 2 ? '质量指标' : '数量指标',
      name: `指标${i + 1}`,
      value: `≥${i + 1}次`,
    }));
    const ind = (await openDocx(await render(fixture({ indicators })))).tables[1]!;
    expect(ind.rows).toHaveLength(81);
    expect(ind.rows.filter((r) => r.header)).toHaveLength(1);
    expect(ind.rows[0]!.header).toBe(true);
    // 40 数量 rows first (input order kept), then 40 质量 rows; 一级 merged over all 80.
    expect(ind.rows.slice(1).map((r) => r.cells[2]!.text).slice(0, 3)).toEqual(['指标1', '指标3', '指标5']);
    expect(ind.rows.slice(1).filter((r) => r.cells[0]!.vMerge === 'continue')).toHaveLength(79);
    expect(ind.rows.slice(1).filter((r) => r.cells[1]!.vMerge === 'restart')).toHaveLength(2);
    expect(ind.rows.every((r) => r.cantSplit)).toBe(true);
  });

  it('prints empty optional fields as empty cells, never undefined', async () => {
    const table = DraftTableSchema.parse({ projectName: '只有名称的项目' });
    for (const layout of ['full', 'compact'] as const) {
      const d = await openDocx(await render(table, { layout }));
      expect(xmlProblem(d.xml)).toBeUndefined();
      const text = docText(d);
      expect(text).not.toMatch(/undefined|NaN|null/);
      expect(d.tables[0]!.rows[0]!.cells[1]!.text).toBe('只有名称的项目');
      expect(d.tables[0]!.rows[1]!.cells.map((c) => c.text)).toEqual(['主管部门', '', '实施单位', '']);
      // One blank indicator row to fill by hand.
      expect(d.tables[1]!.rows).toHaveLength(2);
      expect(d.tables[1]!.rows[1]!.cells.every((c) => c.text === '')).toBe(true);
      expect(d.paragraphs[1]).toBe('（    年度）');
    }
  });

  it('accepts a hand-built table without the schema defaults', async () => {
    const bare = { projectName: '手工构造', indicators: [{ level1: '产出指标', level2: '数量指标', name: 'n', value: '1次' }] } as unknown as DraftTable;
    const d = await openDocx(await render(bare, { layout: 'full' }));
    expect(d.tables[0]!.rows[0]!.cells[1]!.text).toBe('手工构造');
    expect(d.tables[0]!.rows[3]!.cells.map((c) => c.text)).toEqual(['资金投入（万元）', '实施期金额', '', '年度金额', '']);
  });

  it('uses the amount unit in the unit line and the 资金投入 label', async () => {
    const table = fixture({ amounts: { unit: '元', period: { total: 1234567.5 }, annual: { total: 0.1 + 0.2 } } });
    const d = await openDocx(await render(table));
    expect(d.paragraphs[2]).toBe('填报单位（盖章）：某区司法局\t单位：元');
    expect(d.tables[0]!.rows[3]!.cells.map((c) => c.text)).toEqual(['资金投入（元）', '实施期金额', '1234567.5', '年度金额', '0.3']);
  });
});
