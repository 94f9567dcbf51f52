import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { redact, secretValues } from '../../src/channels/redact.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const CHILD = resolve(import.meta.dirname, 'fixtures/redact-child.ts');

describe('secret redaction', () => {
  it('takes every secret-named variable and a URL password, not ordinary settings', () => {
    const secrets = secretValues({
      LLM_API_KEY: 'sk-abcdef123456',
      TELEGRAM_BOT_TOKEN: '123:ABCdef',
      FEISHU_APP_SECRET: 'feishu-secret-1',
      FEISHU_ENCRYPT_KEY: 'enc-key-123',
      REDIS_URL: 'redis://:p%40ss-word@127.0.0.1:6379',
      LLM_MODEL: 'deepseek-chat',
      DATA_DIR: './data/runtime',
    });
    expect(secrets).toEqual(expect.arrayContaining(['sk-abcdef123456', '123:ABCdef', 'feishu-secret-1', 'enc-key-123', 'p@ss-word', 'p%40ss-word']));
    expect(secrets).not.toContain('deepseek-chat');
    expect(redact('key sk-abcdef123456 and p@ss-word', secrets)).toBe('key [REDACTED] and [REDACTED]');
  });

  it('a model endpoint that quotes LLM_API_KEY back in its error never gets it into a log line', async () => {
    const key = 'sk-test-0123456789abcdef';
    let calls = 0;
    const server = createServer((req, res) => {
      calls++;
      req.resume();
      req.on('end', () => {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: `Incorrect API key provided: ${key}. You can find your API key at …`, type: 'invalid_request_error', code: 'invalid_api_key' } }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    try {
      const env = {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        LLM_API_KEY: key,
        LLM_BASE_URL: `http://127.0.0.1:${port}/v1`,
        LLM_TIMEOUT_MS: '10000',
        TELEGRAM_BOT_TOKEN: '123456:AAHsecretTokenPart',
        FEISHU_APP_SECRET: 'feishu-app-secret-xyz',
        REDIS_URL: 'redis://:redis-pass-42@127.0.0.1:1',
      };
      const child = spawn(process.execPath, ['--import', 'tsx', CHILD], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (b: Buffer) => (out += b.toString()));
      child.stderr.on('data', (b: Buffer) => (err += b.toString()));
      const code = await new Promise<number | null>((r) => child.once('close', r));
      expect(code, err).toBe(0);
      expect(calls).toBeGreaterThan(0);
      // The quoted error did reach the log, with the key blanked.
      expect(err).toContain('Incorrect API key provided: [REDACTED]');
      for (const secret of [key, 'AAHsecretTokenPart', 'feishu-app-secret-xyz', 'redis-pass-42']) {
        expect(err).not.toContain(secret);
        expect(out).not.toContain(secret);
      }
      expect(out).toContain('redis at redis://:[REDACTED]@127.0.0.1:1');
      expect(out).toContain('done');
    } finally {
      server.close();
    }
  }, 60_000);
});
