/** Builds the assistant from the environment: a real model when configured, otherwise fallbacks only. */
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { Assistant } from './assistant.ts';
import { DEFAULT_TIMEOUT_MS, readLlmConfig, type LlmConfig } from './config.ts';
import { loadPrompts } from './prompts.ts';

export { Assistant, type Drafted } from './assistant.ts';

/** Loaded on first use: the OpenAI client costs a few hundred ms at start-up, and most runs never call it. */
export async function createChatModel(config: LlmConfig): Promise<BaseChatModel> {
  const { ChatOpenAI } = await import('@langchain/openai');
  return new ChatOpenAI({
    model: config.model,
    apiKey: config.apiKey,
    configuration: config.baseUrl ? { baseURL: config.baseUrl } : undefined,
    timeout: config.timeoutMs,
    // A retry would make the user wait past the timeout; the fallback is the retry.
    maxRetries: 0,
    temperature: 0.2,
  });
}

/** Prompts are checked here even without a model, so a broken prompt file fails at start-up. */
export function createAssistant(env: Record<string, string | undefined>, log?: (m: string) => void): Assistant {
  const prompts = loadPrompts();
  const config = readLlmConfig(env);
  if (!config) return new Assistant(undefined, prompts, { timeoutMs: DEFAULT_TIMEOUT_MS, structuredMethod: 'functionCalling', log });
  return new Assistant(() => createChatModel(config), prompts, {
    timeoutMs: config.timeoutMs,
    structuredMethod: config.structuredMethod,
    log,
  });
}
