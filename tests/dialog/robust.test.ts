import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Input } from '../../src/dialog/types.ts';
import { newEngine, tempDir, type TestEngine } from './helpers.ts';

let dir: ReturnType<typeof tempDir>;
let engine: TestEngine;
beforeAll(async () => {
  dir = tempDir();
  engine = await newEngine(dir.dir);
});
afterAll(async () => {
  await engine.close();
  dir.cleanup();
});

const WORDS = [
  '社区矫正工作经费', '某区司法局', '20', '实施期60万，年度20万，财政拨款15万，其他资金5万', '用于培训和宣传',
  '全部采用', '1,3,5-7', '改 2 ≥98%', '删 1', '加 质量指标 合格率 ≥95%', '指标 法律援助', '生成', '返回', '跳过',
  '修改 金额', '修改', '查看', '取消', '新建', '草稿', '版式', '复制上一份', '/help', '/done', '/edit 目标',
  '项目名称：X\n金额：abc', '25/50/75/100', '2026年1月至2026年12月', '', '   ', '0', '-1', '1e309', '改 999 1',
];

const input: fc.Arbitrary<Input> = fc.oneof(
  fc.constantFrom(...WORDS).map((text) => ({ type: 'text' as const, text })),
  fc.string({ unit: 'binary', maxLength: 60 }).map((text) => ({ type: 'text' as const, text })),
  fc.constantFrom('1.all', '2.gen', '3.edit', '9.ed:amounts', '1.lay:5', '1.dr:nope', 'x', '').map((id) => ({ type: 'choice' as const, id })),
);

describe('robustness', () => {
  it('any sequence of messages and button ids gets a reply and never an internal error', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(input, { minLength: 1, maxLength: 25 }), async (inputs) => {
        const key = `fuzz:${run++}`;
        for (const i of inputs) {
          const replies = await engine.handle(key, i);
          expect(replies.length).toBeGreaterThan(0);
          const text = replies.map((r) => ('text' in r ? r.text : '')).join('\n');
          expect(text).not.toContain('处理这条消息时出错');
          expect(text).not.toMatch(/undefined|NaN|\[object/);
        }
      }),
      { numRuns: 40 },
    );
  });
});
