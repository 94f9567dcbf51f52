/**
 * Telegram rendering of engine replies: HTML (every user string escaped) with the indicator list
 * grouped under bold 一级 and italic 二级 headings, numbered, values bold and estimates marked; and
 * the inline keyboard for every choice, the indicator rows' 改 / 删 included. Pure.
 */
import type { Reply, ReplyTable } from '../../dialog/types.ts';
import { keyboardRows, type InlineButton } from './keyboards.ts';
import { escapeHtml, htmlPieces, MESSAGE_LIMIT, toHtml } from './text.ts';

/** Telegram allows at most 100 buttons in one inline keyboard. */
const MAX_BUTTONS = 100;
const ESTIMATE_MARK = '（估算，请核对）';

/** The indicator list as HTML lines: 【一级】 bold, 二级 italic, `n. 名称：<b>值</b>` per row. */
export function tableHtmlLines(table: ReplyTable): string[] {
  const lines: string[] = [];
  if (table.lead) lines.push(...toHtml(table.lead).split('\n'), '');
  lines.push(`<b>${escapeHtml(table.title)}</b>`);
  let l1: string | undefined;
  let l2: string | undefined;
  for (const r of table.rows) {
    if (r.level1 !== l1) {
      l1 = r.level1;
      l2 = undefined;
      lines.push(`<b>【${escapeHtml(r.level1)}】</b>`);
    }
    if (r.level2 !== l2) {
      l2 = r.level2;
      lines.push(` <i>${escapeHtml(r.level2)}</i>`);
    }
    lines.push(`  ${r.n}. ${escapeHtml(r.name)}：<b>${escapeHtml(r.value)}</b>${r.estimate ? `<i>${ESTIMATE_MARK}</i>` : ''}`);
  }
  if (table.note) lines.push('', ...toHtml(table.note).split('\n'));
  return lines;
}

/** Whole lines joined into messages of at most `limit` characters; undefined if one line is longer. */
function joinLines(lines: string[], limit: number): string[] | undefined {
  const out: string[] = [];
  let current = '';
  for (const line of lines) {
    if (line.length > limit) return undefined;
    const next = current === '' ? line : `${current}\n${line}`;
    if (next.length <= limit) current = next;
    else {
      if (current.trim()) out.push(current);
      current = line;
    }
  }
  if (current.trim()) out.push(current);
  return out;
}

/** The messages (HTML, each under Telegram's limit) that show a text or choices reply. */
export function replyHtml(reply: Exclude<Reply, { type: 'file' }>, limit = MESSAGE_LIMIT): string[] {
  if (reply.table) {
    const pieces = joinLines(tableHtmlLines(reply.table), limit);
    if (pieces?.length) return pieces;
  }
  return htmlPieces(reply.text, limit);
}

/**
 * The inline keyboard of a reply: the indicator rows' buttons first (`改3` `删3`, two rows of the
 * list per keyboard row), then the reply's choices. Row buttons are left out when they would pass
 * Telegram's button limit; the list's text says how to edit by message.
 */
export function replyKeyboard(reply: Exclude<Reply, { type: 'file' }>): InlineButton[][] | undefined {
  const choices = reply.type === 'choices' ? reply.choices : [];
  const rows: InlineButton[][] = [];
  const rowButtons = (reply.table?.rows ?? []).flatMap((r) => r.actions.map((a) => ({ text: `${a.label}${r.n}`, callback_data: a.id })));
  if (rowButtons.length && rowButtons.length + choices.length <= MAX_BUTTONS) {
    for (let i = 0; i < rowButtons.length; i += 4) rows.push(rowButtons.slice(i, i + 4));
  }
  rows.push(...keyboardRows(choices));
  return rows.length ? rows : undefined;
}
