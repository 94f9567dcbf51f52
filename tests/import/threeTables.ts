/** Three library tables the review rules accept once moved to the budget year, and their set DOCX. */
import { effectiveTable } from '../../src/dialog/drafts/defaults.ts';
import { rollForward } from '../../src/dialog/drafts/rollForward.ts';
import { loadLibrary } from '../../src/library/load.ts';
import { tableFromLibraryProject } from '../../src/library/toTable.ts';
import { renderSetDocx } from '../../src/render/set.ts';
import { checkTable } from '../../src/rules/index.ts';
import { NOW } from '../dialog/helpers.ts';

export const threeTables = loadLibrary()
  .projects.map(tableFromLibraryProject)
  .filter((t) => !checkTable(effectiveTable(rollForward(t, 2027), NOW()).table).some((f) => f.severity === 'error'))
  .slice(0, 3);

export const threeTablesDocx = async (): Promise<Buffer> => renderSetDocx(threeTables);
