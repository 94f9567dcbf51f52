import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTabTable } from '../../src/library/parsers/tabTable.ts';
import { parseWordCells } from '../../src/library/parsers/wordCells.ts';
import type { RawProject } from '../../src/library/types.ts';

function source(file: string): string {
  return readFileSync(new URL(`../../data/sources/${file}`, import.meta.url), 'utf8');
}

function flagged(projects: RawProject[]) {
  return projects.flatMap((p, t) =>
    p.indicators.flatMap((r, i) => (r.flags ? [{ table: t + 1, row: i + 1, name: r.name, flags: r.flags }] : [])),
  );
}

/*
 * Indicator counts were verified independently of the parsers, on the raw files:
 * - 000: tab-separated lines between each `一级指标` header and the next table, minus the one
 *   `-------` separator line (awk) → 76;
 * - 003: every row ends with a 指标值确定依据 cell (工作经验 / 行业标准 / 文件要求) → 32;
 * - 004: every row prints its 二级指标 cell (no merged 二级 column there) → 93;
 * and by reading each table by eye, which gave the per-table counts below.
 */
describe('000 — tab-separated table text (Dalian 高新区 2023)', () => {
  const projects = parseTabTable(source('000_c1874251e2ac9666.txt'));

  it('finds 10 tables and 76 indicator rows', () => {
    expect(projects).toHaveLength(10);
    expect(projects.map((p) => p.indicators.length)).toEqual([8, 8, 7, 7, 7, 8, 8, 8, 7, 8]);
    expect(projects.reduce((n, p) => n + p.indicators.length, 0)).toBe(76);
  });

  it('reads names, amounts in 万元 and the header fields', () => {
    expect(projects.map((p) => p.name)).toEqual([
      '法律信息数据库使用费',
      '基层法律服务顾问补贴',
      '全区信访稳定专项资金',
      '社区矫正工作业务经费',
      '严重精神障碍患者看护管理补贴',
      '政法办第三方法律服务采购经费',
      '政法办工作业务经费',
      '政法办巡防队服务经费',
      '政法办审计服务费',
      '政法网军建制网络业务经费',
    ]);
    expect(projects.map((p) => p.amount?.value)).toEqual([9.88, 53.3, 100, 1.5, 11.52, 90.9, 17.4, 1754.87, 5, 0.72]);
    for (const p of projects) {
      expect(p.amount?.unit).toBe('万元');
      expect(p.year).toBe(2023);
      expect(p.period).toBe('2023年1月至2023年12月');
      expect(p.department).toBe('大连高新技术产业园区政法办公室');
      expect(p.implementer).toBe('大连高新技术产业园区政法办公室');
      // 实施期目标 and 年度目标 print the same text: kept once.
      expect(p.goals).toHaveLength(1);
      expect(p.fundUse).toBeUndefined();
    }
    expect(projects[3]?.goals?.[0]).toBe(
      '依据高新区政法办公室工作职能要求,保障对社区内矫正人员定期回访、监管、教育等工作顺利展开,维护高新区社区治安稳定。',
    );
  });

  it('reads the first row of the first table', () => {
    expect(projects[0]?.indicators[0]).toEqual({
      level1: '产出指标',
      level2: '数量指标',
      name: '数据库提供数据咨询产品数量',
      value: '≥5个',
    });
  });

  it('leaves 一级/二级 blank under a merged cell', () => {
    expect(projects[0]?.indicators[1]).toEqual({ level1: '', level2: '', name: '同时最大登录访问人数', value: '≥10人' });
    expect(projects[0]?.indicators[2]).toEqual({
      level1: '',
      level2: '质量指标',
      name: '第三方数据库服务采购合规性',
      value: '优秀',
    });
    expect(projects[5]?.indicators[5]).toEqual({
      level1: '效益指标',
      level2: '社会效益指标',
      name: '化解中小企业法律纠纷, 维护市场稳定情况',
      value: '优秀',
    });
  });

  it('keeps the garbled rows and flags them', () => {
    // Table 2's last row is shifted one column left (value under 三级指标's second column).
    expect(projects[1]?.indicators[7]).toEqual({
      level1: '满意度指标',
      level2: '服务对象满意度指标',
      name: '法律援助基本对象满意率',
      value: '≥90%',
      flags: ['value-in-wrong-column'],
    });
    // Table 8: `时效指标` sits in the 一级 column and the whole row is shifted left.
    expect(projects[7]?.indicators[5]).toEqual({
      level1: '',
      level2: '时效指标',
      name: '控制发生重大案、事件数量',
      value: '0件',
      flags: ['value-in-wrong-column'],
    });
    // Tables 5 and 9: a row shifted right whose value is missing.
    expect(projects[4]?.indicators[5]).toEqual({
      level1: '效益指标',
      level2: '社会效益指标',
      name: '保障突发公共卫生事件快速响应',
      value: '',
      flags: ['missing-value'],
    });
    expect(projects[8]?.indicators[5]).toEqual({
      level1: '效益指标',
      level2: '社会效益指标',
      name: '审计监督有效性',
      value: '',
      flags: ['missing-value'],
    });
    expect(flagged(projects)).toEqual([
      { table: 2, row: 8, name: '法律援助基本对象满意率', flags: ['value-in-wrong-column'] },
      { table: 5, row: 6, name: '保障突发公共卫生事件快速响应', flags: ['missing-value'] },
      { table: 8, row: 6, name: '控制发生重大案、事件数量', flags: ['value-in-wrong-column'] },
      { table: 9, row: 6, name: '审计监督有效性', flags: ['missing-value'] },
    ]);
  });

  it('has no description or basis columns and no empty names', () => {
    for (const r of projects.flatMap((p) => p.indicators)) {
      expect(r.description).toBeUndefined();
      expect(r.basis).toBeUndefined();
      expect(r.name).not.toBe('');
    }
  });
});

