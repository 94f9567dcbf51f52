/** Library projects ranked by similarity to a new project (name and purpose), best first. Pure. */
import { profile, similarity, type Profile } from './similarity.ts';
import type { Library, LibraryProject } from './types.ts';

export interface SimilarProject {
  id: string;
  name: string;
  score: number;
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

/** Rankings already made, per library: a draft's name and purpose change rarely, its turns ask often. */
const rankings = new WeakMap<Library, Map<string, SimilarProject[]>>();
const MAX_RANKINGS = 2000;

export function rankSimilar(library: Library, query: { name: string; purpose?: string }): SimilarProject[] {
  let cache = rankings.get(library);
  if (!cache) rankings.set(library, (cache = new Map()));
  const key = `${query.name}\u0000${query.purpose ?? ''}`;
  let ranked = cache.get(key);
  if (!ranked) {
    ranked = rank(library, query);
    if (cache.size >= MAX_RANKINGS) cache.delete(cache.keys().next().value!);
    cache.set(key, ranked);
  }
  // Copies, so that a caller changing its list (or an entry) cannot change the next caller's.
  return ranked.map((r) => ({ ...r }));
}

function rank(library: Library, query: { name: string; purpose?: string }): SimilarProject[] {
  const q = profile(query.name, query.purpose);
  return library.projects
    .map((p) => ({ id: p.id, name: p.name, score: Math.round(similarity(q, profileOf(p)) * 1000) / 1000 }))
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}
