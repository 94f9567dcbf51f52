/**
 * The process the inbox crash test kills: the real engine on a lowdb directory behind the channel
 * pipeline (inbox journal, per-user lease, outbox), as a platform adapter would run it.
 * Input lines are updates `{"id": …, "u": user, "k": order, "t": text}`; `ack <id>` is written once
 * the update is in the inbox (the moment a channel answers 200), `reply <id> <first line>` for each
 * reply delivered from the outbox.
 * Usage: node --import tsx tests/crash/inbox-server.ts <dataDir>
 */
import { writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createEngine } from '../../src/app.ts';
import { Pipeline } from '../../src/channels/pipeline.ts';
import { LowdbInbox } from '../../src/store/inbox.ts';
import { LowdbDraftStore } from '../../src/store/lowdb.ts';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: inbox-server.ts <dataDir>');

const emit = (line: string): void => void writeSync(1, `${line}\n`);
const store = new LowdbDraftStore({ dataDir, log: (line) => writeSync(2, `${line}\n`) });
const engine = await createEngine({ dataDir, store, log: (line) => writeSync(2, `${line}\n`) });
const inbox = await LowdbInbox.open(dataDir, store, { name: 'inbox-crash' });
const pipeline = new Pipeline({
  inbox,
  engine,
  log: (line) => writeSync(2, `${line}\n`),
  failedText: '出错了',
  sweepMs: 200,
  port: {
    route: () => null,
    prepare: async (u) => ({ input: { type: 'text', text: (u.payload as { t: string }).t } }),
    deliver: async (item, reply) => {
      const text = 'text' in reply ? reply.text.split('\n')[0] : reply.type;
      emit(`reply ${item.update} ${text}`);
      return true;
    },
  },
});
pipeline.start();

createInterface({ input: process.stdin }).on('line', (line) => {
  const { id, u, k, t } = JSON.parse(line) as { id: string; u: string; k: number; t: string };
  pipeline.accept({ id, userKey: u, order: k, payload: { t } }).then(
    () => emit(`ack ${id}`),
    (err: unknown) => writeSync(2, `accept failed: ${String(err)}\n`),
  );
});

emit('ready');
