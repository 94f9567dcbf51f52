import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../src/library/load.ts';
import { UNVALIDATED_NOTE } from '../../src/render/index.ts';
import { openDocx } from './docxXml.ts';

const BIN = join(REPO_ROOT, 'bin', 'perf-target.js');

/** Runs the real CLI in a fresh directory, as a user would. */
function cli(args: string[], cwd: string): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [BIN, 'render', ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const GOOD = {
  year: 2025,
  projectName: '社区矫正工作经费',
  department: '某区司法局',
  implementer: '某区社区矫正管理局',
  period: '2025年1月至2025年12月',
  amounts: { unit: '万元', period: { total: 20, fiscal: 20, other: 0 }, annual: { total: 20, fiscal: 20, other: 0 } },
  fundUse: '用于社区矫正对象教育帮扶、走访核查和信息化监管。',
  spendingPlan: { mar: 10, jun: 35, oct: 70, dec: 100 },
  targets: { period: '1. 实施期内社区矫正对象零脱管。', annual: '1. 年度内开展教育帮扶活动不少于12次。' },
  indicators: [
    { level1: '产出指标', level2: '数量指标', name: '教育帮扶次数', value: '≥12次', description: '集中教育次数', basis: '年度计划' },
    { level1: '产出指标', level2: '质量指标', name: '档案规范率', value: '≥98%', description: '档案完整规范', basis: '考核办法' },
    { level1: '产出指标', level2: '时效指标', name: '报到衔接时限', value: '≤10日', description: '接收后报到', basis: '社区矫正法' },
    { level1: '产出指标', level2: '成本指标', name: '人均帮扶成本', value: '≤500元/人', description: '帮扶经费/人数', basis: '预算测算' },
    { level1: '效益指标', level2: '社会效益指标', name: '重新犯罪率', value: '≤0.2%', description: '矫正期内再犯', basis: '历年数据' },
    { level1: '满意度指标', level2: '服务对象满意度指标', name: '矫正对象满意度', value: '≥90%', description: '问卷满意率', basis: '满意度调查' },
  ],
};

/** The reviewer would reject this: 财政拨款 + 其他资金 ≠ 合计 and a percentage over 100. */
const BAD = {
  ...GOOD,
  amounts: { unit: '万元', period: { total: 20, fiscal: 5, other: 0 }, annual: { total: 20, fiscal: 5, other: 0 } },
  indicators: GOOD.indicators.map((i) => (i.name === '档案规范率' ? { ...i, value: '≥900%' } : i)),
};

function workdir(draft: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'render-cli-'));
  writeFileSync(join(dir, 'draft.json'), JSON.stringify(draft));
  return dir;
}

const docxIn = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.docx'));

describe('perf-target render', () => {
  it('writes a valid draft to the default file name, full layout', async () => {
    const dir = workdir(GOOD);
    const r = cli(['draft.json'], dir);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('已生成');
    expect(docxIn(dir)).toEqual(['2025_社区矫正工作经费_绩效目标表.docx']);
    const d = await openDocx(readFileSync(join(dir, '2025_社区矫正工作经费_绩效目标表.docx')));
    expect(d.paragraphs[0]).toBe('项目支出绩效目标表');
    expect(d.xml).not.toContain('未通过校验');
  });

  it('honours -o and --layout compact, and accepts a draft wrapped as { table }', async () => {
    const dir = workdir({ id: 'd1', table: GOOD });
    const r = cli(['draft.json', '-o', 'out.docx', '--layout', 'compact'], dir);
    expect(r.code, r.err).toBe(0);
    const d = await openDocx(readFileSync(join(dir, 'out.docx')));
    expect(d.paragraphs[0]).toBe('本级预算项目绩效目标表');
  });

  it('reviews with the template library, as the chat does: a target copied from another project is named', () => {
    const dir = workdir({ ...GOOD, targets: { ...GOOD.targets, period: '购买法律顾问咨询服务，切实提高法律服务质量。' } });
    const r = cli(['draft.json', '-o', 'out.docx'], dir);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('与模板库中「');
    expect(existsSync(join(dir, 'out.docx'))).toBe(true);
  });

  it('prints the findings and writes nothing when the draft has errors', () => {
    const dir = workdir(BAD);
    const r = cli(['draft.json', '-o', 'out.docx'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain('错误');
    expect(r.err).toContain('--force');
    expect(existsSync(join(dir, 'out.docx'))).toBe(false);
    expect(docxIn(dir)).toEqual([]);
  });

  it('with --force writes anyway and marks the document 未通过校验', async () => {
    const dir = workdir(BAD);
    const r = cli(['draft.json', '-o', 'out.docx', '--force'], dir);
    expect(r.code, r.err).toBe(0);
    const d = await openDocx(readFileSync(join(dir, 'out.docx')));
    expect(d.paragraphs.at(-1)).toBe(UNVALIDATED_NOTE);
  });

  it('rejects an unknown layout, a broken file and a missing argument', () => {
    const dir = workdir(GOOD);
    writeFileSync(join(dir, 'broken.json'), '{ not json');
    expect(cli(['draft.json', '--layout', 'fancy'], dir)).toMatchObject({ code: 2 });
    const broken = cli(['broken.json'], dir);
    expect(broken.code).toBe(1);
    expect(broken.err).toContain('不是有效的 JSON');
    const wrongShape = workdir({ indicators: 'many' });
    expect(cli(['draft.json'], wrongShape)).toMatchObject({ code: 1 });
    expect(cli([], dir).code).toBe(2);
    expect(docxIn(dir)).toEqual([]);
  });

  it('reads a file by the same rules as lint and the bot: a JSON that is not a draft is refused, not rendered empty', () => {
    const dir = workdir({ name: 'some-package', version: '1.0.0' });
    const r = cli(['draft.json', '--force'], dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain('不是绩效目标表草稿：draft.json（没有项目名称、金额、指标等任何字段）');
    expect(docxIn(dir)).toEqual([]);
    writeFileSync(join(dir, 'broken.json'), '{"projectName": ');
    expect(cli(['broken.json'], dir).err.trim()).toBe('不是有效的 JSON：broken.json（内容不完整，在结尾处中断）');
  });
});
