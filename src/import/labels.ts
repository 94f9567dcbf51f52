/**
 * The words a performance target table labels its cells with, ours and other units' alike: the
 * field a label cell names, the group labels that only head a block, and the indicator grid's
 * column headers. Labels are compared without blanks, trailing colons or a bracketed unit.
 */
import type { AmountUnit } from '../domain/draft.ts';

export type FieldKey =
  | 'projectName'
  | 'projectCode'
  | 'department'
  | 'implementer'
  | 'period'
  | 'fundUse'
  | 'period.total'
  | 'annual.total'
  | 'fiscal'
  | 'other'
  | 'targets.period'
  | 'targets.annual'
  | 'mar'
  | 'jun'
  | 'oct'
  | 'dec';

export type IndicatorKey = 'level1' | 'level2' | 'name' | 'description' | 'value' | 'basis';

const FIELD_LABELS: Array<[RegExp, FieldKey]> = [
  [/^项目名称$/, 'projectName'],
  [/^项目(编码|代码|编号)$/, 'projectCode'],
  [/^(主管部门|主管部门及代码|主管单位)$/, 'department'],
  [/^(项目)?实施单位$|^预算单位$/, 'implementer'],
  [/^(项目)?实施期(限)?$|^项目(实施)?周期$/, 'period'],
  [/^(项目)?资金(主要)?用途$|^主要用途$|^项目资金主要用途$/, 'fundUse'],
  [/^实施期(金额|资金总额|资金|预算数?)$|^项目总金额$/, 'period.total'],
  [/^年度(金额|资金总额|资金|预算数?|资金合计)$|^(项目)?预算数$|^资金总额$|^项目金额$/, 'annual.total'],
  [/^(其中)?[:：]?财政(拨款|资金|性资金)$/, 'fiscal'],
  [/^(其中)?[:：]?其他资金$/, 'other'],
  [/^实施期(绩效)?目标$|^(项目)?总体目标$/, 'targets.period'],
  [/^年度(绩效|总体)?目标$/, 'targets.annual'],
  [/^3月(底|末)$/, 'mar'],
  [/^6月(底|末)$/, 'jun'],
  [/^10月(底|末)$/, 'oct'],
  [/^12月(底|末)$/, 'dec'],
];

/** Labels that head a block (merged down the first column) and name no field themselves. */
const GROUP_LABELS = /^(资金投入|项目资金|资金支出计划(累计)?|绩效目标|绩效指标|年度绩效指标|资金投入情况|项目资金情况)$/;

const INDICATOR_HEADERS: Array<[RegExp, IndicatorKey]> = [
  [/^一级指标$/, 'level1'],
  [/^二级指标$/, 'level2'],
  [/^三级指标(名称)?$/, 'name'],
  [/^(绩效)?指标(描述|解释|内容)$/, 'description'],
  [/^(年度)?(指标值|目标值)$|^指标值\/描述$/, 'value'],
  [/^(指标值)?(确定)?依据$|^指标值确定依据$/, 'basis'],
];

const UNIT_IN_BRACKETS = /[（(]\s*(万元|元)\s*[)）]/;
const UNIT_LINE = /单位\s*[:：]\s*(万元|元)/;

/** A label as compared: no blanks, no trailing colon, no bracketed part (`资金投入（万元）` → `资金投入`). */
export function labelKey(text: string): string {
  return text
    .replace(/[\s\u3000\u00a0]+/g, '')
    .replace(/[（(][^）)]*[)）]/g, '')
    .replace(/[:：]+$/, '');
}

export function fieldOfLabel(text: string): FieldKey | undefined {
  const key = labelKey(text);
  return key ? FIELD_LABELS.find(([re]) => re.test(key))?.[1] : undefined;
}

export function isGroupLabel(text: string): boolean {
  return GROUP_LABELS.test(labelKey(text));
}

export function indicatorHeaderOf(text: string): IndicatorKey | undefined {
  const key = labelKey(text);
  return key ? INDICATOR_HEADERS.find(([re]) => re.test(key))?.[1] : undefined;
}

/** The money unit a label or a line names (`资金投入（元）`, `单位：万元`), if any. */
export function unitIn(text: string): AmountUnit | undefined {
  const m = UNIT_IN_BRACKETS.exec(text) ?? UNIT_LINE.exec(text.replace(/\s+/g, ''));
  return m ? (m[1] as AmountUnit) : undefined;
}

/** `20`, `20.5万元`, `200,000.00元`, `30%` → the number and the unit written with it. */
export function parseNumberCell(text: string): { value: number; unit?: AmountUnit } | undefined {
  const m = /^([+-]?[\d,，]+(?:\.\d+)?)(万元|万|元|%)?$/.exec(text.replace(/[\s\u3000]+/g, ''));
  if (!m) return undefined;
  const value = Number(m[1]!.replace(/[,，]/g, ''));
  if (!Number.isFinite(value)) return undefined;
  const unit = m[2] === '元' ? '元' : m[2] === '万元' || m[2] === '万' ? '万元' : undefined;
  return { value, unit };
}
