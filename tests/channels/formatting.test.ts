/**
 * Every card and message the bots would send for a whole conversation with the real engine (basics
 * form, indicator table, 改 and 删 on a row, findings, summary, file caption), built by the Feishu
 * and Telegram renderers and checked: cards against the card JSON 2.0 rules, Telegram messages
 * against its HTML subset, with user text full of `<`, `&`, `*_[`.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardElements, CARD_MAX_BYTES, cardBytes, type Card } from '../../src/channels/feishu/cards.ts';
import { cardForReply } from '../../src/channels/feishu/cardsReply.ts';
import { indicatorCard } from '../../src/channels/feishu/cardsTable.ts';
import { replyHtml, replyKeyboard } from '../../src/channels/telegram/format.ts';
import type { Reply, ReplyTable } from '../../src/dialog/types.ts';
import { newEngine, tempDir, User, type TestEngine } from '../dialog/helpers.ts';
import { buttonsOf, cardProblems, cardText, countElements, flatten } from './feishu/cardRules.ts';
import { htmlProblems, visibleText } from './telegram/htmlRules.ts';

const NASTY = '社区矫正<b>&amp;*_[工作]经费';

let engine: TestEngine;
let tmp: ReturnType<typeof tempDir>;
beforeEach(async () => {
  tmp = tempDir('formatting-');
  engine = await newEngine(tmp.dir);
});
afterEach(async () => {
  await engine.close();
  tmp.cleanup();
});

type Shown = Exclude<Reply, { type: 'file' }>;

/** Renders one reply as both bots would and checks it; returns the Feishu card (if any). */
function render(reply: Reply): Card | undefined {
  if (reply.type === 'file') return undefined;
  const built = cardForReply(reply);
  if (built) {
    expect(cardProblems(built.card), JSON.stringify(built.card).slice(0, 400)).toEqual([]);
    // Every choice of the reply is a button on the card.
    const values = buttonsOf(built.card).map((b) => JSON.stringify(b.value));
    for (const c of reply.type === 'choices' ? reply.choices : []) expect(values.some((v) => v.includes(JSON.stringify(c.id)))).toBe(true);
  }
  const pieces = replyHtml(reply);
  expect(pieces.length).toBeGreaterThan(0);
  for (const html of pieces) {
    expect(htmlProblems(html), html).toEqual([]);
    expect(html.length).toBeLessThanOrEqual(4096);
  }
  const keyboard = replyKeyboard(reply) ?? [];
  const data = keyboard.flat().map((b) => b.callback_data);
  for (const id of data) expect(Buffer.byteLength(id)).toBeLessThanOrEqual(64);
  for (const c of reply.type === 'choices' ? reply.choices : []) expect(data).toContain(c.id);
  expect(keyboard.flat().length).toBeLessThanOrEqual(100);
  return built?.card;
}

function renderAll(replies: Reply[]): Array<Card | undefined> {
  return replies.map(render);
}

const tableReply = (replies: Reply[]): Shown => replies.find((r): r is Shown => r.type !== 'file' && !!r.table)!;

