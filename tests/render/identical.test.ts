/**
 * The renderer writes the document's XML itself (src/render/docx.ts); the docx library's object
 * model, fed the same layout, is the reference (oracle.ts). Both must give the same bytes for every
 * library table, both layouts, with and without the 未通过校验 note, and for hostile and edge tables.
 */
import { describe, expect, it } from 'vitest';
import { DraftTableSchema, emptyTable, type DraftTable } from '../../src/domain/draft.ts';
import { loadLibrary } from '../../src/library/load.ts';
import { tableFromLibraryProject } from '../../src/library/toTable.ts';
import { renderDocx } from '../../src/render/docx.ts';
import { loadTemplate } from '../../src/render/template.ts';
import { table40 } from './fixture40.ts';
import { referenceDocx } from './oracle.ts';

const library = loadLibrary().projects.map(tableFromLibraryProject);
const hostile = DraftTableSchema.parse({
  year: 2025,
  projectName: `A<B & C>"D" 'E' </w:t><w:t>注入\u0001`,
  projectCode: 'a\u0000b\u000Bc\uFFFEd\uD800e',
  department: '进度👍🏽达标✅',
  reportingUnit: '',
  fundUse: '长'.repeat(3000),
  targets: { period: '1. 第一条\n2. 第二条\r\n3. 第三条', annual: '\t缩进\t文字' },
  indicators: [{ level1: '产出指标', level2: '数量指标', name: '<script>', value: '≥5&<6', description: '很长'.repeat(1500), basis: "'引号'" }],
});
const edge: Array<[string, DraftTable]> = [
  ['empty', emptyTable()],
  ['hostile', hostile],
  ['40 rows in 元', table40('元')],
  ['no year, no unit', DraftTableSchema.parse({ projectName: '未定年度项目' })],
];

describe('the DOCX is the docx library’s own, byte for byte', () => {
  for (const layout of ['full', 'compact'] as const) {
    const template = loadTemplate(layout);
    it(`${layout}: every library table (${library.length}), with and without the note`, () => {
      let compared = 0;
      for (const table of library) {
        for (const unvalidatedNote of [false, true]) {
          const mine = renderDocx(template, table, { unvalidatedNote });
          const reference = referenceDocx(template, table, { unvalidatedNote });
          expect(Buffer.compare(mine, reference), `${table.projectName} note=${unvalidatedNote}`).toBe(0);
          compared++;
        }
      }
      expect(compared).toBe(library.length * 2);
    });

    for (const [name, table] of edge) {
      it(`${layout}: ${name}`, () => {
        expect(Buffer.compare(renderDocx(template, table), referenceDocx(template, table))).toBe(0);
      });
    }
  }

  it('different tables give different files (the comparison can fail)', () => {
    const template = loadTemplate('full');
    expect(Buffer.compare(renderDocx(template, library[0]!), referenceDocx(template, library[1]!))).not.toBe(0);
  });
});
