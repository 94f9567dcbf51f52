import { describe, expect, it } from 'vitest';
import { parseValue } from '../../src/domain/value.ts';
import { loadLibrary } from '../../src/library/load.ts';
import { lookup, formatLookup, cleanKeyword } from '../../src/library/lookup.ts';
import { suggest } from '../../src/library/suggest.ts';

const library = loadLibrary();
const REQUIRED = ['数量指标', '质量指标', '时效指标', '成本指标', '服务对象满意度指标'];
const BENEFITS = ['社会效益指标', '经济效益指标', '生态效益指标', '可持续影响指标'];

describe('suggest', () => {
  it.each(['禁毒宣传经费', '网格员补贴', '司法所规范化建设', '社区矫正工作经费', '信息系统运维费', '某某杂项'])(
    'gives a complete, clean set for %s',
    (name) => {
      const s = suggest(library, { name, amount: 20 });
      const level2 = s.indicators.map((i) => i.level2);
      for (const r of REQUIRED) expect(level2).toContain(r);
      expect(level2.some((l) => BENEFITS.includes(l))).toBe(true);
      for (const i of s.indicators) {
        const v = parseValue(i.value);
        if (v.unit === '%') expect(v.value).toBeLessThanOrEqual(100);
        if (v.unit === '%' && v.value === 100) expect(v.op === '≥' || v.op === '>').toBe(false);
        expect(i.value.replace(/\s/g, '')).not.toBe(i.name.replace(/\s/g, ''));
        if (i.level2 === '数量指标') expect(v.unit ?? '').not.toMatch(/元|^万$/);
        if (i.level2 === '服务对象满意度指标') expect(v.unit).toBe('%');
      }
      expect(s.indicators.find((i) => i.level2 === '成本指标')!.value).toBe('≤20万元');
    },
  );

  it('finds kin for unseen names through domain words', () => {
    expect(suggest(library, { name: '网格员补贴' }).similar[0]!.name).toMatch(/网格/);
    expect(suggest(library, { name: '禁毒宣传经费' }).similar.map((p) => p.name).join()).toMatch(/宣传/);
    expect(suggest(library, { name: '社区服刑人员教育经费' }).similar[0]!.name).toMatch(/社区矫正/);
  });

  it('moves dated deadlines to the requested year and follows the 2021 framework', () => {
    const s = suggest(library, { name: '“雪亮工程”购买服务费', year: 2026, framework: 'mof2021', amount: 600 });
    for (const i of s.indicators) expect(i.value).not.toMatch(/202[0-5]\s*年/);
    const cost = s.indicators.find((i) => i.level1 === '成本指标')!;
    expect(cost).toMatchObject({ level2: '经济成本指标', value: '≤600万元' });
  });

  it('names its sources', () => {
    const s = suggest(library, { name: '法律援助办案补贴' });
    const ids = new Set(library.projects.map((p) => p.id));
    expect(s.indicators.some((i) => i.sources.length > 0)).toBe(true);
    for (const i of s.indicators) for (const id of i.sources) expect(ids.has(id)).toBe(true);
  });
});

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
