import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTemplate, TEMPLATES_DIR, textWidthDxa } from '../../src/render/template.ts';

function withTemplate(name: string, edit: (t: any) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'tpl-'));
  const t = JSON.parse(readFileSync(join(TEMPLATES_DIR, `${name}.json`), 'utf8'));
  edit(t);
  writeFileSync(join(dir, `${name}.json`), JSON.stringify(t));
  return dir;
}

describe('templates', () => {
  it.each(['full', 'compact'])('%s loads, is A4 with 2.5 cm margins and fills the text width', (name) => {
    const t = loadTemplate(name);
    expect(t.name).toBe(name);
    expect(textWidthDxa(t)).toBe(11906 - 2 * 1417);
    expect(t.fonts.title.sizePt).toBeGreaterThanOrEqual(16);
    expect(t.fonts.title.sizePt).toBeLessThanOrEqual(18);
    expect(t.fonts.cell.sizePt).toBeGreaterThanOrEqual(10.5);
    expect(t.fonts.cell.sizePt).toBeLessThanOrEqual(12);
  });

  it('rejects column widths that do not fill the page', () => {
    const dir = withTemplate('full', (t) => (t.indicators.columns[0].width += 10));
    expect(() => loadTemplate('full', dir)).toThrow(/indicator column widths sum to 9082/);
  });

  it('rejects a header row that does not fill the grid', () => {
    const dir = withTemplate('compact', (t) => (t.header.rows[0][1].span = 3));
    expect(() => loadTemplate('compact', dir)).toThrow(/header row 1 spans 6 columns, expected 5/);
  });

  it('rejects an unknown field and a misplaced merge column', () => {
    const bad = withTemplate('full', (t) => (t.header.rows[0][1].field = 'nope'));
    expect(() => loadTemplate('full', bad)).toThrow();
    const merge = withTemplate('full', (t) => (t.indicators.columns[4].merge = true));
    expect(() => loadTemplate('full', merge)).toThrow(/merged indicator columns must come first/);
  });
});
