/**
 * The terminal chat: import a three-table file, keep all three, give this year's amounts in one
 * reply, get one DOCX with three tables plus the indicator .xlsx — in at most 5 messages; and an
 * import (or a refused file) never changes another draft.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runConsole } from '../../src/channels/console/index.ts';
import { rollForward } from '../../src/dialog/drafts/rollForward.ts';
import { importFile } from '../../src/import/index.ts';
import { REFUSALS } from '../../src/import/refusals.ts';
import { renderSetDocx } from '../../src/render/set.ts';
import { LowdbDraftStore } from '../../src/store/lowdb.ts';
import { newEngine, tempDir } from '../dialog/helpers.ts';
import { threeTables } from './threeTables.ts';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir('import-dialog-');
});
afterEach(() => dir.cleanup());

const three = threeTables;

async function chat(lines: string[]): Promise<{ printed: string; outDir: string }> {
  const engine = await newEngine(join(dir.dir, 'data'));
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (c: Buffer) => (printed += c.toString()));
  const outDir = join(dir.dir, 'out');
  const channel = runConsole(engine, { input, output, outDir });
  input.end(lines.join('\n') + '\n');
  await channel.finished;
  await engine.close();
  return { printed, outDir };
}

describe('import in the terminal chat', () => {
  it('three tables, all kept, amounts in one reply, one DOCX with three tables plus the xlsx, in 4 messages', async () => {
    expect(three).toHaveLength(3);
    const file = join(dir.dir, '去年三张表.docx');
    writeFileSync(file, await renderSetDocx(three));
    const found = await importFile('去年三张表.docx', readFileSync(file));
    if (!found.ok) throw new Error(found.message);
    const rolled = found.tables.map((t) => rollForward(t, 2027));
    // This year: 10% more for each, in each table's own unit.
    const amounts = three.map((t) => Math.round(t.amounts.annual.total! * 1.1));
    const { printed, outDir } = await chat([`导入 ${file}`, '全部', amounts.join(', '), '生成全部']);
    expect(printed).toContain('找到 3 张表');
    for (const t of rolled) expect(printed).toContain(`${t.projectName}：去年 ${t.amounts.annual.total}${t.amounts.unit}`);
    expect(printed).toContain('已生成 3 张表');
    const files = readdirSync(outDir).sort();
    expect(files).toEqual(['2027_全部绩效目标表.docx', '2027_绩效指标清单.xlsx']);
    const back = await importFile('x.docx', readFileSync(join(outDir, files[0]!)));
    if (!back.ok) throw new Error(back.message);
    expect(back.tables.map((t) => t.projectName)).toEqual(rolled.map((t) => t.projectName));
    expect(back.tables.map((t) => t.amounts.annual.total)).toEqual(amounts);
    expect(back.tables.every((t) => t.year === 2027 && t.period?.startsWith('2027年'))).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(join(outDir, files[1]!)) as unknown as ArrayBuffer);
    const rows = wb.worksheets[0]!.rowCount - 1;
    expect(rows).toBe(three.reduce((n, t) => n + t.indicators.length, 0));
  });

  it('全部同去年 keeps last year’s amounts; a pick by number imports only that table', async () => {
    const file = join(dir.dir, '两张.docx');
    writeFileSync(file, await renderSetDocx(three.slice(0, 2)));
    const { printed } = await chat([`导入 ${file}`, '第 2 张', '全部同去年']);
    const found = await importFile('两张.docx', readFileSync(file));
    if (!found.ok) throw new Error(found.message);
    const [a, b] = found.tables.map((t) => rollForward(t, 2027));
    expect(printed).toContain(`1. ${b!.projectName}：去年`);
    expect(printed).not.toContain(`1. ${a!.projectName}：去年`);
    expect(printed).toContain(`${b!.projectName} · ${b!.amounts.annual.total}${b!.amounts.unit}`);
  });

  it('a refused file or an import leaves the other drafts exactly as they were', async () => {
    const dataDir = join(dir.dir, 'data');
    const old = join(dir.dir, '旧表.doc');
    writeFileSync(old, 'x');
    const file = join(dir.dir, '两张.docx');
    writeFileSync(file, await renderSetDocx(three.slice(0, 2)));
    const { printed } = await chat(['社区矫正工作经费', '某区司法局', `导入 ${old}`]);
    expect(printed).toContain(REFUSALS.oldWord);
    const store = new LowdbDraftStore({ dataDir, log: () => undefined });
    const before = JSON.stringify(await store.list('console:local'));
    await store.close();
    expect(JSON.parse(before)).toHaveLength(1);
    await chat([`导入 ${file}`, '全部', '全部同去年']);
    const after = new LowdbDraftStore({ dataDir, log: () => undefined });
    const drafts = await after.list('console:local');
    await after.close();
    expect(drafts).toHaveLength(3);
    const mine = drafts.find((d) => d.table.projectName === '社区矫正工作经费');
    expect(JSON.stringify(mine)).toBe(JSON.stringify(JSON.parse(before)[0]));
  });
});
