/**
 * Growing past one process: the dialog engine on lowdb and on Redis.
 *
 * A simulated conversation is the five form-filling turns of the shortest path (name, department,
 * amount, use of funds, accept the suggested indicators) with the real rules and template library;
 * users send their next message as soon as the reply arrives (no think time: the worst case).
 * Generating the DOCX is left out: it is ~50 ms of CPU on its own and the same for every store
 * (bench/dialog.ts and bench/render.ts measure it).
 *
 * 1. Turn latency (median, p99) at 1,000 concurrent conversations, lowdb vs Redis.
 * 2. The largest number of concurrent conversations per instance whose p99 stays under 50 ms
 *    (doubling, then bisecting; bounded in time), twice: with no think time (every user types at
 *    once, the worst case) and with users pausing ~1 s (random, exponential) between messages; the
 *    load of N such users is about N turns per second, the same as 10·N users who pause 10 s.
 * 3. RSS with 10,000 stored drafts (and Redis' own memory), measured in a fresh child process so
 *    that the heap left by the load phases does not blur it.
 *
 * 4. Ordering across instances (bench/scale/ordering.ts): two bot processes on one Redis, 200
 *    users answering back to back through the Telegram webhook and the Feishu event endpoint;
 *    answers stored in the wrong field (goal 0).
 * 5. Feishu acknowledgements (bench/scale/feishuAck.ts): 200 simultaneous events to a bot whose
 *    inbox has seen 100,000 events, lowdb and Redis: p99 time to the 200 (goal ≤ 200 ms).
 *
 * Redis: TEST_REDIS_URL when set, else a private redis-server on a free 127.0.0.1 port (no
 * persistence), stopped afterwards; without either the Redis rows are skipped with a note. Parts 4
 * and 5 always use a private redis-server (the bots use their default key prefix).
 * BENCH_SCALE_USERS overrides the 1,000 conversations (BENCH_SCALE_ORDER_USERS the 200 users of
 * part 4) for a quick run; BENCH_SCALE_PARTS=ordering,ack,turns picks parts (default all).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { createEngine } from '../src/app.ts';
import type { Engine, Input, Reply } from '../src/dialog/types.ts';
import { loadLibrary } from '../src/library/load.ts';
import type { Library } from '../src/library/types.ts';
import { LowdbDraftStore } from '../src/store/lowdb.ts';
import { redisServerOnPath, startTestRedis, type TestRedis } from '../tests/store/redis-server.ts';
import { RedisDraftStore } from '../src/store/redis.ts';
import type { DraftRecord, DraftStore } from '../src/dialog/records.ts';
import { BURST, SEEN, feishuAckRun } from './scale/feishuAck.ts';
import { quantile } from './scale/stats.ts';
import { orderingRun } from './scale/ordering.ts';

const USERS = Number(process.env.BENCH_SCALE_USERS) || 1000;
const TARGET_P99_MS = 50;
/** Wall-clock budget of one capacity search. */
const SEARCH_BUDGET_MS = 30_000;
const PACED_BUDGET_MS = 60_000;
const THINK_MS = 1000;
const PACED_TRIAL_MS = 6000;
const STORED_DRAFTS = 10_000;

interface Backend {
  name: string;
  open(prefix: string): Promise<DraftStore>;
  /** Redis' own memory, if it is Redis. */
  serverMemory?(): Promise<number>;
}

const ms = (n: number): string => `${n.toFixed(1)} ms`;
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** One conversation (five turns) of a fresh user; returns the latency of each turn. */
class TimeUp extends Error {}

/** With `stopAt`, a conversation ends (TimeUp) at its first message due after that time. */
async function converse(engine: Engine, key: string, i: number, pause?: () => Promise<void>, stopAt = Infinity): Promise<number[]> {
  const latencies: number[] = [];
  let last: Reply[] = [];
  const send = async (input: Input): Promise<void> => {
    if (pause) await pause();
    if (performance.now() > stopAt) throw new TimeUp(String(latencies.length));
    const t = performance.now();
    last = await engine.handle(key, input);
    latencies.push(performance.now() - t);
  };
  await send({ type: 'text', text: `第${i}号社区矫正工作经费` });
  await send({ type: 'text', text: `第${i % 50}区司法局` });
  await send({ type: 'text', text: String(10 + (i % 90)) });
  await send({ type: 'text', text: '用于社区矫正对象教育帮扶、心理矫治和日常监督管理' });
  const accept = last.flatMap((r) => (r.type === 'choices' ? r.choices : [])).find((c) => c.label === '全部采用');
  if (!accept) throw new Error(`${key}: no 全部采用 button`);
  await send({ type: 'choice', id: accept.id });
  return latencies;
}

