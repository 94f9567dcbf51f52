/**
 * Crashes and restarts (issue 9): a child process runs the real engine on a lowdb directory while
 * simulated users answer as fast as they are acknowledged; the test kills it with SIGKILL at a
 * random moment, many times, restarting it after each kill. After every kill every user file must
 * parse, no file may need recovery, and every acknowledged answer must be in the store, whole: each
 * answer sets three fields at once, and all three must come from the same answer.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { emptyTable } from '../../src/domain/draft.ts';
import { LowdbDraftStore, userFileName } from '../../src/store/lowdb.ts';
import { DraftRecordSchema, ProfileSchema } from '../../src/dialog/records.ts';

const ROUNDS = 12;
const USERS = 16;
const SEED = 9;
/** Archived drafts per user: ~100 KB files make each write long enough for kills to land inside. */
const BALLAST = 20;
const SERVER = resolve(import.meta.dirname, 'server.ts');
const ROOT = resolve(import.meta.dirname, '../..');

const UserFileSchema = z.object({ version: z.literal(1), profile: ProfileSchema, drafts: z.array(DraftRecordSchema) });

/** mulberry32: a small seeded generator, so that the kill times are the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One answer: name, amount and purpose carry the same number, so a torn turn would show. */
const message = (u: string, k: number): string =>
  [`项目名称：压测项目${u}-${k}`, '主管部门：某区司法局', `金额：${10 + k}万元`, `资金用途：用于第${k}次压力测试的培训和宣传`].join('\n');

const dir = mkdtempSync(join(tmpdir(), 'crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const users = Array.from({ length: USERS }, (_, i) => `crash:${i}:用户${i}`);
const sent = new Map<string, number>(users.map((u) => [u, 0]));
const acked = new Map<string, number>(users.map((u) => [u, 0]));
const stderr: string[] = [];

function start(): Promise<{ child: ChildProcess; exited: Promise<void>; firstAck: Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER, dir], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  // 'close', not 'exit': every acknowledgement still in the pipe has been read by then.
  const exited = new Promise<void>((done) => child.once('close', () => done()));
  let acknowledged: () => void = () => undefined;
  const firstAck = new Promise<void>((done) => (acknowledged = done));
  child.stderr!.on('data', (b: Buffer) => stderr.push(b.toString()));
  // After a kill, writing to the dead child's stdin fails with EPIPE: that is expected here.
  child.stdin!.on('error', () => undefined);
  const send = (u: string): void => {
    const k = sent.get(u)! + 1;
    sent.set(u, k);
    child.stdin!.write(`${JSON.stringify({ u, k, t: message(u, k) })}\n`);
  };
  return new Promise((ready, fail) => {
    child.once('exit', (code) => fail(new Error(`server exited before ready (${code}): ${stderr.join('')}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line === 'ready') {
        for (const u of users) send(u);
        return ready({ child, exited, firstAck });
      }
      const [kind, u, k] = line.split(' ') as [string, string, string];
      if (kind !== 'ack') {
        stderr.push(`server: ${line}\n`);
        return;
      }
      acked.set(u, Number(k));
      acknowledged();
      // A real user waits for the reply before answering again.
      send(u);
    });
  });
}

/** Gives every user a history of archived drafts, as a long-time user has. */
async function seedHistory(): Promise<void> {
  const store = new LowdbDraftStore({ dataDir: dir, log: () => undefined });
  for (const u of users) {
    for (let i = 0; i < BALLAST; i++) {
      const table = emptyTable();
      table.projectName = `往年项目${i}`;
      table.fundUse = `用于往年第${i}个项目的培训、宣传和日常管理。`.repeat(60);
      const at = new Date(Date.UTC(2020, 0, 1 + i)).toISOString();
      await store.put({ id: `old${i}`, userKey: u, status: 'done', step: 'review', indicatorsConfirmed: true, table, createdAt: at, updatedAt: at, doneAt: at });
    }
  }
  await store.close();
}

/** Every file parses; every user's draft holds an answer at least as new as the last acknowledged one. */
function verify(round: number): void {
  const files = readdirSync(join(dir, 'users')).filter((f) => !f.startsWith('.'));
  expect(files.filter((f) => !f.endsWith('.json')), `round ${round}: set-aside files`).toEqual([]);
  // The backups too: they are what a damaged file would be restored from.
  const backups = readdirSync(join(dir, 'users-backup')).filter((f) => !f.startsWith('.'));
  for (const f of [...files.map((f) => join('users', f)), ...backups.map((f) => join('users-backup', f))]) {
    const parsed = UserFileSchema.safeParse(JSON.parse(readFileSync(join(dir, f), 'utf8')));
    expect(parsed.success, `round ${round}: ${f} ${parsed.error?.message ?? ''}`).toBe(true);
  }
  for (const u of users) {
    const file = join(dir, 'users', userFileName(u));
    if (acked.get(u)! === 0 && !existsSync(file)) continue;
    const data = UserFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    const live = data.drafts.filter((d) => !d.id.startsWith('old'));
    // Nothing acknowledged yet: the first answer may or may not have reached the store.
    if (acked.get(u)! === 0 && live.length === 0) continue;
    expect(live, `round ${round}: ${u}`).toHaveLength(1);
    expect(data.drafts.length - live.length, `round ${round}: ${u} history`).toBe(BALLAST);
    const table = live[0]!.table;
    const k = Number(/^压测项目.*-(\d+)$/.exec(table.projectName ?? '')?.[1]);
    const what = `round ${round}: ${u} stored ${k}, acknowledged ${acked.get(u)}, sent ${sent.get(u)}`;
    expect(k, what).toBeGreaterThanOrEqual(acked.get(u)!);
    expect(k, what).toBeLessThanOrEqual(sent.get(u)!);
    expect(table.amounts.annual.total, what).toBe(10 + k);
    expect(table.fundUse, what).toBe(`用于第${k}次压力测试的培训和宣传`);
    expect(data.profile.current, what).toBe(live[0]!.id);
  }
}

describe('SIGKILL during writes', () => {
  it(`${ROUNDS} kills at random moments: every acknowledged answer is kept, every store file parses`, async () => {
    const random = rng(SEED);
    await seedHistory();
    let torn = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      const before = [...acked.values()].reduce((a, b) => a + b, 0);
      const { child, exited, firstAck } = await start();
      // Kill at a random moment once the round is under way: a slow machine must not turn a kill
      // before the first answer into a false 'no progress'.
      await Promise.race([firstAck, exited]);
      await new Promise((r) => setTimeout(r, random() * 500));
      child.kill('SIGKILL');
      await exited;
      // A steno temp file left in place means the kill landed in the middle of a write.
      if (readdirSync(join(dir, 'users')).some((f) => f.endsWith('.tmp'))) torn++;
      verify(round);
      const after = [...acked.values()].reduce((a, b) => a + b, 0);
      expect(after, `round ${round} made no progress`).toBeGreaterThan(before);
    }
    const total = [...acked.values()].reduce((a, b) => a + b, 0);
    console.log(`[crash] ${ROUNDS} SIGKILL rounds, ${total} acknowledged answers of ${USERS} users, ${torn} kills left a write half done`);
    expect(stderr.join('')).not.toMatch(/损坏|turn failed|server: err/);
    // The restarts resumed on the stored state: each user's numbers kept climbing across rounds.
    expect(total).toBeGreaterThan(ROUNDS * USERS);
  }, 90_000);
});
