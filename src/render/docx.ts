/**
 * Writes a table's layout (layout.ts) as a DOCX. The package around the body — styles, settings,
 * fonts, theme, the section's page setup, the content types — depends only on the template, so the
 * docx library builds it once per template (a "shell" with placeholders); each render then writes
 * only word/document.xml's body and the title, as strings, in exactly the form the docx library
 * writes them (tests/render/identical.test.ts compares the bytes with the library's own output).
 * Building the docx object model per render cost ~10× the zipping; string building costs less.
 */
import { Document, Paragraph, TextRun, type Table } from 'docx';
import type { DraftTable } from '../domain/draft.ts';
import { cellParagraphs, layoutOf, type Block, type CellSpec, type ParagraphSpec, type RowSpec, type RunSpec, type TableSpec } from './layout.ts';
import { partsOf, zipParts } from './pack.ts';
import { marginDxa, type FontSpec, type Template } from './template.ts';

export { UNVALIDATED_NOTE, reportingUnit } from './layout.ts';

/** The document around the body: the same options for the shell and for tests' reference builder. */
export function documentShell(t: Template, title: string, children: (Paragraph | Table)[]): Document {
  const margin = marginDxa(t);
  return new Document({
    creator: '绩效目标表助手',
    title,
    styles: {
      default: {
        document: {
          run: {
            font: { ascii: t.fonts.cell.latin, hAnsi: t.fonts.cell.latin, eastAsia: t.fonts.cell.eastAsia },
            size: Math.round(t.fonts.cell.sizePt * 2),
          },
        },
      },
    },
    sections: [{ properties: { page: { margin: { top: margin, bottom: margin, left: margin, right: margin } } }, children }],
  });
}

