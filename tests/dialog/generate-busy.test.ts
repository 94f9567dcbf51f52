/**
 * 生成 when the generator is busy: a file that has to wait is announced at once (「正在生成，请稍候」
 * through HandleOptions.notify, before the file), and a full queue gets 「当前生成任务较多」 with the
 * draft kept as it was, ready for the next 生成. The same for 生成全部.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine, realServices } from '../../src/app.ts';
import { createDialogEngine } from '../../src/dialog/engine.ts';
import { GenerationBusyError, type Services } from '../../src/dialog/services.ts';
import { BUSY_TEXT, GENERATING_TEXT } from '../../src/dialog/turn.ts';
import type { Reply } from '../../src/dialog/types.ts';
import { loadLibrary } from '../../src/library/load.ts';
import { tableFromLibraryProject } from '../../src/library/toTable.ts';
import { RenderPool, sharedRenderPool } from '../../src/render/pool.ts';
import { LowdbDraftStore } from '../../src/store/lowdb.ts';
import { fillBasics, NOW, tempDir, User, type TestEngine } from './helpers.ts';

const library = loadLibrary();
let dir: ReturnType<typeof tempDir>;
let store: LowdbDraftStore;
let engine: TestEngine;
/** What the fake generator does next: refuse (busy), or make the file after saying it waits. */
let mode: 'busy' | 'queued' | 'free';
const notices: Reply[] = [];

beforeEach(() => {
  dir = tempDir('busy-');
  store = new LowdbDraftStore({ dataDir: dir.dir, log: () => undefined });
  const real = realServices(store, library, sharedRenderPool(), NOW);
  const services: Services = {
    ...real,
    async render(table, options) {
      if (mode === 'busy') throw new GenerationBusyError('queue full');
      if (mode === 'queued') options.onQueued?.();
      return real.render(table, options);
    },
    async renderSet(tables, options) {
      if (mode === 'busy') throw new GenerationBusyError('queue full');
      if (mode === 'queued') options.onQueued?.();
      return real.renderSet!(tables, options);
    },
  };
  const dialog = createDialogEngine(services);
  notices.length = 0;
  engine = {
    handle: (key, input) => dialog.handle(key, input, { notify: (r) => notices.push(r) }),
    close: async () => {
      await dialog.idle();
      await store.close();
    },
  };
});
afterEach(async () => {
  await engine.close();
  dir.cleanup();
});

async function readyToGenerate(u: User): Promise<void> {
  await fillBasics(u);
  await u.press('全部采用');
}

describe('生成 while the generator is busy', () => {
  it('a full queue: says so, keeps the draft active; the next 生成 gives the file', async () => {
    const u = new User(engine);
    await readyToGenerate(u);
    mode = 'busy';
    await u.say('生成');
    expect(u.text()).toContain(BUSY_TEXT);
    expect(u.file()).toBeUndefined();
    const [draft] = await store.list(u.key);
    expect(draft!.status).toBe('active');
    expect(notices).toEqual([]);

    mode = 'free';
    await u.say('生成');
    expect(u.file()?.name).toMatch(/\.docx$/);
    expect((await store.list(u.key))[0]!.status).toBe('done');
    expect(notices).toEqual([]); // no wait, no notice
  });

  it('a file that waits: 「正在生成，请稍候」 goes out first, once, then the file', async () => {
    const u = new User(engine);
    await readyToGenerate(u);
    mode = 'queued';
    await u.say('生成');
    expect(notices).toEqual([{ type: 'text', text: GENERATING_TEXT }]);
    expect(u.file()?.bytes.byteLength).toBeGreaterThan(1000);
  });

  it('生成全部 with a full queue finishes nothing, and works the next time', async () => {
    const u = new User(engine);
    await readyToGenerate(u);
    await u.say('新建');
    await readyToGenerate(u);
    mode = 'busy';
    await u.say('生成全部');
    expect(u.text()).toContain(BUSY_TEXT);
    expect((await store.list(u.key)).map((d) => d.status)).toEqual(['active', 'active']);

    mode = 'queued';
    await u.say('生成全部');
    expect(notices).toEqual([{ type: 'text', text: GENERATING_TEXT }]);
    expect(u.last.filter((r) => r.type === 'file').map((r) => (r as { name: string }).name)).toEqual([
      expect.stringMatching(/全部绩效目标表\.docx$/),
      expect.stringMatching(/绩效指标清单\.xlsx$/),
    ]);
    expect((await store.list(u.key)).map((d) => d.status)).toEqual(['done', 'done']);
  });
});

describe('the real pool behind the engine', () => {
  it('a pool with no room left answers 生成 with 「当前生成任务较多」 at once, then makes the file once there is room', async () => {
    const pool = new RenderPool({ threads: 1, maxQueue: 0 });
    const real = await createEngine({ dataDir: dir.dir, store: new LowdbDraftStore({ dataDir: dir.dir, log: () => undefined }), renderPool: pool, now: NOW, log: () => undefined });
    try {
      const u = new User(real, 'pool:user');
      await readyToGenerate(u);
      // The one worker is busy with a whole department set (seconds of work); nothing may wait.
      const occupying = pool.renderSet(library.projects.slice(0, 40).map(tableFromLibraryProject));
      await u.say('生成');
      expect(u.text()).toContain(BUSY_TEXT);
      expect(u.file()).toBeUndefined();
      await occupying;
      await u.say('生成');
      expect(u.file()?.name).toMatch(/\.docx$/);
    } finally {
      await real.close();
      await pool.close();
    }
  });
});
