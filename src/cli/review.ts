/**
 * The rules as the bot runs them, for the commands: with the template library when its file is
 * there, so that `lint` and `render` find targets copied from another project's table, as the chat does.
 */
import { existsSync } from 'node:fs';
import type { DraftTable } from '../domain/draft.ts';
import { LIBRARY_FILE, loadLibrary } from '../library/load.ts';
import { checkTable, type Finding } from '../rules/index.ts';

export function review(table: DraftTable): Finding[] {
  return checkTable(table, { library: existsSync(LIBRARY_FILE) ? loadLibrary() : undefined });
}
