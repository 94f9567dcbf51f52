/**
 * Leave-one-out evaluation of the indicator suggestions. For each library project, suggest from its
 * name and use of funds with that project removed, and compare with its real 三级 indicators.
 * A suggested indicator matches a real one when their 二级 categories agree and the names are the
 * same after removing punctuation and spaces, or their character-bigram Dice coefficient is ≥ 0.6.
 * Baselines: (A) the most frequent names per 二级, as many per 二级 as ours suggests; (B) all the
 * indicators of the single project whose name is nearest by plain fuzzy (bigram Dice) matching.
 */
import { loadLibrary } from '../src/library/load.ts';
import { usableValue } from '../src/library/quality.ts';
import { dice, sameIndicatorName } from '../src/library/similarity.ts';
import { suggest } from '../src/library/suggest.ts';
import type { Library, LibraryProject } from '../src/library/types.ts';

interface Named {
  level2: string;
  name: string;
}

const level2Of = (i: { level1: string; level2: string }) => (i.level1 === '成本指标' ? '成本指标' : i.level2);

function score(suggested: Named[], real: Named[]): { recall: number; precision: number } {
  const hit = (a: Named, b: Named) => a.level2 === b.level2 && sameIndicatorName(a.name, b.name);
  const found = real.filter((r) => suggested.some((s) => hit(s, r))).length;
  const correct = suggested.filter((s) => real.some((r) => hit(s, r))).length;
  return { recall: real.length ? found / real.length : 0, precision: suggested.length ? correct / suggested.length : 0 };
}

function mostFrequent(library: Library, quotas: Map<string, number>): Named[] {
  const counts = new Map<string, { ind: Named; n: number }[]>();
  for (const p of library.projects) {
    for (const i of p.indicators) {
      if (usableValue(i) === undefined) continue;
      const l2 = level2Of(i);
      const list = counts.get(l2) ?? [];
      const same = list.find((x) => sameIndicatorName(x.ind.name, i.name));
      if (same) same.n++;
      else list.push({ ind: { level2: l2, name: i.name }, n: 1 });
      counts.set(l2, list);
    }
  }
  return [...quotas].flatMap(([l2, q]) => (counts.get(l2) ?? []).sort((a, b) => b.n - a.n).slice(0, q).map((x) => x.ind));
}

function nearestByName(library: Library, name: string): Named[] {
  let best: LibraryProject | undefined;
  let bestScore = -1;
  for (const p of library.projects) {
    const s = dice(p.name, name);
    if (s > bestScore) [best, bestScore] = [p, s];
  }
  return (best?.indicators ?? []).map((i) => ({ level2: level2Of(i), name: i.name }));
}

export async function run(): Promise<void> {
  const library = loadLibrary();
  const totals = { ours: { recall: 0, precision: 0 }, frequent: { recall: 0, precision: 0 }, nearest: { recall: 0, precision: 0 } };
  let n = 0;
  for (const p of library.projects) {
    const real = p.indicators.filter((i) => i.name).map((i) => ({ level2: level2Of(i), name: i.name }));
    if (!real.length) continue;
    const rest: Library = { version: 1, projects: library.projects.filter((x) => x.id !== p.id) };
    const ours = suggest(rest, { name: p.name, purpose: p.fundUse, amount: p.amount?.value }).indicators.map((i) => ({
      level2: level2Of(i),
      name: i.name,
    }));
    const quotas = new Map<string, number>();
    for (const i of ours) quotas.set(i.level2, (quotas.get(i.level2) ?? 0) + 1);
    const runs = { ours, frequent: mostFrequent(rest, quotas), nearest: nearestByName(rest, p.name) };
    for (const [k, list] of Object.entries(runs)) {
      const s = score(list, real);
      totals[k as keyof typeof totals].recall += s.recall;
      totals[k as keyof typeof totals].precision += s.precision;
    }
    n++;
  }
  const pct = (x: number) => `${((100 * x) / n).toFixed(1)}%`;
  console.log(`留一法评估：${n} 个项目（每个项目从其余 ${library.projects.length - 1} 个中推荐）`);
  console.log('| 方法 | 召回率 | 精确率 |');
  console.log('| --- | --- | --- |');
  console.log(`| 本系统（相似项目 + 领域词 + 框架补全） | ${pct(totals.ours.recall)} | ${pct(totals.ours.precision)} |`);
  console.log(`| 基线 A：各二级指标最常见指标 | ${pct(totals.frequent.recall)} | ${pct(totals.frequent.precision)} |`);
  console.log(`| 基线 B：名称最相近的单个项目 | ${pct(totals.nearest.recall)} | ${pct(totals.nearest.precision)} |`);
}
