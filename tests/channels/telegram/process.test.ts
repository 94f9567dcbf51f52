/**
 * The real `perf-target start` process with the Telegram channel against the fake Bot API:
 * SIGTERM stops it cleanly after confirming the offset, and after a SIGKILL whose confirmation
 * never reached Telegram, the restarted process does not answer the re-delivered update again.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeBotApi } from './fakeBotApi.ts';
import { alice, tempDir, textOf } from './helpers.ts';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'bin', 'perf-target.js');

const cleanup: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const f of cleanup.reverse()) await f();
});

interface Bot {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function startBot(api: FakeBotApi, dataDir: string, cwd: string): Bot {
  // Only what the bot needs: nothing from the developer's shell (tokens, Feishu, LLM keys).
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    TELEGRAM_BOT_TOKEN: api.token,
    TELEGRAM_API_ROOT: api.apiRoot,
    DATA_DIR: dataDir,
    TELEGRAM_ALLOWED_USERS: '*',
  };
  const child = spawn(process.execPath, [BIN, 'start'], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  cleanup.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  });
  return { child, output: () => out, exited };
}

async function polling(api: FakeBotApi, since: number): Promise<void> {
  await api.waitFor(() => api.calls.slice(since).some((c) => c.method === 'getUpdates' && Number(c.params.timeout) > 0), 30_000, 'the bot to poll');
}

/**
 * Replies saved and not yet marked sent: the user files' outboxes, then the store's journal
 * (store/userFiles.ts: changes not yet written to the files), replayed in order as a restart would.
 */
function unsentReplies(dir: string): number {
  const users = join(dir, 'users');
  if (!existsSync(users)) return 0;
  const unsent = new Set<string>();
  for (const f of readdirSync(users).filter((f) => f.endsWith('.json'))) {
    const file = JSON.parse(readFileSync(join(users, f), 'utf8')) as { outbox?: Array<{ id: string }> };
    for (const o of file.outbox ?? []) unsent.add(o.id);
  }
  const segments = readdirSync(dir)
    .map((f) => /^journal-(\d+)\.jsonl$/.exec(f)?.[1])
    .filter((n) => n !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
  for (const n of segments) {
    for (const line of readFileSync(join(dir, `journal-${n}.jsonl`), 'utf8').split('\n').filter(Boolean)) {
      let change: { out?: Array<{ id: string }>; sent?: string[] };
      try {
        change = JSON.parse(line) as typeof change;
      } catch {
        continue; // the line being appended right now
      }
      for (const o of change.out ?? []) unsent.add(o.id);
      for (const id of change.sent ?? []) unsent.delete(id);
    }
  }
  return unsent.size;
}

describe('perf-target start with Telegram', () => {
  it('survives SIGTERM and SIGKILL without losing or replaying answers', async () => {
    const api = await new FakeBotApi().start();
    cleanup.push(() => api.close());
    const data = await tempDir();
    cleanup.push(() => data.remove());
    const cwd = await tempDir(); // no .env there
    cleanup.push(() => cwd.remove());

    // 1. First run: two answers, then SIGTERM.
    const first = startBot(api, data.dir, cwd.dir);
    await polling(api, 0);
    api.text(alice, '/new');
    await api.waitOutbox(alice.id, 1, 20_000);
    const { updateId: nameUpdate } = api.text(alice, '社区矫正教育帮扶项目');
    const afterName = await api.waitOutbox(alice.id, 2, 20_000);
    expect(textOf(afterName[1]!)).toContain('主管部门');
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    const lastPoll = api.callsOf('getUpdates').at(-1)!;
    expect(Number(lastPoll.params.offset)).toBe(nameUpdate + 1);

    // 2. Second run: one more answer, then the process dies before Telegram hears the confirmation.
    api.ignoreConfirmations = true;
    const mark2 = api.calls.length;
    const second = startBot(api, data.dir, cwd.dir);
    await polling(api, mark2);
    api.text(alice, '大连高新区司法局');
    const afterDept = await api.waitOutbox(alice.id, 3, 20_000);
    expect(textOf(afterDept[2]!)).toContain('金额'); // resumed from the store at the right question
    // The reply is marked sent right after it went out (a kill in between would send it again).
    for (let t = Date.now(); unsentReplies(data.dir) > 0; ) {
      if (Date.now() - t > 10_000) throw new Error('the reply was never marked sent');
      await new Promise((r) => setTimeout(r, 20));
    }
    second.child.kill('SIGKILL');
    await second.exited;

    // 3. Third run: Telegram re-delivers the department update; it must not be answered twice.
    api.ignoreConfirmations = false;
    const mark3 = api.calls.length;
    const third = startBot(api, data.dir, cwd.dir);
    await polling(api, mark3);
    await new Promise((r) => setTimeout(r, 500));
    expect(api.outbox(alice.id)).toHaveLength(3);
    expect(third.output()).toContain('already handled, skipped');
    api.text(alice, '20');
    const afterAmount = await api.waitOutbox(alice.id, 4, 20_000);
    expect(textOf(afterAmount[3]!)).toContain('用途');
    third.child.kill('SIGTERM');
    expect(await third.exited).toBe(0);

    for (const bot of [first, second, third]) expect(bot.output()).not.toContain(api.token.split(':')[1]);
  }, 90_000);
});
