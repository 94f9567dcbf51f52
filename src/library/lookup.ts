/** Template look-up: "社区矫正有哪些指标？" → the library's indicators for that kind of project. Pure. */
import { orderByFramework } from '../domain/framework.ts';
import { squeeze, toHalfWidth } from '../domain/text.ts';
import { usableValue } from './quality.ts';
import { conceptsOf, sameIndicatorName } from './similarity.ts';
import { rankSimilar } from './rank.ts';
import type { Library, LibraryProject } from './types.ts';

export interface LookupItem {
  name: string;
  /** Typical values, most frequent first (at most three). */
  values: string[];
  /** How many library tables use it. */
  count: number;
}

export interface LookupGroup {
  level1: string;
  level2: string;
  items: LookupItem[];
}

export interface LookupResult {
  keyword: string;
  projects: Array<{ id: string; name: string }>;
  groups: LookupGroup[];
}

/** Strip the question around the keyword: `社区矫正有哪些指标？` → `社区矫正`. */
export function cleanKeyword(text: string): string {
  return squeeze(toHalfWidth(text))
    .replace(/[?？!！。.,，]/g, '')
    .replace(/^(?:请问|查询|查找|查看|搜索|指标|模板)/, '')
    .replace(/(?:有哪些|有什么|都有啥|的)?(?:绩效)?(?:指标|模板)?(?:有哪些|是什么)?$/, '');
}

function matches(p: LibraryProject, keyword: string): boolean {
  if (p.name.includes(keyword) || (p.fundUse ?? '').includes(keyword)) return true;
  const wanted = conceptsOf(keyword);
  if (wanted.size === 0) return false;
  const have = conceptsOf(p.name);
  return [...wanted].some((c) => have.has(c));
}

export function lookup(library: Library, text: string, limit = 8): LookupResult {
  const keyword = cleanKeyword(text);
  let projects = keyword ? library.projects.filter((p) => matches(p, keyword)) : [];
  if (keyword && projects.length === 0) {
    // Nothing names it: fall back to the nearest projects by similarity.
    const byId = new Map(library.projects.map((p) => [p.id, p]));
    projects = rankSimilar(library, { name: keyword })
      .filter((r) => r.score >= 0.2)
      .slice(0, 3)
      .map((r) => byId.get(r.id)!);
  }
  const groups: LookupGroup[] = [];
  const tables = new Map<LookupItem, Set<string>>();
  const valueLists = new Map<LookupItem, string[]>();
  for (const p of projects) {
    for (const ind of p.indicators) {
      const value = usableValue(ind);
      if (value === undefined) continue;
      let group = groups.find((g) => g.level1 === ind.level1 && g.level2 === ind.level2);
      if (!group) groups.push((group = { level1: ind.level1, level2: ind.level2, items: [] }));
      let item = group.items.find((i) => sameIndicatorName(i.name, ind.name));
      if (!item) {
        group.items.push((item = { name: ind.name, values: [], count: 0 }));
        tables.set(item, new Set());
        valueLists.set(item, []);
      }
      tables.get(item)!.add(p.id);
      valueLists.get(item)!.push(value);
    }
  }
  for (const g of groups) {
    for (const item of g.items) {
      item.count = tables.get(item)!.size;
      const counts = new Map<string, number>();
      for (const v of valueLists.get(item)!) counts.set(v, (counts.get(v) ?? 0) + 1);
      item.values = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([v]) => v);
    }
    g.items.sort((a, b) => b.count - a.count);
    g.items.splice(limit);
  }
  // Library tables use the local framework; rows in another one sort after its categories.
  return { keyword, projects: projects.map((p) => ({ id: p.id, name: p.name })), groups: orderByFramework(groups, 'local') };
}

/** The result as a chat message (简体中文). */
export function formatLookup(r: LookupResult): string {
  if (!r.keyword) return '请告诉我要查的项目类型，例如：指标 社区矫正';
  if (r.projects.length === 0) {
    return `模板库中没有找到与「${r.keyword}」相关的项目。可以换个说法，例如：指标 法律援助、指标 信访、指标 雪亮工程。`;
  }
  const lines = [`「${r.keyword}」相关项目 ${r.projects.length} 个，常用指标如下：`];
  let level1 = '';
  for (const g of r.groups) {
    if (g.level1 !== level1) {
      level1 = g.level1;
      lines.push(`【${level1}】`);
    }
    lines.push(`  ${g.level2}：`);
    for (const i of g.items) lines.push(`    · ${i.name}：${i.values.join(' / ')}（${i.count} 个项目使用）`);
  }
  lines.push(`参考项目：${r.projects.slice(0, 5).map((p) => p.name).join('、')}${r.projects.length > 5 ? ' 等' : ''}`);
  return lines.join('\n');
}
