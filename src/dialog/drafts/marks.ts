/**
 * Which parts of a draft the language model wrote. The summary marks them 「（AI 起草）」 so the user
 * knows what to check; a user's own change of such a part removes its mark.
 */
import type { DraftRecord } from '../records.ts';

/** Mark keys: edit fields ('fundUse', 'targets.period', …) and 'indicators'. */
export type AiPart = string;

export const AI_MARK = '（AI 起草）';

export function aiParts(draft: DraftRecord): readonly AiPart[] {
  return draft.aiDrafted ?? [];
}

export function isAi(draft: DraftRecord, part: AiPart): boolean {
  return aiParts(draft).includes(part);
}

export function markAi(draft: DraftRecord, parts: AiPart[]): void {
  draft.aiDrafted = [...new Set([...aiParts(draft), ...parts])];
}

/** 'targets' stands for both target sentences. */
export function unmarkAi(draft: DraftRecord, parts: AiPart[]): void {
  const drop = new Set(parts.flatMap((p) => (p === 'targets' ? ['targets', 'targets.period', 'targets.annual'] : [p])));
  if (!aiParts(draft).some((p) => drop.has(p))) return;
  draft.aiDrafted = aiParts(draft).filter((p) => !drop.has(p));
}

/**
 * Model-written targets were drafted from the purpose and the indicators; when either changes they
 * no longer fit, so they give way to the rule-based default (which follows the change on the fly).
 */
export function dropStaleAiTargets(draft: DraftRecord): void {
  const t = draft.table.targets;
  if (isAi(draft, 'targets.period')) delete t.period;
  if (isAi(draft, 'targets.annual')) delete t.annual;
  unmarkAi(draft, ['targets']);
}
