/**
 * The optional model inside whole conversations: langchain's FakeListChatModel stands in for the
 * network (its structured output JSON.parses the canned message), everything else is the real engine
 * on a lowdb store. A fake answers in order, one answer per model call.
 */
import { FakeListChatModel } from '@langchain/core/utils/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/app.ts';
import { STRONG_MATCH } from '../../src/compose/index.ts';
import { isParagraph } from '../../src/dialog/answers/extract.ts';
import { loadLibrary } from '../../src/library/load.ts';
import { rankSimilar } from '../../src/library/rank.ts';
import { Assistant } from '../../src/llm/assistant.ts';
import { loadPrompts } from '../../src/llm/prompts.ts';
import { BASIC, NOW, User, docxText, fillBasics, newEngine, tempDir, type TestEngine } from './helpers.ts';

const prompts = loadPrompts();
const library = loadLibrary();

interface Fake {
  engine: TestEngine;
  logs: string[];
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function withModel(responses: string[], opts: { sleep?: number; timeoutMs?: number } = {}): Promise<Fake> {
  const logs: string[] = [];
  const model = new FakeListChatModel({ responses, sleep: opts.sleep });
  const assistant = new Assistant(model, prompts, {
    timeoutMs: opts.timeoutMs ?? 2000,
    structuredMethod: 'functionCalling',
    log: (m) => logs.push(m),
  });
  const { dir, cleanup } = tempDir('dialog-llm-');
  const engine = await createEngine({ dataDir: dir, now: NOW, log: () => undefined, library, assistant });
  cleanups.push(async () => {
    await engine.close();
    cleanup();
  });
  return { engine, logs };
}

async function plainEngine(): Promise<TestEngine> {
  const { dir, cleanup } = tempDir('dialog-llm-plain-');
  const engine = await newEngine(dir);
  cleanups.push(async () => {
    await engine.close();
    cleanup();
  });
  return engine;
}

const PARAGRAPH = '我们明年要申请20万做社区矫正，主要是用于社区矫正对象的教育帮扶、心理矫治和日常监督管理。';

const EXTRACTED = JSON.stringify({
  projectName: '社区矫正工作经费',
  amountWan: 20,
  fundUse: '用于社区矫正对象的教育帮扶、心理矫治和日常监督管理',
});

/** A project kind the library does not hold (top similarity below STRONG_MATCH). */
const UNKNOWN = {
  name: '幼儿园营养餐补贴',
  department: '某区教育局',
  amount: '30',
  purpose: '为全区在园幼儿提供营养午餐补助，改善幼儿营养状况',
};

const MODEL_INDICATORS = JSON.stringify({
  indicators: [
    { level1: '产出指标', level2: '数量指标', name: '受益幼儿人数', value: '≥1200人', description: '享受营养午餐补助的在园幼儿人数' },
    { level1: '产出指标', level2: '数量指标', name: '全年供餐天数', value: '≥180天' },
    { level1: '产出指标', level2: '质量指标', name: '食品安全抽检合格率', value: '100%' },
    { level1: '产出指标', level2: '时效指标', name: '补助资金按月拨付率', value: '≥95%' },
    { level1: '产出指标', level2: '成本指标', name: '营养餐补助总额', value: '≤30万元' },
    { level1: '效益指标', level2: '社会效益指标', name: '幼儿营养健康状况', value: '明显改善' },
    { level1: '满意度指标', level2: '服务对象满意度指标', name: '家长满意度', value: '≥90%' },
  ],
});

const MODEL_TARGETS = JSON.stringify({
  period: '1.为全区在园幼儿提供营养午餐补助，受益幼儿不少于1200人；2.食品安全抽检合格率100%，家长满意度≥90%。',
  annual: '1.全年供餐不少于180天，补助资金按月拨付；2.幼儿营养健康状况明显改善。',
});

const line = (text: string, label: string): string => text.split('\n').find((l) => l.startsWith(`${label}：`)) ?? '';

describe('the paragraph rule and the threshold', () => {
  it('takes sentences as paragraphs and names as names', () => {
    expect(isParagraph(PARAGRAPH)).toBe(true);
    expect(isParagraph('社区矫正工作经费')).toBe(false);
    expect(isParagraph('人民调解、法律援助及公共法律服务体系建设经费')).toBe(false);
    expect(isParagraph('20万，全部财政拨款')).toBe(false);
  });

  it('puts the library-known kinds above the threshold and the unknown kind below', () => {
    expect(rankSimilar(library, { name: BASIC.name, purpose: BASIC.purpose })[0]!.score).toBeGreaterThanOrEqual(STRONG_MATCH);
    expect(rankSimilar(library, { name: UNKNOWN.name, purpose: UNKNOWN.purpose })[0]!.score).toBeLessThan(STRONG_MATCH);
  });
});

describe('extraction of a free-text paragraph', () => {
  it('fills the fields in one turn, asks only what is missing, and marks them until edited', async () => {
    const { engine } = await withModel([EXTRACTED, 'not json']);
    const u = new User(engine);
    await u.say(PARAGRAPH);
    expect(u.text()).toContain('已填写：项目名称、金额、资金用途。');
    expect(u.text()).toContain('主管部门是哪个单位');

    await u.say(BASIC.department);
    expect(u.text()).toContain('绩效指标');
    // The model's indicator answer is garbage: the composed rows stay, with the library's kin named.
    expect(u.text()).toContain('参考了相近项目');
    expect(u.text()).not.toContain('AI 起草');

    // The target call gets garbage: the template sentence stays, marked as a default.
    await u.press('全部采用');
    const summary = u.text();
    expect(line(summary, '项目名称')).toBe('项目名称：社区矫正工作经费（AI 起草）');
    expect(line(summary, '年度金额')).toMatch(/^年度金额：20万元.*（AI 起草）$/);
    expect(line(summary, '资金用途')).toMatch(/教育帮扶.*（AI 起草）$/);
    expect(line(summary, '主管部门')).toBe(`主管部门：${BASIC.department}`);
    expect(line(summary, '实施期目标')).toMatch(/（默认）$/);
    expect(summary).not.toContain('not json');

    await u.say('修改 资金用途');
    await u.say('用于社区矫正对象教育帮扶和走访');
    expect(line(u.text(), '资金用途')).toBe('资金用途：用于社区矫正对象教育帮扶和走访');
    expect(line(u.text(), '项目名称')).toContain('（AI 起草）');

    await u.press('生成');
    expect(u.file()?.name).toMatch(/\.docx$/);
    const doc = await docxText(u.file()!.bytes);
    expect(doc).toContain('社区矫正工作经费');
    expect(doc).toContain('用于社区矫正对象教育帮扶和走访');
  });

  it('does not send a plain name, or an amount breakdown at the amount step, to the model', async () => {
    const { engine } = await withModel([JSON.stringify({ projectName: '模型改写的名称', amountWan: 99 })]);
    const u = new User(engine);
    await u.say(BASIC.name);
    await u.say(BASIC.department);
    await u.say('实施期60万，年度20万，财政拨款15万，其他资金5万');
    await u.say('查看');
    expect(line(u.text(), '项目名称')).toBe(`项目名称：${BASIC.name}`);
    expect(line(u.text(), '年度金额')).toBe('年度金额：20万元（财政拨款 15万元，其他资金 5万元）');
    expect(line(u.text(), '实施期金额')).toMatch(/^实施期金额：60万元/);
    expect(u.text()).not.toContain('AI 起草');
  });

  for (const [what, responses, opts] of [
    ['a malformed answer', ['这不是 JSON {'], {}],
    ['a late answer', [EXTRACTED], { sleep: 600, timeoutMs: 50 }],
  ] as const) {
    it(`falls back silently on ${what}: the user sees exactly the flow without a model`, async () => {
      const { engine, logs } = await withModel([...responses], opts);
      const plain = await plainEngine();
      const started = Date.now();
      const withFake = await engine.handle('u', { type: 'text', text: PARAGRAPH });
      expect(Date.now() - started).toBeLessThan(500);
      const without = await plain.handle('u', { type: 'text', text: PARAGRAPH });
      expect(JSON.stringify(withFake)).toBe(JSON.stringify(without));
      expect(JSON.stringify(withFake)).not.toContain('JSON');
      expect(JSON.stringify(withFake)).not.toContain('AI 起草');
      expect(logs.join('\n')).toMatch(/extract/);
    });
  }
});

describe('drafting for a project the library knows poorly', () => {
  async function toIndicators(responses: string[]): Promise<{ u: User; logs: string[] }> {
    const { engine, logs } = await withModel(responses);
    const u = new User(engine);
    await u.say(UNKNOWN.name);
    await u.say(UNKNOWN.department);
    await u.say(UNKNOWN.amount);
    await u.say(UNKNOWN.purpose);
    return { u, logs };
  }

  it('lists the model indicators, words the targets, and drops a mark when the user edits', async () => {
    const { u } = await toIndicators([MODEL_INDICATORS, MODEL_TARGETS]);
    expect(u.text()).toContain('由 AI 起草');
    expect(u.text()).toContain('绩效指标（7 条）（AI 起草）');
    expect(u.text()).toContain('受益幼儿人数：≥1200人');
    expect(u.text()).toContain('框架要求的类别都齐了');

    await u.press('全部采用');
    const summary = u.text();
    expect(line(summary, '实施期目标')).toBe(`实施期目标：${JSON.parse(MODEL_TARGETS).period}（AI 起草）`);
    expect(line(summary, '年度目标')).toBe(`年度目标：${JSON.parse(MODEL_TARGETS).annual}（AI 起草）`);
    expect(line(summary, '绩效指标')).toMatch(/（AI 起草）$/);
    expect(line(summary, '项目名称')).not.toContain('AI');
    expect(summary).toContain('「AI 起草」的项可用「修改 <字段>」调整');

    await u.say('修改 年度目标');
    await u.say('1.全年供餐180天；2.家长满意度≥92%。');
    expect(line(u.text(), '年度目标')).toBe('年度目标：1.全年供餐180天；2.家长满意度≥92%。');
    expect(line(u.text(), '实施期目标')).toContain('（AI 起草）');

    await u.press('生成');
    const doc = await docxText(u.file()!.bytes);
    expect(doc).toContain('食品安全抽检合格率');
    expect(doc).toContain('受益幼儿不少于1200人');
    expect(doc).toContain('家长满意度≥92%');
  });

  it('a change of the model list removes its mark and the targets drafted from it', async () => {
    const { u } = await toIndicators([MODEL_INDICATORS, MODEL_TARGETS]);
    await u.press('全部采用');
    expect(line(u.text(), '实施期目标')).toContain('（AI 起草）');
    await u.say('修改 指标');
    await u.say('删 2');
    expect(u.text()).toContain('绩效指标（6 条）：');
    expect(u.text()).not.toContain('（AI 起草）');
    // Confirming again asks the model for new targets (the fake answers in a cycle: the list again,
    // which is no target answer, so the template applies).
    await u.press('全部采用');
    expect(line(u.text(), '绩效指标')).not.toContain('AI');
    expect(line(u.text(), '实施期目标')).toMatch(/（默认）$/);
    // The composed default follows the list: the deleted row (全年供餐天数) is gone from it.
    expect(line(u.text(), '实施期目标')).not.toContain(JSON.parse(MODEL_TARGETS).period);
    expect(line(u.text(), '实施期目标')).not.toContain('供餐');
  });

  it('keeps out the model rows the review flags in this draft: a row of another project, a deadline after the period', async () => {
    const answer = JSON.parse(MODEL_INDICATORS) as { indicators: Array<Record<string, string>> };
    answer.indicators[3] = { level1: '产出指标', level2: '时效指标', name: '补助发放完成时间', value: '2030年6月底前' };
    answer.indicators.push({ level1: '产出指标', level2: '数量指标', name: '办案车辆配备数量', value: '≥2辆' });
    const { u, logs } = await toIndicators([JSON.stringify(answer), MODEL_TARGETS]);
    expect(u.text()).toContain('由 AI 起草');
    expect(u.text()).toContain('受益幼儿人数：≥1200人');
    expect(u.text()).not.toContain('办案车辆');
    expect(u.text()).not.toContain('2030年6月底前');
    expect(u.text()).toContain('框架要求的类别都齐了');
    expect(logs.join('\n')).toMatch(/dropped 2 row/);
  });

  it('falls back to the composed rows on a malformed answer', async () => {
    const { u, logs } = await toIndicators(['{"indicators": "很多"}']);
    expect(u.text()).toContain('绩效指标（');
    expect(u.text()).not.toContain('AI 起草');
    expect(u.text()).not.toContain('很多');
    expect(logs.join('\n')).toMatch(/indicators/);
  });
});

describe('engine replies the channels pass on as is', () => {
  it('captions the file with what it holds and what still needs checking', async () => {
    const u = new User(await plainEngine());
    await fillBasics(u);
    const estimated = [...u.text().matchAll(/^\s*(\d+)\. .*（估算，请核对）$/gm)].map((m) => m[1]);
    await u.press('全部采用');
    const warnings = u.text().split('\n').filter((l) => l.startsWith('△')).length;
    await u.press('生成');
    const caption = u.file()?.caption ?? '';
    const lines = caption.split('\n');
    expect(lines[0]).toBe(`「${BASIC.name}」项目支出绩效目标表（Word）`);
    expect(lines[1]).toMatch(/^内含：项目信息、资金 \S+、绩效目标、\d+ 条绩效指标；填报单位：\S+。$/);
    if (estimated.length) expect(caption).toContain(`第 ${estimated.join('、')} 条指标值是按预算估算的`);
    if (warnings) expect(caption).toContain(`${warnings} 条提示`);
    if (!estimated.length && !warnings) expect(lines[2]).toMatch(/^校验通过/);
    expect(caption.length).toBeLessThan(1024);
  });

  it('answers an unsupported file with 暂不支持此类文件 and what is supported', async () => {
    const engine = await plainEngine();
    const replies = await engine.handle('u', { type: 'file', name: '旧表.pages', mime: 'application/octet-stream', bytes: new Uint8Array([37, 80, 68, 70]) });
    const first = replies[0];
    expect(first?.type === 'file' ? '' : first?.text).toMatch(/^暂不支持此类文件/);
    expect(first?.type === 'file' ? '' : first?.text).toContain('.json');
  });
});
