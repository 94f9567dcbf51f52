/** Indicator rows in framework order, with the runs that the 一级/二级 cells merge over. */
import type { DraftTable, Indicator } from '../domain/draft.ts';
import { orderByFramework } from '../domain/framework.ts';

/** The table's indicators in its framework's order (the shared rule in domain/framework.ts). */
export function orderIndicators(table: DraftTable): Indicator[] {
  return orderByFramework(table.indicators, table.framework);
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
