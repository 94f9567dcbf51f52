/** The table fields a template may place in its header block, and how each prints. */
import type { DraftTable, Funds, SpendingPlan } from '../domain/draft.ts';
import { formatNumber } from '../domain/number.ts';

export const FIELD_IDS = [
  'projectName',
  'projectCode',
  'department',
  'implementer',
  'period',
  'amounts.period.total',
  'amounts.period.fiscal',
  'amounts.period.other',
  'amounts.annual.total',
  'amounts.annual.fiscal',
  'amounts.annual.other',
  'fundUse',
  'spendingPlan.mar',
  'spendingPlan.jun',
  'spendingPlan.oct',
  'spendingPlan.dec',
  'targets.period',
  'targets.annual',
] as const;
export type FieldId = (typeof FIELD_IDS)[number];

/** A number cell: the shared formatting; empty rather than `NaN` when there is no usable number. */
function numberText(n: number | undefined): string {
  return n === undefined || !Number.isFinite(n) ? '' : formatNumber(n);
}

function percent(n: number | undefined): string {
  const s = numberText(n);
  return s ? `${s}%` : '';
}

function funds(f: Funds, key: keyof Funds): string {
  return numberText(f[key]);
}

function plan(p: SpendingPlan, key: keyof SpendingPlan): string {
  return percent(p[key]);
}

/** The printed text of a field; '' when the field is empty (never `undefined`). */
export function fieldText(table: DraftTable, id: FieldId): string {
  switch (id) {
    case 'projectName':
      return table.projectName ?? '';
    case 'projectCode':
      return table.projectCode ?? '';
    case 'department':
      return table.department ?? '';
    case 'implementer':
      return table.implementer ?? '';
    case 'period':
      return table.period ?? '';
    case 'amounts.period.total':
      return funds(table.amounts.period, 'total');
    case 'amounts.period.fiscal':
      return funds(table.amounts.period, 'fiscal');
    case 'amounts.period.other':
      return funds(table.amounts.period, 'other');
    case 'amounts.annual.total':
      return funds(table.amounts.annual, 'total');
    case 'amounts.annual.fiscal':
      return funds(table.amounts.annual, 'fiscal');
    case 'amounts.annual.other':
      return funds(table.amounts.annual, 'other');
    case 'fundUse':
      return table.fundUse ?? '';
    case 'spendingPlan.mar':
      return plan(table.spendingPlan, 'mar');
    case 'spendingPlan.jun':
      return plan(table.spendingPlan, 'jun');
    case 'spendingPlan.oct':
      return plan(table.spendingPlan, 'oct');
    case 'spendingPlan.dec':
      return plan(table.spendingPlan, 'dec');
    case 'targets.period':
      return table.targets.period ?? '';
    case 'targets.annual':
      return table.targets.annual ?? '';
  }
}
