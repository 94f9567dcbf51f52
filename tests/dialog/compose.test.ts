/**
 * The composed indicators through the conversation: for every case of our own evaluation set,
 * 全部采用 is accepted at once (the composer never writes a row our rules block), the estimates are
 * named, and the generated DOCX carries the composed rows and targets.
 */
import { describe, expect, it } from 'vitest';
import { COMPOSE_CASES } from '../../bench/cases/compose.ts';
import { docxText, freshEngineEachTest, User } from './helpers.ts';

describe('composed indicators in the dialog', () => {
  const env = freshEngineEachTest();

  it.each(COMPOSE_CASES.map((k) => [k.name, k] as const))('%s: 全部采用 is accepted and the DOCX holds the rows', async (_n, k) => {
    const u = new User(env.engine);
    await u.say(k.name);
    await u.say(k.unit);
    await u.say(`${k.amount}万元`);
    await u.say(k.purpose);
    const list = u.text();
    expect(list).toContain('绩效指标（');
    for (const s of k.stated) expect(list).toContain(s);
    if (/（估算，请核对）/.test(list)) expect(list).toMatch(/第 [\d、]+ 条的数值是按预算估算的/);
    await u.press('全部采用');
    expect(u.text()).toContain('草稿摘要');
    expect(u.text()).not.toContain('指标还不能采用');
    await u.press('生成');
    const doc = await docxText(u.file()!.bytes);
    for (const s of k.stated) expect(doc).toContain(s);
    expect(doc).not.toMatch(/保障.{0,20}顺利实施/);
  });
});