describe('a whole conversation, as the bots send it', () => {
  it('basics form, indicator table, 改 and 删 on a row, findings, summary and the file caption', async () => {
    const u = new User(engine);

    // The first question: the basics form card (four required inputs, a submit), the text elsewhere.
    const [formCard] = renderAll(await u.say('新建')).filter(Boolean);
    const inputs = flatten(formCard!).filter((e) => e.tag === 'input');
    expect(inputs.map((e) => e.required)).toEqual([true, true, true, true]);
    expect(buttonsOf(formCard!).some((b) => b.node.form_action_type === 'submit')).toBe(true);

    // The basics in one message (what the form submit becomes), a name full of markup characters.
    renderAll(await u.say(`项目名称：${NASTY}\n主管部门：大连高新区司法局\n金额：20万元\n资金用途：用于社区矫正对象教育帮扶、心理矫治和日常监督管理`));
    const list = tableReply(u.last);
    expect(list, u.text()).toBeDefined();
    const table = list.table!;
    const card = render(list)!;
    // Feishu: grouped by 一级 and 二级 in the framework's order, every row with its value and 改 / 删.
    const texts = flatten(card).filter((e) => e.tag === 'div').map((e) => String((e.text as Card).content));
    const l1 = [...new Set(table.rows.map((r) => r.level1))];
    expect(l1[0]).toBe('产出指标');
    for (const name of l1) expect(texts).toContain(name);
    for (const name of new Set(table.rows.map((r) => r.level2))) expect(texts).toContain(name);
    for (const r of table.rows) {
      const row = texts.find((t) => t.startsWith(`${r.n}. `))!;
      expect(row).toBe(`${r.n}. ${r.name}：${r.value}${r.estimate ? '（估算，请核对）' : ''}`);
    }
    const labels = buttonsOf(card).map((b) => b.label);
    expect(labels.filter((l) => l === '改')).toHaveLength(table.rows.length);
    expect(labels.filter((l) => l === '删')).toHaveLength(table.rows.length);
    expect(labels).toEqual(expect.arrayContaining(['全部采用', '生成']));
    // Estimated values stand out (orange) in the card and are marked in Telegram.
    const estimated = table.rows.filter((r) => r.estimate);
    expect(estimated.length).toBeGreaterThan(0);
    const orange = flatten(card).filter((e) => e.tag === 'div' && (e.text as Card).text_color === 'orange').map((e) => String((e.text as Card).content));
    for (const r of estimated) expect(orange.some((t) => t.startsWith(`${r.n}. `))).toBe(true);
    // Telegram: the same list, numbered, 一级 bold, 二级 italic, values bold, the user's text escaped.
    const html = replyHtml(list).join('\n');
    expect(html).toContain('<b>【产出指标】</b>');
    expect(html).toMatch(/<i>数量指标<\/i>/);
    for (const r of estimated) expect(html).toContain(`<b>${r.value}</b><i>（估算，请核对）</i>`);
    expect(visibleText(replyHtml(list).join('\n'))).toContain(`绩效指标（${table.rows.length} 条）`);
    const kb = replyKeyboard(list)!.flat();
    expect(kb.map((b) => b.text)).toEqual(expect.arrayContaining(['改1', '删1', `删${table.rows.length}`, '全部采用', '生成']));

    // 改 on row 1: an edit form prefilled with the value; the answer is an ordinary 改 1 message.
    const change = table.rows[0]!.actions.find((a) => a.label === '改')!;
    const [editCard] = renderAll(await u.pressId(change.id)).filter(Boolean);
    const input = flatten(editCard!).find((e) => e.tag === 'input')!;
    expect(input.default_value).toBe(table.rows[0]!.value);
    const save = buttonsOf(editCard!).find((b) => b.node.form_action_type === 'submit')!;
    expect(save.value).toEqual({ form: 'indicator', prefix: '改 1 ' });
    const changed = tableReply(renderAll(await u.say('改 1 ≥450人')) && u.last);
    expect(changed.table!.rows[0]!.value).toBe('≥450人');
    expect(changed.table!.rows[0]!.estimate).toBeUndefined();
    expect(changed.table!.lead).toContain('已把第 1 条改为 ≥450人');

    // 删 on row 2 (of two 质量指标 rows): the list is one shorter, and says so above the table.
    const last = changed.table!.rows[1]!;
    expect(changed.table!.rows.filter((r) => r.level2 === last.level2).length).toBeGreaterThan(1);
    const removed = tableReply(renderAll(await u.pressId(last.actions.find((a) => a.label === '删')!.id)) && u.last);
    expect(removed.table!.rows).toHaveLength(changed.table!.rows.length - 1);
    expect(removed.table!.lead).toContain(`已删除第 ${last.n} 条`);

    // An indicator whose name is full of markup characters stays plain text in both bots.
    const added = tableReply(renderAll(await u.say('加 质量指标 培训*_[合格]&率 ≥95%')) && u.last);
    const addedRow = added.table!.rows.find((r) => r.name.includes('合格'))!;
    expect(addedRow.name, added.text).toBe('培训*_[合格]&率');
    expect(cardText(render(added)!)).toContain(`${addedRow.n}. 培训*_[合格]&率：≥95%`);
    expect(replyHtml(added).join('\n')).toContain(`${addedRow.n}. 培训*_[合格]&amp;率：<b>≥95%</b>`);

    // A finding: the coloured note (red for 需要修改) with its ✗ line, the fix buttons below it.
    const bad = renderAll(await u.say('修改 金额 实施期60万，年度20万，财政拨款15万，其他资金8万'));
    const withFinding = bad.find((c) => c && JSON.stringify(c).includes('✗'));
    expect(withFinding, 'a card with the finding').toBeDefined();
    const note = flatten(withFinding!).find((e) => e.tag === 'column_set' && e.background_style === 'red-50')!;
    expect(note).toBeDefined();
    expect(cardText(note)).toMatch(/需要修改\n✗ 年度财政拨款/);
    expect(withFinding!.header).toMatchObject({ template: 'red' });
    renderAll(await u.say('20'));

    // The summary, then the file: its caption says what is in it and what to check.
    renderAll(await u.press('全部采用'));
    const summary = u.last.find((r): r is Shown => r.type === 'choices' && r.text.includes('草稿摘要'))!;
    const summaryCard = render(summary)!;
    expect(cardText(summaryCard)).toContain(`项目名称：${NASTY}`);
    expect(visibleText(replyHtml(summary).join('\n'))).toContain(`项目名称：${NASTY}`);
    expect(replyHtml(summary).join('\n')).toContain('<b>草稿摘要：</b>');
    renderAll(await u.press('生成'));
    const file = u.file()!;
    expect(file.caption).toContain(`「${NASTY}」项目支出绩效目标表（Word）`);
    expect(file.caption).toMatch(/\d+ 条绩效指标；填报单位：大连高新区司法局/);
  });
});

