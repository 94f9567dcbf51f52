/**
 * The finished table as DOCX. `render` is pure apart from the docx library: the same table and
 * layout give the same document.
 */
import { DraftTableSchema, type DraftTable } from '../domain/draft.ts';
import { renderDocx } from './docx.ts';
import { loadTemplate, type Template } from './template.ts';

export { docxFileName } from './text.ts';
export { UNVALIDATED_NOTE } from './docx.ts';

/** full = 项目支出绩效目标表 (default), compact = 本级预算项目绩效目标表. */
export type LayoutName = 'full' | 'compact';
export const DEFAULT_LAYOUT: LayoutName = 'full';

const LAYOUT_NAMES: LayoutName[] = ['full', 'compact'];

// Loaded and checked once at start-up, so a broken template fails loudly before any user waits.
const TEMPLATES: Record<LayoutName, Template> = {
  full: loadTemplate('full'),
  compact: loadTemplate('compact'),
};

export const LAYOUTS: { name: LayoutName; title: string }[] = LAYOUT_NAMES.map((name) => ({
  name,
  title: TEMPLATES[name].title,
}));

export function isLayoutName(s: string): s is LayoutName {
  return (LAYOUT_NAMES as string[]).includes(s);
}

export function render(
  table: DraftTable,
  options: { layout?: LayoutName; unvalidatedNote?: boolean } = {},
): Promise<Buffer> {
  const layout = options.layout ?? DEFAULT_LAYOUT;
  const template = TEMPLATES[layout];
  if (!template) return Promise.reject(new Error(`unknown layout: ${String(layout)}`));
  // Callers may hand over a table built by hand rather than parsed: fill the schema defaults
  // (amounts, targets, framework …) so a missing block prints empty instead of throwing.
  const parsed = DraftTableSchema.safeParse(table);
  // A failure rejects, like the render pool's, rather than throwing.
  return new Promise((done) => done(renderDocx(template, parsed.success ? parsed.data : table, { unvalidatedNote: options.unvalidatedNote })));
}
