/**
 * Parser for Word text with one table cell per line (sources `003_…`, 高新区 2024, and `004_…`,
 * Tianjin 滨海新区 司法局). Both documents share the layout:
 *
 * - a table starts with an untabbed title line ending in 绩效表 / 绩效目标表;
 * - every cell starts on a line beginning with a tab; an untabbed line that is not a title
 *   continues the previous cell (a line break inside the cell, e.g. `⇥产出` + `指标`), even
 *   after blank lines (004 prints numbered goals `1.…` / `2.…` that way);
 * - labelled fields are a label cell followed by its value cell (项目名称, 资金用途, 预算数, …);
 * - the indicator grid starts with its header cells (一级指标 … 指标值 [, 指标值确定依据]) and
 *   then holds exactly that many cells per row, empty cells included: Word exports every cell of
 *   a merged 一级/二级 column as an empty cell, so rows are cut by the header's column count
 *   rather than by blank lines (003's last table has blank lines inside a row).
 *
 * Text before the first table (003's 部门整体绩效目标 prose) only contributes the document's year
 * and compiling unit.
 */
import type { RawIndicatorRow, RawProject, RowFlag, SourceParser } from '../types.ts';

type Item = { kind: 'title'; text: string } | { kind: 'cell'; text: string };

const TITLE = /绩效(目标)?表\s*$/;
/** Word bookmarks leak into the text export; they are not printed in the document. */
const ARTIFACT = /\[bookmark:[^\]]*\]/g;

/** A field's text: in-cell line breaks undone, export artefacts removed, trimmed. */
function joined(raw: string): string {
  return raw.replace(ARTIFACT, '').replace(/[ \t\u3000]*\n[ \t\u3000\n]*/g, '').trim();
}

/** Labels and level names never contain blanks (`其中：财政    资金`, `一级\n指标`). */
function key(raw: string): string {
  return raw.replace(ARTIFACT, '').replace(/[\s\u3000\u00a0]+/g, '');
}

function tokenize(text: string): { prose: string[]; items: Item[] } {
  const prose: string[] = [];
  const items: Item[] = [];
  let last: { kind: 'cell'; text: string } | undefined;
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (line.startsWith('\t')) {
      last = { kind: 'cell', text: line.slice(1) };
      items.push(last);
      continue;
    }
    const trimmed = line.trim();
    if (!trimmed) continue;
    if (TITLE.test(trimmed)) {
      items.push({ kind: 'title', text: trimmed });
      last = undefined;
    } else if (last) {
      last.text += `\n${line}`;
    } else if (!items.length) {
      prose.push(trimmed);
    }
  }
  return { prose, items };
}

/** `80万` → 80 万元; a bare number takes the unit printed above the table (`单位：元`). */
function parseAmount(raw: string, unit: '万元' | '元' | undefined): RawProject['amount'] {
  const m = /^([\d,，]+(?:\.\d+)?)\s*(万元|万|元)?$/.exec(key(raw));
  if (!m?.[1]) return undefined;
  const value = Number(m[1].replace(/[,，]/g, ''));
  const u = m[2] ? (m[2] === '元' ? '元' : '万元') : unit;
  return u ? { value, unit: u } : undefined;
}

/** Goal lines: a cell may hold several numbered goals (`1.…\n2.…`); other breaks are undone. */
function goalLines(raw: string): string[] {
  const out: string[] = [];
  for (const line of raw.replace(ARTIFACT, '').split('\n')) {
    const t = line.trim();
    if (!t) continue;
    if (!out.length || /^\d+\s*[.、．]/.test(t)) out.push(t);
    else out[out.length - 1] += t;
  }
  return out;
}

const HEADER_KEYS = new Set(['一级指标', '二级指标', '三级指标', '绩效指标描述', '指标值', '指标值/描述', '指标值确定依据']);
/** A value that landed in the description column: it starts with a comparator or is a bare rate. */
const VALUE_LIKE = /^([≥≤＞＜><=＝]|大于|小于|不低于|不高于|\d+(\.\d+)?%$)/;

interface Columns {
  width: number;
  level1: number;
  level2: number;
  name: number;
  description: number;
  value: number;
  basis: number;
}

function columns(header: string[]): Columns {
  const at = (pred: (k: string) => boolean) => header.findIndex(pred);
  return {
    width: header.length,
    level1: at((k) => k === '一级指标'),
    level2: at((k) => k === '二级指标'),
    name: at((k) => k === '三级指标'),
    description: at((k) => k === '绩效指标描述'),
    value: at((k) => k.startsWith('指标值') && k !== '指标值确定依据'),
    basis: at((k) => k === '指标值确定依据'),
  };
}

