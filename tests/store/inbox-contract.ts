/**
 * The Inbox contract (store/inbox.ts), run against the lowdb journal (lowdb-inbox.test.ts) and
 * Redis (redis-inbox.test.ts) with the draft store each one is deployed with: an update is kept
 * once, handed out in the platform's order, applied once (by a turn's commit or by settle) and
 * answered from an outbox that survives a restart.
 */
import { describe, expect, it } from 'vitest';
import { UpdateAppliedError } from '../../src/dialog/conflict.ts';
import type { DraftStore } from '../../src/dialog/records.ts';
import type { Reply } from '../../src/dialog/types.ts';
import type { Inbox, InboxUpdate } from '../../src/store/inbox.ts';
import { draft } from './contract.ts';

export interface InboxInstance {
  inbox: Inbox;
  store: DraftStore;
}

export interface InboxBackend {
  /** An inbox and its draft store on this test's data (again after a restart). */
  open(): Promise<InboxInstance>;
  cleanup(): Promise<void>;
}

/** Closes `running` like a stopped process and opens the data again. */
async function restart(b: InboxBackend, running: InboxInstance): Promise<InboxInstance> {
  await running.inbox.close();
  await running.store.close();
  return b.open();
}

const update = (id: string, userKey: string, order: number, text = id): InboxUpdate => ({ id, userKey, order, payload: { text }, at: Date.now() });
const say = (text: string): Reply[] => [{ type: 'text', text }];
const textsOf = (items: Array<{ reply: { type: string } }>) => items.map((i) => (i.reply as { text?: string }).text);

