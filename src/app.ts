/**
 * Wires the real engine: lowdb store on `dataDir`, the rules, the template library and the DOCX
 * renderer (in a pool of worker threads). Channels (console, Telegram, Feishu) and their end-to-end tests build it through here.
 */
import { createDialogEngine } from './dialog/engine.ts';
import { GenerationBusyError, type Services } from './dialog/services.ts';
import type { Engine } from './dialog/types.ts';
import { loadLibrary } from './library/load.ts';
import { createAssistant } from './llm/index.ts';
import type { Assistant } from './llm/assistant.ts';
import { formatLookup, lookup } from './library/lookup.ts';
import { compose, warmUp } from './compose/index.ts';
import { rankSimilar } from './library/rank.ts';
import type { Library } from './library/types.ts';
import { LAYOUTS, docxFileName, isLayoutName } from './render/index.ts';
import { RenderPool, RenderQueueFullError, renderPoolOptionsFromEnv, sharedRenderPool } from './render/pool.ts';
import { checkTable } from './rules/index.ts';
import { importFile } from './import/index.ts';
import { LowdbDraftStore } from './store/lowdb.ts';
import type { DraftStore } from './dialog/records.ts';

export interface CreateEngineOptions {
  dataDir: string;
  /** Defaults to `data/library.json`. */
  library?: Library;
  /** A different store (e.g. a shared one); the lowdb store on `dataDir` otherwise. */
  store?: DraftStore;
  /** Store recovery and start-up lines; `console.warn` by default. */
  log?: (line: string) => void;
  now?: () => Date;
  /** Optional model help; built from `env` when not given (no LLM_API_KEY: no model, no calls). */
  assistant?: Assistant;
  /** LLM_* settings (none given means no model, so tests stay offline) and RENDER_THREADS / RENDER_QUEUE. */
  env?: Record<string, string | undefined>;
  /** The worker pool that renders files; otherwise the process's shared one (sized by `env`). */
  renderPool?: RenderPool;
}

/** The pool's refusal as the dialog's own error, other errors as they are. */
function busyAsDialogError(err: unknown): never {
  throw err instanceof RenderQueueFullError ? new GenerationBusyError(err.message) : err;
}

export function realServices(store: DraftStore, library: Library, pool: RenderPool, now?: () => Date, assistant?: Assistant): Services {
  const layoutOf = (layout: string | undefined) => (layout && isLayoutName(layout) ? layout : undefined);
  return {
    assistant,
    store,
    library,
    // With the library, a target copied from one of its tables is found too.
    checkTable: (table) => checkTable(table, { library }),
    compose: (library, query) => compose(library, query, now?.()),
    similar: rankSimilar,
    lookupText: (lib, keyword) => formatLookup(lookup(lib, keyword)),
    render: (table, { layout, onQueued }) => pool.render(table, { layout: layoutOf(layout), onQueued }).catch(busyAsDialogError),
    docxFileName,
    layouts: LAYOUTS.map((l) => ({ id: l.name, label: l.title })),
    importFile,
    renderSet: (tables, { layout, onQueued }) => pool.renderSet(tables, { layout: layoutOf(layout), onQueued }).catch(busyAsDialogError),
    now,
  };
}

export async function createEngine(
  options: CreateEngineOptions,
): Promise<Engine & { close(): Promise<void> }> {
  const store = options.store ?? new LowdbDraftStore({ dataDir: options.dataDir, log: options.log });
  const library = options.library ?? loadLibrary();
  warmUp(library);
  const assistant = options.assistant ?? createAssistant(options.env ?? {}, options.log);
  const pool = options.renderPool ?? sharedRenderPool(renderPoolOptionsFromEnv(options.env ?? {}));
  const engine = createDialogEngine(realServices(store, library, pool, options.now, assistant));
  return {
    handle: (userKey, input, handleOptions) => engine.handle(userKey, input, handleOptions),
    turnStore: store,
    async close() {
      await engine.idle();
      await store.close();
    },
  };
}
