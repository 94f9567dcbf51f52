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

export function rankSimilar(library: Library, query: { name: string; purpose?: string }): SimilarProject[] {
  const q = profile(query.name, query.purpose);
  return library.projects
    .map((p) => ({ id: p.id, name: p.name, score: Math.round(similarity(q, profileOf(p)) * 1000) / 1000 }))
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}
