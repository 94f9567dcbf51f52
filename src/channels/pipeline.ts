/**
 * The path of every platform update, shared by the Telegram and Feishu channels (issue 17):
 *
 *   accept → inbox.put (durable, duplicates dropped by id) → the platform gets its 200 / offset
 *   drain(user), under the user's lease: outbox first, then each pending update in order:
 *     prepare (download, refusals) → engine turn whose save also records the update and its
 *     replies (or settle, for answers without a turn) → inbox.done → deliver from the outbox.
 *
 * A kill at any point loses nothing acknowledged and applies nothing twice: an update not yet
 * applied is still in the inbox, one applied has its replies in the outbox, and the save that
 * applies it fails if it was applied before. Any instance may drain any user: the lease (Redis
 * `SET NX PX`) makes it one at a time, a periodic sweep picks up users whose holder died.
 * A generated file is reported back to the engine as a `receipt` update, so a draft is archived
 * only once its file was delivered.
 */
import { randomBytes } from 'node:crypto';
import { UpdateAppliedError } from '../dialog/conflict.ts';
import type { Engine, Input, Reply, TurnRef } from '../dialog/types.ts';
import { loadReply, storeReply, type Inbox, type InboxUpdate, type OutboxItem } from '../store/inbox.ts';

/** What a channel does with an update once it is its turn. */
export type Prepared =
  | {
      input: Input;
      /** Called once the turn is over, with its replies (none when it failed): a typing indicator stops, a notice is updated. */
      after?: (replies: Reply[] | undefined) => void;
    }
  | { replies: Reply[] };

export interface ChannelPort {
  /** Where the replies to this update go (saved with them in the outbox). */
  route(update: InboxUpdate): unknown;
  /** Reads the update into an engine input, or answers it without a turn (a refusal, a greeting). */
  prepare(update: InboxUpdate): Promise<Prepared>;
  /** Sends one reply; false when it cannot be delivered (given up after the platform's retries). */
  deliver(item: OutboxItem, reply: Reply): Promise<boolean>;
}

export interface PipelineOptions {
  inbox: Inbox;
  engine: Engine;
  port: ChannelPort;
  log: (line: string) => void;
  /** The text sent when a turn fails. */
  failedText: string;
  /** Lease length; renewed at a third of it while the holder works. */
  leaseMs?: number;
  /** How often users with pending work are looked for (another instance's crash, a restart). */
  sweepMs?: number;
  /** The users this channel serves (the inbox may be shared with another channel). */
  owns?: (userKey: string) => boolean;
  /**
   * Users worked on at once; the others wait their turn (their updates are safe in the inbox).
   * Turns share the event loop with the platform's acknowledgements: a burst of 200 users all
   * turning at once would hold each ack behind every other turn (p99 ~2 s, past Feishu's 3 s
   * re-send window under load). A few at a time still overlap one turn's I/O with another's work.
   */
  maxActive?: number;
}

/** An internal update: a generated file was delivered or not. */
interface ReceiptPayload {
  kind: 'receipt';
  draftId: string;
  delivered: boolean;
  route: unknown;
}
const isReceipt = (p: unknown): p is ReceiptPayload => typeof p === 'object' && p !== null && (p as ReceiptPayload).kind === 'receipt';

export class Pipeline {
  readonly #o: Required<PipelineOptions>;
  readonly #owner = `${process.pid}:${randomBytes(6).toString('hex')}`;
  /** Users this instance is draining now, and those kicked again meanwhile. */
  readonly #active = new Map<string, Promise<void>>();
  readonly #again = new Set<string>();
  /** Users kicked while `maxActive` were being worked on, oldest first. */
  readonly #waiting = new Set<string>();
  #sweep: NodeJS.Timeout | undefined;
  #stopping = false;

  constructor(options: PipelineOptions) {
    this.#o = { leaseMs: 30_000, sweepMs: 1000, owns: () => true, maxActive: 4, ...options };
  }

  /** Users being worked on by this instance now or waiting for a free slot. */
  get busy(): number {
    return this.#active.size + this.#waiting.size;
  }

