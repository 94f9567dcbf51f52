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
}
