/**
 * Their own history first: a table a user imported becomes evidence for that user's later
 * suggestions (named among the alike projects) and look-ups (shown first) — and never for another
 * user of the same bot.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/dialog/types.ts';
import { DraftTableSchema } from '../../src/domain/draft.ts';
import { render } from '../../src/render/index.ts';
import { newEngine, tempDir, type TestEngine } from '../dialog/helpers.ts';

const OWN = DraftTableSchema.parse({
  year: 2026,
  projectName: '网格化服务管理工作经费',
  department: '某区委政法委',
  fundUse: '用于全区286名专职网格员培训、网格化服务管理平台运维和网格员工作补贴',
  amounts: { unit: '万元', period: { total: 35.6 }, annual: { total: 35.6, fiscal: 35.6, other: 0 } },
  indicators: [
    { level1: '产出指标', level2: '数量指标', name: '培训专职网格员人数', value: '≥286人' },
    { level1: '产出指标', level2: '质量指标', name: '网格化服务管理平台事件办结率', value: '≥97%' },
    { level1: '产出指标', level2: '时效指标', name: '网格员补贴按月发放及时率', value: '100%' },
    { level1: '效益指标', level2: '社会效益指标', name: '网格员发现上报问题处置率', value: '≥95%' },
    { level1: '满意度指标', level2: '服务对象满意度指标', name: '网格内居民满意度', value: '≥92%' },
  ],
});

const NEW_PROJECT = [
  '项目名称：网格化服务管理工作经费',
  '主管部门：某区委政法委',
  '金额：38万元',
  '资金用途：用于全区286名专职网格员培训、网格化服务管理平台运维和网格员工作补贴',
].join('\n');

const text = (replies: Reply[]): string => replies.map((r) => (r.type === 'file' ? `[${r.name}]` : r.text)).join('\n');

let dir: ReturnType<typeof tempDir>;
let engine: TestEngine;
beforeEach(async () => {
  dir = tempDir('history-');
  engine = await newEngine(dir.dir);
});
afterEach(async () => {
  await engine.close();
  dir.cleanup();
});

describe('a user’s own imported tables as evidence', () => {
  it('are named first in look-ups and among the alike projects for that user only', async () => {
    const alice = 'telegram:1:1';
    const bob = 'telegram:2:2';
    const imported = text(await engine.handle(alice, { type: 'file', name: '去年.docx', bytes: await render(OWN) }));
    expect(imported).toContain('已导入 1 份草稿');
    await engine.handle(alice, { type: 'text', text: '全部同去年' });

    const mine = text(await engine.handle(alice, { type: 'text', text: '指标 网格化' }));
    expect(mine).toContain('你自己以前的表（只有你能看到）');
    expect(mine).toContain('网格化服务管理平台事件办结率');
    const theirs = text(await engine.handle(bob, { type: 'text', text: '指标 网格化' }));
    expect(theirs).not.toContain('你自己以前的表');
    expect(theirs).not.toContain('网格化服务管理平台事件办结率');

    await engine.handle(alice, { type: 'text', text: '新建' });
    const aliceDraft = text(await engine.handle(alice, { type: 'text', text: NEW_PROJECT }));
    expect(aliceDraft).toContain('参考了相近项目：网格化服务管理工作经费');
    await engine.handle(bob, { type: 'text', text: '新建' });
    const bobDraft = text(await engine.handle(bob, { type: 'text', text: NEW_PROJECT }));
    expect(bobDraft).not.toContain('参考了相近项目：网格化服务管理工作经费');
  }, 60_000);
});
