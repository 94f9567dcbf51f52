/**
 * Dialog engine under load: 1,000 simulated users run the shortest path at the same time on the
 * real lowdb store (a temp DATA_DIR) with the real rules, library and renderer. Each user sends
 * its next message as soon as the previous reply arrives. Reports the turn latency seen by a user
 * (median, p99, per step), throughput, and how many user messages the shortest path takes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createEngine } from '../src/app.ts';
import type { Engine, Input, Reply } from '../src/dialog/types.ts';

/** BENCH_DIALOG_USERS overrides the 1,000 users for a quick run. */
const USERS = Number(process.env.BENCH_DIALOG_USERS) || 1000;
const SOLO = 20;
const STEPS = ['名称', '主管部门', '金额', '用途', '全部采用', '生成'] as const;

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
}

const ms = (n: number): string => `${n.toFixed(1)} ms`;

/** One simulated user on the shortest path; returns per-step latencies and the message count. */
async function converse(engine: Engine, i: number): Promise<{ latencies: number[]; messages: number; docx: boolean }> {
  const key = `bench:${i}`;
  const latencies: number[] = [];
  let last: Reply[] = [];
  const send = async (input: Input): Promise<void> => {
    const t = performance.now();
    last = await engine.handle(key, input);
    latencies.push(performance.now() - t);
  };
  const press = (label: string): Input => {
    const c = last.flatMap((r) => (r.type === 'choices' ? r.choices : [])).find((x) => x.label === label);
    if (!c) throw new Error(`user ${i}: no button ${label}`);
    return { type: 'choice', id: c.id };
  };
  await send({ type: 'text', text: `第${i}号社区矫正工作经费` });
  await send({ type: 'text', text: `第${i % 50}区司法局` });
  await send({ type: 'text', text: String(10 + (i % 90)) });
  await send({ type: 'text', text: '用于社区矫正对象教育帮扶、心理矫治和日常监督管理' });
  await send(press('全部采用'));
  await send(press('生成'));
  return { latencies, messages: latencies.length, docx: last.some((r) => r.type === 'file') };
}

export async function run(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-dialog-'));
  const engine = await createEngine({ dataDir, log: () => undefined });
  try {
    await converse(engine, -1); // warm-up: JIT, library caches, first render
    // Service time: one user at a time, so the figure is the work of a turn without queueing.
    const solo: number[][] = [];
    for (let i = 0; i < SOLO; i++) solo.push((await converse(engine, USERS + i)).latencies);
    const t0 = performance.now();
    const results = await Promise.all(Array.from({ length: USERS }, (_, i) => converse(engine, i)));
    const wall = performance.now() - t0;
    const all = results.flatMap((r) => r.latencies);
    console.log(`${USERS} 个并发模拟对话（lowdb 存储，真实规则/模板库/渲染），共 ${all.length} 轮，用时 ${(wall / 1000).toFixed(1)} s，吞吐 ${(all.length / (wall / 1000)).toFixed(0)} 轮/秒`);
    console.log(`每轮延迟（用户发出到收到回复）：中位数 ${ms(quantile(all, 0.5))}，p99 ${ms(quantile(all, 0.99))}`);
    console.log('按步骤：');
    STEPS.forEach((name, k) => {
      const xs = results.map((r) => r.latencies[k]!);
      const alone = solo.map((r) => r[k]!);
      console.log(
        `  ${String(k + 1)}. ${name.padEnd(4, '　')} 并发下 中位数 ${ms(quantile(xs, 0.5))}，p99 ${ms(quantile(xs, 0.99))}；单独一轮 中位数 ${ms(quantile(alone, 0.5))}`,
      );
    });
    const ok = results.filter((r) => r.docx).length;
    console.log(`最短路径用户消息数（含按钮）：${Math.max(...results.map((r) => r.messages))}；得到 DOCX 的对话：${ok}/${USERS}`);
  } finally {
    await engine.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
