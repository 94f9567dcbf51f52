/** A scripted user for whole-conversation tests: sends messages, presses buttons by label, counts. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterEach, beforeEach } from 'vitest';
import { createEngine } from '../../src/app.ts';
import type { Engine, Reply } from '../../src/dialog/types.ts';

export type TestEngine = Engine & { close(): Promise<void> };

export function tempDir(prefix = 'dialog-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A fixed clock, so that the default period (next year) is known: 2026 → 2027. */
export const NOW = (): Date => new Date('2026-03-01T08:00:00Z');

export async function newEngine(dataDir: string): Promise<TestEngine> {
  return createEngine({ dataDir, now: NOW, log: () => undefined });
}

/**
 * A fresh engine on its own temporary directory for every test of the calling file (registers the
 * hooks); tests read `t.engine` and `t.dir`.
 */
export function freshEngineEachTest(): { engine: TestEngine; dir: string } {
  const t = {} as { engine: TestEngine; dir: string };
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(async () => {
    tmp = tempDir();
    t.dir = tmp.dir;
    t.engine = await newEngine(tmp.dir);
  });
  afterEach(async () => {
    await t.engine.close();
    tmp.cleanup();
  });
  return t;
}

/** Adapters rely on this: every button id is short printable ASCII (Telegram's callback_data ≤ 64 bytes). */
function checkIds(replies: Reply[]): Reply[] {
  for (const r of replies) {
    if (r.type !== 'choices') continue;
    for (const c of r.choices) {
      if (!/^[\x21-\x7e]{1,64}$/.test(c.id)) throw new Error(`bad choice id ${JSON.stringify(c.id)}`);
    }
  }
  return replies;
}

export class User {
  messages = 0;
  last: Reply[] = [];
  constructor(
    public engine: TestEngine,
    public key = 'test:user',
  ) {}

  async say(text: string): Promise<Reply[]> {
    this.messages++;
    this.last = checkIds(await this.engine.handle(this.key, { type: 'text', text }));
    return this.last;
  }

  /** Presses the button with this label among the last replies (fails the test if absent). */
  async press(label: string): Promise<Reply[]> {
    const choice = this.choices().find((c) => c.label === label);
    if (!choice) throw new Error(`no button 「${label}」 in: ${this.choices().map((c) => c.label).join(' | ')}\n${this.text()}`);
    this.messages++;
    this.last = checkIds(await this.engine.handle(this.key, { type: 'choice', id: choice.id }));
    return this.last;
  }

  async pressId(id: string): Promise<Reply[]> {
    this.messages++;
    this.last = checkIds(await this.engine.handle(this.key, { type: 'choice', id }));
    return this.last;
  }

  choices(): Array<{ id: string; label: string }> {
    return this.last.flatMap((r) => (r.type === 'choices' ? r.choices : []));
  }

  text(): string {
    return this.last.map((r) => (r.type === 'file' ? `[file ${r.name}]` : r.text)).join('\n---\n');
  }

  file(): Extract<Reply, { type: 'file' }> | undefined {
    return this.last.find((r): r is Extract<Reply, { type: 'file' }> => r.type === 'file');
  }
}

/** The text of word/document.xml with tags removed. */
export async function docxText(bytes: Uint8Array): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  return xml.replace(/<w:tab\/>/g, '\t').replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, '');
}

/** The four answers of the shortest path. */
export const BASIC = {
  name: '社区矫正工作经费',
  department: '大连高新区司法局',
  amount: '20',
  purpose: '用于社区矫正对象教育帮扶、心理矫治和日常监督管理',
};

export async function fillBasics(u: User): Promise<void> {
  await u.say(BASIC.name);
  await u.say(BASIC.department);
  await u.say(BASIC.amount);
  await u.say(BASIC.purpose);
}
