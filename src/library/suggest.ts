/**
 * Indicator suggestions for a new project: rank the library's projects by similarity, pool the
 * indicators of the nearest ones, and fill every category the framework requires. Pure.
 */
import { level1Of, orderByFramework, type FrameworkId, DEFAULT_FRAMEWORK } from '../domain/framework.ts';
import type { Indicator } from '../domain/draft.ts';
import { formatAmount } from '../domain/number.ts';
import { squeeze } from '../domain/text.ts';
import { usableValue } from './quality.ts';
import { profile, similarity, sameIndicatorName, type Profile } from './similarity.ts';
import type { Library, LibraryIndicator, LibraryProject } from './types.ts';

export interface SuggestQuery {
  name: string;
  purpose?: string;
  /** Budget in 万元: the cost indicator becomes `≤<amount>万元`. */
  amount?: number;
  /** Budget year: dated deadlines of the samples move to this year. */
  year?: number;
  framework?: FrameworkId;
}

export interface SuggestedIndicator extends Indicator {
  /** Library project ids the indicator comes from (empty for a built-in default). */
  sources: string[];
}

export interface SimilarProject {
  id: string;
  name: string;
  score: number;
}

export interface Suggestion {
  indicators: SuggestedIndicator[];
  similar: SimilarProject[];
}

/** How many indicators of each 二级 (local framework names) a suggestion holds at most. */
const QUOTAS: Record<string, number> = {
  数量指标: 3,
  质量指标: 2,
  时效指标: 1,
  成本指标: 1,
  社会效益指标: 2,
  经济效益指标: 1,
  生态效益指标: 1,
  可持续影响指标: 1,
  服务对象满意度指标: 1,
};
const REQUIRED = ['数量指标', '质量指标', '时效指标', '成本指标', '社会效益指标', '服务对象满意度指标'];
const BENEFITS = ['社会效益指标', '经济效益指标', '生态效益指标', '可持续影响指标'];

/** Last resort when the library has nothing usable for a required category. */
const DEFAULTS: Record<string, Omit<Indicator, 'level1' | 'level2'>> = {
  数量指标: { name: '完成工作任务数量', value: '≥1项', description: '按计划完成的工作任务数量' },
  质量指标: { name: '工作任务完成合格率', value: '≥95%', description: '完成的工作任务达到规定标准的比例' },
  时效指标: { name: '工作任务按时完成率', value: '≥95%', description: '在规定时间内完成工作任务的比例' },
  成本指标: { name: '项目预算控制数', value: '≤预算批复数', description: '项目支出控制在预算批复范围内' },
  社会效益指标: { name: '保障工作顺利开展', value: '有效保障', description: '项目实施对相关工作开展的保障作用' },
  服务对象满意度指标: { name: '服务对象满意度', value: '≥90%', description: '服务对象对项目实施的满意程度' },
};

interface Cluster {
  level2: string;
  name: string;
  weight: number;
  sources: string[];
  values: string[];
  descriptions: string[];
  bases: string[];
}

const profiles = new WeakMap<LibraryProject, Profile>();
function profileOf(p: LibraryProject): Profile {
  let prof = profiles.get(p);
  if (!prof) {
    prof = profile(p.name, p.fundUse);
    profiles.set(p, prof);
  }
  return prof;
}

const wide = new WeakMap<Library, Cluster[]>();
/** Library-wide frequency fills categories the neighbours lack; computed once per library. */
function libraryWideClusters(library: Library): Cluster[] {
  let clusters = wide.get(library);
  if (!clusters) {
    clusters = clusterIndicators(library.projects.map((project) => ({ project, weight: 0.01 })));
    wide.set(library, clusters);
  }
  return clusters;
}

/** Library projects ranked by similarity to the query, best first. */
export function rankSimilar(library: Library, query: Pick<SuggestQuery, 'name' | 'purpose'>): SimilarProject[] {
  const q = profile(query.name, query.purpose);
  return library.projects
    .map((p) => ({ id: p.id, name: p.name, score: Math.round(similarity(q, profileOf(p)) * 1000) / 1000 }))
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}

/** The local 二级 name an indicator counts as (the 2021 framework's cost names map to 成本指标). */
function localLevel2(i: Pick<LibraryIndicator, 'level1' | 'level2'>): string {
  return i.level1 === '成本指标' ? '成本指标' : i.level2;
}

