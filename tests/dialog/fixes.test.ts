/**
 * One-tap fixes in the conversation: every rule whose findings carry a mechanical fix gets a draft
 * with that defect, loaded into the real engine (lowdb store, rules, composer); the review message
 * offers the fix as a button, one tap changes the draft in one reply, and 撤销 brings it back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/app.ts';
import type { DraftTable } from '../../src/domain/draft.ts';
import { fixLabel } from '../../src/dialog/flow/fixes.ts';
import { effectiveTable } from '../../src/dialog/drafts/defaults.ts';
import { LowdbDraftStore } from '../../src/store/lowdb.ts';
import { RULES, checkTable, type Finding } from '../../src/rules/index.ts';
import { CLEAN } from '../fixtures/review/clean.ts';
import { PLANTED } from '../fixtures/review/planted.ts';
import { NOW, User, tempDir, type TestEngine } from './helpers.ts';

const clean = (id: string): DraftTable => structuredClone(CLEAN.find((c) => c.id === id)!.table);

/** Defects the planted corpus does not carry with a fix: an empty optional row, a duplicate name. */
const EXTRA: Array<{ code: string; table: () => DraftTable }> = [
  {
    code: 'indicator.placeholder',
    table: () => {
      const t = clean('c05-人民调解');
      t.indicators.push({ level1: '效益指标', level2: '可持续影响指标', name: '调解组织长效运行', value: '待定' });
      return t;
    },
  },
  {
    code: 'indicator.duplicate-name',
    table: () => {
      const t = clean('c08-信访');
      const q = t.indicators.find((i) => i.level2 === '质量指标')!;
      t.indicators.push({ ...q, value: '≥90%' });
      return t;
    },
  },
];

/** The first corpus table whose review offers a fix of this code (with the finding). */
function caseFor(code: string): { table: DraftTable; finding: Finding } | undefined {
  const tables = [
    ...PLANTED.map((d) => {
      const t = clean(d.table);
      d.edit(t);
      return t;
    }),
    ...EXTRA.filter((e) => e.code === code).map((e) => e.table()),
  ];
  for (const table of tables) {
    const finding = checkTable(effectiveTable(table, NOW()).table).find((f) => f.code === code && f.fix);
    if (finding) return { table, finding };
  }
  return undefined;
}

const FIXABLE = RULES.filter((r) => r.fix).map((r) => r.code);

let engine: TestEngine;
let store: LowdbDraftStore;
let tmp: ReturnType<typeof tempDir>;
beforeAll(async () => {
  tmp = tempDir('fixes-');
  store = new LowdbDraftStore({ dataDir: tmp.dir, log: () => undefined });
  engine = await createEngine({ dataDir: tmp.dir, store, now: NOW, log: () => undefined });
});
afterAll(async () => {
  await engine.close();
  tmp.cleanup();
});

async function current(key: string): Promise<DraftTable> {
  const profile = await store.getProfile(key);
  const draft = (await store.list(key)).find((d) => d.id === profile.current);
  if (!draft) throw new Error('no current draft');
  return draft.table;
}

async function upload(u: User, table: DraftTable): Promise<void> {
  u.messages++;
  u.last = await engine.handle(u.key, { type: 'file', name: 'draft.json', bytes: new TextEncoder().encode(JSON.stringify(table)) });
}

