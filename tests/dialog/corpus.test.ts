import { describe, expect, it } from 'vitest';
import { CORPUS, runCorpus } from './corpus.ts';

describe('the conversation corpus', () => {
  it('holds at least 150 real-style messages', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(150);
  });

  it('every message is taken for what it is and leaves the expected draft', async () => {
    const outcomes = await runCorpus();
    const failed = outcomes.flatMap((o, n) => (o.ok ? [] : [`[${CORPUS[n]!.at}] ${CORPUS[n]!.text.slice(0, 40)} → ${o.problems.join('; ')}`]));
    expect(failed).toEqual([]);
  }, 240_000);
});
