/**
 * A free-text paragraph read by the optional language model into draft fields, then applied like a
 * paste. The paste parser's reading is the fallback, and a fallback answer changes nothing.
 */
import type { DraftTable } from '../../domain/draft.ts';
import { formatAmount } from '../../domain/number.ts';
import type { Step } from '../records.ts';
import { applyPaste } from './answers.ts';
import { markAi } from '../drafts/marks.ts';
import { parseAmounts } from './parse.ts';
import { parsePaste, type PasteField, type PasteResult } from './paste.ts';
import { createDraft, type Turn } from '../turn.ts';

/**
 * A message is a paragraph worth extracting when it is clearly more than a name: at least 15
 * characters in two or more clauses (，。；！？ or a line break), or at least 40 characters.
 * 、 does not count, since names list things with it (人民调解、法律援助经费).
 */
export function isParagraph(text: string): boolean {
  const t = text.replace(/\s+/g, (m) => (m.includes('\n') ? '\n' : ' ')).trim();
  if (t.length >= 40) return true;
  const clauses = t.split(/[，。；！？,;!?\n]+/).filter((c) => c.trim().length > 0);
  return t.length >= 15 && clauses.length >= 2;
}

/**
 * Steps at which a paragraph is not the expected answer: the start (name), the department, and the
 * review. The amount step expects breakdowns such as 「实施期60万，年度20万」, the purpose step a
 * paragraph of its own, the indicator step list commands; those stay rule-based.
 */
const EXTRACT_STEPS: Step[] = ['name', 'department', 'review'];

const STRING_FIELDS = ['projectName', 'projectCode', 'department', 'implementer', 'period', 'fundUse'] as const;

/** The paste parser's raw fields as draft fields: the fallback of the extraction. */
function pasteToTable(paste: PasteResult | undefined): Partial<DraftTable> {
  if (!paste) return {};
  const out: Partial<DraftTable> = {};
  for (const key of STRING_FIELDS) if (paste.fields[key]) out[key] = paste.fields[key];
  if (paste.fields.amounts) {
    const a = parseAmounts(paste.fields.amounts);
    if ('annual' in a) out.amounts = a;
  }
  const f = paste.fields;
  const period = f['targets.period'] ?? f.targets;
  const annual = f['targets.annual'] ?? f.targets;
  if (period || annual) out.targets = { period, annual };
  if (paste.indicators.length) out.indicators = paste.indicators;
  return out;
}


/** Draft fields back into paste form, so that they go through the same parsing and rules. */
function tableToPaste(t: Partial<DraftTable>): PasteResult {
  const fields: Partial<Record<PasteField, string>> = {};
  // Flow order, so that 「已填写：…」 lists them as the questions would have come.
  for (const key of ['projectName', 'projectCode', 'department', 'implementer', 'period'] as const) if (t[key]) fields[key] = t[key];
  const a = t.amounts;
  if (a?.annual.total !== undefined) {
    const u = a.unit;
    const parts = [`年度${formatAmount(a.annual.total, u)}`];
    if (a.period.total !== undefined && a.period.total !== a.annual.total) parts.unshift(`实施期${formatAmount(a.period.total, u)}`);
    if (a.annual.fiscal !== undefined && a.annual.fiscal !== a.annual.total) parts.push(`财政拨款${formatAmount(a.annual.fiscal, u)}`);
    fields.amounts = parts.join('，');
  }
  if (t.fundUse) fields.fundUse = t.fundUse;
  if (t.targets?.period) fields['targets.period'] = t.targets.period;
  if (t.targets?.annual) fields['targets.annual'] = t.targets.annual;
  return { fields, indicators: t.indicators ?? [], badLines: [] };
}

/**
 * A free-text paragraph (「我们明年要申请20万做社区矫正，主要是用于……」) → the draft fields, applied
 * like paste mode, then the flow asks only what is missing. Returns false when the normal flow
 * should handle the message (no model, not a paragraph, or the model gave nothing usable).
 */
export async function extractParagraph(turn: Turn, text: string): Promise<boolean> {
  const assistant = turn.s.assistant;
  const had = turn.draft;
  if (!assistant?.enabled || !isParagraph(text)) return false;
  if (had && (had.editing || !EXTRACT_STEPS.includes(had.step))) return false;
  const framework = had?.table.framework ?? 'local';
  const got = await assistant.extract(text, () => pasteToTable(parsePaste(text, framework)), (t) => turn.s.checkTable(t));
  if (!got.byModel) return false;
  const paste = tableToPaste(got.value);
  if (Object.keys(paste.fields).length === 0 && paste.indicators.length === 0) return false;
  const draft = had ?? createDraft(turn);
  const filled = await applyPaste(turn, draft, paste);
  markAi(draft, filled);
  return true;
}
