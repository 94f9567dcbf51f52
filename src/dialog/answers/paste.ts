/**
 * Paste mode: a message with `字段：值` lines (or tab-separated rows of an old table) fills every
 * field it names in one turn. Pure: returns what it found; the engine validates and applies it.
 */
import type { Indicator } from '../../domain/draft.ts';
import { FRAMEWORKS, allLevel2, canonicalLevel1, canonicalLevel2, level1Of, type FrameworkId } from '../../domain/framework.ts';
import { squeeze } from '../../domain/text.ts';
import { parseValue } from '../../domain/value.ts';
import { normalizeKeep } from './parse.ts';

export type PasteField =
  | 'projectName' | 'projectCode' | 'department' | 'implementer' | 'period' | 'amounts' | 'fundUse'
  | 'spendingPlan' | 'targets' | 'targets.period' | 'targets.annual';

const KEYS: Record<string, PasteField> = {
  项目名称: 'projectName', 名称: 'projectName',
  项目编码: 'projectCode', 编码: 'projectCode',
  主管部门: 'department', 部门: 'department', 主管单位: 'department',
  实施单位: 'implementer',
  项目实施期: 'period', 实施期: 'period', 实施期限: 'period',
  金额: 'amounts', 资金: 'amounts', 资金投入: 'amounts', 预算: 'amounts', 项目金额: 'amounts', 资金总额: 'amounts',
  年度金额: 'amounts', 实施期金额: 'amounts', 财政拨款: 'amounts', 其中财政拨款: 'amounts', 其他资金: 'amounts',
  资金用途: 'fundUse', 用途: 'fundUse', 项目资金主要用途: 'fundUse', 主要用途: 'fundUse', 资金主要用途: 'fundUse',
  资金支出计划: 'spendingPlan', 支出计划: 'spendingPlan', 支出进度: 'spendingPlan', '资金支出计划(累计%)': 'spendingPlan',
  项目资金主要用途及测算依据: 'fundUse', 资金主要用途及测算依据: 'fundUse',
  绩效目标: 'targets', 目标: 'targets', 实施期目标: 'targets.period', 年度目标: 'targets.annual',
};

/** Own keys only, so that a cell reading 「toString」 is not taken for a field. */
const keyField = (key: string): PasteField | undefined => (Object.hasOwn(KEYS, key) ? KEYS[key] : undefined);

export interface PasteResult {
  /** Field → raw text (amount lines are joined, keeping their labels). */
  fields: Partial<Record<PasteField, string>>;
  indicators: Indicator[];
  /** Lines that named an indicator but could not be read. */
  badLines: string[];
}

/** `培训合格率 ≥95%` / `培训合格率≥95%` → name and value. */
export function splitNameValue(text: string): { name: string; value: string } | undefined {
  const t = text.trim();
  // An operator starts the value wherever it is (`培训合格率≥95%`, `培训合格率 ≥ 95%`).
  const op = /^(.+?)\s*([≥≤><=＞＜≧≦][\s\S]+)$/.exec(t);
  if (op) return { name: op[1]!.trim(), value: op[2]!.replace(/\s+/g, '') };
  const sp = /^(.+?)\s+(\S+)$/.exec(t);
  if (sp) return { name: sp[1]!.trim(), value: sp[2]! };
  return undefined;
}

function indicatorOf(level2Raw: string, text: string, framework: FrameworkId): Indicator | undefined {
  const level2 = canonicalLevel2(level2Raw);
  const level1 = level1Of(level2, framework);
  const nv = splitNameValue(text);
  if (!level1 || !nv) return undefined;
  return { level1, level2, name: nv.name, value: nv.value };
}

/** A table key cell (`其中: 财政拨款`, `资金投入(万元)`) in the form the KEYS table uses. */
function keyOf(cell: string): string {
  return squeeze(cell)
    .replace(/[（）]/g, (c) => (c === '（' ? '(' : ')'))
    .replace(/[:：]$/, '')
    .replace(/^其中[:：]?/, '');
}

/** Rows of an old table's indicator block carry 一级/二级 only on the first row of a merged group. */
interface TableState {
  inIndicators: boolean;
  level1?: string;
  level2?: string;
  targetsNext: boolean;
  /** The roles of the columns, from a header row (一级指标 | 二级指标 | 三级指标 | 指标值 | …). */
  header?: Role[];
}