describe('one-tap fixes at the review step', () => {
  it('there are mechanical fixes to offer, and every one has a case', () => {
    expect(FIXABLE.length).toBeGreaterThanOrEqual(15);
    expect(FIXABLE.filter((code) => !caseFor(code))).toEqual([]);
  });

  it.each(FIXABLE)('%s: offered as a button, applied in one reply, undone by 撤销', async (code) => {
    const c = caseFor(code)!;
    const u = new User(engine, `fix:${code}`);
    await upload(u, c.table);
    expect(u.text()).toContain('草稿摘要');
    const label = fixLabel(c.table, c.finding.fix!);
    const button = u.choices().find((b) => b.label.endsWith(`：${label}`));
    expect(button, `no button for 「${label}」 in ${u.choices().map((b) => b.label).join(' | ')}`).toBeDefined();
    // The typed form is listed too, for channels without buttons.
    expect(u.text()).toContain(button!.label);
    const before = await current(u.key);

    const replies = await u.press(button!.label);
    expect(replies).toHaveLength(1);
    expect(u.text()).toMatch(/^已(?:把|删除)/);
    expect(u.text()).toContain('草稿摘要');
    const after = await current(u.key);
    const fix = c.finding.fix!;
    if (fix.kind === 'replace-value') expect(after.indicators[fix.indicator]!.value).toBe(fix.value);
    if (fix.kind === 'delete-row') {
      expect(after.indicators).toHaveLength(before.indicators.length - 1);
      expect(after.indicators).not.toContainEqual(before.indicators[fix.indicator]);
    }
    if (fix.kind === 'move-row') {
      const moved = before.indicators[fix.indicator]!;
      expect(after.indicators.filter((i) => i.name === moved.name).map((i) => i.level2)).toEqual([fix.level2]);
      expect(after.indicators).toHaveLength(before.indicators.length);
    }
    if (fix.kind === 'set-amount') expect(after.amounts[fix.column][fix.part]).toBe(fix.value);
    // The finding it fixed is gone from the review.
    const left = checkTable(effectiveTable(after, NOW()).table).filter((f) => f.code === code && f.field === c.finding.field);
    expect(left.map((f) => f.message)).not.toContain(c.finding.message);
    expect(u.text()).not.toContain(c.finding.message);

    await u.say('撤销');
    expect(u.text()).toContain('已撤销');
    expect(await current(u.key)).toEqual(before);
    expect(u.text()).toContain(c.finding.message);
  });

  it('「修正 n」 typed applies the same fix; 「全部修正」 applies them all; a wrong number is refused', async () => {
    const t = clean('c01-普法');
    const cost = t.indicators.findIndex((i) => i.level2 === '成本指标');
    t.indicators[cost]!.value = '100%';
    t.indicators.find((i) => i.level2 === '服务对象满意度指标')!.value = '≥60%';
    t.indicators.push({ level1: '效益指标', level2: '生态效益指标', name: '生活环境改善', value: '有效改善' });
    const u = new User(engine, 'fix:typed');
    await upload(u, t);
    expect(u.text()).toContain('修正1：');
    expect(u.text()).toContain('修正3：');
    expect(u.choices().map((c) => c.label)).toContain('全部修正');

    await u.say('修正 9');
    expect(u.text()).toContain('没有第 9 处修正');
    expect(await current(u.key)).toEqual(t);

    await u.say('修正 1');
    expect(u.last).toHaveLength(1);
    expect(u.text()).toMatch(/^已把第\d+条/);
    expect((await current(u.key)).indicators[cost]!.value).not.toBe('100%');

    await u.say('全部修正');
    expect(u.last).toHaveLength(1);
    expect(u.text()).toMatch(/^已修正 2 处/);
    const done = await current(u.key);
    expect(done.indicators.some((i) => i.level2 === '生态效益指标')).toBe(false);
    expect(done.indicators.find((i) => i.level2 === '服务对象满意度指标')!.value).toBe('≥90%');
    expect(u.text()).not.toContain('可一键修正');
    await u.press('生成');
    expect(u.file()).toBeDefined();
  });

  it('帮助 names 「修正 n」, 「全部修正」 and 撤销', async () => {
    const u = new User(engine, 'fix:help');
    await u.say('帮助');
    expect(u.text()).toContain('修正 n');
    expect(u.text()).toContain('全部修正');
    expect(u.text()).toContain('撤销');
  });

  it('outside the review step 「修正 1」 changes nothing and says where it applies', async () => {
    const u = new User(engine, 'fix:early');
    await u.say('普法宣传经费');
    await u.say('修正 1');
    expect(u.text()).toContain('「修正」用在检查结果之后');
  });
});