function indicatorRow(cells: string[], col: Columns): RawIndicatorRow {
  const get = (i: number) => (i >= 0 ? (cells[i] ?? '') : '');
  const row: RawIndicatorRow = {
    level1: key(get(col.level1)),
    level2: key(get(col.level2)),
    name: joined(get(col.name)),
    value: joined(get(col.value)),
  };
  const flags: RowFlag[] = [];
  let description = col.description >= 0 ? joined(get(col.description)) : undefined;
  if (!row.value && description && VALUE_LIKE.test(description)) {
    row.value = description;
    description = undefined;
    flags.push('value-in-wrong-column');
  }
  if (description !== undefined) row.description = description;
  if (col.basis >= 0) row.basis = joined(get(col.basis));
  if (!row.name) flags.push('missing-name');
  if (!row.value) flags.push('missing-value');
  if (flags.length) row.flags = flags;
  return row;
}

function parseBlock(title: string, cells: string[], doc: { year?: number; department?: string }): RawProject {
  const project: RawProject = {
    // The title is the fallback name: `1.<name>绩效目标表`, `<name>预算项目绩效表`.
    name: joined(title)
      .replace(/^\d+\s*[.、．]\s*/, '')
      .replace(/(预算)?(项目)?绩效(目标)?表$/, ''),
    indicators: [],
  };
  if (doc.department) project.department = doc.department;
  if (doc.year !== undefined) project.year = doc.year;
  let unit: '万元' | '元' | undefined;
  let inFunding = false;
  let i = 0;
  while (i < cells.length) {
    const raw = cells[i] ?? '';
    const k = key(raw);
    const next = cells[i + 1] ?? '';
    if (k === '') {
      i += 1;
      continue;
    }
    const unitCell = /^单位[:：](万元|元)$/.exec(k);
    if (unitCell) {
      unit = unitCell[1] === '元' ? '元' : '万元';
      i += 1;
    } else if (/^\d{6}\D/.test(k) && i === 0) {
      // `343101天津市滨海新区司法局`: the budget unit code, then the unit's name.
      project.department = joined(raw).replace(/^\d+\s*/, '');
      i += 1;
    } else if (k === '项目名称') {
      if (joined(next)) project.name = joined(next);
      i += 2;
    } else if (k === '项目编码') {
      i += 2;
    } else if (k === '资金用途') {
      if (joined(next)) project.fundUse = joined(next);
      i += 2;
    } else if (k === '预算规模及资金用途') {
      inFunding = true;
      i += 1;
    } else if (k === '预算数' || k === '项目预算数' || k === '年度预算数') {
      const amount = parseAmount(next, unit);
      if (amount) project.amount = amount;
      i += 2;
    } else if (k.startsWith('其中') || k === '其他资金') {
      i += 2;
    } else if (k.startsWith('资金支出计划')) {
      // The spending plan (3/6/10/12月底 %) is not part of a library project.
      inFunding = false;
      while (i < cells.length && key(cells[i] ?? '') !== '绩效目标' && key(cells[i] ?? '') !== '一级指标') i += 1;
    } else if (k === '绩效目标') {
      inFunding = false;
      i += 1;
      const goals: string[] = [];
      while (i < cells.length && key(cells[i] ?? '') !== '一级指标') {
        const g = cells[i] ?? '';
        if (!/^目标\d+$/.test(key(g))) goals.push(...goalLines(g));
        i += 1;
      }
      if (goals.length) project.goals = goals;
    } else if (k === '一级指标') {
      const header: string[] = [];
      while (i < cells.length && HEADER_KEYS.has(key(cells[i] ?? ''))) {
        header.push(key(cells[i] ?? ''));
        i += 1;
      }
      const col = columns(header);
      for (; i < cells.length; i += col.width) {
        const chunk = cells.slice(i, i + col.width);
        if (chunk.every((c) => key(c) === '')) continue;
        project.indicators.push(indicatorRow(chunk, col));
      }
    } else if (inFunding && project.fundUse === undefined) {
      // 预算规模及资金用途: after the amounts, the unlabelled cell is the use of funds.
      project.fundUse = joined(raw);
      i += 1;
    } else {
      i += 1;
    }
  }
  return project;
}

export const parseWordCells: SourceParser = (text) => {
  const { prose, items } = tokenize(text);
  const doc: { year?: number; department?: string } = {};
  for (const line of prose) {
    const y = /^(\d{4})年.*(绩效目标|预算)/.exec(line);
    if (y?.[1] && doc.year === undefined) doc.year = Number(y[1]);
    // `高新区政法委编制`: the unit that compiled the document.
    const d = /^(.+?)编制$/.exec(line);
    if (d?.[1] && doc.department === undefined) doc.department = d[1].trim();
  }
  const projects: RawProject[] = [];
  let title: string | undefined;
  let cells: string[] = [];
  const flush = () => {
    if (title !== undefined) projects.push(parseBlock(title, cells, doc));
  };
  for (const item of items) {
    if (item.kind === 'title') {
      flush();
      title = item.text;
      cells = [];
    } else if (title !== undefined) {
      cells.push(item.text);
    }
  }
  flush();
  return projects;
};
