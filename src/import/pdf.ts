/**
 * A PDF → blocks (unpdf's build of pdf.js): the department's published budget document, or a Word
 * table printed to PDF. The text's reading order in a PDF is whatever the producer wrote, so rows
 * are rebuilt from positions, not from line order:
 *
 * 1. the table's ruling lines (stroked segments, and the thin filled rectangles some producers draw
 *    instead) are collected per page and grouped into tables (lines that touch);
 * 2. each table's distinct x and y lines make a grid of slots; two neighbouring slots belong to one
 *    cell when no ruling line separates them (that is how merged cells look on paper);
 * 3. every text item goes to the cell its position falls in; a cell's lines are joined (a line
 *    wrapped by the cell's width continues the word; a numbered line starts a new one);
 * 4. text outside every table becomes paragraphs (title, year, unit, headings), in page order.
 *
 * The result is the same Block shape as Word and Excel, so one interpreter maps cells to fields.
 */
import type { Block, GridCell, GridRow } from './grid.ts';

export class NotAPdfError extends Error {}
export class EncryptedPdfError extends Error {}

/** pdf.js (v5) shrinks buffers with ArrayBuffer.prototype.transferToFixedLength, new in Node 21. */
function polyfillTransfer(): void {
  const proto = ArrayBuffer.prototype as ArrayBuffer & { transferToFixedLength?: (n?: number) => ArrayBuffer };
  if (proto.transferToFixedLength) return;
  Object.defineProperty(ArrayBuffer.prototype, 'transferToFixedLength', {
    configurable: true,
    writable: true,
    value(this: ArrayBuffer, length?: number): ArrayBuffer {
      const n = length ?? this.byteLength;
      const out = new ArrayBuffer(n);
      new Uint8Array(out).set(new Uint8Array(this, 0, Math.min(n, this.byteLength)));
      return out;
    },
  });
}

interface Item {
  text: string;
  x: number;
  /** Baseline. */
  y: number;
  width: number;
  size: number;
}

interface Segment {
  /** 'h': y fixed, from a to b along x; 'v': x fixed, from a to b along y. */
  dir: 'h' | 'v';
  at: number;
  a: number;
  b: number;
}

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

/** Tolerance (points) for lines that meet, and for slots too thin to hold text. */
const EPS = 2;
/** The thickest filled rectangle still taken for a ruling line. */
const THIN = 2.5;

interface PdfOps {
  fnArray: number[];
  argsArray: unknown[];
}