type Role = 'level1' | 'level2' | 'name' | 'value' | 'description' | 'basis' | 'other';

function roleOf(cell: string): Role {
  const c = squeeze(cell);
  if (/^一级指标/.test(c)) return 'level1';
  if (/^二级指标/.test(c)) return 'level2';
  if (/^(?:三级指标|指标名称|绩效指标名称)/.test(c)) return 'name';
  if (/描述|指标解释|指标说明/.test(c)) return 'description';
  if (/依据|来源/.test(c)) return 'basis';
  if (/^(?:指标值|目标值|年度指标值|年度目标值|实施期指标值)/.test(c)) return 'value';
  return 'other';
}

/** A 依据 reads like where a figure comes from. */
const BASIS_WORDS = /依据|根据|参照|参考|按照|上年|历年|往年|标准|文件|规定|计划|实际|测算|统计/;

/** Name, value, 描述 and 依据 of the cells after the levels; by the header when there is one. */
function rowParts(cells: string[], roles: Role[] | undefined): Pick<Indicator, 'name' | 'value' | 'description' | 'basis'> | undefined {
  if (roles && roles.length === cells.length && roles.includes('name') && roles.includes('value')) {
    const get = (r: Role): string | undefined => cells.filter((_, k) => roles[k] === r).join('；') || undefined;
    const name = get('name');
    const value = get('value');
    if (!name || !value) return undefined;
    const description = get('description');
    const basis = get('basis');
    return { name, value, ...(description ? { description } : {}), ...(basis ? { basis } : {}) };
  }
  let [name, ...others] = cells.filter(Boolean);
  if (name && others.length === 0) {
    // 「培训人数：≥286人」 or 「培训人数≥286人」 in one cell.
    const nv = /^(.+?)\s*[:：]\s*(\S.*)$/.exec(name) ?? /^(.+?)([≥≤><=＞＜≧≦].*)$/.exec(name);
    if (nv) [name, others] = [nv[1]!.trim(), [nv[2]!.trim()]];
  }
  if (!name || others.length === 0) return undefined;
  const quantitative = others.findIndex((c) => parseValue(c).kind !== 'qualitative');
  // Without a number the usual order is 三级指标 | 描述 | 指标值 | 依据.
  const vi = quantitative >= 0 ? quantitative : others.length >= 2 ? 1 : 0;
  const before = others.slice(0, vi);
  let after = others.slice(vi + 1);
  const description = [...before];
  if (after.length >= 2) description.push(after.shift()!);
  else if (after.length === 1 && !BASIS_WORDS.test(after[0]!) && before.length === 0) description.push(after.shift()!);
  const basis = after.join('；');
  const desc = description.join('；');
  return { name, value: others[vi]!, ...(desc ? { description: desc } : {}), ...(basis ? { basis } : {}) };
}

/**
 * One row of indicator cells (tab, `|` or space separated). Blank or missing 一级/二级 cells are
 * those of the row above, as in merged cells.
 */
function tableRow(cells: string[], st: TableState, framework: FrameworkId): Indicator | undefined {
  const trimmed = cells.map((c) => c.trim());
  let roles = st.header && st.header.length === trimmed.length ? [...st.header] : undefined;
  const rest = [...trimmed];
  const drop = (k: number): void => {
    rest.splice(k, 1);
    roles?.splice(k, 1);
  };
  // Leading blank cells are merged 一级/二级 cells.
  while (rest.length && !rest[0] && (!roles || roles[0] === 'level1' || roles[0] === 'level2')) drop(0);
  const l1 = rest[0] ? canonicalLevel1(rest[0]) : '';
  if (FRAMEWORKS[framework].level1.some((x) => x.name === l1)) {
    st.level1 = l1;
    st.level2 = undefined;
    drop(0);
  }
  while (rest.length && !rest[0] && roles?.[0] === 'level2') drop(0);
  const l2 = rest[0] ? canonicalLevel2(rest[0]) : '';
  if (allLevel2(framework).includes(l2)) {
    st.level2 = l2;
    st.level1 = level1Of(l2, framework);
    drop(0);
  }
  if (roles && (roles[0] === 'level1' || roles[0] === 'level2')) roles = undefined;
  if (!st.level1 || !st.level2) return undefined;
  const parts = rowParts(rest, roles);
  if (!parts) return undefined;
  return { level1: st.level1, level2: st.level2, ...parts };
}

