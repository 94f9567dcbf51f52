/** `perf-target import`: lists what a file holds, `--json` prints the drafts, nothing is stored. */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DraftTableSchema } from '../../src/domain/draft.ts';
import { loadLibrary } from '../../src/library/load.ts';
import { tableFromLibraryProject } from '../../src/library/toTable.ts';
import { render } from '../../src/render/index.ts';

const run = promisify(execFile);

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', ['bin/perf-target.js', ...args], { encoding: 'utf8' });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('perf-target import', () => {
  const dir = mkdtempSync(join(tmpdir(), 'import-cli-'));
  const table = tableFromLibraryProject(loadLibrary().projects[0]!);

  it('lists the table with name, amount and indicator count; --json gives drafts in the schema', async () => {
    const file = join(dir, '去年.docx');
    writeFileSync(file, await render(table));
    const list = await cli('import', file);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('找到 1 张表');
    expect(list.stdout).toContain(`1. ${table.projectName} · ${table.amounts.annual.total}${table.amounts.unit} · ${table.indicators.length} 个指标`);
    const json = await cli('import', file, '--json');
    const drafts = DraftTableSchema.array().parse(JSON.parse(json.stdout));
    expect(drafts).toHaveLength(1);
    expect(drafts[0]!.projectName).toBe(table.projectName);
  });

  it('refuses other files with a Chinese reason and exit code 1', async () => {
    const file = join(dir, '旧表.doc');
    writeFileSync(file, 'x');
    const r = await cli('import', file);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('另存为');
    expect((await cli('import', join(dir, '没有.docx'))).stderr).toContain('找不到文件');
    expect((await cli('import')).code).toBe(2);
  });
});
