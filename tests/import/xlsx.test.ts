/** Our own indicator list (.xlsx of 生成全部) imports back as one draft per project. */
import { describe, expect, it } from 'vitest';
import { orderByFramework } from '../../src/domain/framework.ts';
import { importFile } from '../../src/import/index.ts';
import { loadLibrary } from '../../src/library/load.ts';
import { tableFromLibraryProject } from '../../src/library/toTable.ts';
import { renderIndicatorXlsx } from '../../src/render/xlsx.ts';

describe('xlsx indicator list', () => {
  it('round-trips the names and indicator rows of several projects', async () => {
    const tables = loadLibrary().projects.slice(0, 12).map(tableFromLibraryProject);
    const r = await importFile('全部指标.xlsx', await renderIndicatorXlsx(tables));
    if (!r.ok) throw new Error(r.message);
    expect(r.tables.map((t) => t.projectName)).toEqual(tables.map((t) => t.projectName));
    r.tables.forEach((got, n) => {
      const want = orderByFramework(tables[n]!.indicators, 'local').map((i) => ({ ...i, description: i.description || undefined, basis: i.basis || undefined }));
      expect(JSON.parse(JSON.stringify(got.indicators))).toEqual(JSON.parse(JSON.stringify(want)));
    });
  });
});