describe('003 — Word text, one cell per line (高新区 2024)', () => {
  const projects = parseWordCells(source('003_cbe7e3160d176955.txt'));

  it('finds 4 tables and 32 indicator rows, skipping the prose before them', () => {
    expect(projects).toHaveLength(4);
    expect(projects.map((p) => p.indicators.length)).toEqual([8, 8, 10, 6]);
    expect(projects.reduce((n, p) => n + p.indicators.length, 0)).toBe(32);
  });

  it('reads names, fund use, goals and the one amount', () => {
    expect(projects.map((p) => p.name)).toEqual([
      '雪亮工程二期尾款及维修保养项目',
      '综治重点工作经费',
      '社会治安保险',
      '信访维稳经费',
    ]);
    expect(projects.map((p) => p.amount)).toEqual([undefined, undefined, undefined, { value: 80, unit: '万元' }]);
    expect(projects[0]?.fundUse).toBe('雪亮工程二期无质量问题，按照合同约定，支付合同总价款的3%。');
    expect(projects[2]?.goals).toEqual([
      '调动和激发广大群众参与群防群治的积极性，不断提高社会治安管理能力，有力促进平安高新建设。',
    ]);
    // 预算规模及资金用途 block: the unlabelled cell after the amounts is the use of funds.
    expect(projects[3]?.fundUse).toBe('主要用于信访维稳及信访宣传。');
    expect(projects[3]?.goals).toEqual([
      '维护社会稳定工作，协调保障国家省市和区重大政治活动顺利进行负责组织信访苗头隐患排查调处工作。',
      '做好信访活动的宣传工作。',
    ]);
    for (const p of projects) {
      expect(p.year).toBe(2024);
      expect(p.department).toBe('高新区政法委');
    }
  });

  it('reads the first row with description and basis', () => {
    expect(projects[0]?.indicators[0]).toEqual({
      level1: '产出指标',
      level2: '数量指标',
      name: '设备数量',
      description: '前端设备数量',
      value: '343个',
      basis: '工作经验',
    });
  });

  it('leaves 一级/二级 blank under merged cells and keeps the printed 二级 wording', () => {
    expect(projects[2]?.indicators[1]).toEqual({
      level1: '',
      level2: '',
      name: '保险覆盖率',
      description: '镇（办）参与社会治安保险占比',
      value: '100%',
      basis: '工作经验',
    });
    expect(projects[2]?.indicators[6]).toMatchObject({ level1: '效果指标', level2: '社会效益', name: '政策知晓率' });
    expect(projects[2]?.indicators[7]).toMatchObject({ level1: '', level2: '', name: '出险服务', value: '是' });
  });

  it('undoes line breaks and blank lines inside cells of the last table', () => {
    // `⇥产出` + `指标 `, with blank lines between the cells of the row.
    expect(projects[3]?.indicators[0]).toEqual({
      level1: '产出指标',
      level2: '数量指标',
      name: '信访事项按期受理情况',
      description: '信访事项按期受理情况',
      value: '≥90%',
      basis: '文件要求',
    });
    // `⇥效果` + `指标`; the description cell is `⇥   ` + `按期受理案件…`.
    expect(projects[3]?.indicators[4]).toEqual({
      level1: '效果指标',
      level2: '社会效益指标',
      name: '按期受理率',
      description: '按期受理案件占全部案件的比率',
      value: '≥90%',
      basis: '文件要求',
    });
  });

  it('has no garbled rows', () => {
    expect(flagged(projects)).toEqual([]);
  });
});

