import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lint, type LintIO } from '../../src/cli/commands/lint.ts';
import type { Library } from '../../src/library/types.ts';
import { validTable } from './fixtures.ts';

let dir: string;
const file = (name: string, content: string): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

async function runLint(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: LintIO = { out: (s) => out.push(s), err: (s) => err.push(s) };
  const code = await lint(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const good = () => validTable();
const bad = () => {
  const t = validTable();
  t.indicators[1]!.value = '≥900%';
  t.indicators[5]!.value = '≥100%';
  return t;
};
const warnOnly = () => {
  const t = validTable();
  t.spendingPlan = {};
  return t;
};

function library(): Library {
  const row = (level1: string, level2: string, name: string, raw: string) => ({
    level1,
    level2,
    name,
    value: { raw, kind: 'qualitative' as const },
  });
  return {
    version: 1,
    projects: [
      {
        id: '001-11',
        name: '劳务派遣人员工资',
        source: '001_test.txt',
        department: '某区政法委',
        year: 2024,
        period: '2024年1月至2024年12月',
        amount: { value: 165.35, unit: '万元' },
        fundUse: '预算数165.35万元，主要用于劳务派遣人员工资。',
        goals: ['通过此费用支出能够有效的调动工作积极性'],
        indicators: [
          row('产出指标', '数量指标', '派遣人员数量', '165.35万'),
          row('产出指标', '质量指标', '工资发放准确性', '≥900%'),
          row('产出指标', '时效指标', '发放时间', '2024年12月底前'),
          row('产出指标', '成本指标', '区级财政投入', '≤165.35万元'),
          row('效益指标', '生态效益指标', '生态效益指标', '≥100%'),
          row('满意度指标', '服务对象满意度指标', '派遣人员满意度', '≥90%'),
        ],
      },
      {
        id: '000-01',
        name: '法律信息数据库使用费',
        source: '000_test.txt',
        department: '政法办公室',
        year: 2023,
        period: '2023年1月至2023年12月',
        amount: { value: 9.88, unit: '万元' },
        fundUse: '用于购买第三方法律数据库服务。',
        goals: ['为重大决策合法性审查提供准确的法律法规咨询服务。'],
        indicators: [
          row('产出指标', '数量指标', '咨询产品数量', '≥5个'),
          row('产出指标', '质量指标', '数据库故障率', '≤5%'),
          row('产出指标', '时效指标', '服务有效时限', '2023年12月底前'),
          row('产出指标', '成本指标', '使用费', '≤9.88万元'),
          row('效益指标', '可持续影响指标', '正常使用年限', '≥5年'),
          row('满意度指标', '服务对象满意度指标', '区政法办满意度', '≥90%'),
        ],
      },
    ],
  };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lint-test-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('lint <file.json>', () => {
  it('exits 0 and says so for a clean draft', async () => {
    const r = await runLint([file('good.json', JSON.stringify(good()))]);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toContain('检查通过，未发现问题。');
  });

  it('exits 1 and groups findings by severity when there is an error', async () => {
    const r = await runLint([file('bad.json', JSON.stringify(bad()))]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('检查发现1个错误、1条提醒。');
    expect(r.out.indexOf('错误（须修改后才能生成）')).toBeLessThan(r.out.indexOf('提醒（建议修改）'));
    expect(r.out).toContain('≥900%');
  });

  it('exits 0 when there are only warnings', async () => {
    const r = await runLint([file('warn.json', JSON.stringify(warnOnly()))]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('尚未填写资金支出计划');
  });

  it('prints machine-readable findings with --json', async () => {
    const r = await runLint(['--json', file('bad2.json', JSON.stringify(bad()))]);
    expect(r.code).toBe(1);
    const data = JSON.parse(r.out) as { ok: boolean; errors: number; warnings: number; findings: Array<{ code: string; field: string }> };
    expect(data).toMatchObject({ ok: false, errors: 1, warnings: 1 });
    expect(data.findings.map((f) => [f.code, f.field])).toEqual([
      ['indicator.percent-range', 'indicators.1.value'],
      ['indicator.percent-at-least-100', 'indicators.5.value'],
    ]);
  });

  it('accepts a table wrapped as { table } and a UTF-8 BOM', async () => {
    const r = await runLint([file('wrapped.json', `\uFEFF${JSON.stringify({ id: 'd1', table: good() })}`)]);
    expect(r.code).toBe(0);
  });

  it.each([
    ['broken.json', '{"projectName": ', /^不是有效的 JSON：.*broken\.json/],
    ['array.json', '[1,2]', /^不是绩效目标表草稿：.*应为 JSON 对象/],
    ['package.json', '{"name":"x","version":"1.0.0"}', /^不是绩效目标表草稿：.*没有项目名称/],
    ['typed.json', '{"projectName": 42}', /^不是绩效目标表草稿：.*字段 projectName/],
    ['indicators.json', '{"indicators": [{"level1": "产出指标"}]}', /^不是绩效目标表草稿：.*字段 indicators\.0\./],
  ])('exits 2 with one line for %s', async (name, content, pattern) => {
    const r = await runLint([file(name, content)]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(pattern);
    expect(r.err.split('\n')).toHaveLength(1);
  });

  it('explains a JSON syntax error in Chinese, as the bot and render do', async () => {
    const r = await runLint([file('cut.json', '{"projectName": ')]);
    expect(r).toMatchObject({ code: 2, out: '' });
    expect(r.err).toBe(`不是有效的 JSON：${join(dir, 'cut.json')}（内容不完整，在结尾处中断）`);
    const typed = await runLint([file('typed2.json', '{"projectName": 42}')]);
    expect(typed.err).toBe(`不是绩效目标表草稿：${join(dir, 'typed2.json')}（字段 projectName：应为文字）`);
  });

  it('exits 2 for a missing file and for bad usage', async () => {
    expect(await runLint([join(dir, 'nope.json')])).toMatchObject({ code: 2, err: expect.stringMatching(/^找不到文件：/) });
    const none = await runLint([]);
    expect(none.code).toBe(2);
    expect(none.err).toContain('用法：perf-target lint');
    expect((await runLint(['--frobnicate', 'x.json'])).code).toBe(2);
    expect((await runLint(['a.json', 'b.json'])).code).toBe(2);
    expect(await runLint(['--help'])).toMatchObject({ code: 0, out: expect.stringContaining('用法') });
  });
});

describe('lint --library <file>', () => {
  it('prints per-rule counts with examples and the worst offenders', async () => {
    const r = await runLint(['--library', file('lib.json', JSON.stringify(library()))]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^模板库共2个项目：错误\d+个，提醒\d+条。/);
    expect(r.out).toMatch(/indicator\.percent-range\s+1 \/\s+1/);
    expect(r.out).toContain('例：001-11 劳务派遣人员工资 · 质量指标“工资发放准确性” ≥900%');
    expect(r.out).toMatch(/indicator\.money-as-quantity\s+1 \/\s+1/);
    expect(r.out).toMatch(/indicator\.placeholder-row\s+1 \/\s+1/);
    expect(r.out).toMatch(/问题最多的项目：\n {2}001-11 劳务派遣人员工资：错误2/);
  });

  it('counts per rule in --json', async () => {
    const r = await runLint(['--library', '--json', file('lib2.json', JSON.stringify(library()))]);
    const data = JSON.parse(r.out) as { projects: number; counts: Array<{ code: string; findings: number; projects: number }> };
    expect(data.projects).toBe(2);
    const counts = Object.fromEntries(data.counts.map((c) => [c.code, c.findings]));
    expect(counts).toEqual({
      'effect.eco-irrelevant': 1,
      'effect.social-missing': 2,
      'indicator.percent-range': 1,
      'indicator.placeholder-row': 1,
      'indicator.money-as-quantity': 1,
      'indicator.percent-at-least-100': 1,
      'spending.missing': 2,
    });
  });

  it('exits 2 when the library file is missing or malformed', async () => {
    expect((await runLint(['--library', join(dir, 'none.json')])).err).toMatch(/^找不到模板库：/);
    const r = await runLint(['--library', file('badlib.json', '{"version": 2, "projects": []}')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^模板库无法读取：/);
  });
});

describe('through the real binary', () => {
  const bin = (args: string[]) => spawnSync(process.execPath, ['bin/perf-target.js', 'lint', ...args], { encoding: 'utf8', timeout: 60_000 });

  it('returns the exit codes 0, 1 and 2', () => {
    expect(bin([file('bin-good.json', JSON.stringify(good()))]).status).toBe(0);
    expect(bin([file('bin-bad.json', JSON.stringify(bad()))]).status).toBe(1);
    const broken = bin([file('bin-broken.json', '{oops')]);
    expect(broken.status).toBe(2);
    expect(broken.stderr.trim().split('\n')).toHaveLength(1);
    expect(broken.stderr).not.toMatch(/\n\s+at /);
  });
});
