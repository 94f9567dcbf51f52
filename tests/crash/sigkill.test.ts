/**
 * Crashes and restarts (issue 9): a child process runs the real engine on a lowdb directory while
 * simulated users answer as fast as they are acknowledged; the test kills it with SIGKILL at a
 * random moment, many times, restarting it after each kill. After every kill a store opened on the
 * directory (as the restart does: it replays the journal into the user files, store/userFiles.ts)
 * must find every user file parsing, none needing recovery, and every acknowledged answer in the
 * files, whole: each answer sets three fields at once, and all three must come from the same answer.
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
      // A temp file left in place means the kill landed in the middle of a file write.
      if (readdirSync(join(dir, 'users')).some((f) => f.endsWith('.tmp'))) torn++;
      const restart = new LowdbDraftStore({ dataDir: dir, log: (line) => stderr.push(`${line}\n`) });
      await restart.close();
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

/**
 * The channel path (issue 17): updates go through the pipeline's inbox and outbox. Users send
 * their answers back to back (the next one as soon as the last is acknowledged, as a user typing
 * fast on a slow connection does); the process is killed 10 times at random moments and
 * restarted. Then: every acknowledged update was answered, none was applied twice, and no answer
 * landed in another field (a name in 主管部门, a department as the amount).
 */
describe('SIGKILL under the channel pipeline (inbox and outbox)', () => {
  const KILLS = 10;
  const PIPE_USERS = 12;
  const IN_FLIGHT = 3;
  const INBOX_SERVER = resolve(import.meta.dirname, 'inbox-server.ts');
  const pipeDir = mkdtempSync(join(tmpdir(), 'crash-inbox-'));
  afterAll(() => rmSync(pipeDir, { recursive: true, force: true }));

  /** The guided answers of cycle c: a new draft, then name, department, amount, use of funds. */
  const answers = (u: number, c: number): string[] => ['新建', `压测项目${u}号第${c}期`, `第${u}区第${c}司法所`, String(10 + c), `用于第${c}期压力测试人员的培训和宣传`];
  type Sent = { id: string; u: number; k: number; t: string };
  const plan = new Map<number, Sent[]>();
  for (let u = 0; u < PIPE_USERS; u++) plan.set(u, Array.from({ length: 60 }, (_, c) => answers(u, c)).flat().map((t, k) => ({ id: `u${u}-m${k}`, u, k, t })));
  const next = new Map<number, number>([...plan.keys()].map((u) => [u, 0]));
  const ackedIds = new Set<string>();
  const replied = new Map<string, number>();
  const errors: string[] = [];
  /** The last run sends nothing new: it only has to answer what was acknowledged. */
  let finishing = false;

  function start(): Promise<{ child: ChildProcess; exited: Promise<void>; firstAck: Promise<void> }> {
    const child = spawn(process.execPath, ['--import', 'tsx', INBOX_SERVER, pipeDir], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    const exited = new Promise<void>((done) => child.once('close', () => done()));
    let acknowledged: () => void = () => undefined;
    const firstAck = new Promise<void>((done) => (acknowledged = done));
    child.stderr!.on('data', (b: Buffer) => errors.push(b.toString()));
    child.stdin!.on('error', () => undefined);
    /** Sends the user's next answers while fewer than IN_FLIGHT of theirs wait for a reply. */
    const pump = (u: number): void => {
      for (; !finishing; ) {
        const k = next.get(u)!;
        const m = plan.get(u)![k];
        if (!m) return;
        const waiting = plan.get(u)!.slice(0, k).filter((x) => !replied.has(x.id)).length;
        if (waiting >= IN_FLIGHT) return;
        next.set(u, k + 1);
        child.stdin!.write(`${JSON.stringify({ id: m.id, u: `crashpipe:${u}`, k: m.k, t: m.t })}\n`);
      }
    };
    return new Promise((ready, fail) => {
      child.once('exit', (code) => fail(new Error(`server exited before ready (${code}): ${errors.join('')}`)));
      createInterface({ input: child.stdout! }).on('line', (line) => {
        if (line === 'ready') {
          // A restarted user resends what was never acknowledged (as a platform re-delivers it), then goes on.
          for (const u of plan.keys()) {
            const unacked = plan.get(u)!.slice(0, next.get(u)!).filter((m) => !ackedIds.has(m.id));
            if (unacked.length) next.set(u, unacked[0]!.k);
            pump(u);
          }
          return ready({ child, exited, firstAck });
        }
        const [kind, id] = line.split(' ') as [string, string];
        const u = Number(/^u(\d+)-/.exec(id)?.[1]);
        if (kind === 'ack') {
          ackedIds.add(id);
          acknowledged();
        } else if (kind === 'reply') {
          replied.set(id, (replied.get(id) ?? 0) + 1);
          pump(u);
        }
      });
    });
  }

  it(`${KILLS} kills under load: 0 acknowledged updates unanswered, 0 applied twice, 0 answers in the wrong field`, async () => {
    const random = rng(17);
    for (let round = 1; round <= KILLS; round++) {
      const { child, exited, firstAck } = await start();
      await Promise.race([firstAck, exited]);
      await new Promise((r) => setTimeout(r, 100 + random() * 600));
      child.kill('SIGKILL');
      await exited;
      if (process.env.CRASH_TRACE) console.log(`round ${round}: ${ackedIds.size} acked, ${replied.size} replied at ${new Date().toISOString()}`);
    }
    // A last run that is left to finish: everything acknowledged must get its answer.
    const last = await start();
    finishing = true;
    const deadline = Date.now() + 30_000;
    while ([...ackedIds].some((id) => !replied.has(id)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    last.child.kill('SIGTERM');
    await last.exited;
    // No temp file of an interrupted write is left behind once a store has started on the directory.
    const store = new LowdbDraftStore({ dataDir: pipeDir, log: (line) => errors.push(line) });
    // The journal replayed into the files, which are read raw below.
    await store.flush();
    const leftovers = [pipeDir, join(pipeDir, 'users'), join(pipeDir, 'users-backup')].flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.tmp')));

    const unanswered = [...ackedIds].filter((id) => !replied.has(id));
    let wrongField = 0;
    let appliedTwice = 0;
    for (const u of plan.keys()) {
      const drafts = await store.list(`crashpipe:${u}`);
      const cycles = new Map<number, number>();
      for (const d of drafts) {
        const t = d.table;
        const m = /^压测项目(\d+)号第(\d+)期$/.exec(t.projectName ?? '');
        if (!m) {
          // An empty draft is only ever the one 新建 just started.
          if (t.projectName !== undefined || t.department !== undefined) wrongField++;
          continue;
        }
        const c = Number(m[2]);
        cycles.set(c, (cycles.get(c) ?? 0) + 1);
        if (Number(m[1]) !== u) wrongField++;
        if (t.department !== undefined && t.department !== `第${u}区第${c}司法所`) wrongField++;
        if (t.amounts.annual.total !== undefined && t.amounts.annual.total !== 10 + c) wrongField++;
        if (t.fundUse !== undefined && t.fundUse !== `用于第${c}期压力测试人员的培训和宣传`) wrongField++;
      }
      for (const n of cycles.values()) if (n > 1) appliedTwice += n - 1;
      const raw = JSON.parse(readFileSync(join(pipeDir, 'users', userFileName(`crashpipe:${u}`)), 'utf8')) as { applied?: string[] };
      appliedTwice += (raw.applied ?? []).length - new Set(raw.applied ?? []).size;
    }
    await store.close();
    const total = [...ackedIds].length;
    console.log(
      `[crash] pipeline: ${KILLS} SIGKILL rounds, ${total} acknowledged updates of ${PIPE_USERS} users: ${unanswered.length} unanswered, ${appliedTwice} applied twice, ${wrongField} in the wrong field; ${[...replied.values()].filter((n) => n > 1).length} replies sent again after a kill`,
    );
    expect(unanswered, 'acknowledged but never answered').toEqual([]);
    expect(appliedTwice).toBe(0);
    expect(wrongField).toBe(0);
    expect(leftovers).toEqual([]);
    expect(total).toBeGreaterThan(KILLS * PIPE_USERS);
    expect(errors.join('')).not.toMatch(/损坏|turn failed|accept failed|work for a user stopped/);
  }, 150_000);
});
