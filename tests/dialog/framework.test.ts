/** The 2021 framework (成本指标 as a 一级指标) through the dialog: suggestions, the 还缺 line, generation. */
import { describe, expect, it } from 'vitest';
import { DraftTableSchema, type DraftTable, type Indicator } from '../../src/domain/draft.ts';
import { missingCategories } from '../../src/dialog/flow/format.ts';
import { docxText, User, freshEngineEachTest } from './helpers.ts';

const t = freshEngineEachTest();

function table(framework: 'local' | 'mof2021', indicators: Indicator[]): DraftTable {
  return DraftTableSchema.parse({ projectName: '社区矫正工作经费', framework, indicators });
}

const ind = (level1: string, level2: string, name: string, value: string): Indicator => ({ level1, level2, name, value });

describe('missing categories (还缺)', () => {
  it('one 2021 cost indicator does not hide missing 数量/质量/时效', () => {
    const t = table('mof2021', [ind('成本指标', '经济成本指标', '项目总成本', '≤20万元')]);
    expect(missingCategories(t)).toEqual(['数量指标', '质量指标', '时效指标', '效益指标', '服务对象满意度指标']);
  });

  it('a 2021 table is complete with an 经济成本指标 and no 产出/成本指标', () => {
    const t = table('mof2021', [
      ind('产出指标', '数量指标', '培训次数', '≥4次'),
      ind('产出指标', '质量指标', '案件办结率', '≥95%'),
      ind('产出指标', '时效指标', '资金拨付及时率', '≥95%'),
      ind('成本指标', '社会成本指标', '对群众生活的不利影响', '无'),
      ind('效益指标', '社会效益指标', '群众安全感', '有效提升'),
      ind('满意度指标', '服务对象满意度指标', '服务对象满意度', '≥90%'),
    ]);
    expect(missingCategories(t)).toEqual([]);
  });

  it('local framework: lists what is missing, in requirement order', () => {
    expect(missingCategories(table('local', []))).toEqual(['数量指标', '质量指标', '时效指标', '成本指标', '效益指标', '服务对象满意度指标']);
    const t = table('local', [ind('产出指标', '成本指标', '项目总成本', '≤20万元'), ind('效益指标', '经济效益指标', '节约费用', '有效节约')]);
    expect(missingCategories(t)).toEqual(['数量指标', '质量指标', '时效指标', '服务对象满意度指标']);
  });
});

describe('a 2021-framework draft imported from JSON', () => {
  it('gets 2021 suggestions, reaches 全部采用 and generates a DOCX with 成本指标 as a 一级指标', async () => {
    const u = new User(t.engine);
    const draft = {
      projectName: '社区矫正工作经费',
      department: '大连高新区司法局',
      framework: 'mof2021',
      amounts: { unit: '万元', period: { total: 20, fiscal: 20, other: 0 }, annual: { total: 20, fiscal: 20, other: 0 } },
      fundUse: '用于社区矫正对象教育帮扶、心理矫治和日常监督管理',
    };
    u.messages++;
    u.last = await t.engine.handle(u.key, { type: 'file', name: 'draft.json', bytes: new TextEncoder().encode(JSON.stringify(draft)) });
    expect(u.text()).toMatch(/绩效指标（\d+ 条）/);
    expect(u.text()).toContain('【成本指标】');
    expect(u.text()).toContain('经济成本指标');
    expect(u.text()).toContain('≤20万元');
    expect(u.text()).toContain('框架要求的类别都齐了');
    await u.press('全部采用');
    expect(u.text()).toContain('草稿摘要');
    expect(u.text()).not.toContain('需要修改');
    await u.press('生成');
    const file = u.file();
    expect(file).toBeDefined();
    const text = await docxText(file!.bytes);
    expect(text).toContain('经济成本指标');
    expect(text).toContain('≤20万元');
  });
});
