import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = 'bin/perf-target.js';

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', [BIN, ...args], { encoding: 'utf8' });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('perf-target CLI', () => {
  it('lists its commands and rejects unknown ones', async () => {
    const help = await cli();
    expect(help.code).toBe(0);
    for (const c of ['library', 'lookup', 'suggest', 'lint', 'render', 'start', 'bench']) expect(help.stdout).toContain(c);
    const bad = await cli('frobnicate');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('未知命令');
  });

  it('suggest --json prints a complete composed set, its targets, and says when the library holds nothing alike', async () => {
    const r = await cli('suggest', '禁毒宣传经费', '--purpose', '开展禁毒宣传进社区活动', '--amount', '12', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      indicators: Array<{ level1: string; level2: string; name: string; value: string }>;
      targets: { period: string; annual: string };
      similar: Array<{ id: string; name: string; score: number }>;
      weak: boolean;
    };
    const level2 = out.indicators.map((i) => i.level2);
    for (const l of ['数量指标', '质量指标', '时效指标', '成本指标', '服务对象满意度指标']) expect(level2).toContain(l);
    expect(out.indicators.find((i) => i.level2 === '成本指标')!.value).toBe('≤12万元');
    expect(out.indicators.map((i) => i.name).join()).toContain('禁毒');
    expect(out.targets.annual).toMatch(/^1\./);
    expect(out).toMatchObject({ weak: true, similar: [] });
    const known = JSON.parse((await cli('suggest', '社区矫正工作经费', '--json')).stdout) as { similar: Array<{ name: string; score: number }> };
    expect(known.similar[0]!.name).toMatch(/社区矫正/);
  });

  it('suggest explains a bad amount', async () => {
    const r = await cli('suggest', '禁毒宣传经费', '--amount', '十万');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--amount');
    const typo = await cli('suggest', '禁毒宣传经费', '--amonut', '20');
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('--amonut');
  });

  it('lookup prints grouped indicators, as text and as JSON', async () => {
    const text = await cli('lookup', '法律援助');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('「法律援助」相关项目');
    expect(text.stdout).toContain('【产出指标】');
    const json = JSON.parse((await cli('lookup', '信访', '--json')).stdout) as { groups: Array<{ level2: string }> };
    expect(json.groups.map((g) => g.level2)).toContain('数量指标');
    expect((await cli('lookup')).code).toBe(2);
  });
});
