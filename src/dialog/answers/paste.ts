/**
 * Paste mode: a message with `字段：值` lines (or tab-separated rows of an old table) fills every
 * field it names in one turn. Pure: returns what it found; the engine validates and applies it.
 */
import type { Indicator } from '../../domain/draft.ts';
import { FRAMEWORKS, allLevel2, canonicalLevel1, canonicalLevel2, level1Of, type FrameworkId } from '../../domain/framework.ts';
import { squeeze } from '../../domain/text.ts';
import { parseValue } from '../../domain/value.ts';
import { normalizeText } from './parse.ts';

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
}

function tableRow(cells: string[], st: TableState, framework: FrameworkId): Indicator | undefined {
  const rest = cells.map((c) => c.trim()).filter(Boolean);
  const l1 = rest[0] ? canonicalLevel1(rest[0]) : '';
  if (FRAMEWORKS[framework].level1.some((x) => x.name === l1)) {
    st.level1 = l1;
    st.level2 = undefined;
    rest.shift();
  }
  const l2 = rest[0] ? canonicalLevel2(rest[0]) : '';
  if (allLevel2(framework).includes(l2)) {
    st.level2 = l2;
    st.level1 = level1Of(l2, framework);
    rest.shift();
  }
  const [name, ...others] = rest;
  if (!st.level1 || !st.level2 || !name || others.length === 0) return undefined;
  const value = others.find((c) => parseValue(c).kind !== 'qualitative') ?? others[1] ?? others[0]!;
  const description = others[0] !== value ? others[0] : undefined;
  return { level1: st.level1, level2: st.level2, name, value, ...(description ? { description } : {}) };
}

export function parsePaste(message: string, framework: FrameworkId): PasteResult | undefined {
  const result: PasteResult = { fields: {}, indicators: [], badLines: [] };
  const amountLines: string[] = [];
  let unitSuffix = '';
  let recognised = 0;
  const st: TableState = { inIndicators: false, targetsNext: false };

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

  for (const rawLine of message.split(/\r?\n/)) {
    const line = normalizeText(rawLine);
    if (!line) continue;
    const unit = /^单位\s*[:：]\s*(万元|元)$/.exec(line);
    if (unit) {
      unitSuffix = unit[1] === '元' ? '元' : '';
      continue;
    }
    if (rawLine.includes('\t')) {
      const cells = rawLine.split('\t').map((c) => normalizeText(c));
      const filled = cells.filter(Boolean);
      if (st.targetsNext) {
        st.targetsNext = false;
        if (filled[0]) {
          result.fields['targets.period'] = filled[0];
          result.fields['targets.annual'] = filled[1] ?? filled[0];
          recognised++;
          continue;
        }
      }
      if (filled.some((c) => squeeze(c) === '三级指标')) {
        st.inIndicators = true;
        continue;
      }
      if (st.inIndicators || filled.some((c) => allLevel2(framework).includes(canonicalLevel2(c)))) {
        const row = tableRow(cells, st, framework);
        if (row) {
          result.indicators.push(row);
          recognised++;
          continue;
        }
      }
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
      if (took) {
        recognised++;
        continue;
      }
    }
    const m = /^([\u4e00-\u9fa5()（）%]{2,14})\s*[:：]\s*([\s\S]*)$/.exec(line);
    if (!m) continue;
    const key = keyOf(m[1]!);
    const value = m[2]!.trim();
    if (take(key, value)) {
      recognised++;
    } else if (key === '指标' || key === '绩效指标') {
      const [l2, ...rest] = value.split(/\s+/);
      const ind = l2 ? indicatorOf(l2, rest.join(' '), framework) : undefined;
      if (ind) result.indicators.push(ind);
      else result.badLines.push(line);
      recognised++;
    } else if (allLevel2(framework).includes(canonicalLevel2(key))) {
      recognised++;
      for (const part of value.split(/[；;]/).map((x) => x.trim()).filter(Boolean)) {
        const ind = indicatorOf(key, part, framework);
        if (ind) result.indicators.push(ind);
        else result.badLines.push(`${key}：${part}`);
      }
    }
  }
  if (amountLines.length) {
    result.fields.amounts = amountLines.map((a) => (unitSuffix && !/元$/.test(a) ? `${a}${unitSuffix}` : a)).join('，');
  }
  return recognised > 0 ? result : undefined;
}
