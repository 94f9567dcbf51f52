/** Amounts the model or the user give in extreme sizes stay plain decimals all the way through. */
import { FakeListChatModel } from '@langchain/core/utils/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/app.ts';
import { loadLibrary } from '../../src/library/load.ts';
import { Assistant } from '../../src/llm/assistant.ts';
import { loadPrompts } from '../../src/llm/prompts.ts';
import { NOW, User, tempDir, type TestEngine } from './helpers.ts';

const prompts = loadPrompts();
const library = loadLibrary();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function withModel(responses: string[]): Promise<TestEngine> {
  const model = new FakeListChatModel({ responses });
  const assistant = new Assistant(model, prompts, { timeoutMs: 2000, structuredMethod: 'functionCalling', log: () => undefined });
  const { dir, cleanup } = tempDir('dialog-numbers-');
  const engine = await createEngine({ dataDir: dir, now: NOW, log: () => undefined, library, assistant });
  cleanups.push(async () => {
    await engine.close();
    cleanup();
  });
  return engine;
}

const PARAGRAPH = '我们明年要申请一大笔钱做社区矫正，主要是用于社区矫正对象的教育帮扶、心理矫治和日常监督管理。';

describe('a huge model amount', () => {
  it('goes back through the amount parser, is refused as out of range, and nothing else is lost', async () => {
    const engine = await withModel([
      JSON.stringify({ projectName: '社区矫正工作经费', amountWan: 1e21, fundUse: '用于社区矫正对象的教育帮扶和日常监督管理' }),
    ]);
    const u = new User(engine);
    await u.say(PARAGRAPH);
    expect(u.text()).toContain('金额太大了');
    expect(u.text()).toContain('已填写：项目名称、资金用途。');
    expect(u.text()).not.toMatch(/e\+/);
    await u.say('查看');
    expect(u.text()).toContain('年度金额：—');
  });
});
