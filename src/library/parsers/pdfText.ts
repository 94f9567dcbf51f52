/**
 * Layout parser for PDF text with broken lines (`001_…`: 秦皇岛 海港区 政法委 2024).
 *
 * The PDF extractor prints a table row by row, but inside a row it prints the lines of
 * neighbouring cells in reading order: a cell's own line breaks come out as a blank line
 * ("soft" break), a jump to another cell as a plain newline ("hard" break) or as a space when
 * two cells share a baseline. Soft breaks are ambiguous (a cell can also start after a blank
 * line), so each 二级 section is cut into cells with evidence — value-shaped tokens, basis
 * wording, sentence ends, line widths — and then forced to the four columns
 * 三级指标 | 绩效指标描述 | 指标值 | 指标值确定依据.
 */
import type { RawIndicatorRow, RawProject, RowFlag, SourceParser } from '../types.ts';

type Break = 'start' | 'space' | 'hard' | 'soft';

/** One piece of cell text, with how it was separated from the piece before it. */
interface Atom {
  text: string;
  brk: Break;
}

interface Line {
  text: string;
  /** true when one or more blank lines precede it. */
  soft: boolean;
}

/** Headers are matched as whole lines; the PDF splits them the same way every time. */
const LEVEL1_HEADERS: string[][] = [
  ['产出', '指标'],
  ['产出指标'],
  ['效果', '指标'],
  ['效果指标'],
  ['效益', '指标'],
  ['效益指标'],
  ['满意度指', '标'],
  ['满意度指标'],
];
const LEVEL2_HEADERS: string[][] = [
  ['数量指标'],
  ['质量指标'],
  ['时效指标'],
  ['成本指标'],
  ['经济效益', '指标'],
  ['社会效益', '指标'],
  ['生态效益', '指标'],
  ['可持续性', '影响'],
  ['可持续影响', '指标'],
  ['服务对象', '满意度指', '标'],
  ['服务对象', '满意度', '指标'],
];

/** Display width in full-width cells: what the PDF's column width limits. */
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) < 0x2000 ? 0.5 : 1;
  return w;
}

const OPERATOR_START = /^(?:[≥≤＞＜>=<]|大于|小于|不低于|不高于|不少于|不超过)/;
const NUMBER_WITH_UNIT = /^[\d.,]+\s*(?:%|％|万元|万|元|件|天|次|个|人|期|场|户)?(?:以上|以下)?$/;
const DATE_START = /^\d{4}\s*年/;

/** Looks like a 指标值 on its own (`≥95%`, `615.36 万元`, `100`, `2024 年 6 月`, `减少 40%`). */
/** A whole quantitative value, nothing left to continue (`≥100%`, `615.36 万元`, `100`). */
function isCompleteValue(s: string): boolean {
  return /^(?:[≥≤＞＜>=<]=?)?\s*[\d.,]+\s*(?:%|％|万元|万|元|件|天|次|个|人|期|场|户)?(?:以上|以下)?$/.test(s.trim());
}

export function isValueShaped(s: string): boolean {
  const t = s.trim();
  if (t === '') return false;
  return OPERATOR_START.test(t) || NUMBER_WITH_UNIT.test(t) || DATE_START.test(t) || /^(?:减少|增加|提高)\s*\d/.test(t);
}

/** Wording that opens a 指标值确定依据 cell in this document. */
const BASIS_START = /^(?:根据|专款专用|项目资金|考核指标|群众满意|被服务对|调查问卷|资源整合|满意度安|政法部门满)/;

/** Unit or date fragments that the extractor separated from their number by a space. */
function mergeValueTokens(tokens: string[]): string[] {
  const out: string[] = [];
  for (const tok of tokens) {
    const prev = out[out.length - 1];
    if (
      prev !== undefined &&
      ((/[\d.]$/.test(prev) && /^(?:万元|万|元|件|天|年|月|个|人|次|%|期|场|户)/.test(tok)) ||
        (/[年月]$/.test(prev) && /^\d/.test(tok) && /\d/.test(prev)) ||
        (/^(?:减少|增加|提高|不低于|不高于)$/.test(prev) && /^[\d≥≤]/.test(tok)) ||
        // A lone character is no cell of its own: `按 9月工资` is one basis.
        ([...prev].length === 1 && /^\d/.test(tok)))
    ) {
      out[out.length - 1] = `${prev} ${tok}`;
    } else {
      out.push(tok);
    }
  }
  return out;
}

