/** What a render worker runs (src/render/worker.mjs loads this file; src/render/pool.ts sends the tasks). */
import { render } from './index.ts';
import type { RenderTask } from './pool.ts';
import { renderSet } from './set.ts';

export async function runTask(task: RenderTask | { kind: 'warm' }): Promise<unknown> {
  if (task.kind === 'warm') return null;
  if (task.kind === 'docx') return render(task.table, { layout: task.layout });
  return renderSet(task.tables, { layout: task.layout });
}