/** The cells of a `|` row (`| a | b |` or `a | b`), or undefined; a `|---|` rule line gives []. */
function pipeCells(line: string): string[] | undefined {
  if (!line.includes('|')) return undefined;
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  const cells = inner.split('|').map((c) => c.trim());
  if (cells.length < 2) return undefined;
  if (cells.every((c) => /^:?-{2,}:?$/.test(c) || !c)) return [];
  return cells;
}

/** Space-separated words, a lone operator joined to its number (`≥ 95%`). */
function spaceCells(line: string): string[] {
  const words = line.split(/\s+/).filter(Boolean);
  const out: string[] = [];
  for (const w of words) {
    const prev = out[out.length - 1];
    if (prev !== undefined && /^[≥≤><=＞＜≧≦]$/.test(prev)) out[out.length - 1] = prev + w;
    else out.push(w);
  }
  return out;
}

/** Title and header lines of a pasted table, which carry nothing to read. */
const NOTHING_TO_READ =
  /^(?:[(（]?\d{4}\s*年度?[)）]?|.{0,30}绩效目标(?:申报)?表(?:[(（].*[)）])?|单位\s*[:：].*|填报单位.*|金额单位.*|绩效指标|年度绩效目标|实施期绩效目标|总体目标|项目基本情况|[【】\s]*(?:产出指标|效益指标|满意度指标|成本指标)?[【】\s]*|[-=—_|:\s]+)$/;

