/**
 * The dialog engine's turn costs, on the real lowdb store (a temp DATA_DIR) with the real rules,
 * library and renderer. Printed in one run:
 *
 * 1. Service time of one turn, one user at a time (no queueing): median and p99 for the text
 *    answers (名称, 主管部门, 金额), for the suggestion step (资金用途 → the composed indicators),
 *    for 全部采用 and for 生成.
 * 2. 1,000 simulated users on the shortest path at once (each sends its next message as soon as
 *    the reply arrives): latency per step and throughput.
 * 3. Plain turns while 50 users press 生成 at the same moment: p99 of the other users' text
 *    answers during the renders, with the render pool and with rendering on the conversation's
 *    thread (the old way).
 * 4. Renders per second: 200 library tables rendered at once, on the main thread vs in the pool.
 * 5. Render time per table against its floor: zipping the same document parts with no XML
 *    building (render/pack.ts zipParts), per library table, as a ratio.
 *
 * BENCH_DIALOG_USERS overrides the 1,000 users of part 2 for a quick run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createEngine, realServices } from '../src/app.ts';
import { createDialogEngine } from '../src/dialog/engine.ts';
import type { Engine, Input, Reply } from '../src/dialog/types.ts';
import { loadLibrary } from '../src/library/load.ts';
import { tableFromLibraryProject } from '../src/library/toTable.ts';
import { documentParts } from '../src/render/docx.ts';
import { render } from '../src/render/index.ts';
import { zipParts } from '../src/render/pack.ts';
import { RenderPool } from '../src/render/pool.ts';
import { loadTemplate } from '../src/render/template.ts';
import { LowdbDraftStore } from '../src/store/lowdb.ts';
import { runCorpusBench } from './dialog/corpus.ts';

/** BENCH_DIALOG_USERS overrides the 1,000 users for a quick run. */
const USERS = Number(process.env.BENCH_DIALOG_USERS) || 1000;
const SOLO = 200;
const RENDERERS = 50;
const PLAIN_USERS = 20;
const STEPS = ['名称', '主管部门', '金额', '用途', '全部采用', '生成'] as const;

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
}

const ms = (n: number): string => `${n.toFixed(n < 1 ? 2 : 1)} ms`;
const stats = (xs: number[]): string => `中位数 ${ms(quantile(xs, 0.5))}，p99 ${ms(quantile(xs, 0.99))}（${xs.length} 轮）`;

function buttonId(replies: Reply[], label: string, who: string): string {
  const c = replies.flatMap((r) => (r.type === 'choices' ? r.choices : [])).find((x) => x.label === label);
  if (!c) throw new Error(`${who}: no button ${label}`);
  return c.id;
}

/** The first four answers of a conversation: text only, the fourth composes the indicators. */
function answers(i: number): string[] {
  return [`第${i}号社区矫正工作经费`, `第${i % 50}区司法局`, String(10 + (i % 90)), '用于社区矫正对象教育帮扶、心理矫治和日常监督管理'];
}

/** One simulated user on the shortest path; returns per-step latencies and the message count. */
async function converse(engine: Engine, key: string, i: number): Promise<{ latencies: number[]; messages: number; docx: boolean }> {
  const latencies: number[] = [];
  let last: Reply[] = [];
  const send = async (input: Input): Promise<void> => {
    const t = performance.now();
    last = await engine.handle(key, input);
    latencies.push(performance.now() - t);
  };
  for (const text of answers(i)) await send({ type: 'text', text });
  await send({ type: 'choice', id: buttonId(last, '全部采用', key) });
  await send({ type: 'choice', id: buttonId(last, '生成', key) });
  return { latencies, messages: latencies.length, docx: last.some((r) => r.type === 'file') };
}

/** Brings a user to the summary (全部采用 pressed); returns the 生成 button's id. */
async function toReview(engine: Engine, key: string, i: number): Promise<string> {
  let last: Reply[] = [];
  for (const text of answers(i)) last = await engine.handle(key, { type: 'text', text });
  last = await engine.handle(key, { type: 'choice', id: buttonId(last, '全部采用', key) });
  return buttonId(last, '生成', key);
}

/**
 * RENDERERS users press 生成 at once while PLAIN_USERS others keep answering text questions (a new
 * conversation's first three answers, over and over) until the last file is out.
 */
async function plainDuringRenders(engine: Engine, tag: string): Promise<{ plain: number[]; renderWall: number; files: number }> {
  const ids = await Promise.all(Array.from({ length: RENDERERS }, (_, i) => toReview(engine, `${tag}:r${i}`, i)));
  let rendering = true;
  const plain: number[] = [];
  const others = Array.from({ length: PLAIN_USERS }, async (_, u) => {
    for (let round = 0; rendering; round++) {
      const key = `${tag}:p${u}:${round}`;
      for (const text of answers(u).slice(0, 3)) {
        if (!rendering) break;
        const t = performance.now();
        await engine.handle(key, { type: 'text', text });
        plain.push(performance.now() - t);
      }
    }
  });
  const t0 = performance.now();
  const results = await Promise.all(ids.map((id, i) => engine.handle(`${tag}:r${i}`, { type: 'choice', id })));
  const renderWall = performance.now() - t0;
  rendering = false;
  await Promise.all(others);
  return { plain, renderWall, files: results.filter((r) => r.some((x) => x.type === 'file')).length };
}

/** Files per second for `count` renders started at once. */
async function rendersPerSecond(count: number, renderOne: (i: number) => Promise<Buffer>): Promise<number> {
  const t0 = performance.now();
  await Promise.all(Array.from({ length: count }, (_, i) => renderOne(i)));
  return count / ((performance.now() - t0) / 1000);
}

function median(xs: number[]): number {
  return quantile(xs, 0.5);
}