  /** Starts the sweep, which also resumes whatever a previous run left (pending updates, unsent replies). */
  start(): void {
    const tick = () => {
      void this.sweep().finally(() => {
        if (!this.#stopping) this.#sweep = setTimeout(tick, this.#o.sweepMs);
      });
    };
    tick();
  }

  async sweep(): Promise<void> {
    try {
      for (const u of await this.#o.inbox.users()) if (this.#o.owns(u)) this.kick(u);
    } catch (err) {
      this.#o.log(`pipeline: cannot list pending users: ${(err as Error).message}`);
    }
  }

  /**
   * Records the update (resolves once durable; the platform may then be told it arrived) and
   * starts working on its user. False: a duplicate, dropped.
   */
  async accept(update: Omit<InboxUpdate, 'at'>): Promise<boolean> {
    const fresh = await this.#o.inbox.put({ ...update, at: Date.now() });
    if (fresh) this.kick(update.userKey);
    return fresh;
  }

  /** Drains the user's work unless this instance already does (then once more afterwards). */
  kick(userKey: string): void {
    if (this.#stopping) return;
    if (this.#active.has(userKey)) {
      this.#again.add(userKey);
      return;
    }
    if (this.#active.size >= this.#o.maxActive) {
      this.#waiting.add(userKey);
      return;
    }
    this.#waiting.delete(userKey);
    const run = this.#drain(userKey)
      .catch((err) => this.#o.log(`pipeline: work for a user stopped: ${(err as Error).message}; retried at the next sweep`))
      .finally(() => {
        this.#active.delete(userKey);
        const next = this.#waiting.values().next();
        if (!next.done) this.kick(next.value);
      });
    this.#active.set(userKey, run);
  }

  async #drain(userKey: string): Promise<void> {
    const { inbox, leaseMs } = this.#o;
    for (;;) {
      this.#again.delete(userKey);
      if (!(await inbox.lease(userKey, this.#owner, leaseMs))) return; // another instance has it
      let lost = false;
      const renew = setInterval(() => {
        inbox.lease(userKey, this.#owner, leaseMs).then(
          (ok) => (lost ||= !ok),
          () => undefined,
        );
      }, leaseMs / 3);
      try {
        for (;;) {
          await this.#flush(userKey);
          if (this.#stopping || lost) break;
          const update = await inbox.next(userKey);
          if (!update) break;
          await this.#apply(userKey, update);
        }
      } finally {
        clearInterval(renew);
        await inbox.release(userKey, this.#owner).catch(() => undefined);
      }
      // An update put while we held the lease (here, or on an instance whose kick found it held).
      if (this.#stopping || lost) return;
      if (!this.#again.has(userKey) && !(await inbox.next(userKey)) && (await inbox.outbox(userKey)).length === 0) return;
    }
  }

  async #apply(userKey: string, update: InboxUpdate): Promise<void> {
    const { inbox, engine, port, log } = this.#o;
    const receipt = isReceipt(update.payload) ? update.payload : undefined;
    const ref: TurnRef = { id: update.id, route: receipt ? receipt.route : port.route(update), receipts: true };
    let prepared: Prepared;
    try {
      prepared = receipt ? { input: { type: 'receipt', draftId: receipt.draftId, delivered: receipt.delivered } } : await port.prepare(update);
    } catch (err) {
      log(`pipeline: reading update ${update.id} failed: ${(err as Error).message}`);
      prepared = { replies: [{ type: 'text', text: this.#o.failedText }] };
    }
    try {
      if ('input' in prepared) {
        try {
          // 「正在生成，请稍候」 and the like go out at once, before the turn's own replies.
          let notices = Promise.resolve();
          const notify = (reply: Reply) => {
            const item: OutboxItem = { id: `${ref.id}:notify`, update: ref.id, route: ref.route, reply: storeReply(reply) };
            notices = notices
              .then(() => port.deliver(item, reply))
              .then(
                () => undefined,
                (err: unknown) => log(`pipeline: notice for ${ref.id} not delivered: ${(err as Error).message}`),
              );
          };
          let replies: Reply[] | undefined;
          try {
            replies = await engine.handle(userKey, prepared.input, { ref, notify });
          } finally {
            prepared.after?.(replies);
          }
          await notices;
          // An engine that does not save turns itself (a test's scripted one): record its replies here.
          if (!engine.turnStore) await inbox.settle(userKey, ref, replies);
        } catch (err) {
          if (err instanceof UpdateAppliedError) throw err;
          log(`pipeline: turn for update ${update.id} failed: ${(err as Error).message}`);
          await inbox.settle(userKey, ref, [{ type: 'text', text: this.#o.failedText }]);
        }
      } else {
        await inbox.settle(userKey, ref, prepared.replies);
      }
    } catch (err) {
      // Applied before (a crash after the save, or a holder whose lease ran out): nothing to redo.
      if (!(err instanceof UpdateAppliedError)) throw err;
    }
    await inbox.done(userKey, update.id);
  }

  /** Sends the user's outbox in order; a generated file's delivery goes back to the engine. */
  async #flush(userKey: string): Promise<void> {
    const { inbox, port, log } = this.#o;
    const items = await inbox.outbox(userKey);
    if (items.length === 0) return;
    for (const item of items) {
      const reply = loadReply(item.reply);
        let ok = false;
        try {
          ok = await port.deliver(item, reply);
        } catch (err) {
          log(`pipeline: reply ${item.id} not delivered: ${(err as Error).message}`);
        }
        if (reply.type === 'file' && reply.receipt) {
          const payload: ReceiptPayload = { kind: 'receipt', draftId: reply.receipt, delivered: ok, route: item.route };
          await inbox.put({ id: `${item.id}:receipt`, userKey, order: 0, payload, at: Date.now() });
        }
      // Marked right after sending: a kill in between sends this one reply again (never loses it).
      await inbox.sent(userKey, [item.id]);
    }
  }

  /** Stops taking work; waits for what is in progress (turns finish, their replies stay in the outbox). */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#waiting.clear();
    clearTimeout(this.#sweep);
    while (this.#active.size > 0) await Promise.allSettled([...this.#active.values()]);
  }

  /** Resolves when no user is being worked on and none has pending work (tests, benches). */
  async idle(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      while (this.#active.size > 0) await Promise.allSettled([...this.#active.values()]);
      const users = (await this.#o.inbox.users()).filter(this.#o.owns);
      if (users.length === 0) return;
      if (Date.now() > deadline) throw new Error(`pipeline not idle: ${users.length} user(s) with pending work`);
      for (const u of users) this.kick(u);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}
