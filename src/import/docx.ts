/**
 * A .docx file → blocks: the body's paragraphs and tables in order (jszip + @xmldom/xmldom).
 * Horizontal spans (`w:gridSpan`) and vertical merges (`w:vMerge`) become the same cell on every
 * slot they cover; content controls (`w:sdt`) are looked into; nested tables count as cell text.
 */
import { DOMParser, type Element } from '@xmldom/xmldom';
import JSZip from 'jszip';
import type { Block, GridCell, GridRow } from './grid.ts';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

export class NotAWordFileError extends Error {}

function children(el: Element, local?: string): Element[] {
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (!local || ((n as Element).namespaceURI === W && (n as Element).localName === local))) out.push(n as Element);
  }
  return out;
}

function child(el: Element, local: string): Element | undefined {
  return children(el, local)[0];
}

function attr(el: Element | undefined, name: string): string | null {
  return el ? el.getAttributeNS(W, name) ?? el.getAttribute(`w:${name}`) : null;
}

/** The text of a paragraph: runs' text, tabs and line breaks, in order (deleted text skipped). */
function paragraphText(p: Element): string {
  let out = '';
  const walk = (el: Element): void => {
    for (const c of children(el)) {
      if (c.namespaceURI !== W) continue;
      switch (c.localName) {
        case 't':
          out += c.textContent ?? '';
          break;
        case 'tab':
          out += '\t';
          break;
        case 'br':
        case 'cr':
          out += '\n';
          break;
        case 'del':
        case 'pPr':
        case 'rPr':
        case 'instrText':
          break;
        default:
          walk(c);
      }
    }
  };
  walk(p);
  return out;
}

/** A cell's text: its paragraphs (and those of nested tables) one per line. */
function cellText(tc: Element): string {
  const lines: string[] = [];
  const walk = (el: Element): void => {
    for (const c of children(el)) {
      if (c.namespaceURI !== W) continue;
      if (c.localName === 'p') lines.push(paragraphText(c));
      else if (c.localName !== 'tcPr') walk(c);
    }
  };
  walk(tc);
  return lines.join('\n');
}

/** Row contents, looking through content controls and custom XML around cells. */
function rowCells(tr: Element): Element[] {
  const out: Element[] = [];
  for (const c of children(tr)) {
    if (c.namespaceURI !== W) continue;
    if (c.localName === 'tc') out.push(c);
    else if (c.localName === 'sdt') out.push(...rowCells(child(c, 'sdtContent') ?? c));
    else if (c.localName === 'customXml') out.push(...rowCells(c));
  }
  return out;
}

function tableRows(tbl: Element, nextId: () => number): GridRow[] {
  const rows: GridRow[] = [];
  const trs: Element[] = [];
  const collect = (el: Element): void => {
    for (const c of children(el)) {
      if (c.namespaceURI !== W) continue;
      if (c.localName === 'tr') trs.push(c);
      else if (c.localName === 'sdt') collect(child(c, 'sdtContent') ?? c);
    }
  };
  collect(tbl);
  for (const tr of trs) {
    const row: GridRow = [];
    const before = Number(attr(child(child(tr, 'trPr') ?? tr, 'gridBefore'), 'val') ?? 0);
    for (let i = 0; i < before; i++) row.push({ id: nextId(), text: '' });
    for (const tc of rowCells(tr)) {
      const pr = child(tc, 'tcPr');
      const span = Math.max(1, Number(attr(pr && child(pr, 'gridSpan'), 'val') ?? 1) || 1);
      const vMerge = pr && child(pr, 'vMerge');
      const slot = row.length;
      const above = rows[rows.length - 1]?.[slot];
      // A vMerge without val="restart" continues the cell above.
      const cell: GridCell =
        vMerge && attr(vMerge, 'val') !== 'restart' && above ? above : { id: nextId(), text: cellText(tc) };
      for (let i = 0; i < span; i++) row.push(cell);
    }
    rows.push(row);
  }
  return rows;
}

function bodyBlocks(el: Element, out: Block[], nextId: () => number): void {
  for (const c of children(el)) {
    if (c.namespaceURI !== W) continue;
    if (c.localName === 'p') out.push({ kind: 'para', text: paragraphText(c) });
    else if (c.localName === 'tbl') out.push({ kind: 'table', rows: tableRows(c, nextId) });
    else if (c.localName === 'sdt') bodyBlocks(child(c, 'sdtContent') ?? c, out, nextId);
  }
}

/** Throws NotAWordFileError when the zip holds no Word document. */
export async function docxBlocks(bytes: Uint8Array): Promise<Block[]> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw new NotAWordFileError('not a zip');
  }
  const entry = zip.file('word/document.xml');
  if (!entry) throw new NotAWordFileError('no word/document.xml');
  const xml = await entry.async('string');
  let body: Element | undefined;
  try {
    const doc = new DOMParser({ onError: () => undefined }).parseFromString(xml, 'application/xml');
    body = doc.documentElement ? child(doc.documentElement as unknown as Element, 'body') : undefined;
  } catch {
    throw new NotAWordFileError('broken document.xml');
  }
  if (!body) throw new NotAWordFileError('no body');
  let id = 0;
  const out: Block[] = [];
  bodyBlocks(body, out, () => ++id);
  return out;
}
