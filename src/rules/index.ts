/**
 * The rule engine: every answer and every finished draft goes through `checkTable`. Pure, no I/O.
 * A rule group that throws (it should not) becomes an `internal.rule-failed` finding, so callers
 * always get findings, never exceptions.
 */
import type { DraftTable } from '../domain/draft.ts';
import { checkAgreement } from './agreement.ts';
import { checkAmounts } from './amounts.ts';
import { checkCategories } from './categories.ts';
import { finding } from './catalogue.ts';
import { buildContext, type CheckOptions, type Context } from './context.ts';
import { checkFields } from './fields.ts';
import { checkCosts } from './costs.ts';
import { checkIndicators } from './indicators.ts';
import { checkMeaning } from './meaning.ts';
import { checkQuantities } from './quantities.ts';
import { checkPeriod, checkSpendingPlan } from './schedule.ts';
import { checkTargets } from './targets.ts';
import type { Finding } from './types.ts';

export type { Finding, Fix, Severity } from './types.ts';
export type { CheckOptions } from './context.ts';
export { RULES, ruleSpec, type RuleSpec } from './catalogue.ts';
export { formatFindings, fieldLabel } from './format.ts';
export { parsePeriod, compareYearMonth, type Period, type YearMonth } from './period.ts';

const GROUPS: Array<[string, (ctx: Context) => Finding[]]> = [
  ['projectName', checkFields],
  ['amounts', checkAmounts],
  ['period', checkPeriod],
  ['spendingPlan', checkSpendingPlan],
  ['targets', checkTargets],
  ['indicators', checkIndicators],
  ['indicators', checkQuantities],
  ['indicators', checkCosts],
  ['indicators', checkMeaning],
  ['indicators', checkCategories],
  ['indicators', checkAgreement],
];

/** `options.library`: the template library, so that targets copied from its tables are found. */
export function checkTable(table: DraftTable, options: CheckOptions = {}): Finding[] {
  let ctx: Context;
  try {
    ctx = buildContext(table, options);
  } catch {
    return [finding('internal.rule-failed', 'projectName', '表格内容无法读取。请重新填写或联系管理员。')];
  }
  const out: Finding[] = [];
  for (const [field, rule] of GROUPS) {
    try {
      out.push(...rule(ctx));
    } catch {
      // Several groups read the indicators: one failure notice per part of the table.
      if (!out.some((f) => f.code === 'internal.rule-failed' && f.field === field))
        out.push(finding('internal.rule-failed', field, '这一部分未能完成检查。请检查填写内容，或联系管理员。'));
    }
  }
  return out;
}

export function hasErrors(findings: Finding[]): boolean {
  return Array.isArray(findings) && findings.some((f) => f?.severity === 'error');
}
