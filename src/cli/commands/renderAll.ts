/**
 * `perf-target render --all [<文件> …] [--user <userKey>] [-o 输出.docx] [--layout full|compact]`:
 * the department's set — one DOCX (contents first, one table per page) and the indicator list
 * (.xlsx, one row per indicator) — the same two files as 生成全部 in the chat.
 *
 * Without files: every finished draft (生成 / 生成全部) of one user in the drafts store (DATA_DIR, or
 * REDIS_URL), by default the terminal chat's user `console:local`. With files: every table in them
 * (.json drafts, Word, Excel, PDF). Tables with rule errors are left out and named, unless --force.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { CONSOLE_USER } from '../../channels/console/index.ts';
import type { DraftTable } from '../../domain/draft.ts';
import { isDraftFileName, readDraftFile } from '../../domain/draftFile.ts';
import { MAX_IMPORT_FILE_BYTES, tableLine } from '../../domain/importedFile.ts';
import { importFile } from '../../import/index.ts';
import type { LayoutName } from '../../render/index.ts';
import { renderSet } from '../../render/set.ts';
import { hasErrors } from '../../rules/index.ts';
import { createStore, dataDirFromEnv } from '../../store/index.ts';
import { review } from '../review.ts';

export interface RenderAllOptions {
  files: string[];
  user?: string;
  out?: string;
  layout: LayoutName;
  force: boolean;
  env: Record<string, string | undefined>;
}

async function tablesOfFile(file: string): Promise<DraftTable[]> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    throw new Error(`无法读取文件：${file}`);
  }
  if (isDraftFileName(file)) {
    const read = readDraftFile(bytes);
    if (!read.ok) throw new Error(`${read.title}：${file}（${read.detail}）`);
    return [read.table];
  }
  if (bytes.byteLength > MAX_IMPORT_FILE_BYTES) throw new Error(`${file}：文件超过 10 MB`);
  const result = await importFile(basename(file), bytes);
  if (!result.ok) throw new Error(`${file}：${result.message}`);
  return result.tables;
}

/** The user's finished drafts, in the order they were made. */
async function finishedDrafts(userKey: string, env: RenderAllOptions['env']): Promise<DraftTable[]> {
  const store = await createStore(env, dataDirFromEnv(env), () => undefined);
  try {
    const drafts = await store.list(userKey);
    return drafts
      .filter((d) => d.status === 'done')
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
      .map((d) => d.table);
  } finally {
    await store.close();
  }
}

export async function renderAll(o: RenderAllOptions): Promise<number> {
  let tables: DraftTable[] = [];
  try {
    if (o.files.length) for (const f of o.files) tables.push(...(await tablesOfFile(f)));
    else tables = await finishedDrafts(o.user ?? CONSOLE_USER, o.env);
  } catch (e) {
    console.error((e as Error).message);
    return 1;
  }
  if (tables.length === 0) {
    console.error(o.files.length ? '文件里没有绩效目标表。' : `用户 ${o.user ?? CONSOLE_USER} 还没有已生成的表（DATA_DIR=${dataDirFromEnv(o.env)}）。`);
    return 1;
  }
  const kept = o.force ? tables : tables.filter((t) => !hasErrors(review(t)));
  const left = tables.filter((t) => !kept.includes(t));
  if (left.length) console.error(`有错误，未放入（加 --force 可一并生成）：\n${left.map((t) => `  ${tableLine(t)}`).join('\n')}`);
  if (kept.length === 0) return 1;
  const year = kept[0]!.year;
  const docxPath = resolve(o.out ?? `${year ? `${year}_` : ''}全部绩效目标表.docx`);
  const xlsxPath = o.out ? docxPath.replace(/\.docx$/i, '') + '.xlsx' : join(dirname(docxPath), `${year ? `${year}_` : ''}绩效指标清单.xlsx`);
  const files = await renderSet(kept, { layout: o.layout });
  try {
    writeFileSync(docxPath, files.docx);
    writeFileSync(xlsxPath, files.xlsx);
  } catch {
    console.error(`无法写入文件：${docxPath}`);
    return 1;
  }
  console.log(`已生成 ${kept.length} 张表：\n${kept.map((t, i) => `  ${i + 1}. ${tableLine(t)}`).join('\n')}\n${docxPath}\n${xlsxPath}`);
  return left.length ? 1 : 0;
}