function addToClusters(clusters: Cluster[], ind: LibraryIndicator, value: string, weight: number, source: string): void {
  const level2 = localLevel2(ind);
  let c = clusters.find((x) => x.level2 === level2 && sameIndicatorName(x.name, ind.name));
  if (!c) {
    c = { level2, name: ind.name, weight: 0, sources: [], values: [], descriptions: [], bases: [] };
    clusters.push(c);
  }
  c.weight += weight;
  if (!c.sources.includes(source)) c.sources.push(source);
  c.values.push(value);
  if (ind.description && squeeze(ind.description) !== squeeze(ind.name)) c.descriptions.push(ind.description);
  if (ind.basis) c.bases.push(ind.basis);
}

/** Indicator clusters over projects, each project weighted. */
export function clusterIndicators(projects: Array<{ project: LibraryProject; weight: number }>): Cluster[] {
  const clusters: Cluster[] = [];
  for (const { project, weight } of projects) {
    for (const ind of project.indicators) {
      const value = usableValue(ind);
      if (value !== undefined) addToClusters(clusters, ind, value, weight, project.id);
    }
  }
  return clusters.sort((a, b) => b.weight - a.weight || b.sources.length - a.sources.length);
}

function mostCommon(values: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

function withYear(value: string, year: number | undefined): string {
  return year ? value.replace(/\d{4}(\s*年)/, `${year}$1`) : value;
}

function toIndicator(c: Cluster, query: SuggestQuery): SuggestedIndicator {
  const framework = query.framework ?? DEFAULT_FRAMEWORK;
  const isCost = c.level2 === '成本指标';
  const level2 = isCost && framework === 'mof2021' ? '经济成本指标' : c.level2;
  const value =
    isCost && query.amount !== undefined && query.amount > 0
      ? `≤${formatAmount(query.amount, '万元')}`
      : withYear(mostCommon(c.values) ?? '', query.year);
  const out: SuggestedIndicator = {
    level1: level1Of(level2, framework) ?? '产出指标',
    level2,
    name: c.name,
    value,
    sources: c.sources,
  };
  const description = mostCommon(c.descriptions);
  const basis = mostCommon(c.bases);
  if (description) out.description = description;
  if (basis) out.basis = basis;
  return out;
}

/** A complete indicator set for a new project. */
export function suggest(library: Library, query: SuggestQuery): Suggestion {
  const ranked = rankSimilar(library, query);
  const top = ranked[0]?.score ?? 0;
  const byId = new Map(library.projects.map((p) => [p.id, p]));
  const neighbours = ranked
    .filter((r) => r.score > 0.05 && r.score >= top * 0.5)
    .slice(0, 6)
    .map((r) => ({ project: byId.get(r.id)!, weight: r.score }));
  const near = clusterIndicators(neighbours);
  const everywhere = libraryWideClusters(library);

  const chosen: Cluster[] = [];
  for (const [level2, quota] of Object.entries(QUOTAS)) {
    const local = near.filter((c) => c.level2 === level2);
    const best = local[0]?.weight ?? 0;
    // Optional categories only when a close neighbour really uses them.
    const needed = REQUIRED.includes(level2) || local.some((c) => c.weight >= top * 0.6);
    if (!needed) continue;
    chosen.push(...local.filter((c) => c.weight >= best * 0.4).slice(0, quota));
  }
  for (const level2 of REQUIRED) {
    const hasBenefit = level2 === '社会效益指标' && chosen.some((c) => BENEFITS.includes(c.level2));
    if (hasBenefit || chosen.some((c) => c.level2 === level2)) continue;
    const fallback = everywhere.find((c) => c.level2 === level2);
    const def = DEFAULTS[level2]!;
    chosen.push(
      fallback ?? {
        level2,
        name: def.name,
        weight: 0,
        sources: [],
        values: [def.value],
        descriptions: def.description ? [def.description] : [],
        bases: [],
      },
    );
  }
  return {
    indicators: orderByFramework(
      chosen.map((c) => toIndicator(c, query)),
      query.framework,
    ),
    similar: ranked.slice(0, 5).filter((r) => r.score > 0),
  };
}
