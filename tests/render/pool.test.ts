/**
 * Rendering in worker threads: the same bytes as in-process rendering, the same bytes for the same
 * input whatever the clock says, a bounded queue that refuses at once, and a worker failure that
 * reaches the caller as an error.
 */
import JSZip from 'jszip';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { loadLibrary } from '../../src/library/load.ts';
import { tableFromLibraryProject } from '../../src/library/toTable.ts';
import { render } from '../../src/render/index.ts';
import { RenderPool, RenderQueueFullError, renderPoolOptionsFromEnv } from '../../src/render/pool.ts';
import { renderSet } from '../../src/render/set.ts';
import { table40 } from './fixture40.ts';
import { allCellTexts, openDocx } from './docxXml.ts';

const tables = loadLibrary().projects.slice(0, 3).map(tableFromLibraryProject);
const pool = new RenderPool({ threads: 1, maxQueue: 1 });
afterAll(() => pool.close());
afterEach(() => vi.useRealTimers());

describe('the same input gives the same DOCX, byte for byte', () => {
  it('whatever the clock says when it is rendered (no timestamps in the package)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-01-05T08:00:00Z'));
    const a = await render(tables[0]!);
    vi.setSystemTime(new Date('2031-07-20T23:59:58Z'));
    const b = await render(tables[0]!);
    expect(Buffer.compare(a, b)).toBe(0);
    const core = await (await JSZip.loadAsync(a)).file('docProps/core.xml')!.async('string');
    expect(core).not.toMatch(/dcterms:(created|modified)/);
    // A different table is a different file: the comparison above can fail.
    expect(Buffer.compare(a, await render(tables[1]!))).not.toBe(0);
  });

  it('the department set too', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-01-05T08:00:00Z'));
    const a = await renderSet(tables);
    vi.setSystemTime(new Date('2029-03-01T12:00:01Z'));
    const b = await renderSet(tables);
    expect(Buffer.compare(a.docx, b.docx)).toBe(0);
  });

  it('a worker renders exactly what the main thread renders', async () => {
    const [inWorker, here] = await Promise.all([pool.render(tables[2]!, { layout: 'compact' }), render(tables[2]!, { layout: 'compact' })]);
    expect(Buffer.compare(inWorker, here)).toBe(0);
    const set = await pool.renderSet(tables);
    expect(Buffer.compare(set.docx, (await renderSet(tables)).docx)).toBe(0);
    const doc = await openDocx(set.docx);
    for (const t of tables) expect(allCellTexts(doc).join('\n')).toContain(t.projectName!);
    expect([...set.xlsx.subarray(0, 2)]).toEqual([0x50, 0x4b]); // a zip: the .xlsx
  });
});

describe('the bounded queue', () => {
  it('runs one render per worker, lets maxQueue wait (telling each), and refuses the next at once', async () => {
    const queued: number[] = [];
    const big = table40('万元');
    const first = pool.render(big, { onQueued: () => queued.push(1) });
    const second = pool.render(big, { onQueued: () => queued.push(2) });
    const third = pool.render(big, { onQueued: () => queued.push(3) });
    await expect(third).rejects.toBeInstanceOf(RenderQueueFullError);
    expect(queued).toEqual([2]);
    expect(pool.pending).toBe(2);
    const [a, b] = await Promise.all([first, second]);
    expect(Buffer.compare(a, b)).toBe(0);
    expect(pool.pending).toBe(0);
    // Room again once they are done.
    expect((await pool.render(tables[0]!)).length).toBeGreaterThan(1000);
  });

  it('a table the renderer cannot take fails that render only', async () => {
    await expect(pool.render(tables[0]!, { layout: 'nonexistent' as 'full' })).rejects.toThrow(/unknown layout/);
    expect((await pool.render(tables[0]!)).length).toBeGreaterThan(1000);
  });

  it('sizes from RENDER_THREADS / RENDER_QUEUE and refuses nonsense', () => {
    expect(renderPoolOptionsFromEnv({ RENDER_THREADS: '3', RENDER_QUEUE: '10' })).toEqual({ threads: 3, maxQueue: 10 });
    expect(new RenderPool(renderPoolOptionsFromEnv({})).threads).toBeGreaterThanOrEqual(1);
    expect(() => renderPoolOptionsFromEnv({ RENDER_THREADS: 'two' })).toThrow(/RENDER_THREADS/);
    expect(() => renderPoolOptionsFromEnv({ RENDER_QUEUE: '0' })).toThrow(/RENDER_QUEUE/);
  });
});
