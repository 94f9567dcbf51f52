import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DraftTableSchema } from '../../src/domain/draft.ts';
import { render } from '../../src/render/index.ts';
import { textLines } from '../../src/render/text.ts';
import { openDocx, xmlProblem } from './docxXml.ts';

const XML_SPECIALS = `A<B & C>"D" 'E' </w:t><w:t>注入`;
const EMOJI = '进度👍🏽达标✅👨‍👩‍👧';
const CONTROLS = 'a\u0000b\u0001c\u0008d\u000Be\u000Cf\u001Fg\u007Fh\uFFFEi\uFFFFj\uD800k\uDFFFl';
const LONG = '长'.repeat(2500) + 'x'.repeat(2500);

describe('hostile text', async () => {
  const table = DraftTableSchema.parse({
    year: 2025,
    projectName: XML_SPECIALS,
    projectCode: CONTROLS,
    department: EMOJI,
    fundUse: LONG,
    targets: { period: '1. 第一条\n2. 第二条\r\n3. 第三条', annual: '\t缩进\t文字' },
    indicators: [
      { level1: '产出指标', level2: '数量指标', name: '<script>alert(1)</script>', value: '≥5&<6', description: LONG, basis: EMOJI },
    ],
  });
  const docs = await Promise.all(
    (['full', 'compact'] as const).map(async (layout) => openDocx(await render(table, { layout }))),
  );
  const [full, compact] = docs;

  it('keeps the XML well-formed in both layouts', () => {
    for (const d of docs) expect(xmlProblem(d.xml)).toBeUndefined();
  });

  it('escapes XML specials and reads them back verbatim', () => {
    for (const d of docs) {
      expect(d.tables[0]!.rows[0]!.cells[1]!.text).toBe(XML_SPECIALS);
      expect(d.xml).not.toContain('</w:t><w:t>注入');
    }
    expect(full!.tables[1]!.rows[1]!.cells[2]!.text).toBe('<script>alert(1)</script>');
    expect(full!.tables[1]!.rows[1]!.cells[4]!.text).toBe('≥5&<6');
  });

  it('keeps emoji, including surrogate pairs and joiners', () => {
    expect(full!.tables[0]!.rows[1]!.cells[1]!.text).toBe(EMOJI);
    expect(full!.tables[1]!.rows[1]!.cells[5]!.text).toBe(EMOJI);
  });

  it('strips the control characters XML forbids and unpaired surrogates', () => {
    expect(full!.tables[0]!.rows[0]!.cells[3]!.text).toBe('abcdefghijkl');
  });

  it('keeps a 5,000-character paragraph whole, in one cell that wraps', () => {
    expect(full!.tables[0]!.rows[6]!.cells[1]!.text).toBe(LONG);
    expect(full!.tables[1]!.rows[1]!.cells[3]!.text).toBe(LONG);
    // Fixed layout makes Word wrap inside the column instead of widening it; a row that may not
    // split across pages would be clipped at the page end, so a row taller than a page may split
    // (and only such a row).
    for (const t of full!.tables) expect(t.layout).toBe('fixed');
    expect(full!.tables[0]!.rows.map((r) => r.cantSplit)).toEqual([true, true, true, true, true, true, false, true, true, true, true]);
    expect(full!.tables[1]!.rows.map((r) => r.cantSplit)).toEqual([true, false]);
    expect(compact!.xml).not.toContain('长长长');
  });

  it('turns newlines into paragraphs of the cell and tabs into spaces', () => {
    const targets = full!.tables[0]!.rows[10]!.cells;
    expect(targets[1]!.paragraphs).toEqual(['1. 第一条', '2. 第二条', '3. 第三条']);
    expect(targets[2]!.text).toBe('缩进 文字');
  });

  it('survives any string in any text field (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 60 }), fc.string({ unit: 'grapheme', maxLength: 30 }), async (a, b) => {
        const t = DraftTableSchema.parse({
          projectName: a,
          fundUse: b,
          indicators: [{ level1: b, level2: a, name: a, value: b }],
        });
        const d = await openDocx(await render(t, { layout: 'compact' }));
        expect(xmlProblem(d.xml)).toBeUndefined();
        expect(d.tables[0]!.rows[0]!.cells[1]!.text).toBe(textLines(a).join('\n'));
        expect(d.tables[1]!.rows[1]!.cells[2]!.text).toBe(textLines(a).join('\n'));
      }),
      { numRuns: 25 },
    );
  });
});
