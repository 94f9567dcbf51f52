import { describe, expect, it } from 'vitest';
import { countedNoun } from '../../src/rules/nouns.ts';

describe('countedNoun', () => {
  it('reads the whole head noun, not a shorter one that starts inside it', () => {
    expect(countedNoun('购置智能导诉机器人数量')).toMatchObject({ noun: '机器人', unit: '台' });
    expect(countedNoun('购置自助立案一体机数量')).toMatchObject({ noun: '一体机' });
    expect(countedNoun('培训专职网格员人数')).toMatchObject({ noun: '人数', unit: '人' });
  });
});
