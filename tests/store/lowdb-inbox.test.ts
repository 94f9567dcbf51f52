import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LowdbInbox } from '../../src/store/inbox.ts';
import { LowdbDraftStore } from '../../src/store/lowdb.ts';
import { inboxContract } from './inbox-contract.ts';

inboxContract('lowdb', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'inbox-contract-'));
  const open = async () => {
    const store = new LowdbDraftStore({ dataDir, log: () => undefined });
    return { store, inbox: await LowdbInbox.open(dataDir, store, { name: 'inbox-test' }) };
  };
  return {
    open,
    cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
});

describe('LowdbInbox journal', () => {
  /** 2,000 updates of ~1 kB (a Feishu event), all but every 41st applied; returns the journal's largest size. */
  async function run(dataDir: string, compactAtBytes: number): Promise<number> {
    const inbox = await LowdbInbox.open(dataDir, new LowdbDraftStore({ dataDir, log: () => undefined }), { name: 'inbox-test', compactAtBytes });
    const file = join(dataDir, 'inbox-test.jsonl');
    let largest = 0;
    for (let i = 0; i < 2000; i++) {
      const id = `u:${i}`;
      await inbox.put({ id, userKey: `user${i % 20}`, order: i, payload: { text: 'x'.repeat(1000) }, at: Date.now() });
      if (i % 41 !== 0) await inbox.done(`user${i % 20}`, id);
      largest = Math.max(largest, statSync(file).size);
    }
    // Replies queued for one user: its `out` line must survive compaction.
    await inbox.put({ id: 'r:1', userKey: 'replied', order: 1, payload: {}, at: Date.now() });
    await inbox.settle('replied', { id: 'r:1', route: null }, [{ type: 'text', text: '好的' }]);
    await inbox.done('replied', 'r:1');
    await inbox.close();
    return largest;
  }

  it('is compacted while running, so it stays bounded, and replays to the same state', async () => {
    const [dataDir, plainDir] = [mkdtempSync(join(tmpdir(), 'inbox-compact-')), mkdtempSync(join(tmpdir(), 'inbox-plain-'))];
    try {
      const largest = await run(dataDir, 20_000);
      const uncompacted = await run(plainDir, Infinity);
      expect(largest).toBeLessThan(uncompacted / 2);

      const again = await LowdbInbox.open(dataDir, new LowdbDraftStore({ dataDir, log: () => undefined }), { name: 'inbox-test' });
      try {
        // Every 41st update was left pending, some of every user's.
        expect((await again.next('user0'))?.id).toBe('u:0');
        const users = await again.users();
        expect(users.sort()).toEqual([...Array.from({ length: 20 }, (_, u) => `user${u}`), 'replied'].sort());
        for (let i = 0; i < 2000; i++) expect(await again.put({ id: `u:${i}`, userKey: `user${i % 20}`, order: i, payload: {}, at: Date.now() })).toBe(false);
        expect(again.size).toBe(2001);
      } finally {
        await again.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(plainDir, { recursive: true, force: true });
    }
  });
});
