/**
 * The indicator framework (三级指标体系) as data. Two frameworks: the local one used by the seed
 * documents (default) and the Ministry of Finance 2021 one, where 成本指标 is a 一级指标.
 */

export type FrameworkId = 'local' | 'mof2021';

export interface Level1Spec {
  name: string;
  level2: string[];
}

export interface Framework {
  id: FrameworkId;
  title: string;
  level1: Level1Spec[];
}

export const FRAMEWORKS: Record<FrameworkId, Framework> = {
  local: {
    id: 'local',
    title: '地方通用框架（成本指标属产出指标）',
    level1: [
      { name: '产出指标', level2: ['数量指标', '质量指标', '时效指标', '成本指标'] },
      { name: '效益指标', level2: ['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标'] },
      { name: '满意度指标', level2: ['服务对象满意度指标'] },
    ],
  },
  mof2021: {
    id: 'mof2021',
    title: '财预〔2021〕101号框架（成本指标为一级指标）',
    level1: [
      { name: '产出指标', level2: ['数量指标', '质量指标', '时效指标'] },
      { name: '成本指标', level2: ['经济成本指标', '社会成本指标', '生态环境成本指标'] },
      { name: '效益指标', level2: ['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标'] },
      { name: '满意度指标', level2: ['服务对象满意度指标'] },
    ],
  },
};

export const DEFAULT_FRAMEWORK: FrameworkId = 'local';

/** Source wordings (after whitespace removal and the 指标 suffix) that mean a canonical name. */
const LEVEL1_ALIASES: Record<string, string> = {
  效果指标: '效益指标',
  产出效益指标: '效益指标',
  服务对象满意度指标: '满意度指标',
};

const LEVEL2_ALIASES: Record<string, string> = {
  社会效果指标: '社会效益指标',
  经济效果指标: '经济效益指标',
  生态效果指标: '生态效益指标',
  生态环境效益指标: '生态效益指标',
  可持续发展指标: '可持续影响指标',
  可持续性影响指标: '可持续影响指标',
  可持续效益指标: '可持续影响指标',
  可持续影响效益指标: '可持续影响指标',
  满意度指标: '服务对象满意度指标',
  社会公众或服务对象满意度指标: '服务对象满意度指标',
  服务对象满意指标: '服务对象满意度指标',
  经济成本: '经济成本指标',
};

function normalizeName(raw: string): string {
  const compact = raw.replace(/[\s\u3000]+/g, '').replace(/[:：]$/, '');
  if (!compact) return '';
  return compact.endsWith('指标') ? compact : `${compact}指标`;
}

/** Canonical 一级指标 name for a source wording (`效果\n指标` → `效益指标`); '' for empty input. */
export function canonicalLevel1(raw: string): string {
  const name = normalizeName(raw);
  return LEVEL1_ALIASES[name] ?? name;
}

/** Canonical 二级指标 name for a source wording (`社会效益` → `社会效益指标`). */
export function canonicalLevel2(raw: string): string {
  const name = normalizeName(raw);
  return LEVEL2_ALIASES[name] ?? name;
}

/** The 一级指标 a canonical 二级指标 belongs to in a framework, if any. */
export function level1Of(level2: string, framework: FrameworkId = DEFAULT_FRAMEWORK): string | undefined {
  return FRAMEWORKS[framework].level1.find((l1) => l1.level2.includes(level2))?.name;
}

/** Whether `level2` is a valid child of `level1` in the framework (both canonical). */
export function belongsTo(level1: string, level2: string, framework: FrameworkId = DEFAULT_FRAMEWORK): boolean {
  return FRAMEWORKS[framework].level1.some((l1) => l1.name === level1 && l1.level2.includes(level2));
}

/** Every canonical 二级指标 of a framework, in framework order. */
export function allLevel2(framework: FrameworkId = DEFAULT_FRAMEWORK): string[] {
  return FRAMEWORKS[framework].level1.flatMap((l1) => l1.level2);
}

/**
 * Items (indicators, look-up groups) in framework order, stably: 一级 in framework order, then 二级
 * in framework order within it; names the framework does not know keep their first-appearance order
 * after the known ones, so nothing a user typed is ever dropped or shuffled within its group. The one
 * ordering used by the dialog's numbered list, the library's suggestions and look-up, and the DOCX.
 */
export function orderByFramework<T extends { level1: string; level2: string }>(
  items: readonly T[],
  framework: FrameworkId = DEFAULT_FRAMEWORK,
): T[] {
  const fw = FRAMEWORKS[framework];
  const l1Rank = new Map<string, number>();
  const l2Rank = new Map<string, number>();
  const key = (x: { level1: string; level2: string }): string => `${x.level1}\u0000${x.level2}`;
  fw.level1.forEach((l1, i) => {
    l1Rank.set(l1.name, i);
    l1.level2.forEach((l2, j) => l2Rank.set(`${l1.name}\u0000${l2}`, j));
  });
  const unknownBase = fw.level1.length;
  const l2Base = Math.max(...fw.level1.map((l) => l.level2.length));
  for (const item of items) {
    if (!l1Rank.has(item.level1)) l1Rank.set(item.level1, unknownBase + l1Rank.size);
    if (!l2Rank.has(key(item))) l2Rank.set(key(item), l2Base + l2Rank.size);
  }
  return items
    .map((item, i) => ({ item, i }))
    .sort(
      (a, b) =>
        l1Rank.get(a.item.level1)! - l1Rank.get(b.item.level1)! || l2Rank.get(key(a.item))! - l2Rank.get(key(b.item))! || a.i - b.i,
    )
    .map((x) => x.item);
}