export function parsePaste(message: string, framework: FrameworkId): PasteResult | undefined {
  const result: PasteResult = { fields: {}, indicators: [], badLines: [] };
  const amountLines: string[] = [];
  let unitSuffix = '';
  let recognised = 0;
  const st: TableState = { inIndicators: false, targetsNext: false };
  /** The free-text field of the line above: a line without a key goes on with it. */
  let continuing: PasteField | undefined;
  const unread: string[] = [];

  const take = (key: string, value: string): boolean => {
    const field = keyField(key);
    if (!field) return false;
    if (field === 'amounts') {
      // Generic keys carry no label of their own; the value may hold labels (实施期60万，年度20万).
      amountLines.push(/^(?:金额|资金|资金投入|预算|项目金额)$/.test(key) ? value : `${key}${value}`);
    } else {
      result.fields[field] = value;
    }
    return true;
  };

  /** Indicator cells; a header row sets the column roles. Returns whether the row was taken. */
  const cellsRow = (cells: string[], line: string, strict: boolean): boolean => {
    const filled = cells.filter(Boolean);
    if (filled.some((c) => squeeze(c) === '三级指标' || squeeze(c) === '指标名称')) {
      st.inIndicators = true;
      st.header = cells.map(roleOf);
      return true;
    }
    const namesLevel = filled.some((c) => allLevel2(framework).includes(canonicalLevel2(c)) || FRAMEWORKS[framework].level1.some((x) => x.name === canonicalLevel1(c)));
    if (!(st.inIndicators || namesLevel || (!strict && st.level2))) return false;
    // Words without a level word are a row of the group above only when they hold a figure.
    if (!strict && !namesLevel && !filled.some((c) => parseValue(c.replace(/^.*?[:：]/, '')).kind !== 'qualitative')) {
      if (st.inIndicators && st.level2) result.badLines.push(line);
      return st.inIndicators && st.level2 !== undefined;
    }
    const row = tableRow(cells, st, framework);
    if (row) {
      result.indicators.push(row);
      st.inIndicators = true;
      recognised++;
      return true;
    }
    // A lone level word (【产出指标】, 数量指标) only opens its group.
    if (filled.length === 1 && namesLevel) return true;
    if (namesLevel || st.inIndicators) {
      result.badLines.push(line);
      return true;
    }
    return false;
  };

  for (const rawLine of message.split(/\r?\n/)) {
    // Values keep their punctuation as typed (，stays ，); keys and cells are compared loosely.
    const line = normalizeKeep(rawLine);
    if (!line) continue;
    const unit = /^单位\s*[:：]\s*(万元|元)$/.exec(line);
    if (unit) {
      unitSuffix = unit[1] === '元' ? '元' : '';
      continue;
    }
    const wasContinuing = continuing;
    continuing = undefined;
    const tabbed = rawLine.includes('\t') ? rawLine.split('\t').map((c) => normalizeKeep(c)) : pipeCells(line);
    if (tabbed) {
      const cells = tabbed;
      const filled = cells.filter(Boolean);
      if (filled.length === 0) continue;
      if (st.targetsNext) {
        st.targetsNext = false;
        if (filled[0]) {
          result.fields['targets.period'] = filled[0];
          result.fields['targets.annual'] = filled[1] ?? filled[0];
          recognised++;
          continue;
        }
      }
      if (cellsRow(cells, line, true)) continue;
      // Key/value cells side by side: `项目名称 | X | | 项目实施期 | Y`.
      let took = false;
      for (let i = 0; i < cells.length; i++) {
        const key = keyOf(cells[i]!);
        const value = cells[i + 1]?.trim() ?? '';
        if (keyField(key) && value && !keyField(keyOf(value)) && take(key, value)) {
          took = true;
          i++;
        }
      }
      if (filled.map(keyOf).includes('实施期目标') && filled.map(keyOf).includes('年度目标') && !took) st.targetsNext = true;
      if (took || st.targetsNext) {
        if (took) recognised++;
        continue;
      }
    }
    const m = /^([\u4e00-\u9fa5()（）%]{2,14})\s*[:：]\s*([\s\S]*)$/.exec(line);
    const key = m ? keyOf(m[1]!) : '';
    const value = m ? m[2]!.trim() : '';
    if (m && take(key, value)) {
      recognised++;
      const field = keyField(key);
      if (field === 'fundUse' || field === 'projectName' || field?.startsWith('targets')) continuing = field;
      continue;
    }
    if (m && (key === '指标' || key === '绩效指标')) {
      const [l2, ...rest] = value.split(/\s+/);
      const ind = l2 ? indicatorOf(l2, rest.join(' '), framework) : undefined;
      if (ind) result.indicators.push(ind);
      else result.badLines.push(line);
      recognised++;
      continue;
    }
    if (m && allLevel2(framework).includes(canonicalLevel2(key))) {
      recognised++;
      st.level2 = canonicalLevel2(key);
      st.level1 = level1Of(st.level2, framework);
      for (const part of value.split(/[；;]/).map((x) => x.trim()).filter(Boolean)) {
        const ind = indicatorOf(key, part, framework);
        if (ind) result.indicators.push(ind);
        else result.badLines.push(`${key}：${part}`);
      }
      continue;
    }
    if (tabbed) {
      if (!NOTHING_TO_READ.test(line)) unread.push(line);
      continue;
    }
    // Our own list pasted back: ` 数量指标` then `  1. 培训人数：≥286人（估算，请核对）`.
    const numbered = st.level2 ? /^\d{1,3}[.、．]\s*(.+?)\s*[:：]\s*(.+?)(?:（估算，请核对）)?$/.exec(line) : undefined;
    if (numbered) {
      result.indicators.push({ level1: st.level1!, level2: st.level2!, name: numbered[1]!, value: numbered[2]! });
      recognised++;
      continue;
    }
    const words = spaceCells(line.replace(/^[【\[]|[】\]]$/g, ''));
    if (cellsRow(words, line, false)) continue;
    if (wasContinuing && !m) {
      // A long purpose or target broken over lines goes on.
      result.fields[wasContinuing] = `${result.fields[wasContinuing]}\n${line}`;
      continuing = wasContinuing;
      continue;
    }
    if (!NOTHING_TO_READ.test(line)) unread.push(line);
  }
  if (amountLines.length) {
    result.fields.amounts = amountLines.map((a) => (unitSuffix && !/元$/.test(a) ? `${a}${unitSuffix}` : a)).join('，');
  }
  if (recognised === 0) return undefined;
  result.badLines.push(...unread);
  return result;
}
