/**
 * The composer: drafts the indicator set and the targets for *this* project from what it does (its
 * activities, objects and stated counts), with the library as evidence of which projects are alike,
 * never as text to copy. `suggest`, the dialog and the model path all start here. Pure.
 */
import type { Indicator } from '../domain/draft.ts';
import type { FrameworkId } from '../domain/framework.ts';
import { rankSimilar, type SimilarProject } from '../library/rank.ts';
import type { Library, LibraryProject } from '../library/types.ts';
import { conventionalWording } from './evidence.ts';
import { composeIndicators } from './indicators.ts';
import { readProject, type Activity, type ProjectReading } from './read.ts';
import { composeTargets, type ComposedTargets } from './targets.ts';

export interface ComposeQuery {
  name: string;
  purpose?: string;
  /** Budget of the year in 万元. */
  amount?: number;
  /** The table's money unit (ceilings are written in it). */
  unit?: '万元' | '元';
  year?: number;
  framework?: FrameworkId;
  /** The 预算部门 filing the table: its own earlier tables in the library carry its house wording. */
  department?: string;
}

export interface Composition {
  indicators: Indicator[];
  targets: ComposedTargets;
  activities: Activity[];
  /** Library projects that really are alike (score ≥ STRONG_MATCH); empty when none is. */
  similar: SimilarProject[];
  /** The library holds nothing like this project: the rows come from the patterns alone. */
  weak: boolean;
  /** 1-based positions of rows whose value is an estimate the user should confirm. */
  estimates: number[];
}

/**
 * Below this similarity the library's nearest project is not alike: 社区矫正 scores 1.0, 人民调解 0.995,
 * 平安建设 0.81; unrelated projects share a generic word and score about 0.5 (see library/similarity).
 */
export const STRONG_MATCH = 0.6;
/** Rows of less alike projects may still be reused when they name this project's own objects. */
const EVIDENCE_MATCH = 0.45;

/**
 * Loads the segmenter's dictionaries (~250 ms) and runs one composition at start-up, so that the
 * first user's turn does not pay for them.
 */
export function warmUp(library: Library): void {
  compose(library, { name: '社区矫正工作经费', purpose: '用于社区矫正对象教育帮扶和培训', amount: 10 });
}

const kinds = new WeakMap<LibraryProject, string>();
/** The kind of a library project's first activity, as our reader sees it. */
function kindOf(p: LibraryProject): string {
  let k = kinds.get(p);
  if (k === undefined) {
    k = readProject({ name: p.name, purpose: p.fundUse }).activities[0]?.kind ?? 'work';
    kinds.set(p, k);
  }
  return k;
}

const unitKey = (s: string | undefined) => (s ?? '').replace(/[\s（）()]/g, '').replace(/本级$/, '');

/**
 * The department's own earlier tables (its imported and generated ones, and library tables it filed),
 * nearest first: the wording its 财政局 has already accepted from it.
 */
function houseTables(library: Library, department: string | undefined, ranked: SimilarProject[]): LibraryProject[] {
  const key = unitKey(department);
  if (key.length < 2) return [];
  const mine = new Map(library.projects.filter((p) => unitKey(p.department) === key).map((p) => [p.id, p]));
  return ranked.flatMap((s) => mine.get(s.id) ?? []);
}

export function compose(library: Library, q: ComposeQuery, now: Date = new Date()): Composition {
  const year = q.year ?? now.getFullYear() + 1;
  const reading: ProjectReading = readProject({ name: q.name, purpose: q.purpose, amount: q.amount, year });
  const ranked = rankSimilar(library, q);
  const similar = ranked.filter((s) => s.score >= STRONG_MATCH).slice(0, 3);
  const byId = new Map(library.projects.map((p) => [p.id, p]));
  const kind = reading.activities[0]?.kind ?? 'work';
  // Evidence from projects of the same kind of work only: a 社区矫正中心 renovation learns nothing
  // from 社区矫正 supervision tables.
  const alike = ranked
    .filter((s) => s.score >= EVIDENCE_MATCH)
    .slice(0, 3)
    .map((s) => byId.get(s.id)!)
    .filter((p) => kindOf(p) === kind);
  const conventions = conventionalWording(library.projects, kindOf).get(kind) ?? [];
  const house = houseTables(library, q.department, ranked);
  const rows = composeIndicators(reading, { amount: q.amount, unit: q.unit, year, framework: q.framework, alike, conventions, house });
  const indicators: Indicator[] = rows.map(({ activity: _a, ...i }) => i);
  return {
    indicators,
    targets: composeTargets({ indicators, years: [year, year] }),
    activities: reading.activities,
    similar,
    weak: similar.length === 0,
    estimates: indicators.flatMap((i, k) => (i.estimate ? [k + 1] : [])),
  };
}

export type { SimilarProject };
export { readProject } from './read.ts';
export type { Activity, ProjectReading } from './read.ts';
export { composeTargets } from './targets.ts';
