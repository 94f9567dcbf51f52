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
    // The review names every estimate again, with its row number.
    expect(u.text().includes('按预算估算、请核对的指标值')).toBe(list.includes('（估算，请核对）'));
    expect(u.text()).not.toContain('指标还不能采用');
    await u.press('生成');
    const doc = await docxText(u.file()!.bytes);
    for (const s of k.stated) expect(doc).toContain(s);
    expect(doc).not.toMatch(/保障.{0,20}顺利实施/);
  });

  it('an estimate the user corrects is theirs: the mark goes from the list and the review', async () => {
    const u = new User(env.engine);
    await u.say('社区矫正工作经费');
    await u.say('某区司法局');
    await u.say('8万元');
    await u.say('用于社区矫正对象的日常监管和教育帮扶工作');
    expect(u.text()).toMatch(/第 1 条的数值是按预算估算的/);
    expect(u.text()).toMatch(/ 1\. .+（估算，请核对）/);
    await u.say('改 1 ≥65人');
    expect(u.text()).toMatch(/ 1\. .+：≥65人\n/);
    expect(u.text()).not.toContain('估算，请核对');
    await u.press('全部采用');
    expect(u.text()).not.toContain('按预算估算');
  });
});
