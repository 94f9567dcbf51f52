import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePdfTables, scanFlattened, splitGoals, undoBreaks } from '../../src/library/parsers/pdfTables.ts';
import type { RawIndicatorRow, RawProject } from '../../src/library/types.ts';

const SOURCE = new URL('../../data/sources/002_1a17dc51f9646b4e.txt', import.meta.url);
const text = readFileSync(SOURCE, 'utf8');
const projects = parsePdfTables(text);

function project(n: number): RawProject {
  const p = projects[n - 1];
  if (!p) throw new Error(`no table ${n}`);
  return p;
}
function row(n: number, i: number): RawIndicatorRow {
  const r = project(n).indicators[i];
  if (!r) throw new Error(`no row ${i} in table ${n}`);
  return r;
}

describe('parsePdfTables on 002 (秦皇岛经开区政法委 2023 单位预算公开)', () => {
  it('finds the 24 project tables, in order, and none of the budget tables', () => {
    expect(projects).toHaveLength(24);
    expect(projects.map((p) => p.name).slice(1)).toEqual([
      '船厂路司法所办公经费',
      '法律援助工作经费',
      '法学会工作专项经费',
      '防范和处理邪教问题工作专项经费',
      '公共法律服务中心经费运营管理经费',
      '管委法律顾问服务经费',
      '护路经费',
      '见义勇为基金',
      '精神病监护保险',
      '普法宣传经费',
      '全面依法治区工作专项经费',
      '全区行政执法人员培训考试费',
      '人民调解工作经费',
      '扫黑除恶专项经费',
      '社区矫正工作经费',
      '社区戒毒工作经费',
      '维护稳定工作专项经费',
      '行政复议工作经费',
      '政法信息化专项经费',
      '政治工作专项经费',
      '综治工作专项经费',
      '综治网格员专用手机 APP 经费',
      '综治中心系统平台经费',
    ]);
  });

  it('reads 166 indicator rows', () => {
    // Verified by reading the file table by table (lines 459–746 shown with tabs made visible):
    // 23 tables are tab rows whose second cell is a 二级 name, counted independently with a
    // Python one-liner (158 rows: 5,6,7,7,6,8,6,6,6,7,6,7,–,9,7,6,7,7,7,7,7,7,7,10); table 13
    // lost its cells in the PDF extraction and was split by hand into 8 rows (5 产出, 2 效益,
    // 1 满意度: the 满意度 row is printed on separate lines around the flattened one).
    // 158 + 8 = 166.
    const total = projects.reduce((n, p) => n + p.indicators.length, 0);
    expect(total).toBe(166);
    expect(projects.map((p) => p.indicators.length)).toEqual([
      5, 6, 7, 7, 6, 8, 6, 6, 6, 7, 6, 7, 8, 9, 7, 6, 7, 7, 7, 7, 7, 7, 7, 10,
    ]);
  });

  it('keeps names as printed, quotes, brackets and Latin spacing included', () => {
    expect(project(1).name).toBe('(上级)秦财行[2022]791号-关于提前下达2023年省级社区矫正转移支付资金的通知');
    expect(project(2).name).toBe('船厂路司法所办公经费');
    expect(project(13).name).toBe('全区行政执法人员培训考试费');
    expect(project(23).name).toBe('综治网格员专用手机 APP 经费');
    expect(project(24).name).toBe('综治中心系统平台经费');
  });

  it('takes department and year from the document; no table prints an amount', () => {
    for (const p of projects) {
      expect(p.department).toBe('中共秦皇岛经济技术开发区工委政法委员会(本级)');
      expect(p.implementer).toBe(p.department);
      expect(p.year).toBe(2023);
      // The only figures near a table are cost indicators; the unit total 1183. 74 is not a
      // project's amount, so none is invented.
      expect(p.amount).toBeUndefined();
      expect(p.period).toBeUndefined();
    }
  });

  it('splits the 绩效目标 into numbered goals with line breaks undone', () => {
    expect(project(1).goals).toEqual(['通过开展社区矫正工作,预防和减少犯罪,维护社会安全稳定。', '维护社会安全稳定。']);
    expect(project(8).goals?.[0]).toBe('设置参加护路人数不少于 10 人,加强涉路隐患的持续排查和日常巡护。');
    // The source cuts this goal off mid-word (`…法律服务的 情`); kept as printed, break undone.
    expect(project(4).goals?.[1]).toMatch(/参与法学研究、法律服务的情$/);
    expect(projects.every((p) => p.goals?.length === 2)).toBe(true);
  });

  it('spot-check: a plain row, field by field', () => {
    expect(row(3, 3)).toEqual({
      level1: '产出指标',
      level2: '成本指标',
      name: '法律援助律师值班费用',
      description: '发放律师值班费用及刑事法律援助律师法律服务费用',
      value: '≤150 元/人',
      basis: '合同规定和工作计划',
    });
  });

  it('spot-check: rows above the merged 一级 label take the label printed below them', () => {
    // Line 463: `\t数量指标\t社区矫正对象接收率…`; the 产出指标 label is two rows further down.
    expect(row(1, 0)).toEqual({
      level1: '产出指标',
      level2: '数量指标',
      name: '社区矫正对象接收率',
      description: '实际接收社区叫这个对象与应接收人数比率',
      value: '100%',
      basis: '秦财行[2022]791 号',
    });
  });

  it('spot-check: OCR noise in the 一级 column (`厂山相似`) is read as the merged cell', () => {
    expect(row(2, 2)).toEqual({
      level1: '产出指标',
      level2: '时效指标',
      name: '支付及时率',
      description: '支付及时率',
      value: '100%',
      basis: '依据合同和工作计划',
    });
    // `双皿相似` under 效益指标, `<u> </u>` under 效益指标.
    expect(row(15, 5).level1).toBe('效益指标');
    expect(row(3, 5).level1).toBe('效益指标');
    expect(row(3, 5).name).toBe('促进社会公平正义');
  });

  it('spot-check: a 效益 block whose label is unreadable is inferred and flagged', () => {
    // Table 23 prints `苏 关 抡 标` and `<u> </u>` where 效益指标 should be.
    expect(row(23, 4)).toEqual({
      level1: '效益指标',
      level2: '社会效益指标',
      name: '提高业务保障能力',
      description: '工作人员的综合业务能力提升',
      value: '效果明显',
      basis: '市综治办《关于做好 2018 年度综治系统建设有关预算编制的通知》',
      flags: ['level-inferred'],
    });
    expect(row(23, 5).flags).toEqual(['level-inferred']);
  });

  it('spot-check: the flattened table 13 is rebuilt cell by cell', () => {
    expect(project(13).goals).toEqual([
      '组织开展 1 次全区行政执法人员培训考试,提高行政执法能力,规范行政执法行为。',
      '促进严格规范公正文明执法,提升行政行为合法性水平',
    ]);
    expect(row(13, 0)).toEqual({
      level1: '产出指标',
      level2: '数量指标',
      name: '执法人员考试人数',
      description: '按照上级统一要求, 组织现有及新增执法人员培训考试',
      value: '≥457 人',
      basis: '合同规定和工作计划',
      flags: ['cells-reconstructed'],
    });
    expect(row(13, 6)).toEqual({
      level1: '效益指标',
      level2: '社会效益指标',
      name: '提高依法行政水平',
      description: '不存在无证执法现象, 行政执法效果较好: 依法行政氛围浓厚',
      value: '有效提高',
      basis: '《河北省行政执法证件和行政执法监督检查证件管理办法》',
      flags: ['cells-reconstructed'],
    });
    // The 满意度 row is printed on lines of its own before and after the flattened line.
    expect(row(13, 7)).toEqual({
      level1: '满意度指标',
      level2: '服务对象满意度指标',
      name: '行政执法人员满意度',
      description: '行政执法人员对培训考试工作满意程度',
      value: '≥92%',
      basis: '满意度调查问卷',
      flags: ['cells-reconstructed'],
    });
  });

  it('undoes in-cell line breaks in names, descriptions and bases', () => {
    expect(row(3, 0).name).toBe('法律援助工作计划完成率'); // `…完成 率`
    expect(row(4, 5).name).toBe('促进全区法学、法律工作者能力素质提升');
    expect(row(14, 6).basis).toBe(
      '秦开管委办(2013)16 号关于印发《秦皇岛经济技术开发区人民调解委员会补助及人民调解员补贴办法》的通知',
    );
    expect(row(9, 4).description).toBe('通过警民共同努力共建平安开发区');
  });

  it('keeps the source’s own mistakes verbatim', () => {
    expect(row(16, 3).value).toBe('≪4 万元'); // `≪` for `≤`
    expect(row(1, 4)).toMatchObject({ level2: '社会效益指标', value: '≥94%' }); // a percent as an effect
    expect(row(3, 6).name).toBe('授助对象满意度'); // 授助 for 援助
    expect(row(24, 0).value).toBe('36 条');
    expect(row(24, 5).value).toBe('≤4380 元/条');
  });

  it('flags only the hand-split rows of table 13 and the two unreadable 效益 labels of table 23', () => {
    const flagged = projects.flatMap((p, i) =>
      p.indicators.filter((r) => r.flags?.length).map((r) => `${i + 1}:${r.name}:${r.flags?.join(',')}`),
    );
    const reconstructed = project(13).indicators.map((r) => `13:${r.name}:cells-reconstructed`);
    expect(reconstructed).toHaveLength(8);
    expect(flagged).toEqual([...reconstructed, '23:提高业务保障能力:level-inferred', '23:促进社会和谐稳定:level-inferred']);
    for (const p of projects) for (const r of p.indicators) expect(r.value).not.toBe('');
  });
});

