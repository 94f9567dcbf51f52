import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DraftTableSchema } from '../../src/domain/draft.ts';
import { render } from '../../src/render/index.ts';

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
});