/** `区级财政投入区级财政投入`: two cells printed without the space between them. */
function splitDoubled(tokens: string[]): string[] {
  return tokens.flatMap((t) => {
    const half = t.length / 2;
    if (t.length >= 4 && Number.isInteger(half) && t.slice(0, half) === t.slice(half)) return [t.slice(0, half), t.slice(half)];
    return [t];
  });
}

function lineAtoms(text: string, first: Break): Atom[] {
  const tokens = splitDoubled(mergeValueTokens(text.split(/ +/).filter((t) => t !== '')));
  return tokens.map((t, i) => ({ text: t, brk: i === 0 ? first : 'space' }));
}

/** Does the header (a list of whole lines) start at line i? Returns the rest of its last line. */
function matchHeader(lines: Line[], i: number, header: string[]): { next: number; rest: string } | null {
  for (let k = 0; k < header.length; k++) {
    const line = lines[i + k];
    if (!line) return null;
    const part = header[k]!;
    const last = k === header.length - 1;
    if (line.text === part) continue;
    if (last && line.text.startsWith(`${part} `)) {
      return { next: i + k + 1, rest: line.text.slice(part.length + 1).trim() };
    }
    return null;
  }
  return { next: i + header.length, rest: '' };
}

function matchAny(lines: Line[], i: number, headers: string[][]): { name: string; next: number; rest: string } | null {
  for (const h of headers) {
    const m = matchHeader(lines, i, h);
    if (m) return { name: h.join(''), ...m };
  }
  return null;
}

type Decision = 'boundary' | 'continue' | number;

/**
 * A soft break between the last piece `a` of one line and the first piece `b` of the next:
 * a definite decision, or a score ranking how likely a cell boundary is.
 */
function softDecision(atoms: Atom[], i: number, name: string): Decision {
  const a = atoms[i - 1]!.text;
  const b = atoms[i]!.text;
  if (/^[，。、；：）」』”’,.;:)%]/.test(b)) return 'continue';
  if (/\d\s*[年月]$/.test(a) || /[年月]\s*\d+$/.test(a)) return 'continue'; // `2024 年 6 月` + `底前`
  if (isValueShaped(b)) return 'boundary';
  if (isCompleteValue(a)) return 'boundary';
  if (/(?:月底前|月初|月底|日前|底前)$/.test(a)) return 'boundary'; // a deadline is complete
  if (/[。；]$/.test(a)) return 'boundary';
  if (BASIS_START.test(b)) return 'boundary';
  // A continuation line is never wider than the line it continues (a little slack for punctuation).
  if (textWidth(b) > textWidth(a) + 1.5) return 'boundary';
  // Scores below are used only when the row lacks cells.
  // The 三级指标 repeated as the 指标值 (`方便群\n\n众` under the name 方便群众) marks where the value
  // starts; not definite, since short names (`满意度`) recur in other columns too.
  if (b.length >= 2 && name !== '' && softRunEquals(atoms, i, name)) return 50;
  // A wide 描述 line followed by a much narrower one: the start of a narrow column, or just the
  // 描述's last line; only a candidate.
  const drop = textWidth(a) - textWidth(b);
  return textWidth(a) >= 7 && drop > 2 ? 1 + drop : 0;
}

interface Cell {
  text: string;
  /** The break that opened this cell. */
  brk: Break;
}

function joinPiece(acc: string, atom: Atom): string {
  if (acc === '') return atom.text;
  return atom.brk === 'space' ? `${acc} ${atom.text}` : acc + atom.text;
}

/**
 * Whether atoms i, i+1, … joined over soft breaks spell `text`: this document repeats the
 * 三级指标 as the 指标值 (`方便群\n\n众` under the name 方便群众), which marks where the value starts.
 */
function softRunEquals(atoms: Atom[], i: number, text: string): boolean {
  let acc = '';
  for (let j = i; j < atoms.length; j++) {
    const atom = atoms[j]!;
    if (j > i && atom.brk !== 'soft') break;
    acc += atom.text;
    if (acc === text) return true;
    if (!text.startsWith(acc)) return false;
  }
  return false;
}