let trialNo = 0;

/** `users` closed-loop users; each runs conversations until about `minTurns` turns were measured. */
async function trial(engine: Engine, users: number, minTurns: number): Promise<{ latencies: number[]; wall: number }> {
  const rounds = Math.max(1, Math.ceil(minTurns / (users * 5)));
  const t = trialNo++;
  const t0 = performance.now();
  const per = await Promise.all(
    Array.from({ length: users }, async (_, u) => {
      const xs: number[] = [];
      for (let r = 0; r < rounds; r++) xs.push(...(await converse(engine, `scale:${t}:${u}:${r}`, u)));
      return xs;
    }),
  );
  return { latencies: per.flat(), wall: performance.now() - t0 };
}

const sleep = (n: number) => new Promise<void>((r) => setTimeout(r, n));

/** `users` users who pause ~THINK_MS (exponential) before each message, for about PACED_TRIAL_MS. */
async function pacedTrial(engine: Engine, users: number): Promise<number[]> {
  const t = trialNo++;
  const end = performance.now() + PACED_TRIAL_MS;
  const pause = () => sleep(-Math.log(1 - Math.random()) * THINK_MS);
  const per = await Promise.all(
    Array.from({ length: users }, async (_, u) => {
      const xs: number[] = [];
      for (let r = 0; performance.now() < end; r++) {
        const mine: number[] = [];
        try {
          mine.push(...(await converse(engine, `paced:${t}:${u}:${r}`, u, pause, end)));
        } catch (err) {
          if (!(err instanceof TimeUp)) throw err;
        }
        xs.push(...mine);
      }
      return xs;
    }),
  );
  return per.flat();
}

/** `hi`: the smallest count seen over the target (0: none found within the budget). */
type Search = { users: number; p99: number; hi: number; tried: string[]; bounded: boolean };

/** Doubling until p99 ≥ target, then bisecting; stops early when the time budget is spent. */
async function capacity(start: number, budgetMs: number, measure: (n: number) => Promise<number[]>): Promise<Search> {
  const deadline = performance.now() + budgetMs;
  const tried: string[] = [];
  const p99At = async (n: number): Promise<number> => {
    const p = quantile(await measure(n), 0.99);
    tried.push(`${n}→${p.toFixed(0)}`);
    return p;
  };
  let lo = 0;
  let loP99 = NaN;
  let hi = 0;
  for (let n = start; n <= 16384; n *= 2) {
    const p = await p99At(n);
    if (p < TARGET_P99_MS) [lo, loP99] = [n, p];
    else {
      hi = n;
      break;
    }
    if (performance.now() > deadline) return { users: lo, p99: loP99, hi, tried, bounded: true };
  }
  if (hi === 0) return { users: lo, p99: loP99, hi, tried, bounded: true };
  // Bisect to within ~10 %.
  while (hi - lo > Math.max(1, Math.floor(lo * 0.1)) && performance.now() < deadline) {
    const mid = Math.floor((lo + hi) / 2);
    const p = await p99At(mid);
    if (p < TARGET_P99_MS) [lo, loP99] = [mid, p];
    else hi = mid;
  }
  return { users: lo, p99: loP99, hi, tried, bounded: performance.now() >= deadline };
}

/**
 * Entry of the child process: `backend` is 'lowdb' or a Redis URL. Prints the Memory as JSON.
 * Run with --expose-gc so that the figures are live memory, not garbage not yet collected.
 */
export async function memoryChild(backend: string): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'bench-scale-memchild-'));
  try {
    const b: Backend =
      backend === 'lowdb'
        ? { name: 'lowdb', open: async () => new LowdbDraftStore({ dataDir: root, log: () => undefined }) }
        : {
            name: 'Redis',
            open: (prefix) => RedisDraftStore.open({ url: backend, prefix }),
            async serverMemory() {
              const r = new Redis(backend);
              const info = await r.info('memory');
              r.disconnect();
              return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? NaN);
            },
          };
    const library = loadLibrary();
    console.log(JSON.stringify(await memory(b, library)));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function measureInChild(backend: string): Memory {
  const self = pathToFileURL(fileURLToPath(import.meta.url)).href;
  const code = `const m = await import(${JSON.stringify(self)}); await m.memoryChild(${JSON.stringify(backend)});`;
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e', code], {
    cwd: join(dirname(fileURLToPath(import.meta.url)), '..'),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 180_000,
  });
  return JSON.parse(out.trim().split('\n').pop()!) as Memory;
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

interface Memory {
  before: number;
  after: number;
  /** V8 heap in use after a full GC: what is really retained (RSS also keeps freed pages). */
  heapBefore: number;
  heapAfter: number;
  server?: number;
}

