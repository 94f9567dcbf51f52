/**
 * The review step's one-tap fixes in the conversation (the pure part, with the buttons and the line
 * that lists them, is fixes.ts): 「修正 n」 / 「全部修正」 / a tapped button applied in one reply.
 */
import { nextStep } from '../answers/answers.ts';
import { effectiveTable } from '../drafts/defaults.ts';
import { draftFindings } from '../drafts/findings.ts';
import { applyAll, applyFix, offeredFixes, type OfferedFix } from './fixes.ts';
import { advance } from './flow.ts';
import { ask } from './questions.ts';
import { say, touch, type Turn } from '../turn.ts';

type Draft = NonNullable<Turn['draft']>;

/** The fixes the review message offers for this draft, numbered as the user sees them. */
export function reviewFixes(turn: Turn, draft: Draft): OfferedFix[] {
  const findings = draftFindings(turn, effectiveTable(draft.table, turn.now).table);
  return offeredFixes(draft.table, findings);
}

/** `fx:<n>` / `fx:all` from a button, or 「修正 n」 typed: applied at once, then the review again. */
export async function runFix(turn: Turn, which: number | 'all'): Promise<void> {
  const draft = turn.draft;
  if (!draft || draft.step !== 'review' || draft.editing || draft.pending) {
    say(turn, '「修正」用在检查结果之后；填完各项后我会列出可一键修正的问题。');
    return ask(turn);
  }
  const offered = reviewFixes(turn, draft);
  if (!offered.length) {
    say(turn, '现在没有可一键修正的问题。');
    return ask(turn);
  }
  if (which === 'all') {
    const r = applyAll(draft.table, offered);
    draft.table = r.table;
    say(turn, `已修正 ${r.done.length} 处：${r.done.join('；')}。发送「撤销」可恢复。`);
  } else {
    const o = offered.find((x) => x.n === which);
    if (!o) {
      say(turn, `没有第 ${which} 处修正，可选 1–${offered.length}。`);
      return ask(turn);
    }
    const r = applyFix(draft.table, o.fix);
    if (!r.ok) {
      say(turn, r.why);
      return ask(turn);
    }
    draft.table = r.table;
    say(turn, `${r.done}发送「撤销」可恢复。`);
  }
  touch(turn, draft);
  if (nextStep(draft) !== 'review') await advance(turn);
  ask(turn);
}
