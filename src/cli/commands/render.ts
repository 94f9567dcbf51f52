/**
 * `perf-target render <draft.json> [-o out.docx] [--layout full|compact] [--force]`: validate a draft
 * and write the finished table as DOCX. Errors block unless `--force`, which marks the document.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { DraftTable } from '../../domain/draft.ts';
import { readDraftFile } from '../../domain/draftFile.ts';
import { docxFileName, isLayoutName, LAYOUTS, render, type LayoutName } from '../../render/index.ts';
import { formatFindings, hasErrors } from '../../rules/index.ts';
import { review } from '../review.ts';

const layoutList = LAYOUTS.map((l) => `${l.name}（${l.title}）`).join('、');

export const summary = '校验草稿并生成 DOCX：render <draft.json> [-o 输出.docx] [--layout full|compact] [--force]；render --all 生成全部（DOCX + Excel 指标清单）';

const USAGE = [
  '用法：perf-target render <draft.json> [-o 输出.docx] [--layout <版式>] [--force]',
  `  --layout  版式：${layoutList}，默认 ${LAYOUTS[0]!.name}`,
  '  -o        输出文件，默认按年度和项目名称命名，保存在当前目录',
  '  --force   有错误也生成，文档末尾注明「未通过校验」',
  '',
  '      perf-target render --all [<文件> …] [--user <用户>] [-o 输出.docx] [--layout <版式>] [--force]',
  '  --all     一个 DOCX（目录 + 每页一张表）和一个 Excel 指标清单（每行一个指标）：',
  `            不给文件时为该用户已生成的全部表（草稿库 DATA_DIR，用户默认 ${'console:local'}，即终端对话）；`,
  '            给文件时为文件里的全部表（.json 草稿、Word、Excel、PDF）',
].join('\n');

/** The draft in `file`, read by the same rules as the bot's upload and `lint`. */
function readDraft(file: string): { table?: DraftTable; error?: string } {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch {
    return { error: `无法读取文件：${file}` };
  }
  const read = readDraftFile(bytes);
  return read.ok ? { table: read.table } : { error: `${read.title}：${file}（${read.detail}）` };
}

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        out: { type: 'string', short: 'o' },
        layout: { type: 'string' },
        force: { type: 'boolean', default: false },
        all: { type: 'boolean', default: false },
        user: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    console.error(`参数有误：${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const layoutArg = values.layout ?? LAYOUTS[0]!.name;
  if (!isLayoutName(layoutArg)) {
    console.error(`没有这个版式：${layoutArg}。可选：${layoutList}`);
    return 2;
  }
  const layout: LayoutName = layoutArg;
  if (values.all) {
    const { renderAll } = await import('./renderAll.ts');
    return renderAll({ files: positionals, user: values.user, out: values.out, layout, force: values.force, env: process.env });
  }
  if (positionals.length !== 1 || values.user !== undefined) {
    console.error(USAGE);
    return 2;
  }

  const { table, error } = readDraft(positionals[0]!);
  if (!table) {
    console.error(error);
    return 1;
  }

  const findings = review(table);
  const blocked = hasErrors(findings);
  if (findings.length) (blocked ? console.error : console.log)(formatFindings(findings));
  if (blocked && !values.force) {
    console.error('\n存在错误，未生成文件。请修改后重试，或加 --force 强制生成（文档末尾将注明「未通过校验」）。');
    return 1;
  }

  const out = resolve(values.out ?? docxFileName(table));
  const buf = await render(table, { layout, unvalidatedNote: blocked });
  try {
    writeFileSync(out, buf);
  } catch {
    console.error(`无法写入文件：${out}`);
    return 1;
  }
  console.log(`${blocked ? '已强制生成（未通过校验）' : '已生成'}：${out}`);
  return 0;
}
