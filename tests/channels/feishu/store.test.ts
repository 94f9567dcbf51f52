/** The Feishu card memos on disk: persisted, bounded, kept for their TTL, survive a damaged file. */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { DEFAULT_LIMITS, FeishuStore } from '../../../src/channels/feishu/store.ts';

const HOUR = 3600_000;
let dir: string;
let file: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'feishu-store-'));
  file = path.join(dir, 'sub', 'feishu-events.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('remembers a card across a reopen from disk; remembering it again updates it', async () => {
  const a = await FeishuStore.open(file);
  a.rememberCard('om_1', '请选择：', 'feishu:t:c:u', 'table');
  a.rememberCard('om_1', '请再选择：', 'feishu:t:c:u', 'table');
  await a.save();
  const b = await FeishuStore.open(file);
  expect(b.card('om_1')).toMatchObject({ text: '请再选择：', owner: 'feishu:t:c:u', kind: 'table' });
  expect(b.card('om_2')).toBeUndefined();
});

it('keeps cards for their TTL and forgets them after', async () => {
  let t = 1_000_000_000_000;
  const s = await FeishuStore.open(file, { ...DEFAULT_LIMITS, cardTtlMs: 26 * HOUR }, () => t);
  s.rememberCard('om_old', '旧');
  t += 24 * HOUR;
  s.rememberCard('om_newer', '新');
  expect(s.card('om_old')?.text).toBe('旧');
  t += 3 * HOUR;
  s.rememberCard('om_tick', '又');
  expect(s.card('om_old')).toBeUndefined();
  expect(s.card('om_newer')?.text).toBe('新');
});

it('stays bounded: beyond the cap the oldest cards go first', async () => {
  let t = 0;
  const s = await FeishuStore.open(file, { ...DEFAULT_LIMITS, maxCards: 3 }, () => ++t);
  for (let i = 0; i < 5; i++) s.rememberCard(`om_${i}`, `问题 ${i}`);
  expect(s.card('om_1')).toBeUndefined();
  expect(s.card('om_2')?.text).toBe('问题 2');
  expect(s.card('om_4')?.text).toBe('问题 4');
});

it('a damaged file is set aside and the store starts empty; an old file with a seen table still opens', async () => {
  await (await FeishuStore.open(file)).save();
  await writeFile(file, '{"cards": {"om_x": ', 'utf8');
  const warnings: string[] = [];
  const s = await FeishuStore.open(file, DEFAULT_LIMITS, Date.now, (m) => warnings.push(m));
  expect(warnings).toHaveLength(1);
  expect(s.card('om_x')).toBeUndefined();
  const names = await readdir(path.dirname(file));
  expect(names.some((n) => n.startsWith('feishu-events.json.corrupt-'))).toBe(true);

  await writeFile(file, JSON.stringify({ seen: { 'm:1': 1 }, cards: { om_y: { text: '问', at: Date.now() } } }), 'utf8');
  const old = await FeishuStore.open(file);
  expect(old.card('om_y')?.text).toBe('问');
  await old.save();
  expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ cards: { om_y: expect.objectContaining({ text: '问' }) } });
});

it('saves made during a write share one more write, and every card reaches the file', async () => {
  const s = await FeishuStore.open(file);
  const saves: Array<Promise<void>> = [];
  for (let i = 0; i < 50; i++) {
    s.rememberCard(`om_${i}`, `问题 ${i}`);
    saves.push(s.save());
  }
  // One write in flight: the 49 calls after the first are answered by the same coalesced run.
  expect(new Set(saves).size).toBe(1);
  await Promise.all(saves);
  const again = await FeishuStore.open(file);
  for (let i = 0; i < 50; i++) expect(again.card(`om_${i}`)?.text).toBe(`问题 ${i}`);
});
