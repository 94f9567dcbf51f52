/** A library project as a draft table: used to lint and render the seeds, and to start from a sample. */
import { DraftTableSchema, type DraftTable } from '../domain/draft.ts';
import type { LibraryProject } from './types.ts';

export function tableFromLibraryProject(p: LibraryProject): DraftTable {
  const amount = p.amountRaw ?? p.amount;
  const funds = amount ? { total: amount.value, fiscal: amount.value, other: 0 } : {};
  const [periodGoal, annualGoal] = p.goals ?? [];
  return DraftTableSchema.parse({
    year: p.year,
    projectName: p.name,
    department: p.department,
    implementer: p.implementer ?? p.department,
    period: p.period ?? (p.year ? `${p.year}年1月至${p.year}年12月` : undefined),
    amounts: { unit: amount?.unit ?? '万元', period: funds, annual: { ...funds } },
    fundUse: p.fundUse,
    targets: { period: periodGoal, annual: annualGoal ?? periodGoal },
    indicators: p.indicators.map((i) => ({
      level1: i.level1,
      level2: i.level2,
      name: i.name,
      description: i.description,
      value: i.value.raw,
      basis: i.basis,
    })),
  });
}
