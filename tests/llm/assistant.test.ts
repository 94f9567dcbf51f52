import { FakeListChatModel } from '@langchain/core/utils/testing';
import { describe, expect, it } from 'vitest';
import { DraftTableSchema, type Indicator } from '../../src/domain/draft.ts';
import { loadLibrary } from '../../src/library/load.ts';
import { Assistant, type Review } from '../../src/llm/assistant.ts';
import { loadPrompts } from '../../src/llm/prompts.ts';
import { checkTable } from '../../src/rules/index.ts';

const prompts = loadPrompts();
const library = loadLibrary();
/** The review as the dialog passes it: the rules with the template library. */
const review: Review = (t) => checkTable(t, { library });

/** The draft the indicators go into: the context the model's rows are reviewed in. */
const TABLE = DraftTableSchema.parse({
  year: 2026,
  projectName: '禁毒宣传经费',
  department: '某区政法委',
  implementer: '某区政法委',
  period: '2026年1月至2026年12月',
  amounts: { unit: '万元', period: { total: 10, fiscal: 10, other: 0 }, annual: { total: 10, fiscal: 10, other: 0 } },
  fundUse: '开展禁毒宣传进社区、进学校活动，印制宣传材料。',
});

function assistant(responses: string[], opts: { sleep?: number; timeoutMs?: number } = {}) {
  const logs: string[] = [];
  const model = new FakeListChatModel({ responses, sleep: opts.sleep });
  const a = new Assistant(model, prompts, {
    timeoutMs: opts.timeoutMs ?? 2000,
    structuredMethod: 'functionCalling',
    log: (m) => logs.push(m),
  });
  return { a, logs };
}

const FALLBACK_INDICATORS: Indicator[] = [
  { level1: '产出指标', level2: '数量指标', name: '禁毒宣传活动场次', value: '≥30场' },
  { level1: '产出指标', level2: '质量指标', name: '禁毒宣传内容审核合格率', value: '=100%' },
];

const GOOD_INDICATORS = {
  indicators: [
    { level1: '产出指标', level2: '数量指标', name: '禁毒宣传活动场次', value: '≥12场', description: '全年开展宣传活动' },
    { level1: '产出指标', level2: '质量指标', name: '宣传覆盖率', value: '≥90%' },
    { level1: '产出指标', level2: '时效指标', name: '活动按期完成率', value: '≥95%' },
    { level1: '产出指标', level2: '成本指标', name: '宣传经费', value: '≤10万元' },
    { level1: '效果指标', level2: '社会效益', name: '群众禁毒意识', value: '明显提升' },
    { level1: '满意度指标', level2: '服务对象满意度', name: '群众满意度', value: '≥90%' },
  ],
};

describe('assistant without a model', () => {
  it('returns the fallbacks and marks nothing as model-drafted', async () => {
    const a = new Assistant(undefined, prompts, { timeoutMs: 100, structuredMethod: 'functionCalling' });
    expect(a.enabled).toBe(false);
    const r = await a.draftIndicators(
      { table: TABLE, projectName: '禁毒宣传经费', framework: 'local', composed: FALLBACK_INDICATORS, examples: [] },
      () => FALLBACK_INDICATORS,
      review,
    );
    expect(r).toEqual({ value: FALLBACK_INDICATORS, byModel: false });
  });
});