describe('004 — Word text, one cell per line (Tianjin 滨海新区 司法局, 元)', () => {
  const projects = parseWordCells(source('004_33e3c13fb73fd403.txt'));

  it('finds 14 tables and 93 indicator rows', () => {
    expect(projects).toHaveLength(14);
    expect(projects.map((p) => p.indicators.length)).toEqual([6, 6, 6, 6, 9, 6, 7, 6, 6, 6, 11, 6, 6, 6]);
    expect(projects.reduce((n, p) => n + p.indicators.length, 0)).toBe(93);
  });

  it('reads names as printed and amounts in 元', () => {
    expect(projects[0]?.name).toBe('天津市滨海新区司法局多种用工人员经费');
    expect(projects[1]?.name).toBe('2023年第二批中央转移支付资金其他经费（津财行政指【2023】24号）');
    expect(projects[8]?.name).toBe(
      '关于2023年中央转移支付资金提前下达部分的通知（司法所规范化建设经费）（津财行政指【2022】81号）',
    );
    expect(projects[13]?.name).toBe('法援中心工作专项经费');
    expect(projects.map((p) => p.amount?.value)).toEqual([
      432000, 309074.16, 78800, 249700, 1170000, 878700, 600000, 200000, 99116.07, 250000, 660000, 200000, 3228,
      700000,
    ]);
    for (const p of projects) {
      expect(p.amount?.unit).toBe('元');
      expect(p.year).toBeUndefined();
      expect(p.fundUse).toBeTruthy();
      expect(p.goals?.length).toBeGreaterThan(0);
    }
    expect(projects.slice(0, 12).every((p) => p.department === '天津市滨海新区司法局')).toBe(true);
    expect(projects[12]?.department).toBe('天津市滨海新区法律援助中心');
    expect(projects[13]?.department).toBe('天津市滨海新区法律援助中心');
  });

  it('reads fund use and numbered goals, one per line of the goal cell', () => {
    expect(projects[2]?.fundUse).toBe('社区矫正工作正常开展，确保社区矫正对象无脱管漏管情况发生');
    expect(projects[2]?.goals).toEqual(['1.社区矫正工作正常开展，确保社区矫正对象无脱管漏管情况发生']);
    expect(projects[12]?.goals).toEqual([
      '1.不断完善法律援助制度，实现法律援助应援尽援、应援优援',
      '2.提高刑事法律援助服务质量，深入推进认罪认罚从宽工作，做好法律援助工作站律师值班工作',
      '3.加强法律援助宣传，不断提高法律援助社会知晓率',
    ]);
  });

  it('reads the first row (no basis column in this layout)', () => {
    expect(projects[0]?.indicators[0]).toEqual({
      level1: '产出指标',
      level2: '数量指标',
      name: '配备社区矫正社工',
      description: '配备社区矫正社工',
      value: '≥6人',
    });
  });

  it('leaves 一级 blank under the merged 产出指标 cell', () => {
    expect(projects[10]?.indicators[6]).toEqual({
      level1: '',
      level2: '成本指标',
      name: '法律顾问费',
      description: '法律顾问费',
      value: '5万元/人',
    });
    expect(projects[4]?.indicators[7]).toEqual({
      level1: '',
      level2: '可持续影响指标',
      name: '为群众提供免费法律服务',
      description: '群众法律意识，推进法治建设',
      value: '持续提高',
    });
  });

  it('drops the Word bookmark artefact from a cell', () => {
    expect(projects[6]?.indicators[5]).toEqual({
      level1: '',
      level2: '可持续影响指标',
      name: '完成第三批法治政府建设综合示范区创建工作',
      description: '提高法治政府建设水平',
      value: '提高建设水平',
    });
  });

  it('keeps odd values verbatim and has no structurally garbled rows', () => {
    expect(projects[4]?.indicators[5]).toMatchObject({ level2: '成本指标', name: '补贴资金', value: '≤4000人/次' });
    expect(projects[9]?.indicators[2]).toMatchObject({ value: '每月1期' });
    expect(flagged(projects)).toEqual([]);
  });
});

describe('wordCells on a garbled row', () => {
  const text = [
    '测试项目绩效目标表',
    '\t项目名称',
    '\t测试',
    '',
    '\t一级指标',
    '\t二级指标',
    '\t三级指标',
    '\t绩效指标描述',
    '\t指标值',
    '',
    '\t产出指标',
    '\t数量指标',
    '\t培训人数',
    '\t≥100人',
    '\t',
    '',
    '\t',
    '\t质量指标',
    '\t',
    '\t合格率',
    '\t≥90%',
    '',
    '\t',
    '\t时效指标',
    '\t完成及时率',
    '\t按时完成',
    '\t',
  ].join('\n');

  it('moves a value found in the description column, and flags missing cells', () => {
    const [p] = parseWordCells(text);
    expect(p?.indicators).toEqual([
      { level1: '产出指标', level2: '数量指标', name: '培训人数', value: '≥100人', flags: ['value-in-wrong-column'] },
      { level1: '', level2: '质量指标', name: '', description: '合格率', value: '≥90%', flags: ['missing-name'] },
      { level1: '', level2: '时效指标', name: '完成及时率', description: '按时完成', value: '', flags: ['missing-value'] },
    ]);
  });
});
