/**
 * Parser for tab-separated table text (source `000_…`, Dalian 高新区 2023, the compact
 * 本级预算项目绩效目标表 layout). Each table is a run of tab-separated rows:
 *
 *   项目名称 ⇥ <name> ⇥ ⇥ 项目实施期 ⇥ <period>
 *   主管部门 ⇥ <dept> ⇥ ⇥ 实施单位 ⇥ <implementer>
 *   资金投入(万元) ⇥ 实施期金额 ⇥ <n> ⇥ 年度金额 ⇥ <n>      (+ 财政拨款 / 其他资金 rows)
 *   绩效目标 ⇥ 实施期目标 ⇥ ⇥ 年度目标 ⇥                     (next row: the two goal texts)
 *   一级指标 ⇥ 二级指标 ⇥ 三级指标 ⇥ ⇥ 年度指标值             (三级指标 spans two columns)
 *   <level1> ⇥ <level2> ⇥ <name> ⇥ ⇥ <value>                 (level cells blank under a merge)
 *
 * A few rows are shifted by one column in the source; cells are therefore classified by what
 * they hold (a known 一级/二级 name, then the 三级 name, then the value) rather than by position,
 * and a value found outside the 指标值 column is flagged.
 */
import type { RawIndicatorRow, RawProject, RowFlag, SourceParser } from '../types.ts';

const LEVEL1 = /^(产出|效益|效果|满意度|成本)指标$/;
const LEVEL2 =
  /^(数量|质量|时效|成本|经济效益|社会效益|生态效益|可持续影响|服务对象满意度|经济成本|社会成本|生态环境成本)(指标)?$/;

/** Cell text with in-cell line breaks and surrounding blanks removed. */
function cell(s: string | undefined): string {
  return (s ?? '').replace(/\s*\n\s*/g, '').trim();
}

/** Level names never contain blanks; the source sometimes breaks them (`效果 指标`). */
function levelText(s: string): string {
  return s.replace(/[\s\u3000]+/g, '');
}

function parseNumber(s: string): number | undefined {
  const t = s.replace(/[,，\s]/g, '');
  if (!/^\d+(\.\d+)?$/.test(t)) return undefined;
  return Number(t);
}

/** Classifies one indicator row by content; `valueCol` is the header's 指标值 column. */
function tabIndicatorRow(cells: string[], valueCol: number): RawIndicatorRow {
  const c = cells.map(cell);
  let i = 0;
  let level1 = '';
  let level2 = '';
  // Skip blank cells left of the first text so a row shifted to the right still classifies.
  const firstText = c.findIndex((x) => x !== '');
  if (firstText >= 0 && firstText <= 1) {
    const head = levelText(c[firstText] ?? '');
    const next = levelText(c[firstText + 1] ?? '');
    // 成本指标 is a 一级 name in one framework and a 二级 name in the other: it is 一级 only
    // when a 二级 name follows it.
    if (LEVEL1.test(head) && (head !== '成本指标' || LEVEL2.test(next))) {
      level1 = head;
      i = firstText + 1;
    } else {
      i = firstText;
    }
  }
  // Some rows put the 二级 name one column to the left or right of its column.
  if (i < c.length && LEVEL2.test(levelText(c[i] ?? ''))) {
    level2 = levelText(c[i] ?? '');
    i += 1;
  } else if (i < c.length && c[i] === '' && LEVEL2.test(levelText(c[i + 1] ?? ''))) {
    level2 = levelText(c[i + 1] ?? '');
    i += 2;
  }
  while (i < c.length && c[i] === '') i += 1;
  const nameCol = i;
  const name = c[nameCol] ?? '';
  let valueAt = -1;
  for (let j = c.length - 1; j > nameCol; j -= 1) {
    if (c[j] !== '') {
      valueAt = j;
      break;
    }
  }
  const value = valueAt >= 0 ? (c[valueAt] ?? '') : '';
  const flags: RowFlag[] = [];
  if (!name) flags.push('missing-name');
  if (!value) flags.push('missing-value');
  else if (valueAt !== valueCol) flags.push('value-in-wrong-column');
  const row: RawIndicatorRow = { level1, level2, name, value };
  if (flags.length) row.flags = flags;
  return row;
}