describe('extraction', () => {
  it('takes the fields the model finds and the parser fills the rest', async () => {
    const { a } = assistant([
      JSON.stringify({ projectName: '社区矫正工作经费', amountWan: 20, fundUse: '用于社区矫正对象教育帮扶、走访和培训。' }),
    ]);
    const r = await a.extract('我们明年要申请20万做社区矫正……', () => ({ department: '某区司法局' }), review);
    expect(r.byModel).toBe(true);
    expect(r.value.projectName).toBe('社区矫正工作经费');
    expect(r.value.department).toBe('某区司法局');
    expect(r.value.amounts?.annual.total).toBe(20);
    expect(r.value.fundUse).toContain('教育帮扶');
  });

  it('falls back on a malformed answer', async () => {
    const { a, logs } = assistant(['this is not json']);
    const r = await a.extract('随便说点什么', () => ({ projectName: '解析器的结果' }), review);
    expect(r).toEqual({ value: { projectName: '解析器的结果' }, byModel: false });
    expect(logs.join('\n')).toMatch(/extract/);
  });

  it('falls back when the model is late', async () => {
    const { a, logs } = assistant([JSON.stringify({ projectName: '太慢了' })], { sleep: 500, timeoutMs: 50 });
    const started = Date.now();
    const r = await a.extract('文字', () => ({ projectName: '解析器' }), review);
    expect(Date.now() - started).toBeLessThan(400);
    expect(r.value.projectName).toBe('解析器');
    expect(logs.join('\n')).toMatch(/timed out/);
  });

  it('drops a field the rules reject', async () => {
    const { a } = assistant([JSON.stringify({ projectName: '项'.repeat(3000), fundUse: '用于法律援助案件补贴发放。' })]);
    const r = await a.extract('文字', () => ({}), review);
    expect(r.value.projectName).toBeUndefined();
    expect(r.value.fundUse).toBe('用于法律援助案件补贴发放。');
  });
});

describe('indicator drafting', () => {
  const req = { table: TABLE, projectName: '禁毒宣传经费', purpose: '开展禁毒宣传', amount: 10, framework: 'local' as const, composed: FALLBACK_INDICATORS, examples: [] };

  it('accepts a valid set and canonicalises the level names', async () => {
    const { a } = assistant([JSON.stringify(GOOD_INDICATORS)]);
    const r = await a.draftIndicators(req, () => FALLBACK_INDICATORS, review);
    expect(r.byModel).toBe(true);
    expect(r.value).toHaveLength(6);
    expect(r.value[4]).toMatchObject({ level1: '效益指标', level2: '社会效益指标' });
  });

  it('drops a row that breaks the rules and gives its category the composed row back', async () => {
    const bad = structuredClone(GOOD_INDICATORS);
    bad.indicators[1]!.value = '≥900%';
    const { a, logs } = assistant([JSON.stringify(bad)]);
    const r = await a.draftIndicators(req, () => FALLBACK_INDICATORS, review);
    expect(r.byModel).toBe(true);
    expect(r.value.map((i) => i.value)).not.toContain('≥900%');
    expect(r.value.filter((i) => i.level2 === '质量指标')).toEqual([FALLBACK_INDICATORS[1]]);
    expect(r.value).toHaveLength(6);
    expect(logs.join('\n')).toMatch(/dropped 1 row/);
  });

  it('keeps the composed set when most model rows break the rules', async () => {
    const bad = structuredClone(GOOD_INDICATORS);
    for (const i of bad.indicators.slice(1, 5)) i.value = '≥900%';
    const { a, logs } = assistant([JSON.stringify(bad)]);
    const r = await a.draftIndicators(req, () => FALLBACK_INDICATORS, review);
    expect(r).toEqual({ value: FALLBACK_INDICATORS, byModel: false });
    expect(logs.join('\n')).toMatch(/using the composed set/);
  });

  it('replaces rows the review flags in this draft, warnings included, by the composer’s', async () => {
    // The composer's full set for this project: what fills the categories of dropped rows.
    const composed: Indicator[] = [
      { level1: '产出指标', level2: '数量指标', name: '禁毒宣传活动场次', value: '≥12场' },
      { level1: '产出指标', level2: '质量指标', name: '宣传内容审核合格率', value: '=100%' },
      { level1: '产出指标', level2: '时效指标', name: '宣传活动完成时间', value: '2026年12月底前' },
      { level1: '产出指标', level2: '成本指标', name: '宣传经费', value: '≤10万元' },
      { level1: '效益指标', level2: '社会效益指标', name: '群众禁毒知识知晓率', value: '≥85%' },
      { level1: '满意度指标', level2: '服务对象满意度指标', name: '群众满意度', value: '≥90%' },
    ];
    // Each bad row is well-formed (no error): only a reviewer's reading of this draft rejects it.
    const BAD_ROWS = [
      { level1: '产出指标', level2: '数量指标', name: '办案车辆配备数量', value: '≥2辆' }, // nothing in the project needs cars
      { level1: '产出指标', level2: '时效指标', name: '宣传活动完成时间', value: '2027年6月底前' }, // after the period
      { level1: '效益指标', level2: '生态效益指标', name: '生活环境改善', value: '有效改善' }, // nothing ecological
    ];
    const answer = { indicators: [...BAD_ROWS, ...GOOD_INDICATORS.indicators.filter((i) => !['数量指标', '时效指标'].includes(i.level2))] };
    const warnedOnly = review({ ...TABLE, indicators: answer.indicators.map((i) => ({ ...i, level1: i.level1.replace('效果', '效益') })) }).filter((f) =>
      f.field.startsWith('indicators'),
    );
    expect(warnedOnly.filter((f) => f.severity === 'error')).toEqual([]);
    expect(new Set(warnedOnly.map((f) => f.indicator))).toEqual(new Set([0, 1, 2]));

    const { a, logs } = assistant([JSON.stringify(answer)]);
    const r = await a.draftIndicators({ ...req, composed }, () => composed, review);
    expect(r.byModel).toBe(true);
    const names = r.value.map((i) => `${i.name} ${i.value}`);
    for (const b of BAD_ROWS) expect(names).not.toContain(`${b.name} ${b.value}`);
    expect(r.value).toContainEqual(composed[0]);
    expect(r.value).toContainEqual(composed[2]);
    expect(review({ ...TABLE, indicators: r.value }).filter((f) => f.field.startsWith('indicators'))).toEqual([]);
    expect(logs.join('\n')).toMatch(/dropped 3 row/);
  });

  it('falls back on an answer of the wrong shape', async () => {
    const { a } = assistant([JSON.stringify({ indicators: [{ name: '缺少字段' }] })]);
    const r = await a.draftIndicators(req, () => FALLBACK_INDICATORS, review);
    expect(r.byModel).toBe(false);
  });
});

