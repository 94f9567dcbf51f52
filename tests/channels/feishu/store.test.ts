/** The Feishu dedup store: persisted, bounded, keeps entries for their TTL, survives a damaged file. */
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
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

it('claims a key once, also across a reopen from disk', async () => {
  const a = await FeishuStore.open(file);
  expect(a.claim(['e:1', 'm:1'])).toBe(true);
  expect(a.claim(['e:1'])).toBe(false);
  // A re-delivery with a new event id but the same message id is still a duplicate.
  expect(a.claim(['e:2', 'm:1'])).toBe(false);
  // …and a rejected claim marks nothing.
  expect(a.has('e:2')).toBe(false);
  await a.save();
  const b = await FeishuStore.open(file);
  expect(b.claim(['m:1'])).toBe(false);
  expect(b.claim(['m:2'])).toBe(true);
});

it('keeps entries for the TTL (at least a day) and forgets them after', async () => {
  let t = 1_000_000_000_000;
  const limits = { ...DEFAULT_LIMITS, seenTtlMs: 26 * HOUR };
  const s = await FeishuStore.open(file, limits, () => t);
  s.claim(['e:old']);
  t += 24 * HOUR;
  s.claim(['e:newer']);
  expect(s.claim(['e:old'])).toBe(false);
  t += 3 * HOUR;
  s.claim(['e:tick']);
  expect(s.has('e:old')).toBe(false);
  expect(s.claim(['e:newer'])).toBe(false);
  expect(DEFAULT_LIMITS.seenTtlMs).toBeGreaterThanOrEqual(24 * HOUR);
});

it('stays bounded: beyond the cap the oldest entries go first', async () => {
  let t = 0;
  const s = await FeishuStore.open(file, { ...DEFAULT_LIMITS, maxSeen: 100, maxCards: 3 }, () => ++t);
  for (let i = 0; i < 250; i++) s.claim([`e:${i}`]);
  expect(s.size).toBe(100);
  expect(s.has('e:149')).toBe(false);
  expect(s.has('e:150')).toBe(true);
  expect(s.has('e:249')).toBe(true);
  for (let i = 0; i < 5; i++) s.rememberCard(`om_${i}`, `问题 ${i}`);
  expect(s.card('om_1')).toBeUndefined();
  expect(s.card('om_4')?.text).toBe('问题 4');
});

it('a damaged file is set aside and the store starts empty', async () => {
  const first = await FeishuStore.open(file);
  first.claim(['e:x']);
  await first.save();
  await writeFile(file, '{"seen": {"e:x": 1', 'utf8');
  const warnings: string[] = [];
  const s = await FeishuStore.open(file, DEFAULT_LIMITS, Date.now, (m) => warnings.push(m));
  expect(warnings).toHaveLength(1);
  expect(s.claim(['e:y'])).toBe(true);
  await s.save();
  const names = await readdir(path.dirname(file));
  expect(names.some((n) => n.startsWith('feishu-events.json.corrupt-'))).toBe(true);
  expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ seen: { 'e:y': expect.any(Number) } });
});

it('at the default cap the file stays small and a save stays fast', async () => {
  const s = await FeishuStore.open(file);
  for (let i = 0; i < DEFAULT_LIMITS.maxSeen + 500; i++) s.claim([`e:${'x'.repeat(24)}${i}`]);
  expect(s.size).toBe(DEFAULT_LIMITS.maxSeen);
  const t0 = performance.now();
  await s.save();
  const ms = performance.now() - t0;
  const bytes = (await stat(file)).size;
  console.log(`feishu dedup store at cap: ${DEFAULT_LIMITS.maxSeen} entries, ${bytes} bytes, save ${ms.toFixed(1)} ms`);
  expect(bytes).toBeLessThan(2_000_000);
  expect(ms).toBeLessThan(1_000);
});
