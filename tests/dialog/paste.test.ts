import { describe, expect, it } from 'vitest';
import { parsePaste } from '../../src/dialog/answers/paste.ts';
import { LowdbDraftStore } from '../../src/store/lowdb.ts';
import { docxText, User, freshEngineEachTest } from './helpers.ts';

const rows = (r: ReturnType<typeof parsePaste>): string[] =>
  (r?.indicators ?? []).map((i) => [i.level1, i.level2, i.name, i.value, i.description ?? '', i.basis ?? ''].join('/').replace(/\/+$/, ''));

describe('pasted indicator rows', () => {
  it('space separated, levels repeated or left out as in merged cells, an operator apart from its number', () => {
    const r = parsePaste(
      [
        '产出指标 数量指标 培训人数 ≥286人',
        '产出指标 数量指标 平台运维服务期 =12个月',
        ' 质量指标 培训合格率 ≥ 95%',
        '  培训考核覆盖率 100%',
        '效益指标 社会效益指标 网格员履职能力 较上年明显提升',
        '满意度指标 服务对象满意度指标 参训人员满意度 ≥90%',
      ].join('\n'),
      'local',
    );
    expect(rows(r)).toEqual([
      '产出指标/数量指标/培训人数/≥286人',
      '产出指标/数量指标/平台运维服务期/=12个月',
      '产出指标/质量指标/培训合格率/≥95%',
      '产出指标/质量指标/培训考核覆盖率/100%',
      '效益指标/社会效益指标/网格员履职能力/较上年明显提升',
      '满意度指标/服务对象满意度指标/参训人员满意度/≥90%',
    ]);
    expect(r!.badLines).toEqual([]);
  });

  it('| separated with a header: 描述 and 依据 by column, blank merged cells, punctuation as typed', () => {
    const r = parsePaste(
      [
        '| 一级指标 | 二级指标 | 三级指标 | 指标值 | 绩效指标描述 | 指标值确定依据 |',
        '|---|---|---|---|---|---|',
        '| 产出指标 | 数量指标 | 培训人数 | ≥286人 | 全年培训专职网格员人数，含新入职人员 | 2025年实际完成数 |',
        '|  |  | 平台运维服务期 | =12个月 | 平台全年运维 |  |',
        '|  | 质量指标 | 培训合格率 | ≥95% | 考核合格人数/参训人数 | 上年度水平（含补考） |',
      ].join('\n'),
      'local',
    );
    expect(rows(r)).toEqual([
      '产出指标/数量指标/培训人数/≥286人/全年培训专职网格员人数，含新入职人员/2025年实际完成数',
      '产出指标/数量指标/平台运维服务期/=12个月/平台全年运维',
      '产出指标/质量指标/培训合格率/≥95%/考核合格人数/参训人数/上年度水平（含补考）',
    ]);
  });

  it('tab separated with blank 一级/二级 cells, without 描述/依据', () => {
    const r = parsePaste(['一级指标\t二级指标\t三级指标\t指标值', '产出指标\t数量指标\t培训人数\t≥286人', '\t\t培训场次\t≥12场', '\t时效指标\t完成时间\t2027年11月底前'].join('\n'), 'local');
    expect(rows(r)).toEqual(['产出指标/数量指标/培训人数/≥286人', '产出指标/数量指标/培训场次/≥12场', '产出指标/时效指标/完成时间/2027年11月底前']);
  });

  it('without a header: 描述 before the value, 依据 after it', () => {
    const r = parsePaste('产出指标\t数量指标\t培训人数\t全年培训人数\t≥286人\t根据2025年完成情况', 'local');
    expect(rows(r)).toEqual(['产出指标/数量指标/培训人数/≥286人/全年培训人数/根据2025年完成情况']);
  });

  it('the bot\'s own list pasted back', () => {
    const r = parsePaste(['【产出指标】', ' 数量指标', '  1. 培训专职网格员人数：≥286人', '  2. 平台运维服务期：=12个月（估算，请核对）'].join('\n'), 'local');
    expect(rows(r)).toEqual(['产出指标/数量指标/培训专职网格员人数/≥286人', '产出指标/数量指标/平台运维服务期/=12个月']);
  });

  it('lists what it could not read, but not titles and headers', () => {
    const r = parsePaste(
      ['项目支出绩效目标表', '（2027年度）', '项目名称：网格化服务管理工作经费', '产出指标 数量指标 培训人数 ≥286人', '数量指标 培训场次', '这一行不知道是什么'].join('\n'),
      'local',
    );
    expect(r!.fields.projectName).toBe('网格化服务管理工作经费');
    expect(rows(r)).toEqual(['产出指标/数量指标/培训人数/≥286人']);
    expect(r!.badLines).toEqual(['数量指标 培训场次', '这一行不知道是什么']);
  });

  it('a purpose broken over lines goes on', () => {
    const r = parsePaste(['项目名称：网格化服务管理工作经费', '资金用途：用于全区专职网格员培训，', '网格化服务管理平台运维。'].join('\n'), 'local');
    expect(r!.fields.fundUse).toBe('用于全区专职网格员培训，\n网格化服务管理平台运维。');
    expect(r!.badLines).toEqual([]);
  });
});

describe('a pasted table in the conversation', () => {
  const t = freshEngineEachTest();

  it('keeps every pasted row (no library rows instead), says what it skipped, and the DOCX keeps ，', async () => {
    const u = new User(t.engine);
    await u.say(
      [
        '项目名称：网格化服务管理工作经费',
        '主管部门：某区委政法委',
        '金额：35.6万元',
        '资金用途：用于全区286名专职网格员培训，网格化服务管理平台运维和网格员工作补贴',
        '产出指标 数量指标 培训专职网格员人数 ≥286人',
        ' 质量指标 培训考核合格率 ≥95%',
        ' 时效指标 培训完成时间 2027年11月底前',
        ' 成本指标 人均培训经费 ≤1245元/人',
        '效益指标 社会效益指标 网格员履职能力 较上年明显提升',
        '满意度指标 服务对象满意度指标 参训人员满意度 ≥90%',
        '看不懂的一行',
      ].join('\n'),
    );
    expect(u.text()).toContain('这几行没看懂，已略过：\n看不懂的一行');
    expect(u.text()).toContain('绩效指标 6 条');
    const store = new LowdbDraftStore({ dataDir: t.dir, log: () => undefined });
    const [draft] = await store.list(u.key);
    expect(draft!.table.indicators.map((i) => i.name)).toEqual([
      '培训专职网格员人数', '培训考核合格率', '培训完成时间', '人均培训经费', '网格员履职能力', '参训人员满意度',
    ]);
    await u.say('改 1 依据 2025年实有专职网格员，含新聘人员');
    await u.say('生成');
    const text = await docxText(u.file()!.bytes);
    expect(text).toContain('用于全区286名专职网格员培训，网格化服务管理平台运维');
    expect(text).toContain('2025年实有专职网格员，含新聘人员');
    expect(text).not.toMatch(/培训,网格化/);
  });
});
