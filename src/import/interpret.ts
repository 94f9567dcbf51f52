/**
 * Blocks (paragraphs and grid tables, from any file format) → draft tables. A state machine over
 * the rows of every table in document order:
 *
 * - `项目名称` starts a project (a second one in the same file starts the next);
 * - a label cell followed by a value cell fills that field (`主管部门 | 某区司法局`); the second
 *   `财政拨款`/`其他资金` of a row is the annual column, the first the implementation period's;
 * - a row of labels only (`3月底 | 6月底 …`, `实施期目标 | 年度目标`) names the columns of the
 *   row below it;
 * - a row with `三级指标` and `指标值` headers starts the indicator grid; its columns are mapped by
 *   header text, so column order, extra columns and a missing 描述/依据 column do not matter, and
 *   a blank 一级/二级 cell repeats the one above (Word and Excel merges are already filled in).
 *
 * Paragraphs give the year (`（2025年度）`), the unit (`单位：元`) and a fallback name from a
 * heading (`1.社区矫正经费绩效目标表`).
 */
import { DraftTableSchema, type AmountUnit, type DraftTable, type Indicator } from '../domain/draft.ts';
import { canonicalLevel1, canonicalLevel2, level1Of } from '../domain/framework.ts';
import { distinctCells, type Block, type GridCell, type GridRow } from './grid.ts';
import { fieldOfLabel, indicatorHeaderOf, isGroupLabel, parseNumberCell, unitIn, type FieldKey, type IndicatorKey } from './labels.ts';

interface Money {
  value: number;
  unit?: AmountUnit;
}

interface Building {
  fields: Partial<Record<Exclude<FieldKey, 'fiscal' | 'other' | 'period.total' | 'annual.total'>, string>>;
  money: Partial<Record<'period.total' | 'period.fiscal' | 'period.other' | 'annual.total' | 'annual.fiscal' | 'annual.other', Money>>;
  unit?: AmountUnit;
  year?: number;
  heading?: string;
  /** The 填报单位 of the stamp line above the table. */
  reporting?: string;
  indicators: Indicator[];
}

const TEXT_FIELDS = new Set<FieldKey>(['projectName', 'projectCode', 'department', 'implementer', 'period', 'fundUse', 'targets.period', 'targets.annual']);
const MONTHS = new Set<FieldKey>(['mar', 'jun', 'oct', 'dec']);