/** Stores 10,000 realistic drafts (copies of a finished form) over 2,000 users, then touches them. */
async function memory(backend: Backend, library: Library): Promise<Memory> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-scale-mem-'));
  const store = await backend.open(`bench-mem:${process.pid}:${Date.now()}:`);
  const engine = await createEngine({ dataDir, library, store, log: () => undefined });
  try {
    await converse(engine, 'mem:template', 1);
    const profile = await store.getProfile('mem:template');
    const template = (await store.get('mem:template', profile.current!))!;
    gc();
    const before = process.memoryUsage().rss;
    const heapBefore = process.memoryUsage().heapUsed;
    const perUser = 5;
    const users = STORED_DRAFTS / perUser;
    const copy = (userKey: string, k: number): DraftRecord => ({ ...structuredClone(template), id: `m${k}`, userKey, rev: undefined });
    for (let base = 0; base < users; base += 100) {
      await Promise.all(
        Array.from({ length: Math.min(100, users - base) }, (_, j) => {
          const userKey = `mem:${base + j}`;
          const drafts = Array.from({ length: perUser }, (_, k) => copy(userKey, k));
          return store.commit(userKey, { drafts, profile: { ask: 0 }, writeProfile: false });
        }),
      );
    }
    // Every user comes back once: the store reads their drafts, nothing stays cached.
    for (let base = 0; base < users; base += 100) {
      await Promise.all(Array.from({ length: Math.min(100, users - base) }, (_, j) => engine.handle(`mem:${base + j}`, { type: 'text', text: '草稿' })));
    }
    gc();
    const after = process.memoryUsage().rss;
    const heapAfter = process.memoryUsage().heapUsed;
    return { before, after, heapBefore, heapAfter, server: await backend.serverMemory?.() };
  } finally {
    await engine.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** TEST_REDIS_URL, or a private redis-server like the tests start; undefined when neither exists. */
async function startRedis(): Promise<TestRedis | undefined> {
  if (!process.env.TEST_REDIS_URL?.trim() && !redisServerOnPath()) return undefined;
  return startTestRedis();
}

/** A search cut short by its time budget only knows a lower bound. */
const found = (s: Search): string => {
  if (s.users === 0) return `无（${s.tried[0] ?? ''}）`;
  const range = s.hi === 0 ? `≥${s.users}` : s.bounded ? `${s.users}（< ${s.hi}）` : String(s.users);
  return `${range}，p99 ${ms(s.p99)}`;
};

interface Row {
  backend: string;
  median: number;
  p99: number;
  throughput: number;
  capacity: string;
  paced: string;
  rss: string;
}

const PARTS = ['ordering', 'ack', 'turns'] as const;

export async function run(): Promise<void> {
  const asked = (process.env.BENCH_SCALE_PARTS ?? PARTS.join(',')).split(',').map((p) => p.trim());
  const unknown = asked.filter((p) => !(PARTS as readonly string[]).includes(p));
  if (unknown.length) throw new Error(`BENCH_SCALE_PARTS: 没有 ${unknown.join('、')}（可选 ${PARTS.join('、')}）`);
  if (asked.includes('ordering') || asked.includes('ack')) await instanceRuns(asked.includes('ordering'), asked.includes('ack'));
  if (asked.includes('turns')) await turnRuns();
}

/** Parts 4 and 5: real bot processes behind their webhooks. */
async function instanceRuns(ordering: boolean, ack: boolean): Promise<void> {
  const t0 = performance.now();
  const redis = redisServerOnPath() ? await startTestRedis({ own: true }) : undefined;
  if (!redis) console.log('PATH 中没有 redis-server（.ci/run 会安装 Debian 的 redis-server），跳过多实例顺序一项和飞书确认的 Redis 一栏。');
  try {
    if (ordering && redis) {
      const users = Number(process.env.BENCH_SCALE_ORDER_USERS) || 200;
      const r = await orderingRun(redis.url, users);
      console.log(`\n多实例顺序（2 个实例共用 Redis，${r.users} 个用户经 Telegram webhook / 飞书事件接口连续作答，相邻两条发往不同实例，收到 200 即发下一条）`);
      console.log(`答案 ${r.answers} 条，填错字段 ${r.wrong} 条（其中填进别的字段 ${r.elsewhere} 条；目标 0），飞书消息未获回复 ${r.unanswered} 条，非 200 的回答（状态×次数，0 为连接失败，均已重发）${r.refused}，确认 p99 ${ms(r.ackP99)}，全部处理完 ${r.seconds.toFixed(1)} s`);
    }
    if (ack) {
      console.log(`\n飞书确认（已见过 ${SEEN.toLocaleString('en')} 个事件，${BURST} 个事件同时到达，加密签名；目标 p99 ≤ 200 ms）`);
      console.log('| 存储 | 新事件 中位数 | p99 | 最慢 | 最差一批 p99 | 重复投递 p99 |');
      console.log('| --- | --- | --- | --- | --- | --- |');
      for (const url of redis ? [undefined, redis.url] : [undefined]) {
        const r = await feishuAckRun(url);
        console.log(`| ${r.backend} | ${ms(quantile(r.fresh, 0.5))} | ${ms(quantile(r.fresh, 0.99))} | ${ms(Math.max(...r.fresh))} | ${ms(r.worstBurstP99)} | ${ms(quantile(r.duplicates, 0.99))} |`);
      }
    }
  } finally {
    await redis?.stop();
  }
  console.log(`用时 ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

async function turnRuns(): Promise<void> {
  const t0 = performance.now();
  const library = loadLibrary();
  const redis = await startRedis();
  const backends: Backend[] = [];
  const lowdbRoot = mkdtempSync(join(tmpdir(), 'bench-scale-'));
  backends.push({
    name: 'lowdb',
    open: async (prefix) => new LowdbDraftStore({ dataDir: join(lowdbRoot, prefix.replace(/[^A-Za-z0-9]+/g, '_')), log: () => undefined }),
  });
  if (redis) {
    backends.push({
      name: 'Redis',
      open: (prefix) => RedisDraftStore.open({ url: redis.url, prefix }),
      async serverMemory() {
        const r = new Redis(redis.url);
        const info = await r.info('memory');
        r.disconnect();
        return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? NaN);
      },
    });
  } else {
    console.log('未找到 Redis（未设置 TEST_REDIS_URL，PATH 中也没有 redis-server），跳过 Redis 一栏。');
  }

  const rows: Row[] = [];
  try {
    for (const b of backends) {
      const dataDir = mkdtempSync(join(tmpdir(), 'bench-scale-engine-'));
      const store = await b.open(`bench:${process.pid}:${Date.now()}:`);
      const engine = await createEngine({ dataDir, library, store, log: () => undefined });
      try {
        await trial(engine, 20, 200); // warm-up: JIT, library caches, connections
        const big = await trial(engine, USERS, USERS * 5);
        const cap = await capacity(1, SEARCH_BUDGET_MS, async (n) => (await trial(engine, n, 600)).latencies);
        console.log(`[${b.name}] 无思考时间 容量搜索（并发数→p99 ms）：${cap.tried.join('，')}${cap.bounded ? '（达到时间上限）' : ''}`);
        const paced = await capacity(50, PACED_BUDGET_MS, (n) => pacedTrial(engine, n));
        console.log(`[${b.name}] 每条间隔约 1 s 容量搜索（并发数→p99 ms）：${paced.tried.join('，')}${paced.bounded ? '（达到时间上限）' : ''}`);
        await engine.close();
        const mem = measureInChild(b.name === 'lowdb' ? 'lowdb' : redis!.url);
        rows.push({
          backend: b.name,
          median: quantile(big.latencies, 0.5),
          p99: quantile(big.latencies, 0.99),
          throughput: big.latencies.length / (big.wall / 1000),
          capacity: found(cap),
          paced: found(paced),
          rss: `${mb(mem.after)}（启动后 ${mb(mem.before)}；GC 后堆 ${mb(mem.heapBefore)}→${mb(mem.heapAfter)}）${mem.server !== undefined ? `；Redis 自身 ${mb(mem.server)}` : ''}`,
        });
      } finally {
        await engine.close();
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
  } finally {
    await redis?.stop();
    rmSync(lowdbRoot, { recursive: true, force: true });
  }

  console.log(`\n多实例伸缩（每个对话 5 轮填表，不含生成 DOCX；用户收到回复立即发下一条，无思考时间）`);
  console.log(
    `| 存储 | ${USERS} 并发对话 每轮中位数 | p99 | 吞吐（轮/秒） | p99<${TARGET_P99_MS}ms 最大并发对话（无思考时间） | 同上（每条间隔约 1 s） | RSS（${STORED_DRAFTS.toLocaleString('en')} 份草稿） |`,
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) {
    console.log(`| ${r.backend} | ${ms(r.median)} | ${ms(r.p99)} | ${r.throughput.toFixed(0)} | ${r.capacity} | ${r.paced} | ${r.rss} |`);
  }
  console.log('间隔约 1 s 的 N 个对话 ≈ 每秒 N 轮；用户每条消息间隔 10 s 时，同样负载约为 10·N 个对话。');
  console.log(`用时 ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}