export const parseTabTable: SourceParser = (text) => {
  const projects: RawProject[] = [];
  let current: RawProject | undefined;
  let pendingYear: number | undefined;
  let docDepartment: string | undefined;
  let inIndicators = false;
  let valueCol = 4;
  let goalsNext = false;
  let pageUnit: '万元' | '元' | undefined;

  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  for (const line of lines) {
    const trimmed = line.trim();
    if (!trimmed) continue;
    // Markdown leftovers between tables: headings and `---` separator rows.
    if (/^[-\t\s]+$/.test(line)) continue;
    if (trimmed.startsWith('#')) {
      inIndicators = false;
      continue;
    }
    const dept = /^预算部门[:：]\s*(.+)$/.exec(trimmed);
    if (dept?.[1]) {
      docDepartment = dept[1].trim();
      continue;
    }
    const unitLine = /^单位[:：]\s*(万元|元)$/.exec(trimmed);
    if (unitLine) {
      pageUnit = unitLine[1] === '元' ? '元' : '万元';
      continue;
    }
    const year = /^[(（]\s*(\d{4})\s*年度\s*[)）]$/.exec(trimmed);
    if (year?.[1]) {
      pendingYear = Number(year[1]);
      continue;
    }
    if (!line.includes('\t')) continue;

    const cells = line.split('\t');
    const first = levelText(cell(cells[0]));

    if (first === '项目名称') {
      inIndicators = false;
      goalsNext = false;
      current = { name: cell(cells[1]), indicators: [] };
      if (pendingYear !== undefined) current.year = pendingYear;
      if (docDepartment) current.department = docDepartment;
      const period = cells.findIndex((x) => levelText(cell(x)) === '项目实施期');
      if (period >= 0 && cell(cells[period + 1])) current.period = cell(cells[period + 1]);
      if (current.year === undefined && current.period) {
        const y = /(\d{4})年/.exec(current.period);
        if (y?.[1]) current.year = Number(y[1]);
      }
      projects.push(current);
      pendingYear = undefined;
      continue;
    }
    if (!current) continue;

    if (inIndicators) {
      current.indicators.push(tabIndicatorRow(cells, valueCol));
      continue;
    }
    // The row after 绩效目标 holds the 实施期/年度 goal texts under an empty first cell.
    if (goalsNext && first === '') {
      goalsNext = false;
      const goals = [...new Set(cells.map(cell).filter((x) => x !== ''))];
      if (goals.length) current.goals = goals;
      continue;
    }
    goalsNext = false;
    if (first === '主管部门') {
      if (cell(cells[1])) current.department = cell(cells[1]);
      const impl = cells.findIndex((x) => levelText(cell(x)) === '实施单位');
      if (impl >= 0 && cell(cells[impl + 1])) current.implementer = cell(cells[impl + 1]);
      continue;
    }
    if (first.startsWith('资金投入')) {
      // The label names the unit (`资金投入(万元)`); else the `单位: 万元` line above the table.
      const unit = /万元/.test(first) ? '万元' : /[(（]元[)）]/.test(first) ? '元' : pageUnit;
      const at = (label: string): number | undefined => {
        const k = cells.findIndex((x) => levelText(cell(x)) === label);
        return k >= 0 ? parseNumber(cell(cells[k + 1])) : undefined;
      };
      // The annual amount is this year's budget; the period amount is the fallback.
      const value = at('年度金额') ?? at('实施期金额');
      if (value !== undefined && unit) current.amount = { value, unit };
      continue;
    }
    if (first === '绩效目标') {
      goalsNext = true;
      continue;
    }
    if (first === '一级指标') {
      inIndicators = true;
      const header = cells.map((x) => levelText(cell(x)));
      const v = header.findIndex((x) => x.includes('指标值'));
      valueCol = v >= 0 ? v : header.length - 1;
      continue;
    }
  }
  return projects;
};