export async function run(): Promise<void> {
  const library = loadLibrary();
  const tables = library.projects.map(tableFromLibraryProject);
  await runCorpusBench();
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-dialog-'));
  const pool = new RenderPool();
  const engine = await createEngine({ dataDir, library, renderPool: pool, log: () => undefined });
  // The same services, but rendering on the conversation's thread: the way before the pool.
  const store2 = new LowdbDraftStore({ dataDir: join(dataDir, 'inline'), log: () => undefined });
  const inline = realServices(store2, library, pool);
  const inlineEngine = createDialogEngine({
    ...inline,
    render: (table, { layout }) => render(table, { layout: layout === 'compact' ? 'compact' : undefined }),
  });
  try {
    await pool.warm();
    await converse(engine, 'warm', -1); // warm-up: JIT, library caches, first render
    await converse(inlineEngine, 'warm', -1);

    // 1. Service time.
    const solo: number[][] = [];
    for (let i = 0; i < SOLO; i++) solo.push((await converse(engine, `solo:${i}`, USERS + i)).latencies);
    console.log(`1. 单个用户逐轮（无排队，lowdb，${SOLO} 个对话）：`);
    console.log(`   文字回答（名称/主管部门/金额）：${stats(solo.flatMap((r) => r.slice(0, 3)))}`);
    console.log(`   建议步骤（资金用途 → 拟定指标）：${stats(solo.map((r) => r[3]!))}`);
    console.log(`   全部采用：${stats(solo.map((r) => r[4]!))}；生成（渲染池）：${stats(solo.map((r) => r[5]!))}`);

    // 2. Many users at once.
    const t0 = performance.now();
    const results = await Promise.all(Array.from({ length: USERS }, (_, i) => converse(engine, `bench:${i}`, i)));
    const wall = performance.now() - t0;
    const all = results.flatMap((r) => r.latencies);
    console.log(`2. ${USERS} 个并发模拟对话（无思考时间），共 ${all.length} 轮，用时 ${(wall / 1000).toFixed(1)} s，吞吐 ${(all.length / (wall / 1000)).toFixed(0)} 轮/秒；每轮 ${stats(all)}`);
    STEPS.forEach((name, k) => {
      const xs = results.map((r) => r.latencies[k]!);
      console.log(`   ${String(k + 1)}. ${name.padEnd(4, '　')} 中位数 ${ms(quantile(xs, 0.5))}，p99 ${ms(quantile(xs, 0.99))}`);
    });
    const ok = results.filter((r) => r.docx).length;
    console.log(
      `   最短路径用户消息数（含按钮）：${Math.max(...results.map((r) => r.messages))}；得到 DOCX 的对话：${ok}/${USERS}` +
        `（其余 ${USERS - ok} 个收到「当前生成任务较多，请稍后再试」：渲染池 ${pool.threads} 线程 + 队列 ${pool.maxQueue}）`,
    );

    // 3. Plain turns during 50 renders.
    const pooled = await plainDuringRenders(engine, 'during');
    const onThread = await plainDuringRenders(inlineEngine, 'inline');
    console.log(`3. ${RENDERERS} 个用户同时「生成」期间，另 ${PLAIN_USERS} 个用户的文字回答：`);
    console.log(`   渲染池（${pool.threads} 个线程）：${stats(pooled.plain)}；${pooled.files} 个文件用时 ${ms(pooled.renderWall)}`);
    console.log(`   在对话线程上渲染（旧做法）：${stats(onThread.plain)}；${onThread.files} 个文件用时 ${ms(onThread.renderWall)}`);

    // 4. Renders per second.
    const N = 200;
    const table = (i: number) => tables[i % tables.length]!;
    const mainRate = await rendersPerSecond(N, (i) => render(table(i)));
    const narrow = new RenderPool({ maxQueue: N });
    await narrow.warm();
    const poolRate = await rendersPerSecond(N, (i) => narrow.render(table(i)));
    await narrow.close();
    const wide = new RenderPool({ threads: availableParallelism(), maxQueue: N });
    await wide.warm();
    const wideRate = await rendersPerSecond(N, (i) => wide.render(table(i)));
    await wide.close();
    console.log(`4. 同时提交 ${N} 个渲染：主线程 ${mainRate.toFixed(0)} 个/秒；渲染池 ${narrow.threads} 线程（默认）${poolRate.toFixed(0)} 个/秒；${availableParallelism()} 线程 ${wideRate.toFixed(0)} 个/秒（本机 ${availableParallelism()} 核）`);

    // 5. Render against its floor.
    const template = loadTemplate('full');
    const REPEATS = 5;
    const ratios: number[] = [];
    const renders: number[] = [];
    const floors: number[] = [];
    for (const t of tables) await render(t);
    for (const t of tables) {
      const parts = documentParts(template, t);
      const r: number[] = [];
      const f: number[] = [];
      for (let k = 0; k < REPEATS; k++) {
        let s = performance.now();
        await render(t);
        r.push(performance.now() - s);
        s = performance.now();
        zipParts(parts);
        f.push(performance.now() - s);
      }
      renders.push(median(r));
      floors.push(median(f));
      ratios.push(median(r) / median(f));
    }
    console.log(
      `5. 每表渲染 vs 下限（同一文档各部件直接压缩，不构建 XML），${tables.length} 张模板库表各 ${REPEATS} 次取中位数：` +
        `渲染中位数 ${ms(median(renders))}，下限中位数 ${ms(median(floors))}；倍数 中位数 ${median(ratios).toFixed(1)}×，最大 ${Math.max(...ratios).toFixed(1)}×`,
    );
  } finally {
    await engine.close();
    await inlineEngine.idle();
    await store2.close();
    await pool.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
