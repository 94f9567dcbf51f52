import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildLibrary, SOURCES } from '../../src/library/build.ts';
import { LIBRARY_FILE, loadLibrary, SOURCES_DIR } from '../../src/library/load.ts';
import { LibrarySchema } from '../../src/library/types.ts';

const library = loadLibrary();
const texts = new Map(SOURCES.map((s) => [s.file, readFileSync(join(SOURCES_DIR, s.file), 'utf8')]));

describe('the committed template library', () => {
  it('is exactly what `perf-target library` builds from the sources', () => {
    const rebuilt = `${JSON.stringify(buildLibrary(texts), null, 1)}\n`;
    expect(rebuilt).toBe(readFileSync(LIBRARY_FILE, 'utf8'));
  });

  it('matches its schema', () => {
    expect(LibrarySchema.safeParse(JSON.parse(readFileSync(LIBRARY_FILE, 'utf8'))).success).toBe(true);
  });

  it('holds all 70 tables, per source in file order, and every indicator row', () => {
    const perSource = SOURCES.map((s) => library.projects.filter((p) => p.source === s.file));
    expect(perSource.map((ps) => ps.length)).toEqual([10, 18, 24, 4, 14]);
    expect(perSource.map((ps) => ps.reduce((n, p) => n + p.indicators.length, 0))).toEqual([76, 163, 166, 32, 93]);
    expect(library.projects.map((p) => p.source)).toEqual(perSource.flat().map((p) => p.source));
    expect(new Set(library.projects.map((p) => p.id)).size).toBe(70);
  });

  it('uses canonical framework names everywhere and keeps the source wording beside them', () => {
    const level2 = new Set(library.projects.flatMap((p) => p.indicators.map((i) => `${i.level1}/${i.level2}`)));
    expect([...level2].sort()).toEqual(
      [
        '产出指标/数量指标',
        '产出指标/质量指标',
        '产出指标/时效指标',
        '产出指标/成本指标',
        '效益指标/社会效益指标',
        '效益指标/经济效益指标',
        '效益指标/生态效益指标',
        '效益指标/可持续影响指标',
        '满意度指标/服务对象满意度指标',
      ].sort(),
    );
    const xueliang = library.projects.find((p) => p.name === '“雪亮工程”购买服务费')!;
    const economic = xueliang.indicators.find((i) => i.level2 === '经济效益指标')!;
    expect(economic).toMatchObject({ level1: '效益指标', level1Raw: '效果指标', name: '提高打击犯罪的能力' });
  });

  it('converts amounts to 万元 and keeps the printed 元', () => {
    const tianjin = library.projects.find((p) => p.name === '天津市滨海新区司法局多种用工人员经费')!;
    expect(tianjin.amount).toEqual({ value: 43.2, unit: '万元' });
    expect(tianjin.amountRaw).toEqual({ value: 432000, unit: '元' });
    expect(library.projects.find((p) => p.name === '“雪亮工程”购买服务费')!.amount).toEqual({ value: 615.36, unit: '万元' });
  });

  it('spot-checks rows of every source, field by field', () => {
    const byId = (id: string) => library.projects.find((p) => p.id === id)!;
    // 000: first row of the first table.
    expect(byId('000-01').indicators[0]).toEqual({
      level1: '产出指标',
      level2: '数量指标',
      name: '数据库提供数据咨询产品数量',
      value: { raw: '≥5个', kind: 'quantitative', op: '≥', value: 5, unit: '个' },
    });
    // 000: a row under a merged 二级 cell (blank in the source, filled down).
    expect(byId('000-01').indicators[1]).toMatchObject({ level1: '产出指标', level2: '数量指标', name: '同时最大登录访问人数' });
    // 000: the shifted last row is kept and marked.
    expect(byId('000-02').indicators.at(-1)).toMatchObject({
      level2: '服务对象满意度指标',
      name: '法律援助基本对象满意率',
      value: { raw: '≥90%' },
      flags: ['value-in-wrong-column'],
    });
    // 001: the 时效 deadline and the row with the value the PDF broke over lines.
    const x = byId('001-01').indicators;
    expect(x[0]).toMatchObject({ level2: '数量指标', name: '全区公共视频监控联网共享应用', value: { raw: '≥100%' } });
    expect(x[2]).toMatchObject({ level2: '时效指标', name: '项目完成时限', value: { raw: '2024 年 6 月底前', kind: 'deadline' } });
    expect(x[3]).toMatchObject({ level2: '成本指标', value: { raw: '615.36 万元', value: 615.36, unit: '万元' } });
    // 001: the 满意度 row without a value is kept and marked.
    expect(byId('001-05').indicators.filter((i) => i.flags?.includes('missing-value'))).toHaveLength(1);
    // 002: rows keep the source's mistakes verbatim; 003/004 rows with description and basis.
    expect(byId('002-01').indicators.some((i) => i.value.raw === '≥94%')).toBe(true);
    expect(byId('004-01').indicators[3]).toMatchObject({
      level2: '成本指标',
      name: '人均工资标准',
      description: '人均工资标准',
      value: { raw: '≤7.2万元/年', value: 7.2, unit: '万元/年' },
    });
    expect(byId('003-01').indicators[0]!.basis).toBeTruthy();
  });
});