/** A cell's text as a field value: lines kept, blanks at the ends of lines dropped. */
function cellText(text: string): string {
  return text
    .split('\n')
    .map((l) => l.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** A heading such as `1.社区矫正经费绩效目标表` names a project; the bare form title does not. */
function headingName(text: string): string | undefined {
  const t = text.replace(/\s+/g, '');
  if (!/绩效(目标)?表$/.test(t)) return undefined;
  const name = t
    .replace(/^[（(]?[\d一二三四五六七八九十]+[)）.、．]?/, '')
    .replace(/(\d{4}年度?)?(本级)?(预算)?(项目)?(支出)?绩效(目标)?表$/, '')
    .replace(/^\d{4}年度?/, '');
  return name ? name : undefined;
}

function yearIn(text: string): number | undefined {
  const m = /(\d{4})\s*年度/.exec(text);
  return m ? Number(m[1]) : undefined;
}

type Kind = { kind: 'field'; field: FieldKey } | { kind: 'group' } | { kind: 'value' };

function classify(cell: GridCell): Kind {
  const field = fieldOfLabel(cell.text);
  if (field) return { kind: 'field', field };
  if (isGroupLabel(cell.text)) return { kind: 'group' };
  return { kind: 'value' };
}

export function tablesFromBlocks(blocks: Block[]): DraftTable[] {
  const done: Building[] = [];
  let cur: Building | undefined;
  let pendingUnit: AmountUnit | undefined;
  let pendingYear: number | undefined;
  let pendingHeading: string | undefined;
  let pendingReporting: string | undefined;
  /** Slot → what the column below a labels-only row holds. */
  let columnFields: Map<number, FieldKey> | undefined;
  /** Slot → indicator column, while inside an indicator grid. */
  let indicatorColumns: Map<number, IndicatorKey> | undefined;
  /** In an indicator list with a 项目名称 column (one row per indicator), that column's slot. */
  let listNameSlot: number | undefined;
  /** …and its 年度金额 column, if any. */
  let listAmountSlot: number | undefined;
  let lastLevel1 = '';
  let lastLevel2 = '';

  const start = (): Building => {
    if (cur) done.push(cur);
    cur = { fields: {}, money: {}, unit: pendingUnit, year: pendingYear, heading: pendingHeading, reporting: pendingReporting, indicators: [] };
    pendingHeading = undefined;
    pendingReporting = undefined;
    indicatorColumns = undefined;
    listNameSlot = undefined;
    listAmountSlot = undefined;
    columnFields = undefined;
    return cur;
  };
  const project = (): Building => cur ?? start();

  const setField = (p: Building, field: FieldKey, text: string, occurrence: number, ofKind: number): void => {
    const value = cellText(text);
    if (TEXT_FIELDS.has(field)) {
      if (value) p.fields[field as keyof Building['fields']] = value;
      return;
    }
    const n = parseNumberCell(value);
    if (!n) return;
    if (MONTHS.has(field)) {
      p.fields[field as keyof Building['fields']] = String(n.value);
      return;
    }
    if (field === 'period.total' || field === 'annual.total') p.money[field] = n;
    else {
      // Two 财政拨款 in a row: 实施期 then 年度; a single one belongs to the year.
      const column = ofKind > 1 && occurrence === 0 ? 'period' : 'annual';
      p.money[`${column}.${field}` as keyof Building['money']] = n;
    }
  };

  const indicatorRow = (row: GridRow): void => {
    if (listNameSlot !== undefined) {
      const name = cellText(row[listNameSlot]?.text ?? '');
      if (name && name !== cur?.fields.projectName) {
        const columns = indicatorColumns;
        const [slot, amountSlot] = [listNameSlot, listAmountSlot];
        const p = start();
        p.fields.projectName = name;
        const amount = amountSlot !== undefined ? parseNumberCell(cellText(row[amountSlot]?.text ?? '')) : undefined;
        if (amount) p.money['annual.total'] = amount;
        [indicatorColumns, listNameSlot, listAmountSlot, lastLevel1, lastLevel2] = [columns, slot, amountSlot, '', ''];
      }
    }
    const p = project();
    const get = (key: IndicatorKey): string | undefined => {
      for (const [slot, k] of indicatorColumns!) if (k === key) return cellText(row[slot]?.text ?? '');
      return undefined;
    };
    const name = get('name') ?? '';
    const value = get('value') ?? '';
    const l1Raw = (get('level1') ?? '').replace(/\s+/g, '');
    const l2Raw = (get('level2') ?? '').replace(/\s+/g, '');
    if (!name && !value) return;
    if (l1Raw) {
      const l1 = canonicalLevel1(l1Raw);
      if (l1 !== lastLevel1) lastLevel2 = '';
      lastLevel1 = l1;
    }
    if (l2Raw) lastLevel2 = canonicalLevel2(l2Raw);
    const level1 = lastLevel1 || level1Of(lastLevel2) || '';
    const ind: Indicator = { level1, level2: lastLevel2, name, value };
    const description = get('description');
    const basis = get('basis');
    if (description) ind.description = description;
    if (basis) ind.basis = basis;
    p.indicators.push(ind);
  };

  const tableRow = (row: GridRow): void => {
    const cells = distinctCells(row);
    for (const c of cells) {
      const u = unitIn(c.text);
      if (u && (isGroupLabel(c.text) || fieldOfLabel(c.text) || /单位/.test(c.text))) {
        if (cur && !indicatorColumns) cur.unit = u;
        else pendingUnit = u;
      }
    }
    const kinds = cells.map(classify);
    const headers = cells.map((c) => indicatorHeaderOf(c.text));
    if (headers.includes('name') && headers.includes('value')) {
      if (cur?.indicators.length && !indicatorColumns) start();
      // The header repeated on the next page of a PDF: the merged 一级/二级 above still hold.
      const repeated = indicatorColumns !== undefined && (cur?.indicators.length ?? 0) > 0;
      project();
      indicatorColumns = new Map();
      if (!repeated) [lastLevel1, lastLevel2] = ['', ''];
      listNameSlot = undefined;
      listAmountSlot = undefined;
      for (let slot = 0; slot < row.length; slot++) {
        const first = slot === 0 || row[slot - 1]!.id !== row[slot]!.id;
        const h = indicatorHeaderOf(row[slot]!.text);
        if (h && first) indicatorColumns.set(slot, h);
        if (first && fieldOfLabel(row[slot]!.text) === 'projectName') listNameSlot = slot;
        if (first && fieldOfLabel(row[slot]!.text) === 'annual.total') listAmountSlot = slot;
      }
      return;
    }
    const names = kinds.some((k) => k.kind === 'field' && k.field === 'projectName');
    if (names && (cur?.fields.projectName || cur?.indicators.length)) start();
    if (indicatorColumns && !names) return indicatorRow(row);
    if (names) indicatorColumns = undefined;
    const fields = kinds.filter((k) => k.kind === 'field');
    if (fields.length && kinds.every((k) => k.kind !== 'value')) {
      columnFields = new Map();
      for (let slot = 0; slot < row.length; slot++) {
        const f = fieldOfLabel(row[slot]!.text);
        if (f && (slot === 0 || row[slot - 1]!.id !== row[slot]!.id)) columnFields.set(slot, f);
      }
      return;
    }
    const p = project();
    if (columnFields && !fields.length) {
      for (const [slot, f] of columnFields) {
        const c = row[slot];
        if (c && classify(c).kind === 'value') setField(p, f, c.text, 0, 1);
      }
      columnFields = undefined;
      return;
    }
    columnFields = undefined;
    const count = new Map<FieldKey, number>();
    for (const k of kinds) if (k.kind === 'field') count.set(k.field, (count.get(k.field) ?? 0) + 1);
    const seen = new Map<FieldKey, number>();
    kinds.forEach((k, i) => {
      if (k.kind !== 'field') return;
      const next = kinds[i + 1];
      const occurrence = seen.get(k.field) ?? 0;
      seen.set(k.field, occurrence + 1);
      if (next?.kind === 'value') setField(p, k.field, cells[i + 1]!.text, occurrence, count.get(k.field)!);
    });
  };

  for (const block of blocks) {
    if (block.kind === 'para') {
      const text = block.text.trim();
      if (!text) continue;
      const y = yearIn(text);
      if (y !== undefined) pendingYear = y;
      const u = unitIn(text);
      if (u) pendingUnit = u;
      const stamp = /填报单位(?:[（(]盖章[)）])?[:：]([^\t]*)/.exec(text);
      if (stamp) pendingReporting = stamp[1]!.replace(/单位[:：]\s*(万元|元)\s*$/, '').trim() || undefined;
      const h = headingName(text);
      if (h) pendingHeading = h;
      // A heading or year after a finished project belongs to the next one.
      if ((h || y !== undefined) && cur && (cur.fields.projectName || cur.indicators.length)) {
        done.push(cur);
        cur = undefined;
        indicatorColumns = undefined;
      }
      continue;
    }
    for (const row of block.rows) tableRow(row);
  }
  if (cur) done.push(cur);
  return done.filter((p) => p.fields.projectName || p.heading || p.indicators.length).map(finish);
}

function finish(p: Building): DraftTable {
  const values = Object.values(p.money);
  const unit: AmountUnit = p.unit ?? values.find((m) => m?.unit)?.unit ?? '万元';
  const amount = (key: keyof Building['money']): number | undefined => {
    const m = p.money[key];
    if (!m) return undefined;
    if (!m.unit || m.unit === unit) return m.value;
    return m.unit === '万元' ? m.value * 10000 : m.value / 10000;
  };
  const percent = (key: 'mar' | 'jun' | 'oct' | 'dec'): number | undefined => (p.fields[key] !== undefined ? Number(p.fields[key]) : undefined);
  const f = p.fields;
  const periodYear = f.period ? /(\d{4})\s*年/.exec(f.period)?.[1] : undefined;
  return DraftTableSchema.parse({
    year: p.year ?? (periodYear ? Number(periodYear) : undefined),
    projectName: f.projectName ?? p.heading,
    projectCode: f.projectCode,
    department: f.department,
    implementer: f.implementer,
    // Our layout prints the 主管部门 there when no 填报单位 was given: only a different one is kept.
    reportingUnit: p.reporting && p.reporting !== f.department ? p.reporting : undefined,
    period: f.period,
    amounts: {
      unit,
      period: { total: amount('period.total'), fiscal: amount('period.fiscal'), other: amount('period.other') },
      annual: { total: amount('annual.total'), fiscal: amount('annual.fiscal'), other: amount('annual.other') },
    },
    fundUse: f.fundUse,
    spendingPlan: { mar: percent('mar'), jun: percent('jun'), oct: percent('oct'), dec: percent('dec') },
    targets: { period: f['targets.period'], annual: f['targets.annual'] },
    framework: p.indicators.some((i) => i.level1 === '成本指标') ? 'mof2021' : 'local',
    indicators: p.indicators,
  });
}
