/**
 * What the engine needs from the rest of the system, injected so that the dialog stays pure and
 * testable: validation (rules), suggestions and look-up (library), rendering (render).
 * The shapes follow the contracts of src/rules, src/library and src/render.
 */
import type { DraftTable } from '../domain/draft.ts';
import type { ImportFile } from '../domain/importedFile.ts';
import type { ComposeQuery, Composition, SimilarProject } from '../compose/index.ts';
import type { Library } from '../library/types.ts';
import type { Assistant } from '../llm/assistant.ts';
import type { Finding } from '../rules/index.ts';
import type { DraftStore } from '../store/types.ts';

export interface LayoutInfo {
  id: string;
  label: string;
}

export interface Services {
  store: DraftStore;
  library: Library;
  checkTable(table: DraftTable): Finding[];
  /** The indicator set and targets drafted for this project (src/compose). */
  compose(library: Library, query: ComposeQuery): Composition;
  /** Library projects most like a name, best first (cheap; used for examples). */
  similar(library: Library, query: { name: string; purpose?: string }): SimilarProject[];
  /** Template look-up as ready-to-send Chinese text. */
  lookupText(library: Library, keyword: string): string;
  render(table: DraftTable, options: { layout?: string }): Promise<Uint8Array>;
  docxFileName(table: DraftTable): string;
  layouts: LayoutInfo[];
  /** Reads a Word or Excel file's tables (the import adapter); absent, only .json drafts are read. */
  importFile?: ImportFile;
  /** 生成全部: the set DOCX (contents, one table per page) and the indicator list .xlsx. */
  renderSet?(tables: DraftTable[], options: { layout?: string }): Promise<{ docx: Uint8Array; xlsx: Uint8Array }>;
  /**
   * Optional model help (extraction, indicator and target drafting). Each call takes the rule-based
   * result as its fallback; absent or disabled, the dialog behaves exactly as without a model.
   */
  assistant?: Pick<Assistant, 'enabled' | 'extract' | 'draftIndicators' | 'draftTargets'>;
  /** Clock, injectable so that the default year is testable. */
  now?: () => Date;
}
