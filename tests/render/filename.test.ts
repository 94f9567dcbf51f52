import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DraftTableSchema } from '../../src/domain/draft.ts';
import { docxFileName } from '../../src/render/index.ts';

/** `year: null` means no year (a default parameter would swallow `undefined`). */
const name = (projectName: string | undefined, year: number | null = 2025) =>
  docxFileName(DraftTableSchema.parse({ projectName, year: year ?? undefined }));

describe('docxFileName', () => {
  it('is year_name_绩效目标表.docx', () => {
    expect(name('社区矫正工作经费')).toBe('2025_社区矫正工作经费_绩效目标表.docx');
    expect(name('社区矫正工作经费', null)).toBe('社区矫正工作经费_绩效目标表.docx');
  });

  it('replaces characters Windows forbids and drops controls', () => {
    expect(name('a/b\\c:d*e?f"g<h>i|j')).toBe('2025_a_b_c_d_e_f_g_h_i_j_绩效目标表.docx');
    expect(name('法律\u0000援助\u0007经费\n（二期）')).toBe('2025_法律援助经费 （二期）_绩效目标表.docx');
  });

  it('never starts with a dot and names nameless projects', () => {
    expect(name('..隐藏', null)).toBe('隐藏_绩效目标表.docx');
    expect(name(undefined)).toBe('2025_未命名项目_绩效目标表.docx');
    expect(name('  ///  ')).toBe('2025_未命名项目_绩效目标表.docx');
  });

  it('cuts long names to 80 characters without splitting an emoji', () => {
    const long = name('很'.repeat(200));
    expect(Array.from(long)).toHaveLength(80);
    expect(long.endsWith('_绩效目标表.docx')).toBe(true);
    const emoji = name('👍'.repeat(100));
    expect(Array.from(emoji).length).toBeLessThanOrEqual(80);
    expect(emoji).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('is safe for any project name (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), fc.option(fc.integer({ min: 1990, max: 2100 }), { nil: null }), (s, year) => {
        const f = name(s, year);
        expect(Array.from(f).length).toBeLessThanOrEqual(80);
        expect(f).not.toMatch(/[/\\:*?"<>|\u0000-\u001F]/);
        expect(f.startsWith('.')).toBe(false);
        expect(f.endsWith('_绩效目标表.docx')).toBe(true);
        expect(f).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
        expect(f).not.toMatch(/[ .]_绩效目标表\.docx$/);
      }),
      { numRuns: 300 },
    );
  });
});
