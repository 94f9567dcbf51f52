/**
 * Paste mode: a message with `字段：值` lines (or tab-separated rows of an old table) fills every
 * field it names in one turn. Pure: returns what it found; the engine validates and applies it.
 */
import type { Indicator } from '../domain/draft.ts';
import { allLevel2, canonicalLevel2, level1Of, type FrameworkId } from '../domain/framework.ts';
import { parseValue } from '../domain/value.ts';
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
  绩效目标: 'targets', 目标: 'targets', 实施期目标: 'targets.period', 年度目标: 'targets.annual',
};

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

/** A row of an old table: `产出指标\t数量指标\t培训场次\t描述\t≥12次\t依据`. */
function rowIndicator(cells: string[], framework: FrameworkId): Indicator | undefined {
  const at = cells.findIndex((c) => allLevel2(framework).includes(canonicalLevel2(c)));
  if (at < 0) return undefined;
  const level2 = canonicalLevel2(cells[at]!);
  const [name, ...rest] = cells.slice(at + 1).filter((c) => c.trim());
  if (!name || rest.length === 0) return undefined;
  const value = rest.find((c) => parseValue(c).kind !== 'qualitative') ?? rest[1] ?? rest[0]!;
  const description = rest[0] !== value ? rest[0] : undefined;
  return { level1: level1Of(level2, framework)!, level2, name: name.trim(), value: value.trim(), ...(description ? { description } : {}) };
}

export function parsePaste(message: string, framework: FrameworkId): PasteResult | undefined {
  const result: PasteResult = { fields: {}, indicators: [], badLines: [] };
  const amountLines: string[] = [];
  let recognised = 0;
  for (const rawLine of message.split(/\r?\n/)) {
    const line = normalizeText(rawLine);
    if (!line) continue;
    if (rawLine.includes('\t')) {
      const row = rowIndicator(rawLine.split('\t'), framework);
      if (row) {
        result.indicators.push(row);
        recognised++;
        continue;
      }
    }
    const m = /^([\u4e00-\u9fa5()（）%]{2,14})\s*[:：\t]\s*([\s\S]*)$/.exec(line);
    if (!m) continue;
    const key = m[1]!.replace(/[（）]/g, (c) => (c === '（' ? '(' : ')'));
    const value = m[2]!.trim();
    const field = KEYS[key];
    if (field === 'amounts') {
      // Generic keys carry no label of their own; the value may hold labels (实施期60万，年度20万).
      amountLines.push(/^(?:金额|资金|资金投入|预算|项目金额)$/.test(key) ? value : `${key}${value}`);
      recognised++;
    } else if (field) {
      result.fields[field] = value;
      recognised++;
    } else if (key === '指标' || key === '绩效指标') {
      const [l2, ...rest] = value.split(/\s+/);
      const ind = l2 ? indicatorOf(l2, rest.join(' '), framework) : undefined;
      if (ind) result.indicators.push(ind);
      else result.badLines.push(line);
      recognised++;
    } else if (allLevel2(framework).includes(canonicalLevel2(key))) {
      recognised++;
      for (const part of value.split(/[；;]/).map((s) => s.trim()).filter(Boolean)) {
        const ind = indicatorOf(key, part, framework);
        if (ind) result.indicators.push(ind);
        else result.badLines.push(`${key}：${part}`);
      }
    }
  }
  if (amountLines.length) result.fields.amounts = amountLines.join('，');
  return recognised > 0 ? result : undefined;
}