/** The page's ruling lines, in page coordinates. */
function segmentsOf(ops: PdfOps, OPS: Record<string, number>): Segment[] {
  const out: Segment[] = [];
  const stack: Matrix[] = [];
  let ctm: Matrix = IDENTITY;
  const strokes = new Set([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const fills = new Set([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const addLine = (x1: number, y1: number, x2: number, y2: number): void => {
    if (Math.abs(y1 - y2) < 0.5 && Math.abs(x1 - x2) >= EPS) out.push({ dir: 'h', at: (y1 + y2) / 2, a: Math.min(x1, x2), b: Math.max(x1, x2) });
    else if (Math.abs(x1 - x2) < 0.5 && Math.abs(y1 - y2) >= EPS) out.push({ dir: 'v', at: (x1 + x2) / 2, a: Math.min(y1, y2), b: Math.max(y1, y2) });
  };
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i] as unknown[] | null;
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? IDENTITY;
    else if (fn === OPS.transform && args) ctm = multiply(ctm, args as Matrix);
    else if (fn === OPS.constructPath && args) {
      const paint = args[0] as number;
      const data = (args[1] as ArrayLike<number>[] | undefined)?.[0];
      if (!data) continue;
      // Subpaths of moveTo(0)/lineTo(1)/curveTo(2)/quadraticCurveTo(3)/closePath(4).
      const paths: Array<Array<[number, number]>> = [];
      let cur: Array<[number, number]> = [];
      let curved = false;
      for (let k = 0; k < data.length; ) {
        const op = data[k]!;
        if (op === 0 || op === 1) {
          const p = apply(ctm, data[k + 1]!, data[k + 2]!);
          if (op === 0 && cur.length) (paths.push(cur), (cur = []));
          cur.push(p);
          k += 3;
        } else if (op === 2) {
          curved = true;
          k += 7;
        } else if (op === 3) {
          curved = true;
          k += 5;
        } else {
          if (cur.length) cur.push(cur[0]!);
          k += 1;
        }
      }
      if (cur.length) paths.push(cur);
      if (curved) continue;
      for (const path of paths) {
        if (strokes.has(paint)) for (let k = 1; k < path.length; k++) addLine(path[k - 1]![0], path[k - 1]![1], path[k]![0], path[k]![1]);
        if (fills.has(paint) && path.length >= 4) {
          // A thin filled rectangle is a line of its long side.
          const xs = path.map((p) => p[0]);
          const ys = path.map((p) => p[1]);
          const [x1, x2, y1, y2] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
          if (y2 - y1 <= THIN && x2 - x1 > THIN) addLine(x1, (y1 + y2) / 2, x2, (y1 + y2) / 2);
          else if (x2 - x1 <= THIN && y2 - y1 > THIN) addLine((x1 + x2) / 2, y1, (x1 + x2) / 2, y2);
        }
      }
    }
  }
  return out;
}

/** Lines that touch (within EPS) belong to one table. */
function groupTables(segs: Segment[]): Segment[][] {
  const parent = segs.map((_s, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const touch = (h: Segment, v: Segment): boolean => v.at >= h.a - EPS && v.at <= h.b + EPS && h.at >= v.a - EPS && h.at <= v.b + EPS;
  for (let i = 0; i < segs.length; i++) {
    for (let j = i + 1; j < segs.length; j++) {
      const [s, t] = [segs[i]!, segs[j]!];
      const joined =
        s.dir !== t.dir
          ? touch(s.dir === 'h' ? s : t, s.dir === 'h' ? t : s)
          : Math.abs(s.at - t.at) < EPS && s.a <= t.b + EPS && t.a <= s.b + EPS;
      if (joined) parent[find(i)] = find(j);
    }
  }
  const groups = new Map<number, Segment[]>();
  segs.forEach((s, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), s]));
  return [...groups.values()].filter((g) => g.filter((s) => s.dir === 'h').length >= 2 && g.filter((s) => s.dir === 'v').length >= 2);
}

/** Distinct positions, nearby ones merged. */
function distinct(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  for (const v of sorted) if (out.length === 0 || v - out[out.length - 1]! > EPS) out.push(v);
  return out;
}

/** Running heads and page numbers (`- 3 -`, `第 3 页`, `3/12`) say nothing about a table's end. */
const isPageNumber = (text: string): boolean => /^[\s\d第页共/-]*$/.test(text);

const isNumbered = (line: string): boolean => /^([（(]?\d{1,2}[)）.、．]|[一二三四五六七八九十]+、)/.test(line);
const ASCII_WORD = /[A-Za-z0-9]$/;

/** Items of one line (same baseline) left to right → text; pdf.js's inserted gaps dropped. */
function lineText(items: Item[]): string {
  let out = '';
  let lastEnd = -Infinity;
  for (const it of [...items].sort((a, b) => a.x - b.x)) {
    const t = it.text;
    if (!t.trim()) continue;
    // A real blank between two Latin words or numbers is kept; Chinese text has none.
    if (out && it.x - lastEnd > it.size * 0.25 && ASCII_WORD.test(out) && /^[A-Za-z0-9]/.test(t)) out += ' ';
    out += t;
    lastEnd = it.x + it.width;
  }
  return out;
}

/** Items → lines, top to bottom (PDF y grows upwards). */
function linesOf(items: Item[]): Item[][] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Item[][] = [];
  for (const it of sorted) {
    const line = lines[lines.length - 1];
    if (line && Math.abs(line[0]!.y - it.y) <= Math.max(2, it.size * 0.35)) line.push(it);
    else lines.push([it]);
  }
  return lines;
}

/** A cell's lines as one text: wrapped lines continue, numbered lines start anew. */
function cellText(items: Item[]): string {
  let out = '';
  for (const line of linesOf(items).map(lineText).filter(Boolean)) {
    if (!out) out = line;
    else out += isNumbered(line) ? `\n${line}` : line;
  }
  return out;
}

interface PageTable {
  top: number;
  bottom: number;
  xs: number[];
  rows: GridRow[];
}

const verticals = (segs: Segment[]): number[] => distinct(segs.filter((s) => s.dir === 'v').map((s) => s.at));

/** `xs` (a table continued from the page before) keeps its columns' slots: lines it lacks merge slots. */
function buildTable(segs: Segment[], items: Item[], taken: Set<Item>, nextId: () => number, gridXs?: number[]): PageTable | undefined {
  const xs = gridXs ?? verticals(segs);
  // A continued table may lack its top (or bottom) border: the column lines still reach it.
  const vs = segs.filter((s) => s.dir === 'v');
  const ys = distinct([...segs.filter((s) => s.dir === 'h').map((s) => s.at), Math.max(...vs.map((s) => s.b)), Math.min(...vs.map((s) => s.a))]).reverse(); // top first
  if (xs.length < 2 || ys.length < 2) return undefined;
  const rowsN = ys.length - 1;
  const colsN = xs.length - 1;
  const covered = (dir: 'h' | 'v', at: number, a: number, b: number): boolean =>
    segs.some((s) => s.dir === dir && Math.abs(s.at - at) <= EPS && s.a <= a + EPS && s.b >= b - EPS);
  // Union-find over slots: no line between two neighbours means one cell.
  const parent = Array.from({ length: rowsN * colsN }, (_v, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const slot = (r: number, c: number): number => r * colsN + c;
  for (let r = 0; r < rowsN; r++) {
    for (let c = 0; c < colsN; c++) {
      if (c + 1 < colsN && !covered('v', xs[c + 1]!, ys[r + 1]!, ys[r]!)) parent[find(slot(r, c))] = find(slot(r, c + 1));
      if (r + 1 < rowsN && !covered('h', ys[r + 1]!, xs[c]!, xs[c + 1]!)) parent[find(slot(r, c))] = find(slot(r + 1, c));
    }
  }
  const cellItems = new Map<number, Item[]>();
  for (const it of items) {
    const x = it.x + Math.min(it.width, it.size) / 2;
    const y = it.y + it.size * 0.3;
    if (x < xs[0]! || x > xs[colsN]! || y > ys[0]! || y < ys[rowsN]!) continue;
    taken.add(it);
    const c = xs.findIndex((v, i) => i < colsN && x >= v && x <= xs[i + 1]!);
    const r = ys.findIndex((v, i) => i < rowsN && y <= v && y >= ys[i + 1]!);
    if (c < 0 || r < 0) continue;
    const root = find(slot(r, c));
    cellItems.set(root, [...(cellItems.get(root) ?? []), it]);
  }
  const cells = new Map<number, GridCell>();
  const rows: GridRow[] = [];
  for (let r = 0; r < rowsN; r++) {
    const row: GridRow = [];
    for (let c = 0; c < colsN; c++) {
      const root = find(slot(r, c));
      let cell = cells.get(root);
      if (!cell) {
        cell = { id: nextId(), text: cellText(cellItems.get(root) ?? []) };
        cells.set(root, cell);
      }
      row.push(cell);
    }
    // A band between two lines with nothing of its own (a double border) is no row.
    if (r > 0 && row.every((cell, c) => cell === rows[rows.length - 1]![c])) continue;
    rows.push(row);
  }
  return { top: ys[0]!, bottom: ys[rowsN]!, xs, rows };
}

export async function pdfBlocks(bytes: Uint8Array): Promise<Block[]> {
  polyfillTransfer();
  const { getDocumentProxy } = await import('unpdf');
  const { OPS } = (await import('unpdf/pdfjs')) as unknown as { OPS: Record<string, number> };
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // pdf.js takes ownership of (and may detach) the buffer it is given: hand it a copy.
    pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  } catch (err) {
    if ((err as Error)?.name === 'PasswordException') throw new EncryptedPdfError('encrypted');
    throw new NotAPdfError((err as Error)?.message ?? 'broken');
  }
  let id = 0;
  const nextId = (): number => ++id;
  const blocks: Block[] = [];
  /** The column lines of the table that ended the previous page, if it did. */
  let prevXs: number[] | undefined;
  try {
    for (let p = 1; p <= pdf.numPages; p++) {
      const page = await pdf.getPage(p);
      const content = await page.getTextContent();
      const items: Item[] = [];
      for (const raw of content.items as Array<{ str?: string; transform?: number[]; width?: number }>) {
        if (typeof raw.str !== 'string' || !raw.transform || !raw.str) continue;
        const [a, b, , , e, f] = raw.transform as Matrix;
        items.push({ text: raw.str, x: e, y: f, width: raw.width ?? 0, size: Math.hypot(a, b) || 10 });
      }
      const ops = (await page.getOperatorList()) as unknown as PdfOps;
      const topOf = (g: Segment[]): number => Math.max(...g.filter((s) => s.dir === 'h').map((s) => s.at));
      const groups = groupTables(segmentsOf(ops, OPS)).sort((a, b) => topOf(b) - topOf(a));
      const firstTop = groups[0] ? topOf(groups[0]) : -Infinity;
      // A table at the top of the page, with the column lines of the one that ended the page
      // before, continues it: it keeps that table's slots, so its columns mean the same.
      const continues =
        prevXs !== undefined &&
        groups[0] !== undefined &&
        !items.some((it) => it.y > firstTop && it.text.trim() && !isPageNumber(it.text)) &&
        verticals(groups[0]).every((x) => prevXs!.some((p) => Math.abs(p - x) <= EPS));
      const taken = new Set<Item>();
      const tables = groups
        .map((g, i) => buildTable(g, items, taken, nextId, i === 0 && continues ? prevXs : undefined))
        .filter((t): t is PageTable => t !== undefined);
      const paras = linesOf(items.filter((it) => !taken.has(it))).map((line) => ({ top: line[0]!.y + line[0]!.size, text: lineText(line) }));
      const lastTable = tables[tables.length - 1];
      const below = !lastTable || paras.some((l) => l.top < lastTable.bottom && !isPageNumber(l.text));
      prevXs = lastTable && !below ? lastTable.xs : undefined;
      const onPage: Array<{ top: number; block: Block }> = [
        ...paras.filter((l) => l.text).map((l) => ({ top: l.top, block: { kind: 'para', text: l.text } as Block })),
        ...tables.map((t) => ({ top: t.top, block: { kind: 'table', rows: t.rows } as Block })),
      ];
      onPage.sort((a, b) => b.top - a.top);
      blocks.push(...onPage.map((x) => x.block));
      page.cleanup();
    }
  } finally {
    await pdf.loadingTask.destroy();
  }
  return blocks;
}

/** Whether the blocks hold any text at all (a scanned PDF holds none). */
export function hasText(blocks: Block[]): boolean {
  return blocks.some((b) => (b.kind === 'para' ? b.text.trim() : b.rows.some((r) => r.some((c) => c.text.trim()))));
}
