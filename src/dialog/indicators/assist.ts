/**
 * Where the dialog asks the optional language model for help. Every call passes the rule-based
 * result as the fallback, and a fallback answer changes nothing: without a model (or when it
 * fails or is late) the conversation is exactly the rule-based one. (Paragraph extraction: answers/extract.ts.)
 */
import { STRONG_MATCH, type Composition } from '../../compose/index.ts';
import type { Indicator } from '../../domain/draft.ts';
import type { LibraryProject } from '../../library/types.ts';
import type { DraftRecord } from '../records.ts';
import { effectiveTable } from '../drafts/defaults.ts';
import { markAi } from '../drafts/marks.ts';
import { touch, type Turn } from '../turn.ts';

/** Library projects for the few-shot examples, nearest first. */
function examplesFor(turn: Turn, similar: Array<{ id: string }>): LibraryProject[] {
  const byId = new Map(turn.s.library.projects.map((p) => [p.id, p]));
  return similar.map((s) => byId.get(s.id)).filter((p): p is LibraryProject => p !== undefined && p.indicators.length > 0).slice(0, 3);
}

/**
 * The model's indicator list, given the composed rows and the nearest library projects as examples;
 * undefined means keep the composer's. The assistant keeps only the model's rows that the review
 * (the dialog's own, with the library) finds nothing in, and fills every missing category with the
 * composer's (see llm/assistant.ts).
 */
export async function draftIndicatorsByModel(
  turn: Turn,
  draft: DraftRecord,
  composition: Pick<Composition, 'indicators'>,
  amount: number | undefined,
): Promise<Indicator[] | undefined> {
  const assistant = turn.s.assistant;
  if (!assistant?.enabled) return undefined;
  const t = draft.table;
  const nearest = turn.s.similar(turn.s.library, { name: t.projectName ?? '', purpose: t.fundUse });
  const got = await assistant.draftIndicators(
    {
      table: effectiveTable(t, turn.now).table,
      projectName: t.projectName ?? '',
      purpose: t.fundUse,
      amount,
      framework: t.framework,
      composed: composition.indicators,
      examples: examplesFor(turn, nearest.filter((p) => p.score >= STRONG_MATCH)),
    },
    () => composition.indicators,
    (table) => turn.s.checkTable(table),
  );
  return got.byModel ? got.value : undefined;
}

/**
 * 实施期目标/年度目标 in the samples' style, once the indicator list is settled. Only when neither
 * target is written yet: the user's own words (or an earlier model draft) stay. The rule-based
 * template sentence is the fallback, and then nothing is stored, so it keeps following changes.
 */
export async function draftTargetsByModel(turn: Turn, draft: DraftRecord): Promise<void> {
  const assistant = turn.s.assistant;
  const t = draft.table;
  if (!assistant?.enabled || t.targets.period || t.targets.annual || t.indicators.length === 0) return;
  const table = effectiveTable(t, turn.now).table;
  const got = await assistant.draftTargets(
    { table, projectName: t.projectName ?? '', purpose: t.fundUse, indicators: t.indicators },
    () => ({ period: table.targets.period, annual: table.targets.annual }),
    (t) => turn.s.checkTable(t),
  );
  if (!got.byModel || !got.value.period || !got.value.annual) return;
  draft.table.targets = { period: got.value.period, annual: got.value.annual };
  markAi(draft, ['targets.period', 'targets.annual']);
  touch(turn, draft);
}
