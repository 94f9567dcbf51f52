/**
 * The shared update pipeline (channels/pipeline.ts) on a real lowdb inbox with a scripted engine:
 * how many users it works on at once, and that the ones waiting for a slot lose nothing and keep
 * their order.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { Pipeline } from '../../src/channels/pipeline.ts';
import type { Engine } from '../../src/dialog/types.ts';
import { LowdbInbox } from '../../src/store/inbox.ts';
import { LowdbDraftStore } from '../../src/store/lowdb.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

it('works on at most maxActive users at once; the others wait, then get every answer in order', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pipeline-'));
  dirs.push(dataDir);
  const store = new LowdbDraftStore({ dataDir, log: () => undefined });
  const inbox = await LowdbInbox.open(dataDir, store, { name: 'inbox-test' });
  let running = 0;
  let most = 0;
  const engine: Engine = {
    async handle(_userKey, input) {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      return [{ type: 'text', text: input.type === 'text' ? input.text : '' }];
    },
  };
  const delivered = new Map<string, string[]>();
  const pipeline = new Pipeline({
    inbox,
    engine,
    log: () => undefined,
    failedText: '出错了',
    maxActive: 3,
    port: {
      route: (u) => u.userKey,
      prepare: async (u) => ({ input: { type: 'text', text: (u.payload as { t: string }).t } }),
      deliver: async (item, reply) => {
        const list = delivered.get(item.route as string) ?? [];
        list.push('text' in reply ? reply.text : '');
        delivered.set(item.route as string, list);
        return true;
      },
    },
  });
  try {
    const users = Array.from({ length: 12 }, (_, i) => `u${i}`);
    for (let k = 0; k < 3; k++) {
      for (const u of users) expect(await pipeline.accept({ id: `${u}:${k}`, userKey: u, order: k, payload: { t: `${u}-${k}` } })).toBe(true);
    }
    // Accepted work is counted while it waits for a slot (Telegram polling backs off on it).
    expect(pipeline.busy).toBe(12);
    await pipeline.idle();
    expect(most).toBe(3);
    for (const u of users) expect(delivered.get(u)).toEqual([`${u}-0`, `${u}-1`, `${u}-2`]);
  } finally {
    await pipeline.stop();
    await inbox.close();
    await store.close();
  }
});
