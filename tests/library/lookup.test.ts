import { describe, expect, it } from 'vitest';
import { loadLibrary } from '../../src/library/load.ts';
import { lookup, formatLookup, cleanKeyword } from '../../src/library/lookup.ts';

const library = loadLibrary();

describe('lookup', () => {
  it('strips the question around the keyword', () => {
    expect(cleanKeyword('社区矫正有哪些指标？')).toBe('社区矫正');
    expect(cleanKeyword('指标 法律援助')).toBe('法律援助');
  });

  it.each(['社区矫正', '法律援助', '信访', '雪亮工程'])('groups the indicators of %s projects', (kw) => {
    const r = lookup(library, kw);
    expect(r.projects.length).toBeGreaterThan(0);
    expect(r.groups.map((g) => g.level2)).toContain('数量指标');
    for (const g of r.groups) for (const i of g.items) expect(i.count).toBeGreaterThan(0);
    expect(formatLookup(r)).toContain(`「${kw}」相关项目`);
  });

  it('says so when nothing matches', () => {
    expect(formatLookup(lookup(library, 'zzqqxx'))).toMatch(/没有找到/);
  });
});