/** Cut one row's atoms into cells: definite breaks first, then the best soft ones up to four cells. */
function cutCells(atoms: Atom[]): Cell[] {
  const n = atoms.length;
  const isBoundary: boolean[] = new Array(n).fill(false);
  const candidates: Array<{ i: number; score: number }> = [];
  // The 三级指标 cell: up to the first break that is certainly a boundary.
  let name = atoms[0]?.text ?? '';
  for (let i = 1; i < n && atoms[i]!.brk === 'soft'; i++) {
    if (softDecision(atoms, i, '') === 'boundary') break;
    name += atoms[i]!.text;
  }
  for (let i = 1; i < n; i++) {
    const atom = atoms[i]!;
    if (atom.brk === 'hard' || atom.brk === 'space' || atom.brk === 'start') {
      isBoundary[i] = true;
      continue;
    }
    const d = softDecision(atoms, i, name);
    if (d === 'boundary') isBoundary[i] = true;
    else if (typeof d === 'number' && d > 1) candidates.push({ i, score: d });
  }
  let cellCount = 1 + isBoundary.filter(Boolean).length;
  candidates.sort((x, y) => y.score - x.score);
  for (const c of candidates) {
    if (cellCount >= 4) break;
    isBoundary[c.i] = true;
    cellCount++;
  }
  const cells: Cell[] = [];
  for (let i = 0; i < n; i++) {
    const atom = atoms[i]!;
    if (i === 0 || isBoundary[i]) cells.push({ text: atom.text, brk: i === 0 ? 'start' : atom.brk });
    else cells[cells.length - 1]!.text = joinPiece(cells[cells.length - 1]!.text, atom);
  }
  // Too many cells: undo the weakest boundary. A space is the weakest (the extractor also puts
  // one inside a cell); a value-shaped cell right before another one belongs to the 描述
  // (`用于奖励见义勇为者 0.2万 | 0.2万`).
  while (cells.length > 4) {
    let best = 1;
    let bestCost = Infinity;
    for (let j = 1; j < cells.length; j++) {
      const c = cells[j]!;
      let cost = c.brk === 'space' ? 1 : c.brk === 'soft' ? 2 : 3;
      const next = cells[j + 1];
      if (isValueShaped(c.text) && next && isValueShaped(next.text) && j >= 2) cost -= 0.5;
      if (cost < bestCost) {
        bestCost = cost;
        best = j;
      }
    }
    const c = cells[best]!;
    const prev = cells[best - 1]!;
    prev.text = c.brk === 'space' ? `${prev.text} ${c.text}` : prev.text + c.text;
    cells.splice(best, 1);
  }
  return cells;
}

/** Give the cells their columns; fewer than four means a blank cell somewhere. */
function assignColumns(cells: string[]): { name: string; description: string; value: string; basis: string; flags: RowFlag[] } {
  const flags: RowFlag[] = [];
  let [name, description, value, basis] = ['', '', '', ''];
  if (cells.length >= 4) {
    [name, description, value, basis] = cells as [string, string, string, string];
  } else if (cells.length === 3) {
    const [c0, c1, c2] = cells as [string, string, string];
    if (isValueShaped(c1) && !isValueShaped(c2)) {
      // 描述 blank: name | value | basis.
      [name, value, basis] = [c0, c1, c2];
    } else if (BASIS_START.test(c2) && !isValueShaped(c2)) {
      // 指标值 blank: the last cell is worded like a basis (`群众满意度`).
      [name, description, basis] = [c0, c1, c2];
    } else {
      // The last column is the one most often left blank in this document.
      [name, description, value] = [c0, c1, c2];
    }
  } else if (cells.length === 2) {
    const [c0, c1] = cells as [string, string];
    if (isValueShaped(c1)) [name, value] = [c0, c1];
    else [name, description] = [c0, c1];
  } else if (cells.length === 1) {
    name = cells[0]!;
  }
  if (value === '') flags.push('missing-value');
  if (name === '') flags.push('missing-name');
  return { name, description, value, basis, flags };
}

function joinLines(lines: Line[]): string {
  return lines
    .map((l) => l.text.trim())
    .join('')
    .trim();
}

