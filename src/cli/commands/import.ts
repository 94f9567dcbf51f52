/**
 * `perf-target import <file> [--json]`: lists the tables a Word, Excel or PDF file holds; with
 * `--json`, the drafts an import would create (the draft schema), one array. Stores nothing.
 * Exit codes: 0 tables found, 1 the file cannot be imported, 2 bad usage.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { MAX_IMPORT_FILE_BYTES, tableLine } from '../../domain/importedFile.ts';
import { importFile, refusalForName } from '../../import/index.ts';

export const summary = '读取 Word/Excel/PDF 里的绩效目标表（不保存）：import <文件> [--json]';

const USAGE = '用法：perf-target import <文件.docx|.xlsx|.pdf> [--json]';

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } } });
  } catch (e) {
    console.error(`参数有误：${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (parsed.values.help) return console.log(USAGE), 0;
  if (parsed.positionals.length !== 1) return console.error(USAGE), 2;
  const file = parsed.positionals[0]!;
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    console.error(`找不到文件：${file}`);
    return 1;
  }
  // Refuse by name and size before reading a 50 MB file into memory.
  const early = refusalForName(basename(file), size > MAX_IMPORT_FILE_BYTES ? size : undefined);
  if (early) return console.error(`${file}：${early}`), 1;
  const result = await importFile(basename(file), readFileSync(file));
  if (!result.ok) return console.error(`${file}：${result.message}`), 1;
  if (parsed.values.json) {
    console.log(JSON.stringify(result.tables, null, 2));
    return 0;
  }
  console.log(`${file}：找到 ${result.tables.length} 张表`);
  result.tables.forEach((t, i) => console.log(`${i + 1}. ${tableLine(t)}`));
  return 0;
}
