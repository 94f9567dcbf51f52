/** The rule engine's public types: a finding is one thing a budget reviewer would object to. */

export type Severity = 'error' | 'warning';

export interface Finding {
  /** Stable identifier, e.g. `amount.sum-mismatch`; see `RULES` for the catalogue. */
  code: string;
  /** `error` blocks generation, `warning` informs. */
  severity: Severity;
  /**
   * Dotted path into DraftTable (`projectName`, `amounts.period.total`, `indicators.3.value`, …).
   * The dialog shows the findings whose field starts with the field just answered, so it is precise.
   */
  field: string;
  /** Index into `table.indicators` when the finding concerns one indicator. */
  indicator?: number;
  /** Short 简体中文: what is wrong and how to fix it, with an example. */
  message: string;
  /** A mechanical fix the user can accept with one tap (「改为 ≤625元/件」, 「删除该行」). */
  fix?: Fix;
}

/**
 * A one-tap fix: replace one indicator's value, delete or move one indicator row, or set one amount.
 * `label` is a short description; `src/dialog/flow/fixes.ts` numbers and applies it.
 */
export type Fix =
  | { kind: 'replace-value'; indicator: number; value: string; label: string }
  | { kind: 'delete-row'; indicator: number; label: string }
  /** Files the row under another category (a 次数 row under 时效 → 数量指标). */
  | { kind: 'move-row'; indicator: number; level1: string; level2: string; label: string }
  | { kind: 'set-amount'; column: 'period' | 'annual'; part: 'total' | 'fiscal' | 'other'; value: number; label: string };