describe('long lists stay within the card limits', () => {
  const table = (n: number): ReplyTable => ({
    title: `绩效指标（${n} 条）：`,
    note: '框架要求的类别都齐了。',
    rows: Array.from({ length: n }, (_, k) => ({
      n: k + 1,
      level1: k < n * 0.6 ? '产出指标' : k < n * 0.85 ? '效益指标' : '满意度指标',
      level2: k < n * 0.3 ? '数量指标' : k < n * 0.6 ? '质量指标' : k < n * 0.85 ? '社会效益指标' : '服务对象满意度指标',
      name: `第${k + 1}项工作任务完成情况指标名称较长的一行`,
      value: '≥95%',
      ...(k % 7 === 0 ? { estimate: true } : {}),
      actions: [
        { id: `12.chg:${k + 1}`, label: '改' },
        { id: `12.rm:${k + 1}`, label: '删' },
      ],
    })),
  });
  const choices = [
    { id: '12.all', label: '全部采用' },
    { id: '12.gen', label: '生成' },
  ];

  it('a short list has buttons on every row; 40 rows are grouped lines; both are valid cards', () => {
    const short = indicatorCard('text', table(12), choices);
    expect(short.overflow).toBeUndefined();
    expect(cardProblems(short.card)).toEqual([]);
    expect(buttonsOf(short.card).filter((b) => b.label === '删')).toHaveLength(12);

    const long = indicatorCard('text', table(40), choices);
    expect(long.overflow).toBeUndefined();
    expect(cardProblems(long.card)).toEqual([]);
    expect(cardElements(long.card)).toBe(countElements(long.card));
    expect(cardBytes(long.card)).toBeLessThanOrEqual(CARD_MAX_BYTES);
    // Every row is still shown, numbered; editing is by message, and the card says so.
    const text = cardText(long.card);
    for (let k = 1; k <= 40; k++) expect(text).toContain(`${k}. 第${k}项工作任务`);
    expect(text).toContain('删 4');
    expect(buttonsOf(long.card).map((b) => b.label)).toEqual(['全部采用', '生成']);
  });

  it('Telegram numbers 40 rows with buttons for each, within its message and keyboard limits', () => {
    const reply: Shown = { type: 'choices', text: 'x', choices, table: table(40) };
    const pieces = replyHtml(reply);
    for (const p of pieces) expect(htmlProblems(p)).toEqual([]);
    const kb = replyKeyboard(reply)!.flat();
    expect(kb).toHaveLength(82);
    expect(kb.at(-1)!.text).toBe('生成');
  });
});

describe('findings with their one-tap fixes', () => {
  it('puts the fix buttons right under the coloured note, the other choices at the end', async () => {
    const { choicesCard } = await import('../../src/channels/feishu/cards.ts');
    const card = choicesCard('草稿摘要：\n项目名称：某项目\n\n需要修改：\n✗ 第3条是占位符。\n提示：\n△ 第5条过低。\n\n请先按提示修改。', [
      { id: '7.fx:1', label: '修正 1：删除第3条' },
      { id: '7.gen', label: '生成' },
    ]);
    expect(cardProblems(card)).toEqual([]);
    const body = (card.body as { elements: Card[] }).elements;
    const kinds = body.map((e) => (e.tag === 'column_set' && e.background_style ? String(e.background_style) : buttonsOf({ body: { elements: [e] } } as Card).map((b) => b.label).join('|') || String(e.tag)));
    expect(kinds).toEqual(['div', 'red-50', 'orange-50', '修正 1：删除第3条', 'div', '生成']);
  });
});
