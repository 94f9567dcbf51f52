/**
 * What the engine needs from the rest of the system, injected so that the dialog stays pure and
 * testable: validation (rules), suggestions and look-up (library), rendering (render), model help (llm).
 * The shapes follow the contracts of src/rules, src/library and src/render; src/llm implements ModelHelp.
 */
import type { DraftTable, Indicator, Targets } from '../domain/draft.ts';
import type { FrameworkId } from '../domain/framework.ts';
import type { ImportFile } from '../domain/importedFile.ts';
import type { ComposeQuery, Composition, SimilarProject } from '../compose/index.ts';
import type { Library, LibraryProject } from '../library/types.ts';
import type { Finding } from '../rules/index.ts';
import type { DraftStore } from './records.ts';

/** A result and whether the model wrote it (the summary marks model-drafted parts). */
export interface Drafted<T> {
  value: T;
  byModel: boolean;
}

/**
 * The rules as the dialog runs them (with the template library): what a model's answer must pass.
 * The dialog hands its own `checkTable` to each model call, so the model path reviews exactly as the chat does.
 */
export type Review = (table: DraftTable) => Finding[];

export interface IndicatorRequest {
  /** The draft the rows go into (name, purpose, period, amounts): the model's rows are reviewed in it. */
  table: DraftTable;
  projectName: string;
  purpose?: string;
  /** 万元 */
  amount?: number;
  framework: FrameworkId;
  /** The composer's rows for this project: the model's starting point and its replacement rows. */
  composed: Indicator[];
  examples: LibraryProject[];
}

export interface TargetsRequest {
  /** The draft with its indicators: the model's targets are reviewed in it. */
  table: DraftTable;
  projectName: string;
  purpose?: string;
  indicators: Indicator[];
}

/**
 * The model help the dialog can use (src/llm's Assistant implements it). Each call takes the
 * rule-based result as its fallback and the rules its answer must pass, and says whether the model
 * wrote the answer.
 */
export interface ModelHelp {
  readonly enabled: boolean;
  extract(input: string, fallback: () => Partial<DraftTable>, review: Review): Promise<Drafted<Partial<DraftTable>>>;
  draftIndicators(req: IndicatorRequest, fallback: () => Indicator[], review: Review): Promise<Drafted<Indicator[]>>;
  draftTargets(req: TargetsRequest, fallback: () => Targets, review: Review): Promise<Drafted<Targets>>;
}

/** Thrown by `render`/`renderSet` when the generator's queue is full: nothing is lost, the user tries again shortly. */
export class GenerationBusyError extends Error {
  override name = 'GenerationBusyError';
}

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
  /**
   * The DOCX. May reject with GenerationBusyError when too many files are being generated; calls
   * `onQueued` when the file has to wait for others first (the user is told to wait a moment).
   */
  render(table: DraftTable, options: { layout?: string; onQueued?: () => void }): Promise<Uint8Array>;
  docxFileName(table: DraftTable): string;
  layouts: LayoutInfo[];
  /** Reads a Word or Excel file's tables (the import adapter); absent, only .json drafts are read. */
  importFile?: ImportFile;
  /** 生成全部: the set DOCX (contents, one table per page) and the indicator list .xlsx. */
  renderSet?(tables: DraftTable[], options: { layout?: string; onQueued?: () => void }): Promise<{ docx: Uint8Array; xlsx: Uint8Array }>;
  /**
   * Optional model help (extraction, indicator and target drafting). Each call takes the rule-based
   * result as its fallback; absent or disabled, the dialog behaves exactly as without a model.
   */
  assistant?: ModelHelp;
  /** Clock, injectable so that the default year is testable. */
  now?: () => Date;
}
