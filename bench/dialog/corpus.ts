/**
 * The conversation corpus (tests/dialog/corpus.ts) as figures: the share of its messages taken for
 * what they are and leaving the expected draft (goal 100%), and the message counts of the two
 * shortest paths from /start (question by question: goal ≤ 6; one paragraph: goal ≤ 3).
 * Kept apart from the load figures; bench/dialog.ts calls runCorpusBench().
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '../../src/app.ts';
import type { Engine, Reply } from '../../src/dialog/types.ts';
import { CORPUS, runCorpus } from '../../tests/dialog/corpus.ts';

const BASICS = {
  name: '网格化服务管理工作经费',
  department: '某区委政法委',
  amount: '35.6万',
  purpose: '用于全区286名专职网格员培训、网格化服务管理平台运维和网格员工作补贴',
};

/** Sends messages until a DOCX comes back; returns how many it took (or undefined). */
async function pathLength(engine: Engine, key: string, messages: string[]): Promise<number | undefined> {
  let sent = 0;
  for (const text of messages) {
    sent++;
    const replies: Reply[] = await engine.handle(key, { type: 'text', text });
    if (replies.some((r) => r.type === 'file')) return sent;
  }
  return undefined;
}

export async function runCorpusBench(): Promise<void> {
  const outcomes = await runCorpus();
  const ok = outcomes.filter((o) => o.ok).length;
  const byKind = new Map<string, { n: number; ok: number }>();
  CORPUS.forEach((c, n) => {
    const k = byKind.get(c.kind) ?? { n: 0, ok: 0 };
    k.n++;
    if (outcomes[n]!.ok) k.ok++;
    byKind.set(c.kind, k);
  });
  console.log(`对话语料：${CORPUS.length} 条消息，理解正确 ${ok} 条（${((100 * ok) / CORPUS.length).toFixed(1)}%，目标 100%）`);
  console.log(`  按类别：${[...byKind].map(([k, v]) => `${k} ${v.ok}/${v.n}`).join('，')}`);
  outcomes.forEach((o, n) => {
    if (!o.ok) console.log(`  ✗ [${CORPUS[n]!.at}] ${CORPUS[n]!.text.slice(0, 40)} → ${o.problems.join('; ')}`);
  });

  const dataDir = mkdtempSync(join(tmpdir(), 'bench-corpus-'));
  const engine = await createEngine({ dataDir, log: () => undefined });
  try {
    const stepwise = await pathLength(engine, 'paths:1', ['/start', BASICS.name, BASICS.department, BASICS.amount, BASICS.purpose, '生成']);
    const paragraph = await pathLength(engine, 'paths:2', [
      '/start',
      `${BASICS.department}申请${BASICS.name}${BASICS.amount}元，${BASICS.purpose}。`,
      '生成',
    ]);
    const show = (n: number | undefined): string => (n === undefined ? '未得到 DOCX' : `${n} 条`);
    console.log(`最短路径（从 /start 到 DOCX 的用户消息数）：逐项回答 ${show(stepwise)}（目标 ≤6）；一段话 ${show(paragraph)}（目标 ≤3）`);
  } finally {
    await engine.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
