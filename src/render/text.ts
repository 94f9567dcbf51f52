/** Text hygiene for the document and its file name: anything a user pastes must come out safe. */
import type { DraftTable } from '../domain/draft.ts';

// XML 1.0 forbids C0 controls except tab/newline/CR, U+FFFE/U+FFFF and unpaired surrogates; DEL and
// C1 controls are legal XML but invisible garbage from copy-paste, so they go too.
const FORBIDDEN =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text safe for a `w:t`: forbidden characters removed, line ends unified, tabs as spaces. */
export function cleanText(s: string | undefined): string {
  if (!s) return '';
  return s
    .replace(/\r\n?/g, '\n')
    .replace(/[\u2028\u2029]/g, '\n')
    .replace(FORBIDDEN, '')
    .replace(/\t/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The lines of a cell's text; a cell's newlines become separate paragraphs. */
export function textLines(s: string | undefined): string[] {
  const clean = cleanText(s);
  return clean ? clean.split('\n').map((l) => l.trimEnd()) : [''];
}

export const MAX_FILE_NAME = 80;
const SUFFIX = '_绩效目标表.docx';

/** Cut to at most `n` code points, never halving a surrogate pair. */
function cutCodePoints(s: string, n: number): string {
  const cps = Array.from(s);
  return cps.length <= n ? s : cps.slice(0, n).join('');
}

/**
 * `2025_社区矫正工作经费_绩效目标表.docx`: safe on Windows, macOS and Linux (no `/ \ : * ? " < > |`,
 * no controls, no leading dot, no trailing dot or space before the suffix), at most 80 characters.
 */
export function docxFileName(table: DraftTable): string {
  const name =
    cleanText(table.projectName)
      .replace(/[/\\:*?"<>|]/g, '_')
      .replace(/\s+/g, ' ')
      .replace(/_+/g, '_')
      .trim()
      .replace(/^[.\s_]+/, '') || '未命名项目';
  const prefix = table.year !== undefined ? `${table.year}_` : '';
  const room = MAX_FILE_NAME - Array.from(prefix).length - Array.from(SUFFIX).length;
  const stem = cutCodePoints(name, room).replace(/[.\s_]+$/, '') || '未命名项目';
  return `${prefix}${stem}${SUFFIX}`;
}