describe('target wording', () => {
  const req = { table: { ...TABLE, indicators: GOOD_INDICATORS.indicators }, projectName: '禁毒宣传经费', purpose: '开展禁毒宣传', indicators: FALLBACK_INDICATORS };
  const fallback = () => ({ period: '1.完成禁毒宣传。', annual: '1.完成禁毒宣传。' });

  it('uses the model text', async () => {
    const { a } = assistant([JSON.stringify({ period: '1.全年开展禁毒宣传活动不少于12场。', annual: '1.全年开展禁毒宣传活动不少于12场。' })]);
    const r = await a.draftTargets(req, fallback, review);
    expect(r.byModel).toBe(true);
    expect(r.value.annual).toContain('12场');
  });

  it('falls back when the model copies a target of another library project', async () => {
    const copied = { period: '购买法律顾问咨询服务，切实提高法律服务质量。', annual: '1.全年开展禁毒宣传活动不少于12场。' };
    expect(checkTable({ ...req.table, targets: copied }).filter((f) => f.field.startsWith('targets'))).toEqual([]);
    const { a, logs } = assistant([JSON.stringify(copied)]);
    expect(await a.draftTargets(req, fallback, review)).toEqual({ value: fallback(), byModel: false });
    expect(logs.join('\n')).toMatch(/targets: the review flags/);
  });

  it('falls back on malformed or late answers', async () => {
    expect((await assistant(['{"period": 3}']).a.draftTargets(req, fallback, review)).byModel).toBe(false);
    const late = assistant([JSON.stringify({ period: '1.目标。。', annual: '1.目标。。' })], { sleep: 300, timeoutMs: 30 });
    expect(await late.a.draftTargets(req, fallback, review)).toEqual({ value: fallback(), byModel: false });
  });
});
