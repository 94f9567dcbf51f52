/** Moving a draft along the flow. */
import { nextStep } from '../answers/answers.ts';
import { enterIndicators } from '../indicators/indicators.ts';
import { touch, type Turn } from '../turn.ts';

/**
 * Moves the draft to the step it needs next, filling the indicator list when that step is reached
 * (async: the list may come from the optional model).
 */
export async function advance(turn: Turn): Promise<void> {
  const draft = turn.draft;
  if (!draft) return;
  draft.editing = undefined;
  draft.step = nextStep(draft);
  if (draft.step === 'indicators') await enterIndicators(turn, draft);
  touch(turn, draft);
}

