// The real ChatOpenAI client against a local OpenAI-compatible fake server: proves the configuration
// (LLM_BASE_URL, LLM_API_KEY, LLM_MODEL) and the HTTP path of one extraction end to end.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssistant } from '../../src/llm/index.ts';
import { checkTable } from '../../src/rules/index.ts';

interface Seen {
  path: string;
  auth: string | undefined;
  body: { model: string; tools?: Array<{ function: { name: string } }>; messages: Array<{ role: string; content: string }> };
}

const seen: Seen[] = [];
let server: Server;
let baseUrl: string;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const body = JSON.parse(await readBody(req)) as Seen['body'];
    seen.push({ path: req.url ?? '', auth: req.headers.authorization, body });
    const toolName = body.tools?.[0]?.function.name ?? 'extract_result';
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({
        id: 'chatcmpl-1',
        object: 'chat.completion',
        created: 1,
        model: body.model,
        choices: [
          {
            index: 0,
            finish_reason: 'tool_calls',
            message: {
              role: 'assistant',
              content: null,
              tool_calls: [
                {
                  id: 'call_1',
                  type: 'function',
                  function: {
                    name: toolName,
                    arguments: JSON.stringify({ projectName: '禁毒宣传经费', department: '某区政法委', amountWan: 12.5 }),
                  },
                },
              ],
            },
          },
        ],
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('ChatOpenAI over HTTP', () => {
  it('extracts draft fields through a function call', async () => {
    const assistant = createAssistant({ LLM_API_KEY: 'test-key', LLM_BASE_URL: baseUrl, LLM_MODEL: 'fake-model' }, () => {});
    const r = await assistant.extract('我们明年要申请12.5万做禁毒宣传', () => ({}), (t) => checkTable(t));
    expect(r.byModel).toBe(true);
    expect(r.value).toMatchObject({ projectName: '禁毒宣传经费', department: '某区政法委' });
    expect(r.value.amounts?.annual.total).toBe(12.5);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.path).toBe('/v1/chat/completions');
    expect(seen[0]!.auth).toBe('Bearer test-key');
    expect(seen[0]!.body.model).toBe('fake-model');
    expect(seen[0]!.body.messages.at(-1)!.content).toContain('12.5万做禁毒宣传');
  });

  it('falls back when the server is unreachable', async () => {
    const assistant = createAssistant({ LLM_API_KEY: 'k', LLM_BASE_URL: 'http://127.0.0.1:9/v1', LLM_TIMEOUT_MS: '3000' }, () => {});
    const r = await assistant.extract('文字', () => ({ projectName: '规则解析' }), (t) => checkTable(t));
    expect(r).toEqual({ value: { projectName: '规则解析' }, byModel: false });
  });
});
