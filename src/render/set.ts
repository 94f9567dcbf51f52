/**
 * The department's set: every table in one DOCX, a contents list first, one table per page — the
 * way the disclosure documents look — built from the single-table renderer's own documents (their
 * bodies joined, page breaks between), so both always print a table the same way.
 */
import JSZip from 'jszip';
import type { DraftTable } from '../domain/draft.ts';
import { tableLine } from '../domain/importedFile.ts';
import { render, type LayoutName } from './index.ts';
import { ZIP_DATE } from './pack.ts';
import { cleanText } from './text.ts';
import { renderIndicatorXlsx } from './xlsx.ts';

const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function para(text: string, opts: { size: number; bold?: boolean; center?: boolean; font: string }): string {
  const pPr = opts.center ? '<w:pPr><w:jc w:val="center"/><w:spacing w:after="120"/></w:pPr>' : '<w:pPr><w:spacing w:after="60"/></w:pPr>';
  const rPr = `<w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="${opts.font}"/>${opts.bold ? '<w:b/>' : ''}<w:sz w:val="${opts.size}"/></w:rPr>`;
  return `<w:p>${pPr}<w:r>${rPr}<w:t xml:space="preserve">${escape(cleanText(text))}</w:t></w:r></w:p>`;
}

const PAGE_BREAK = '<w:p><w:r><w:br w:type="page"/></w:r></w:p>';

/** The body of a rendered document, without its closing section properties. */
function bodyOf(xml: string): { content: string; sectPr: string } {
  const body = /<w:body>([\s\S]*)<\/w:body>/.exec(xml)?.[1] ?? '';
  const sect = /<w:sectPr[\s\S]*<\/w:sectPr>\s*$/.exec(body)?.[0] ?? '';
  return { content: body.slice(0, body.length - sect.length), sectPr: sect };
}

export async function renderSetDocx(tables: DraftTable[], options: { layout?: LayoutName; title?: string } = {}): Promise<Buffer> {
  if (tables.length === 0) throw new Error('renderSetDocx: no tables');
  const docs = await Promise.all(tables.map((t) => render(t, { layout: options.layout })));
  const zip = await JSZip.loadAsync(docs[0]!);
  const first = await zip.file('word/document.xml')!.async('string');
  const bodies = await Promise.all(docs.map(async (d) => bodyOf(await (await JSZip.loadAsync(d)).file('word/document.xml')!.async('string'))));
  const contents = [
    para(options.title ?? '项目支出绩效目标表', { size: 36, bold: true, center: true, font: '黑体' }),
    para('目录', { size: 28, bold: true, center: true, font: '黑体' }),
    ...tables.map((t, i) => para(`${i + 1}. ${tableLine(t)}`, { size: 24, font: '仿宋' })),
  ].join('');
  const joined = [contents, ...bodies.map((b) => b.content)].join(PAGE_BREAK);
  const xml = first.replace(/<w:body>[\s\S]*<\/w:body>/, () => `<w:body>${joined}${bodies[0]!.sectPr}</w:body>`);
  // Dated like the parts pack.ts zips, so the same tables give the same set.
  zip.file('word/document.xml', xml, { date: ZIP_DATE, createFolders: false });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** Both files of 生成全部: the set DOCX and the indicator list. */
export async function renderSet(tables: DraftTable[], options: { layout?: LayoutName } = {}): Promise<{ docx: Buffer; xlsx: Buffer }> {
  return { docx: await renderSetDocx(tables, options), xlsx: await renderIndicatorXlsx(tables) };
}
