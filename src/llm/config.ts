/** LLM settings from the environment. No `LLM_API_KEY`, no model and no calls. */
export type StructuredMethod = 'functionCalling' | 'jsonMode' | 'jsonSchema';

export interface LlmConfig {
  apiKey: string;
  model: string;
  baseUrl?: string;
  timeoutMs: number;
  /** DeepSeek and most compatible servers reject `jsonSchema`: function calling is the safe default. */
  structuredMethod: StructuredMethod;
}

export const DEFAULT_TIMEOUT_MS = 20_000;
const METHODS: StructuredMethod[] = ['functionCalling', 'jsonMode', 'jsonSchema'];

export function readLlmConfig(env: Record<string, string | undefined>): LlmConfig | undefined {
  const apiKey = env.LLM_API_KEY?.trim();
  if (!apiKey) return undefined;
  const timeout = Number(env.LLM_TIMEOUT_MS);
  const method = env.LLM_STRUCTURED_METHOD as StructuredMethod | undefined;
  if (method && !METHODS.includes(method)) {
    throw new Error(`LLM_STRUCTURED_METHOD must be one of ${METHODS.join(', ')}`);
  }
  return {
    apiKey,
    model: env.LLM_MODEL?.trim() || 'deepseek-chat',
    baseUrl: env.LLM_BASE_URL?.trim() || undefined,
    timeoutMs: Number.isFinite(timeout) && timeout > 0 ? timeout : DEFAULT_TIMEOUT_MS,
    structuredMethod: method ?? 'functionCalling',
  };
}