describe('pdfTables fallbacks and helpers', () => {
  it('falls back to a flagged scan when a flattened table no longer matches its repair', () => {
    const changed = parsePdfTables(text.replaceAll('查证件管理办法》', '查证件办法》'));
    expect(changed).toHaveLength(24);
    const t13 = changed[12];
    expect(t13?.indicators.map((r) => r.name)).toEqual([
      '行政执法人员满意度',
      '执法人员考试人数',
      '培训考试合格率',
      '培训考试及时性',
      '行政执法人员培训考试费用',
      '培训考试费用',
      '保障执法证可使用年限',
      '提高依法行政水平',
    ]);
    expect(t13?.indicators.every((r) => r.flags?.includes('level-inferred'))).toBe(true);
    // A value the scan cannot place is missing, never borrowed from a later row.
    expect(t13?.indicators[7]).toMatchObject({ value: '', flags: ['missing-value', 'level-inferred'] });
    expect(t13?.indicators[1]?.value).toBe('≥457 人');
    // The other tables are untouched.
    expect(changed[11]).toEqual(project(12));
  });

  it('scanFlattened reads one row per 二级 name', () => {
    const rows = scanFlattened('产出指标 数量指标 培训人数 培训的人数 ≥30 人 计划 质量指标 合格率');
    expect(rows).toEqual([
      { label: '', level2: '数量指标', name: '培训人数', value: '≥30 人' },
      { label: '', level2: '质量指标', name: '合格率', value: '', flags: ['missing-value'] },
    ]);
  });

  it('keeps garbled tab rows and flags them', () => {
    const doc = [
      '预算项目绩效目标',
      '1、测试项目绩效目标表',
      '绩效目标\t1. 甲 2. 乙',
      '一级指标\t二级指标\t三级指标\t绩效指标描述\t指标值\t指标值确定依据',
      '产出指标\t数量指标\t培训人数\t≥30人\t\t计划',
      '\t质量指标\t合格率\t合格的比例\t\t计划',
      '\t时效指标\t\t及时\t≥95%\t计划',
    ].join('\n');
    const [p] = parsePdfTables(doc);
    expect(p?.name).toBe('测试项目');
    expect(p?.goals).toEqual(['甲', '乙']);
    expect(p?.indicators).toEqual([
      {
        level1: '产出指标',
        level2: '数量指标',
        name: '培训人数',
        value: '≥30人',
        basis: '计划',
        flags: ['value-in-wrong-column'],
      },
      {
        level1: '产出指标',
        level2: '质量指标',
        name: '合格率',
        description: '合格的比例',
        value: '',
        basis: '计划',
        flags: ['missing-value'],
      },
      {
        level1: '产出指标',
        level2: '时效指标',
        name: '',
        description: '及时',
        value: '≥95%',
        basis: '计划',
        flags: ['missing-name'],
      },
    ]);
  });

  it('undoBreaks joins only between Chinese characters', () => {
    expect(undoBreaks(' 法律援助工作计划完成 率 ')).toBe('法律援助工作计划完成率');
    expect(undoBreaks('专用手机 APP 的数量')).toBe('专用手机 APP 的数量');
    expect(undoBreaks('《中华人民共和国法律 援助法》')).toBe('《中华人民共和国法律援助法》');
    expect(undoBreaks('保障交通安全, 减少安全隐患')).toBe('保障交通安全, 减少安全隐患');
  });

  it('splitGoals follows the numbering 1, 2, … and ignores other numbers', () => {
    expect(splitGoals('1. 开展"12.4"宣传 2. 配备 150 部手机')).toEqual(['开展"12.4"宣传', '配备 150 部手机']);
    expect(splitGoals('无编号的 目标')).toEqual(['无编号的目标']);
    expect(splitGoals('   ')).toEqual([]);
  });
});
