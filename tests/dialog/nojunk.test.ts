/**
 * Property (issue 15): no message that is not an answer — a confirmation, a refusal or thanks, a
 * greeting, a question about the tool, or a command — is ever stored as a field value, an
 * indicator or a profile default, whatever step it arrives at. Conversations mix the answers a
 * cooperative user gives (in order) with such messages at random places, pressing random buttons
 * too; afterwards every stored draft and the profile are searched for them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/app.ts';
import { PHRASES } from '../../src/dialog/answers/intents.ts';
import type { DraftRecord, Profile } from '../../src/dialog/records.ts';
import { LowdbDraftStore } from '../../src/store/lowdb.ts';
import { BASIC, NOW, tempDir } from './helpers.ts';

const SEED = 15_2026;
const RUNS = 40;

const QUESTIONS = ['这个表什么时候交？', '怎么填？', '金额怎么填？', '能导出Excel吗', '这些指标是哪来的？', '请问名称怎么写？', '为什么要填这个', '？？'];
const COMMANDS = ['生成', '生成吧', '撤销', '返回', '帮助', '查看', '草稿', '跳过', '取消', '版式', '/show', '/back', '/done', '我要填表', '修改', '修改 金额', '修改 部门'];
const NOT_ANSWERS = [...Object.values(PHRASES).flat(), ...QUESTIONS, ...COMMANDS];

/** How people dress a short reply: trailing particles and punctuation, spaces, full width. */
const dressed = fc
  .tuple(fc.constantFrom(...NOT_ANSWERS), fc.constantFrom('', '。', '！', '~', '吧', '啊', ' ', '!!'), fc.boolean())
  .map(([p, tail, lead]) => `${lead ? ' ' : ''}${p}${tail}`);

/** The cooperative answers, in the order the flow asks for them (and a second table after the first). */
const ANSWERS = [BASIC.name, BASIC.department, BASIC.amount, BASIC.purpose, '全部采用', '生成', '人民调解工作经费', '某县司法局', '15', '用于人民调解员培训和以案定补，共计培训3期'];

type Step = { kind: 'answer' } | { kind: 'junk'; text: string } | { kind: 'press'; pick: number };
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: 'answer' as const }) },
  { weight: 4, arbitrary: dressed.map((text) => ({ kind: 'junk' as const, text })) },
  { weight: 1, arbitrary: fc.nat(5).map((pick) => ({ kind: 'press' as const, pick })) },
);

/** Compared as the intent table does: without spaces, trailing particles and punctuation. */
const key = (s: string): string => s.replace(/[\s。.!！~～?？,，]+/g, '').replace(/(?:啊|吧)+$/, '');
const JUNK_KEYS = new Set(NOT_ANSWERS.map(key).filter(Boolean));

function storedValues(drafts: DraftRecord[], profile: Profile): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const d of drafts) {
    const t = d.table;
    for (const f of ['projectName', 'projectCode', 'department', 'implementer', 'period', 'fundUse'] as const) if (t[f]) out.push([`${d.id}.${f}`, t[f]!]);
    if (t.targets.period) out.push([`${d.id}.targets.period`, t.targets.period]);
    if (t.targets.annual) out.push([`${d.id}.targets.annual`, t.targets.annual]);
    t.indicators.forEach((i, n) => {
      out.push([`${d.id}.indicators.${n}.name`, i.name], [`${d.id}.indicators.${n}.value`, i.value]);
      if (i.description) out.push([`${d.id}.indicators.${n}.description`, i.description]);
      if (i.basis) out.push([`${d.id}.indicators.${n}.basis`, i.basis]);
    });
  }
  if (profile.lastDepartment) out.push(['profile.lastDepartment', profile.lastDepartment]);
  if (profile.lastImplementer) out.push(['profile.lastImplementer', profile.lastImplementer]);
  return out;
}

describe('no junk is kept', () => {
  it('no confirmation, refusal, question or command becomes a field value or a profile default', async () => {
    const { dir, cleanup } = tempDir('nojunk-');
    const store = new LowdbDraftStore({ dataDir: dir, log: () => undefined });
    const engine = await createEngine({ dataDir: dir, store, now: NOW, log: () => undefined });
    let run = 0;
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 4, maxLength: 14 }), async (steps) => {
          const user = `nojunk:${run++}`;
          let next = 0;
          let last: Awaited<ReturnType<typeof engine.handle>> = [];
          for (const s of steps) {
            if (s.kind === 'press') {
              const choices = last.flatMap((r) => (r.type === 'choices' ? r.choices : []));
              if (choices.length === 0) continue;
              last = await engine.handle(user, { type: 'choice', id: choices[s.pick % choices.length]!.id });
            } else {
              const text = s.kind === 'answer' ? ANSWERS[next++ % ANSWERS.length]! : s.text;
              last = await engine.handle(user, { type: 'text', text });
            }
            expect(last.map((r) => (r.type === 'file' ? '' : r.text)).join('\n')).not.toContain('处理这条消息时出错了');
          }
          const junk = storedValues(await store.list(user), await store.getProfile(user)).filter(([, v]) => JUNK_KEYS.has(key(v)));
          expect(junk).toEqual([]);
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
    } finally {
      await engine.close();
      cleanup();
    }
  }, 240_000);
});
