/**
 * The review findings of a draft's table (as it will be rendered), remembered per draft: the
 * summary after 全部采用 shows them and 生成 right after checks the same table again, and the full
 * check — every indicator through every rule — is the costliest part of a turn. Any change of the
 * table (or of the defaults the date fills in) is a new check. Kept per services object, for the
 * few hundred drafts used last.
 */
import type { DraftTable } from '../../domain/draft.ts';
import type { Finding } from '../../rules/index.ts';
import type { Services } from '../services.ts';
import type { Turn } from '../turn.ts';

const KEEP = 500;
const CACHES = new WeakMap<Services, Map<string, { table: string; findings: readonly Finding[] }>>();

/** `turn.s.checkTable(table)` for the turn's draft, unless that draft's table was checked as it is. */
export function draftFindings(turn: Turn, table: DraftTable): Finding[] {
  let cache = CACHES.get(turn.s);
  if (!cache) CACHES.set(turn.s, (cache = new Map()));
  const id = `${turn.userKey}\u0000${turn.draft?.id ?? ''}`;
  const key = JSON.stringify(table);
  const hit = cache.get(id);
  if (hit?.table === key) return [...hit.findings];
  const findings = turn.s.checkTable(table);
  cache.delete(id);
  cache.set(id, { table: key, findings: [...findings] });
  if (cache.size > KEEP) cache.delete(cache.keys().next().value!);
  return findings;
}
