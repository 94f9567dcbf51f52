/**
 * The process the crash test kills: the real engine on a lowdb data directory, serving simulated
 * users. Input lines are JSON `{"u": user, "k": sequence number, "t": text}`; each answer is
 * acknowledged on stdout (`ack <u> <k>`) only after engine.handle() resolved, i.e. after the turn's
 * write reached the store — the moment a channel would tell the platform the update is done.
 * Usage: node --import tsx tests/crash/server.ts <dataDir>
 */
import { writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createEngine } from '../../src/app.ts';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: server.ts <dataDir>');

const engine = await createEngine({ dataDir, log: (line) => writeSync(2, `${line}\n`) });

// writeSync: the line is in the pipe before the next instruction, so a kill right after an
// acknowledgement cannot take the acknowledgement back.
const emit = (line: string): void => void writeSync(1, `${line}\n`);

createInterface({ input: process.stdin }).on('line', (line) => {
  const { u, k, t } = JSON.parse(line) as { u: string; k: number; t: string };
  engine.handle(u, { type: 'text', text: t }).then(
    (replies) => {
      const failed = replies.some((r) => 'text' in r && r.text.includes('处理这条消息时出错'));
      emit(`${failed ? 'err' : 'ack'} ${u} ${k}`);
    },
    (err: unknown) => emit(`err ${u} ${k} ${String(err)}`),
  );
});

emit('ready');
