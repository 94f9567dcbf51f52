/**
 * `perf-target render --all` writes the department's set (DOCX + indicator xlsx) from a user's
 * finished drafts in the store, or from the tables in files; `perf-target lint` checks Word, Excel
 * and PDF tables like .json drafts.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../src/import/index.ts';
import { REPO_ROOT } from '../../src/library/load.ts';
import type { DraftRecord } from '../../src/dialog/records.ts';
import { LowdbDraftStore } from '../../src/store/lowdb.ts';
import { threeTables, threeTablesDocx } from './threeTables.ts';
import { effectiveTable } from '../../src/dialog/drafts/defaults.ts';
import { rollForward } from '../../src/dialog/drafts/rollForward.ts';
import { NOW } from '../dialog/helpers.ts';

const run = promisify(execFile);
const BIN = join(REPO_ROOT, 'bin', 'perf-target.js');

async function cli(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', [BIN, ...args], { encoding: 'utf8', cwd: opts.cwd, env: { ...process.env, ...opts.env } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

async function xlsxRows(file: string): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
  return wb.worksheets[0]!.rowCount - 1;
}

describe('perf-target render --all', () => {
  it('writes the finished drafts of a user (not the active ones, not another user’s) as one DOCX and one xlsx', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'render-all-'));
    const dataDir = join(dir, 'data');
    const store = new LowdbDraftStore({ dataDir, log: () => undefined });
    const now = Date.parse('2026-03-01T08:00:00Z');
    const record = (userKey: string, i: number, status: 'done' | 'active'): DraftRecord => ({
      id: `d${i}`,
      userKey,
      status,
      step: 'review' as const,
      indicatorsConfirmed: true,
      table: effectiveTable(rollForward(threeTables[i]!, 2027), NOW()).table,
      createdAt: new Date(now + i).toISOString(),
      updatedAt: new Date(now + i).toISOString(),
    });
    await store.put(record('console:local', 0, 'done'));
    await store.put(record('console:local', 1, 'done'));
    await store.put(record('console:local', 2, 'active'));
    await store.put(record('telegram:1:1', 2, 'done'));
    await store.close();
    const r = await cli(['render', '--all', '-o', join(dir, '全部.docx')], { env: { DATA_DIR: dataDir } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('已生成 2 张表');
    const back = await importFile('全部.docx', readFileSync(join(dir, '全部.docx')));
    if (!back.ok) throw new Error(back.message);
    expect(back.tables.map((t) => t.projectName)).toEqual([0, 1].map((i) => rollForward(threeTables[i]!, 2027).projectName));
    expect(await xlsxRows(join(dir, '全部.xlsx'))).toBe(threeTables[0]!.indicators.length + threeTables[1]!.indicators.length);
    // Another user's finished draft: only theirs.
    const other = await cli(['render', '--all', '--user', 'telegram:1:1', '-o', join(dir, '他的.docx')], { env: { DATA_DIR: dataDir } });
    expect(other.stdout).toContain('已生成 1 张表');
    const nobody = await cli(['render', '--all', '--user', 'feishu:x'], { env: { DATA_DIR: dataDir }, cwd: dir });
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain('还没有已生成的表');
  }, 60_000);

  it('from files: every table of a Word file and a PDF, default names in the working directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'render-all-files-'));
    writeFileSync(join(dir, '三张.docx'), await threeTablesDocx());
    const pdf = join(REPO_ROOT, 'tests', 'import', 'fixtures', 'pdf-mof-layout.pdf');
    const r = await cli(['render', '--all', '三张.docx', pdf, '--layout', 'compact', '--force'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('已生成 4 张表');
    const year = threeTables[0]!.year;
    expect(existsSync(join(dir, `${year}_全部绩效目标表.docx`))).toBe(true);
    expect(await xlsxRows(join(dir, `${year}_绩效指标清单.xlsx`))).toBe(threeTables.reduce((n, t) => n + t.indicators.length, 0) + 7);
    const bad = await cli(['render', '--all', join(dir, '没有.docx')], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('无法读取文件');
  }, 60_000);
});

describe('perf-target lint on table files', () => {
  it('checks every table of a Word file and a PDF, with --json per table; refuses a .doc', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lint-files-'));
    writeFileSync(join(dir, '三张.docx'), await threeTablesDocx());
    const word = await cli(['lint', join(dir, '三张.docx')]);
    expect(word.stdout).toContain('3 张表');
    for (const t of threeTables) expect(word.stdout).toContain(t.projectName!);
    const json = JSON.parse((await cli(['lint', join(REPO_ROOT, 'tests', 'import', 'fixtures', 'pdf-three-tables.pdf'), '--json'])).stdout) as {
      format: string;
      tables: Array<{ name: string; findings: unknown[] }>;
    };
    expect(json.format).toBe('pdf');
    expect(json.tables).toHaveLength(3);
    writeFileSync(join(dir, '旧.doc'), 'x');
    const old = await cli(['lint', join(dir, '旧.doc')]);
    expect(old.code).toBe(2);
    expect(old.stderr).toContain('另存为');
  }, 60_000);
});
