/**
 * Rendering off the event loop: a pool of worker threads (tinypool) builds the DOCX and the
 * department set, so one user's 生成 never holds up another user's turn. The pool is sized to the
 * cores (one is left to the conversation) and its queue is bounded: a render that would wait
 * behind `maxQueue` others is refused at once with RenderQueueFullError.
 */
import { availableParallelism } from 'node:os';
import Tinypool from 'tinypool';
import type { DraftTable } from '../domain/draft.ts';
import type { LayoutName } from './index.ts';

export class RenderQueueFullError extends Error {
  override name = 'RenderQueueFullError';
}

/** What a worker is asked to do (src/render/tasks.ts runs it). */
export type RenderTask =
  | { kind: 'docx'; table: DraftTable; layout?: LayoutName }
  | { kind: 'set'; tables: DraftTable[]; layout?: LayoutName };

export interface RenderPoolOptions {
  /** Worker threads; default: the cores less one (at least one), the conversation keeps a core. */
  threads?: number;
  /** Renders that may wait for a free worker; more are refused. Default 64. */
  maxQueue?: number;
}

type Env = Record<string, string | undefined>;

const positive = (s: string | undefined): number | undefined => {
  const n = Number(s?.trim());
  return s?.trim() && Number.isInteger(n) && n > 0 ? n : undefined;
};

/** RENDER_THREADS and RENDER_QUEUE (positive integers), else the defaults. */
export function renderPoolOptionsFromEnv(env: Env): RenderPoolOptions {
  for (const name of ['RENDER_THREADS', 'RENDER_QUEUE'] as const) {
    if (env[name]?.trim() && positive(env[name]) === undefined) throw new Error(`${name} must be a positive whole number, got "${env[name]}"`);
  }
  return { threads: positive(env.RENDER_THREADS), maxQueue: positive(env.RENDER_QUEUE) };
}

const WORKER = new URL('./worker.mjs', import.meta.url).href;

export class RenderPool {
  readonly threads: number;
  readonly maxQueue: number;
  #pool: Tinypool | undefined;
  /** Tasks running or waiting. */
  #active = 0;

  constructor(options: RenderPoolOptions = {}) {
    this.threads = options.threads ?? Math.max(1, availableParallelism() - 1);
    this.maxQueue = options.maxQueue ?? 64;
  }

  /** Renders running or waiting for a worker. */
  get pending(): number {
    return this.#active;
  }

  /** Starts the workers now (they start with the first render otherwise), so the first user does not wait for them. */
  warm(): Promise<void> {
    return this.#get().run({ kind: 'warm' }).then(() => undefined);
  }

  render(table: DraftTable, options: { layout?: LayoutName; onQueued?: () => void } = {}): Promise<Buffer> {
    return this.#run<Uint8Array>({ kind: 'docx', table, layout: options.layout }, options.onQueued).then(asBuffer);
  }

  async renderSet(tables: DraftTable[], options: { layout?: LayoutName; onQueued?: () => void } = {}): Promise<{ docx: Buffer; xlsx: Buffer }> {
    const out = await this.#run<{ docx: Uint8Array; xlsx: Uint8Array }>({ kind: 'set', tables, layout: options.layout }, options.onQueued);
    return { docx: asBuffer(out.docx), xlsx: asBuffer(out.xlsx) };
  }

  async close(): Promise<void> {
    const pool = this.#pool;
    this.#pool = undefined;
    await pool?.destroy();
  }

  async #run<T>(task: RenderTask, onQueued?: () => void): Promise<T> {
    if (this.#active >= this.threads + this.maxQueue) throw new RenderQueueFullError(`render queue full (${this.#active} renders pending)`);
    if (this.#active >= this.threads) onQueued?.();
    this.#active++;
    try {
      return (await this.#get().run(task)) as T;
    } finally {
      this.#active--;
    }
  }

  #get(): Tinypool {
    this.#pool ??= new Tinypool({
      filename: WORKER,
      minThreads: this.threads,
      maxThreads: this.threads,
      // Idle workers stay (the minimum is the maximum); the pool's own queue is never the limit, ours is.
      isolateWorkers: false,
    });
    return this.#pool;
  }
}

const SHARED = Symbol.for('perf-target.renderPool');

/**
 * The process's one pool, made with the first caller's options: engines that bring no pool of
 * their own share it, so several engines (tests, benches) do not each start workers. It is never
 * closed: idle workers do not keep the process alive. Kept on globalThis so that a test runner
 * that re-evaluates modules per file still finds it.
 */
export function sharedRenderPool(options: RenderPoolOptions = {}): RenderPool {
  const g = globalThis as { [SHARED]?: RenderPool };
  g[SHARED] ??= new RenderPool(options);
  return g[SHARED];
}

/** A worker's result arrives as a Uint8Array; callers get a Buffer over the same memory. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
