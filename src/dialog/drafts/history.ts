/**
 * Their own history first: the tables a user imported or generated are evidence for that user's
 * later suggestions and look-ups. They come from the user's own drafts in the store (the store keys
 * every record by user and chat), are added to the shared template library for this turn only and
 * never leave it, so no other user ever sees them. Pure: the store is the dialog's port.
 */
import type { DraftTable } from '../../domain/draft.ts';
import { parseValue } from '../../domain/value.ts';
import type { Library, LibraryProject } from '../../library/types.ts';
import type { DraftRecord } from '../records.ts';
import type { Turn } from '../turn.ts';

/** The `source` of a user's own table in the per-turn library. */
export const OWN_SOURCE = '本人的表';
const OWN_PREFIX = 'own-';

export const isOwnProject = (p: { id: string }): boolean => p.id.startsWith(OWN_PREFIX);

/** A draft that is the user's own table: generated (done), or imported / confirmed with its indicators. */
function isOwnTable(d: DraftRecord): boolean {
  return !!d.table.projectName && d.table.indicators.length > 0 && (d.status === 'done' || d.indicatorsConfirmed);
}

/** A draft table in the library's shape (amounts in 万元, values parsed). */
export function projectOfTable(id: string, t: DraftTable): LibraryProject {
  const total = t.amounts.annual.total ?? t.amounts.period.total;
  const wan = total === undefined ? undefined : t.amounts.unit === '元' ? total / 10000 : total;
  return {
    id: `${OWN_PREFIX}${id}`,
    name: t.projectName ?? '',
    source: OWN_SOURCE,
    department: t.department,
    implementer: t.implementer,
    year: t.year,
    period: t.period,
    ...(wan !== undefined ? { amount: { value: wan, unit: '万元' as const } } : {}),
    ...(total !== undefined && t.amounts.unit === '元' ? { amountRaw: { value: total, unit: '元' as const } } : {}),
    fundUse: t.fundUse,
    goals: [t.targets.period, t.targets.annual].filter((g): g is string => !!g),
    indicators: t.indicators.map((i) => ({
      level1: i.level1,
      level2: i.level2,
      name: i.name,
      description: i.description,
      value: parseValue(i.value),
      basis: i.basis,
    })),
  };
}

/** The user's own tables as a library (newest first). */
export async function ownLibrary(turn: Turn): Promise<Library> {
  const stored = await turn.s.store.list(turn.userKey);
  const drafts = stored.map((d) => turn.dirty.get(d.id) ?? d);
  return { version: 1, projects: drafts.filter(isOwnTable).map((d) => projectOfTable(d.id, d.table)) };
}

/** The library for this user's turn: their own tables first, then the shared template library. */
export async function libraryFor(turn: Turn): Promise<Library> {
  const own = await ownLibrary(turn);
  return own.projects.length ? { version: 1, projects: [...own.projects, ...turn.s.library.projects] } : turn.s.library;
}

/** A look-up that shows the user's own tables first (only to them), then the template library's. */
export async function lookupWithOwn(turn: Turn, keyword: string): Promise<string> {
  const shared = turn.s.lookupText(turn.s.library, keyword);
  const own = await ownLibrary(turn);
  if (own.projects.length === 0) return shared;
  const mine = turn.s.lookupText(own, keyword);
  // The look-up's own wording for no match starts with 模板库中没有找到.
  if (/^模板库中没有找到/.test(mine)) return shared;
  return `你自己以前的表（只有你能看到）：\n${mine.replace(/模板库/g, '你的表')}\n\n模板库：\n${shared}`;
}
