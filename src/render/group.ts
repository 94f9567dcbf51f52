/** Indicator rows in framework order, with the runs that the 一级/二级 cells merge over. */
import type { DraftTable, Indicator } from '../domain/draft.ts';
import { FRAMEWORKS } from '../domain/framework.ts';

/**
 * Stable order: 一级 in framework order, then 二级 in framework order within it; names the
 * framework does not know keep their first-appearance order after the known ones, so nothing a
 * user typed is ever dropped or shuffled within its group.
 */
export function orderIndicators(table: DraftTable): Indicator[] {
  const fw = FRAMEWORKS[table.framework];
  const l1Rank = new Map<string, number>();
  const l2Rank = new Map<string, number>();
  fw.level1.forEach((l1, i) => {
    l1Rank.set(l1.name, i);
    l1.level2.forEach((l2, j) => l2Rank.set(`${l1.name}\u0000${l2}`, j));
  });
  const unknownBase = fw.level1.length;
  const l2Base = Math.max(...fw.level1.map((l) => l.level2.length));
  for (const ind of table.indicators) {
    if (!l1Rank.has(ind.level1)) l1Rank.set(ind.level1, unknownBase + l1Rank.size);
    const k = `${ind.level1}\u0000${ind.level2}`;
    if (!l2Rank.has(k)) l2Rank.set(k, l2Base + l2Rank.size);
  }
  return table.indicators
    .map((ind, i) => ({ ind, i }))
    .sort(
      (a, b) =>
        l1Rank.get(a.ind.level1)! - l1Rank.get(b.ind.level1)! ||
        l2Rank.get(`${a.ind.level1}\u0000${a.ind.level2}`)! - l2Rank.get(`${b.ind.level1}\u0000${b.ind.level2}`)! ||
        a.i - b.i,
    )
    .map((x) => x.ind);
}

/** Rows sharing the key on consecutive rows: `{ start, length }` in row indices. */
export interface Run {
  start: number;
  length: number;
}

/** Maximal runs of consecutive rows with the same key. */
export function runs<T>(rows: T[], key: (row: T) => string): Run[] {
  const out: Run[] = [];
  rows.forEach((row, i) => {
    const last = out[out.length - 1];
    if (last && key(rows[last.start]!) === key(row)) last.length++;
    else out.push({ start: i, length: 1 });
  });
  return out;
}