function parseIndicators(lines: Line[]): RawIndicatorRow[] {
  const rows: RawIndicatorRow[] = [];
  let level1 = '';
  let level2 = '';
  let atoms: Atom[] = [];

  const flush = (): void => {
    if (atoms.length === 0) return;
    const cells = cutCells(atoms).map((c) => c.text);
    const { name, description, value, basis, flags } = assignColumns(cells);
    const row: RawIndicatorRow = { level1, level2, name, value };
    if (description !== '') row.description = description;
    if (basis !== '') row.basis = basis;
    if (flags.length > 0) row.flags = flags;
    rows.push(row);
    atoms = [];
  };

  let i = 0;
  while (i < lines.length) {
    const l1 = matchAny(lines, i, LEVEL1_HEADERS);
    if (l1 && l1.rest === '') {
      flush();
      level1 = l1.name;
      i = l1.next;
      continue;
    }
    const l2 = matchAny(lines, i, LEVEL2_HEADERS);
    if (l2) {
      flush();
      level2 = l2.name;
      if (l2.rest !== '') atoms.push(...lineAtoms(l2.rest, 'start'));
      i = l2.next;
      continue;
    }
    const line = lines[i]!;
    const lineBreak: Break = atoms.length === 0 ? 'start' : line.soft ? 'soft' : 'hard';
    const pieces = lineAtoms(line.text, lineBreak);
    // A line that holds a whole row by itself after a complete row: a second row of the same
    // 二级 (信访工作经费 has two 数量指标 rows).
    if (pieces.length >= 4 && atoms.length >= 4) {
      flush();
      pieces[0]!.brk = 'start';
    }
    atoms.push(...pieces);
    i++;
  }
  flush();
  return rows;
}

/** Lines without the blank ones, each marked with whether a blank line preceded it. */
function toLines(text: string): Line[] {
  const out: Line[] = [];
  let blank = false;
  for (const raw of text.split(/\r?\n/)) {
    const t = raw.replace(/\s+$/, '').replace(/^\s+/, '');
    if (t === '') {
      blank = true;
      continue;
    }
    out.push({ text: t, soft: blank });
    blank = false;
  }
  return out;
}

const HEADER_TAIL = '指标值确定依据';

function parseTable(lines: Line[]): RawProject {
  const first = lines[0]!.text;
  const name = first.slice(first.indexOf('预算项目名称') + '预算项目名称'.length).trim();
  const project: RawProject = { name, indicators: [] };

  const findLine = (from: number, test: (t: string) => boolean): number => {
    for (let k = from; k < lines.length; k++) if (test(lines[k]!.text)) return k;
    return -1;
  };

  const useLabel = findLine(1, (t) => /主要用途$|^要用途$/.test(t));
  const planLabel = findLine(1, (t) => t.startsWith('资金支出'));
  if (useLabel >= 0 && planLabel > useLabel) {
    const fundUse = joinLines(lines.slice(useLabel + 1, planLabel));
    if (fundUse !== '') project.fundUse = fundUse;
    const m = /预算数\s*([\d.]+)\s*(万元|元)/.exec(fundUse);
    if (m) project.amount = { value: Number(m[1]), unit: m[2] as '万元' | '元' };
  }

  const goalLabel = findLine(Math.max(planLabel, 1), (t) => t === '目标');
  const level1Label = findLine(Math.max(goalLabel, 1), (t) => t === '一级');
  if (goalLabel >= 0 && level1Label > goalLabel) {
    const goals = joinLines(lines.slice(goalLabel + 1, level1Label));
    if (goals !== '') project.goals = [goals];
  }

  const headerLine = findLine(Math.max(level1Label, 1), (t) => t.startsWith('二级指标'));
  if (headerLine < 0) return project;
  // The last header cell 指标值确定依据 is either on the header line or broken over the next lines.
  let start = headerLine + 1;
  let tail = lines[headerLine]!.text.split(' ').pop() ?? '';
  while (!tail.endsWith(HEADER_TAIL) && start < lines.length) {
    const next = lines[start]!.text;
    if (!HEADER_TAIL.includes(next)) break;
    tail = tail === '指标值' ? next : tail + next;
    start++;
  }
  // The next table's 项目/编码 label is printed before its 预算项目名称 line.
  let end = lines.length;
  if (end - 2 > start && lines[end - 2]!.text === '项目' && lines[end - 1]!.text === '编码') end -= 2;
  project.indicators = parseIndicators(lines.slice(start, end));
  return project;
}

export const parsePdfText: SourceParser = (text) => {
  const lines = toLines(text);
  const starts: number[] = [];
  lines.forEach((l, k) => {
    if (l.text.includes('预算项目名称')) starts.push(k);
  });
  return starts.map((s, k) => parseTable(lines.slice(s, starts[k + 1] ?? lines.length)));
};
