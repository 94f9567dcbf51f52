/**
 * Test helper: reopen a rendered DOCX and read `word/document.xml` into tables, rows and cells.
 * A small reader for the regular XML docx writes (no nested tables), plus a well-formedness check,
 * so the tests inspect what a word processor would read rather than our own intermediate objects.
 */
import JSZip from 'jszip';

export interface Cell {
  /** Paragraph texts joined with '\n', entities decoded. */
  text: string;
  paragraphs: string[];
  width?: { w: number; type: string };
  gridSpan: number;
  /** 'restart' | 'continue' | undefined (no vMerge). */
  vMerge?: string;
  borders: string[];
  shaded: boolean;
  xml: string;
}

export interface Row {
  cells: Cell[];
  header: boolean;
  cantSplit: boolean;
}

export interface Tbl {
  grid: number[];
  width?: { w: number; type: string };
  layout?: string;
  borders: string[];
  rows: Row[];
}

export interface Doc {
  xml: string;
  tables: Tbl[];
  /** Body paragraphs outside tables, in order. */
  paragraphs: string[];
  zip: JSZip;
}

export function decode(s: string): string {
  return s
    .replace(/&#x([0-9a-fA-F]+);/g, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(parseInt(d, 10)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

function attr(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
}

function all(re: RegExp, s: string): RegExpExecArray[] {
  return [...s.matchAll(new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`))];
}

/** Text of one paragraph: its w:t contents, w:tab as a tab. */
function paragraphText(p: string): string {
  return all(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:t(?:\s[^>]*)?\/>|<w:tab\/>/, p)
    .map((m) => (m[0].startsWith('<w:tab') ? '\t' : decode(m[1] ?? '')))
    .join('');
}

function paragraphs(xml: string): string[] {
  return all(/<w:p(?=[\s>])[\s\S]*?<\/w:p>/, xml).map((m) => paragraphText(m[0]));
}

function width(tag: string | undefined): { w: number; type: string } | undefined {
  if (!tag) return undefined;
  return { w: Number(attr(tag, 'w:w')), type: attr(tag, 'w:type') ?? '' };
}

function sides(xml: string | undefined): string[] {
  if (!xml) return [];
  return all(/<w:(top|left|bottom|right|start|end|insideH|insideV)\s[^>]*w:val="single"[^>]*\/>/, xml).map((m) => m[1]!);
}

function parseCell(xml: string): Cell {
  const pr = /<w:tcPr>([\s\S]*?)<\/w:tcPr>/.exec(xml)?.[1] ?? '';
  const vm = /<w:vMerge(\s[^>]*)?\/>/.exec(pr);
  const ps = paragraphs(xml);
  return {
    text: ps.join('\n'),
    paragraphs: ps,
    width: width(/<w:tcW\s[^>]*\/>/.exec(pr)?.[0]),
    gridSpan: Number(attr(/<w:gridSpan\s[^>]*\/>/.exec(pr)?.[0] ?? '', 'w:val') ?? 1),
    vMerge: vm ? (attr(vm[0], 'w:val') ?? 'continue') : undefined,
    borders: sides(/<w:tcBorders>([\s\S]*?)<\/w:tcBorders>/.exec(pr)?.[1]),
    shaded: /<w:shd\s[^>]*w:fill="(?!auto)[0-9A-Fa-f]{6}"/.test(pr),
    xml,
  };
}

/** An on/off property: present and not `w:val="false"` (or 0/off). */
function onOff(pr: string, name: string): boolean {
  const tag = new RegExp(`<w:${name}(\\s[^>]*)?\\/>`).exec(pr)?.[0];
  return tag !== undefined && !/w:val="(false|0|off)"/.test(tag);
}

function parseTable(xml: string): Tbl {
  const pr = /<w:tblPr>([\s\S]*?)<\/w:tblPr>/.exec(xml)?.[1] ?? '';
  return {
    grid: all(/<w:gridCol\s[^>]*w:w="(\d+)"/, xml).map((m) => Number(m[1])),
    width: width(/<w:tblW\s[^>]*\/>/.exec(pr)?.[0]),
    layout: attr(/<w:tblLayout\s[^>]*\/>/.exec(pr)?.[0] ?? '', 'w:type'),
    borders: sides(/<w:tblBorders>([\s\S]*?)<\/w:tblBorders>/.exec(pr)?.[1]),
    rows: all(/<w:tr(?=[\s>])[^>]*>([\s\S]*?)<\/w:tr>/, xml).map((m) => {
      const trPr = /<w:trPr>([\s\S]*?)<\/w:trPr>/.exec(m[1]!)?.[1] ?? '';
      return {
        header: onOff(trPr, 'tblHeader'),
        cantSplit: onOff(trPr, 'cantSplit'),
        cells: all(/<w:tc(?=[\s>])[^>]*>([\s\S]*?)<\/w:tc>/, m[1]!).map((c) => parseCell(c[0])),
      };
    }),
  };
}

export async function openDocx(buf: Buffer | Uint8Array): Promise<Doc> {
  const zip = await JSZip.loadAsync(buf);
  const file = zip.file('word/document.xml');
  if (!file) throw new Error('word/document.xml missing');
  const xml = await file.async('string');
  const body = /<w:body>([\s\S]*)<\/w:body>/.exec(xml)?.[1] ?? '';
  const tables = all(/<w:tbl>[\s\S]*?<\/w:tbl>/, body).map((m) => parseTable(m[0]));
  const outside = body.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, '');
  return { xml, tables, paragraphs: paragraphs(outside), zip };
}

/** Row texts of a table, cell by cell. */
export function grid(t: Tbl): string[][] {
  return t.rows.map((r) => r.cells.map((c) => c.text));
}

/** Every cell text of every table, for counting where a value appears. */
export function allCellTexts(d: Doc): string[] {
  return d.tables.flatMap((t) => t.rows.flatMap((r) => r.cells.map((c) => c.text)));
}

/**
 * Well-formedness as an XML parser sees it: balanced tags, no bare `<` or `&` in text, no character
 * XML 1.0 forbids. Returns the first problem or undefined.
 */
export function xmlProblem(xml: string): string | undefined {
  const bad = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.exec(xml);
  if (bad) return `forbidden character U+${bad[0].charCodeAt(0).toString(16)} at ${bad.index}`;
  const stack: string[] = [];
  for (const m of xml.matchAll(/<[^>]*>|[^<]+/g)) {
    const tok = m[0];
    if (!tok.startsWith('<')) {
      const amp = /&(?!(?:lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.exec(tok);
      if (amp) return `bare & at ${m.index! + amp.index}`;
      continue;
    }
    if (tok.startsWith('<?') || tok.startsWith('<!')) continue;
    if (tok.includes('<', 1)) return `bare < at ${m.index}`;
    const name = /^<\/?([^\s/>]+)/.exec(tok)?.[1];
    if (!name) return `bad tag at ${m.index}`;
    if (tok.startsWith('</')) {
      if (stack.pop() !== name) return `unbalanced </${name}> at ${m.index}`;
    } else if (!tok.endsWith('/>')) stack.push(name);
  }
  return stack.length ? `unclosed <${stack[stack.length - 1]}>` : undefined;
}
