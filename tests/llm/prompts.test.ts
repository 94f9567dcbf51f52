import { describe, expect, it } from 'vitest';
import { fillPrompt, loadPrompts, parsePrompt } from '../../src/llm/prompts.ts';
import { readLlmConfig } from '../../src/llm/config.ts';

describe('prompts', () => {
  it('loads every prompt file with its placeholders', () => {
    const p = loadPrompts();
    expect(Object.keys(p).sort()).toEqual(['extract', 'indicators', 'targets']);
    expect(p.extract.user).toContain('{{text}}');
  });

  it('rejects a missing or unknown placeholder at load time', () => {
    expect(() => parsePrompt('extract', '# system\n你好\n# user\n没有占位符')).toThrow(/missing placeholder\(s\) text/);
    expect(() => parsePrompt('extract', '# system\n{{oops}}\n# user\n{{text}}')).toThrow(/unknown placeholder\(s\) oops/);
    expect(() => parsePrompt('extract', '{{text}}')).toThrow(/section/);
  });

  it('inserts values verbatim, without re-expanding placeholders inside them', () => {
    const p = parsePrompt('extract', '# system\ns\n# user\n文字：{{text}}');
    expect(fillPrompt<'extract'>(p, { text: '{{text}} $& 原文' }).user).toBe('文字：{{text}} $& 原文');
  });
});

describe('LLM configuration', () => {
  it('is off without a key', () => {
    expect(readLlmConfig({ LLM_MODEL: 'x', LLM_BASE_URL: 'http://127.0.0.1:1' })).toBeUndefined();
  });
  it('reads the settings with defaults', () => {
    expect(readLlmConfig({ LLM_API_KEY: 'k' })).toEqual({
      apiKey: 'k',
      model: 'deepseek-chat',
      baseUrl: undefined,
      timeoutMs: 20000,
      structuredMethod: 'functionCalling',
    });
    expect(readLlmConfig({ LLM_API_KEY: 'k', LLM_TIMEOUT_MS: '500', LLM_STRUCTURED_METHOD: 'jsonMode' })).toMatchObject({
      timeoutMs: 500,
      structuredMethod: 'jsonMode',
    });
    expect(() => readLlmConfig({ LLM_API_KEY: 'k', LLM_STRUCTURED_METHOD: 'magic' })).toThrow(/LLM_STRUCTURED_METHOD/);
  });
});