/** docx's escaping of text and attribute values (src/util/xml/stringify.ts there): specials, and controls dropped. */
const ESCAPES: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&apos;', '<': '&lt;', '>': '&gt;' };
function esc(s: string): string {
  return s.replace(/[&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/g, (c) => ESCAPES[c] ?? '');
}

const BORDER = 'w:val="single" w:color="000000" w:sz="4"';
const NO_BORDER = 'w:val="none" w:color="auto" w:sz="0"';
const MARGINS = '<w:top w:type="dxa" w:w="40"/><w:left w:type="dxa" w:w="80"/><w:bottom w:type="dxa" w:w="40"/><w:right w:type="dxa" w:w="80"/>';

/** The run properties of a font: computed once per font object of a template. */
const RUN_PROPS = new WeakMap<FontSpec, string>();
function runProps(f: FontSpec): string {
  let s = RUN_PROPS.get(f);
  if (s === undefined) {
    const size = Math.round(f.sizePt * 2);
    const latin = esc(f.latin);
    s =
      `<w:rPr><w:rFonts w:ascii="${latin}" w:cs="${latin}" w:eastAsia="${esc(f.eastAsia)}" w:hAnsi="${latin}" w:hint="eastAsia"/>` +
      (f.bold ? '<w:b/><w:bCs/>' : '') +
      (f.color ? `<w:color w:val="${esc(f.color)}"/>` : '') +
      `<w:sz w:val="${size}"/><w:szCs w:val="${size}"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr>`;
    RUN_PROPS.set(f, s);
  }
  return s;
}

function run(r: RunSpec): string {
  return `<w:r>${runProps(r.font)}${r.leadingTab ? '<w:tab/>' : ''}<w:t xml:space="preserve">${esc(r.text)}</w:t></w:r>`;
}

function paragraph(p: ParagraphSpec): string {
  const { before, after, line, exact } = p.spacing;
  const spacing =
    (after !== undefined ? ` w:after="${after}"` : '') +
    (before !== undefined ? ` w:before="${before}"` : '') +
    (line !== undefined ? ` w:line="${line}"` : '') +
    (exact ? ' w:lineRule="exact"' : '');
  const tabs = p.rightTab !== undefined ? `<w:tabs><w:tab w:val="right" w:pos="${p.rightTab}"/></w:tabs>` : '';
  const jc = p.align ? `<w:jc w:val="${p.align}"/>` : '';
  return `<w:p><w:pPr>${tabs}<w:spacing${spacing}/>${jc}</w:pPr>${p.runs.map(run).join('')}</w:p>`;
}

function cell(c: CellSpec): string {
  const span = c.span && c.span > 1 ? `<w:gridSpan w:val="${c.span}"/>` : '';
  const merge = c.merge ? `<w:vMerge w:val="${c.merge}"/>` : '';
  const borders = `<w:tcBorders><w:top ${c.top === 'none' ? NO_BORDER : BORDER}/><w:left ${BORDER}/><w:bottom ${BORDER}/><w:right ${BORDER}/></w:tcBorders>`;
  const shade = c.shade ? `<w:shd w:fill="${esc(c.shade)}" w:color="auto" w:val="clear"/>` : '';
  return (
    `<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${c.width}"/>${span}${merge}${borders}${shade}<w:tcMar>${MARGINS}</w:tcMar><w:vAlign w:val="center"/></w:tcPr>` +
    `${cellParagraphs(c).map(paragraph).join('')}</w:tc>`
  );
}

function row(r: RowSpec): string {
  const props = (r.cantSplit ? '<w:cantSplit/>' : '') + (r.header ? '<w:tblHeader/>' : '');
  return `<w:tr>${props ? `<w:trPr>${props}</w:trPr>` : ''}${r.cells.map(cell).join('')}</w:tr>`;
}

function table(t: TableSpec): string {
  const width = t.columnWidths.reduce((a, b) => a + b, 0);
  const borders =
    `<w:tblBorders><w:top ${t.joined ? NO_BORDER : BORDER}/><w:left ${BORDER}/><w:bottom ${BORDER}/><w:right ${BORDER}/>` +
    `<w:insideH ${BORDER}/><w:insideV ${BORDER}/></w:tblBorders>`;
  return (
    `<w:tbl><w:tblPr><w:tblW w:type="dxa" w:w="${width}"/><w:jc w:val="center"/>${borders}<w:tblLayout w:type="fixed"/><w:tblCellMar>${MARGINS}</w:tblCellMar></w:tblPr>` +
    `<w:tblGrid>${t.columnWidths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>${t.rows.map(row).join('')}</w:tbl>`
  );
}

function block(b: Block): string {
  return 'table' in b ? table(b.table) : paragraph(b.paragraph);
}

interface Shell {
  parts: Array<[string, Uint8Array]>;
  /** word/document.xml before and after the body's blocks. */
  document: [string, string];
  /** docProps/core.xml before and after the title. */
  core: [string, string];
}

const BODY = 'BODY-PLACEHOLDER';
const TITLE = 'TITLE-PLACEHOLDER';
const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** Splits a part's text at the one place the placeholder's XML sits. */
function around(text: string, marker: string, part: string): [string, string] {
  const at = text.indexOf(marker);
  if (at < 0 || text.indexOf(marker, at + 1) >= 0) throw new Error(`docx shell: ${part} does not hold its placeholder once (docx version changed?)`);
  return [text.slice(0, at), text.slice(at + marker.length)];
}

const SHELLS = new WeakMap<Template, Shell>();
function shellOf(t: Template): Shell {
  let shell = SHELLS.get(t);
  if (shell) return shell;
  const parts = partsOf(documentShell(t, TITLE, [new Paragraph({ children: [new TextRun(BODY)] })]));
  const text = (path: string) => decoder.decode(parts.find(([p]) => p === path)?.[1]);
  const placeholder = `<w:p><w:r><w:t xml:space="preserve">${BODY}</w:t></w:r></w:p>`;
  shell = { parts, document: around(text('word/document.xml'), placeholder, 'word/document.xml'), core: around(text('docProps/core.xml'), TITLE, 'docProps/core.xml') };
  SHELLS.set(t, shell);
  return shell;
}

/** The package's parts for this table, in the order the docx library zips them. */
export function documentParts(t: Template, data: DraftTable, opts: { unvalidatedNote?: boolean } = {}): Array<[string, Uint8Array]> {
  const shell = shellOf(t);
  const layout = layoutOf(t, data, opts);
  const body = layout.blocks.map(block).join('');
  return shell.parts.map(([path, bytes]): [string, Uint8Array] => {
    if (path === 'word/document.xml') return [path, encoder.encode(shell.document[0] + body + shell.document[1])];
    if (path === 'docProps/core.xml') return [path, encoder.encode(shell.core[0] + esc(layout.title) + shell.core[1])];
    return [path, bytes];
  });
}

/** The same table and options give the same bytes (pack.ts leaves the package's timestamps out). */
export function renderDocx(t: Template, data: DraftTable, opts: { unvalidatedNote?: boolean } = {}): Buffer {
  return zipParts(documentParts(t, data, opts));
}
