import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { DraftTableSchema } from '../../src/domain/draft.ts';
import { render } from '../../src/render/index.ts';
import { table40 } from './fixture40.ts';

/** The first LibreOffice binary on PATH that answers `--version`, if any. */
function findSoffice(): string | undefined {
  for (const bin of ['soffice', 'libreoffice']) {
    const r = spawnSync(bin, ['--version'], { encoding: 'utf8', timeout: 20_000 });
    if (r.status === 0) return bin;
  }
  return undefined;
}

const soffice = findSoffice();
if (!soffice) console.log('[render/pdf] skipped: neither soffice nor libreoffice is on PATH, so the PDF conversion cannot run here');

/** Converts a DOCX to PDF with LibreOffice and returns the text of each page. */
async function pdfPages(dir: string, name: string, docx: Buffer): Promise<string[]> {
  const file = join(dir, `${name}.docx`);
  writeFileSync(file, docx);
  const r = spawnSync(soffice!, ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, file], {
    encoding: 'utf8',
    timeout: 170_000,
  });
  expect(r.status, r.stderr).toBe(0);
  const pdf = await getDocumentProxy(new Uint8Array(readFileSync(join(dir, `${name}.pdf`))));
  const { text } = await extractText(pdf, { mergePages: false });
  return text.map((page) => page.replace(/\s+/g, ''));
}

describe('LibreOffice opens the document', () => {
  // The only skip allowed in this suite: it needs LibreOffice on the machine.
  it.skipIf(!soffice)('converts both layouts to PDF', { timeout: 180_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'render-pdf-'));
    const table = DraftTableSchema.parse({
      year: 2025,
      projectName: '社区矫正工作经费',
      indicators: [
        { level1: '产出指标', level2: '数量指标', name: '教育帮扶次数', value: '≥12次' },
        { level1: '产出指标', level2: '数量指标', name: '走访核查人次', value: '≥300人次' },
      ],
    });
    for (const layout of ['full', 'compact'] as const) {
      const file = join(dir, `${layout}.docx`);
      writeFileSync(file, await render(table, { layout }));
      const r = spawnSync(soffice!, ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, file], {
        encoding: 'utf8',
        timeout: 170_000,
      });
      expect(r.status, r.stderr).toBe(0);
      const pdf = join(dir, `${layout}.pdf`);
      expect(existsSync(pdf)).toBe(true);
      expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    }
  });

  it.skipIf(!soffice)('lays a 40-indicator table out without a split row and with the header on every page', { timeout: 180_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'render-pages-'));
    for (const layout of ['full', 'compact'] as const) {
      const pages = await pdfPages(dir, layout, await render(table40('元'), { layout }));
      expect(pages.length, layout).toBeGreaterThan(1);
      // The indicator header row is printed at the top of every page the indicators run over.
      for (const [n, page] of pages.entries()) expect(page.startsWith('一级指标二级指标三级指标', n === 0 ? page.indexOf('一级指标') : 0), `${layout} p${n + 1}`).toBe(true);
      if (layout === 'compact') continue;
      // Each row's description starts with 甲i and ends with 乙i: both on one page, each row once.
      for (let i = 1; i <= 40; i++) {
        const start = pages.findIndex((p) => p.includes(`甲${i}针`));
        const end = pages.findIndex((p) => p.includes(`乙${i}。`));
        expect(start, `row ${i}`).toBeGreaterThanOrEqual(0);
        expect(end, `row ${i}`).toBe(start);
      }
      expect(pages.join('')).toContain('≤48600元');
      expect(pages[0]).toContain('填报单位（盖章）：某区司法局');
    }
  });
});
