/**
 * The port between the file importers (adapter `src/import`) and the dialog: a file's bytes go in,
 * parsed draft tables or a Chinese refusal come out. The dialog never parses Word, Excel or PDF
 * itself; it gets the tables through `Services.importFile`.
 */
import type { DraftTable } from './draft.ts';
import { formatNumber } from './number.ts';

export type ImportedFile =
  | { ok: true; format: 'docx' | 'xlsx' | 'pdf'; tables: DraftTable[] }
  | { ok: false; message: string };

export type ImportFile = (name: string, bytes: Uint8Array) => Promise<ImportedFile>;

/** The largest Word, Excel or PDF file read (Telegram bots may download 20 MB, Feishu 30 MB). */
export const MAX_IMPORT_FILE_BYTES = 10 * 1024 * 1024;

/** Names of the table files the importers read (the .json draft has its own reader). */
export function isTableFileName(name: string | undefined): boolean {
  return /\.(docx|xlsx|pdf)$/i.test(name?.trim() ?? '');
}

export const ACCEPTED_FILES_TEXT =
  '可以导入的文件：Word（.docx）、Excel（.xlsx）、PDF（含文字的，非扫描件），以及本助手导出的 .json 草稿；每个文件不超过 10 MB。';

/** One line per found table, for the chat and the CLI: `社区矫正经费 · 20万元 · 12 个指标`. */
export function tableLine(t: DraftTable): string {
  const total = t.amounts.annual.total ?? t.amounts.period.total;
  const amount = total !== undefined ? `${formatNumber(total)}${t.amounts.unit}` : '金额未填';
  return `${t.projectName ?? '未命名'} · ${amount} · ${t.indicators.length} 个指标`;
}