export function inboxContract(name: string, setup: () => Promise<InboxBackend>, enabled = true): void {
  const test = (title: string, fn: (b: InboxBackend, i: InboxInstance) => Promise<InboxInstance | void>) =>
    it.skipIf(!enabled)(title, { timeout: 30_000 }, async () => {
      const b = await setup();
      let running = await b.open();
      try {
        running = (await fn(b, running)) ?? running;
      } finally {
        await running.inbox.close();
        await running.store.close();
        await b.cleanup();
      }
    });

  describe(`Inbox contract: ${name}`, () => {
    test('keeps an update once: a re-delivery is dropped by id, also after a restart', async (b, first) => {
      expect(await first.inbox.put(update('u:1', 'alice', 1))).toBe(true);
      expect(await first.inbox.put(update('u:1', 'alice', 1))).toBe(false);
      const again = await restart(b, first);
      expect(await again.inbox.put(update('u:1', 'alice', 1))).toBe(false);
      expect(await again.inbox.put(update('u:2', 'alice', 2))).toBe(true);
      return again;
    });

    test("hands out a user's updates by the platform's order; equal keys keep arrival order", async (_b, { inbox }) => {
      await inbox.put(update('b', 'alice', 20));
      await inbox.put(update('a', 'alice', 10));
      await inbox.put(update('c2', 'alice', 30));
      await inbox.put(update('c1', 'alice', 30));
      await inbox.put(update('other', 'bob', 1));
      const seen: string[] = [];
      for (let u = await inbox.next('alice'); u; u = await inbox.next('alice')) {
        seen.push(u.id);
        await inbox.settle('alice', { id: u.id, route: null }, []);
        await inbox.done('alice', u.id);
      }
      expect(seen).toEqual(['a', 'b', 'c2', 'c1']);
      expect((await inbox.next('bob'))?.payload).toEqual({ text: 'other' });
    });

    test('settle applies an update once and queues its replies in order', async (_b, { inbox }) => {
      await inbox.put(update('u:1', 'alice', 1));
      await inbox.put(update('u:2', 'alice', 2));
      await inbox.settle('alice', { id: 'u:1', route: { chat: 7 } }, say('一'));
      await inbox.done('alice', 'u:1');
      await expect(inbox.settle('alice', { id: 'u:1', route: null }, say('again'))).rejects.toBeInstanceOf(UpdateAppliedError);
      await inbox.settle('alice', { id: 'u:2', route: null }, [...say('二'), ...say('三')]);
      await inbox.done('alice', 'u:2');
      const out = await inbox.outbox('alice');
      expect(out.map((i) => i.id)).toEqual(['u:1:0', 'u:2:0', 'u:2:1']);
      expect(textsOf(out)).toEqual(['一', '二', '三']);
      expect(out[0]!.route).toEqual({ chat: 7 });
      expect(await inbox.next('alice')).toBeUndefined();
    });

    test("a turn's commit applies the update with its replies; a second commit of it saves nothing", async (_b, { inbox, store }) => {
      await inbox.put(update('u:1', 'alice', 1));
      const profile = await store.getProfile('alice');
      const ref = { id: 'u:1', route: null };
      await store.commit('alice', { drafts: [draft('alice', 'd1', '第一')], profile: { ...profile, current: 'd1' }, writeProfile: true, applied: { ref, replies: say('已记下') } });
      await inbox.done('alice', 'u:1');
      expect(await inbox.next('alice')).toBeUndefined();
      expect(textsOf(await inbox.outbox('alice'))).toEqual(['已记下']);
      const now = await store.getProfile('alice');
      await expect(
        store.commit('alice', { drafts: [draft('alice', 'd2', '第二')], profile: now, writeProfile: true, applied: { ref, replies: say('又一次') } }),
      ).rejects.toBeInstanceOf(UpdateAppliedError);
      expect(await store.get('alice', 'd2')).toBeUndefined();
      expect(textsOf(await inbox.outbox('alice'))).toEqual(['已记下']);
    });

    test('files bytes survive the outbox', async (_b, { inbox }) => {
      await inbox.put(update('u:1', 'alice', 1));
      const bytes = new Uint8Array([0, 1, 2, 250, 255]);
      await inbox.settle('alice', { id: 'u:1', route: null }, [{ type: 'file', name: '表.docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', bytes }]);
      const [item] = await inbox.outbox('alice');
      expect(item!.reply).toMatchObject({ type: 'file', name: '表.docx', bytes: Buffer.from(bytes).toString('base64') });
    });

    test('sent removes exactly the delivered items; users() lists whoever has work left', async (_b, { inbox }) => {
      await inbox.put(update('u:1', 'alice', 1));
      await inbox.put(update('v:1', 'bob', 1));
      expect((await inbox.users()).sort()).toEqual(['alice', 'bob']);
      await inbox.settle('alice', { id: 'u:1', route: null }, [...say('一'), ...say('二')]);
      await inbox.done('alice', 'u:1');
      expect((await inbox.users()).sort()).toEqual(['alice', 'bob']);
      const [first] = await inbox.outbox('alice');
      await inbox.sent('alice', [first!.id]);
      expect(textsOf(await inbox.outbox('alice'))).toEqual(['二']);
      await inbox.sent('alice', ['u:1:1']);
      expect(await inbox.outbox('alice')).toEqual([]);
      expect(await inbox.users()).toEqual(['bob']);
    });

    test('a restart keeps pending updates and unsent replies, and forgets nothing applied', async (b, first) => {
      await first.inbox.put(update('u:1', 'alice', 1));
      await first.inbox.put(update('u:2', 'alice', 2));
      await first.inbox.put(update('u:3', 'alice', 3));
      await first.inbox.settle('alice', { id: 'u:1', route: null }, say('一'));
      await first.inbox.done('alice', 'u:1');
      // Applied by a turn's commit, then the process died before `done`.
      const profile = await first.store.getProfile('alice');
      await first.store.commit('alice', { drafts: [], profile, writeProfile: false, applied: { ref: { id: 'u:2', route: null }, replies: say('二') } });
      const again = await restart(b, first);
      expect((await again.inbox.next('alice'))?.id).toBe('u:3');
      expect(textsOf(await again.inbox.outbox('alice'))).toEqual(['一', '二']);
      expect(await again.inbox.users()).toEqual(['alice']);
      return again;
    });

    test('a lease is held by one owner at a time, renewed by it, released only by it, and expires', async (_b, { inbox }) => {
      expect(await inbox.lease('alice', 'A', 10_000)).toBe(true);
      expect(await inbox.lease('alice', 'B', 10_000)).toBe(false);
      expect(await inbox.lease('alice', 'A', 10_000)).toBe(true);
      expect(await inbox.lease('bob', 'B', 10_000)).toBe(true);
      await inbox.release('alice', 'B');
      expect(await inbox.lease('alice', 'B', 10_000)).toBe(false);
      await inbox.release('alice', 'A');
      expect(await inbox.lease('alice', 'B', 50)).toBe(true);
      await new Promise((r) => setTimeout(r, 120));
      expect(await inbox.lease('alice', 'A', 10_000)).toBe(true);
    });
  });
}
