/**
 * What the engine needs from the rest of the system, injected so that the dialog stays pure and
 * testable: validation (rules), suggestions and look-up (library), rendering (render).
 * The shapes follow the contracts of src/rules, src/library and src/render.
 */
import type { DraftTable, Indicator } from '../domain/draft.ts';
import type { FrameworkId } from '../domain/framework.ts';
import type { Library } from '../library/types.ts';
import type { Assistant } from '../llm/assistant.ts';
import type { DraftStore } from '../store/types.ts';

export interface Finding {
  code: string;
  severity: 'error' | 'warning';
  /** Dotted path: 'projectName', 'amounts.annual.total', 'indicators', 'indicators.3.value'. */
  field: string;
  /** Index into table.indicators when the finding concerns one indicator. */
  indicator?: number;
  message: string;
}

export interface Suggestion {
  indicators: Array<Indicator & { sources?: string[] }>;
  similar: Array<{ id: string; name: string; score: number }>;
}

export interface LayoutInfo {
  id: string;
  label: string;
}

export interface Services {
  store: DraftStore;
  library: Library;
  checkTable(table: DraftTable): Finding[];
  suggest(library: Library, query: { name: string; purpose?: string; amount?: number; year?: number; framework?: FrameworkId }): Suggestion;
  /** Library projects most like a name, best first (cheap; used for examples). */
  similar(library: Library, query: { name: string; purpose?: string }): Suggestion['similar'];
  /** Template look-up as ready-to-send Chinese text. */
  lookupText(library: Library, keyword: string): string;
  render(table: DraftTable, options: { layout?: string }): Promise<Uint8Array>;
  docxFileName(table: DraftTable): string;
  layouts: LayoutInfo[];
  /**
   * Optional model help (extraction, indicator and target drafting). Each call takes the rule-based
   * result as its fallback; absent or disabled, the dialog behaves exactly as without a model.
   */
  assistant?: Pick<Assistant, 'enabled' | 'extract' | 'draftIndicators' | 'draftTargets'>;
  /** Clock, injectable so that the default year is testable. */
  now?: () => Date;
}
