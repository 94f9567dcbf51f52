/** Reads the committed template library (`data/library.json`). The only I/O of the library. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LibrarySchema, type Library } from './types.ts';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const LIBRARY_FILE = join(REPO_ROOT, 'data', 'library.json');
export const SOURCES_DIR = join(REPO_ROOT, 'data', 'sources');

let cached: Library | undefined;

/** The library, parsed and schema-checked once per process. */
export function loadLibrary(file: string = LIBRARY_FILE): Library {
  if (file !== LIBRARY_FILE) return LibrarySchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  cached ??= LibrarySchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  return cached;
}
