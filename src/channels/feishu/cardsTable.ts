/**
 * The indicator list as a Feishu card (JSON 2.0): rows grouped by 一级/二级, each with its value, the
 * estimate mark and 改 / 删 buttons, then 全部采用 / 生成; and the one-indicator edit form that 改
 * opens in the same card. Pure builders; user text only in plain_text.
 */
import type { Choice, ReplyEdit, ReplyTable, ReplyTableRow } from '../../dialog/types.ts';
import { button, buttonRows, cardShell, fitsLimits, plain, textElements, type ButtonValue, type Card, type FormSubmitValue } from './cards.ts';

const ESTIMATE_MARK = '（估算，请核对）';

/** Rows grouped by 一级 then 二级, in list order. */
function groups(rows: readonly ReplyTableRow[]): Array<{ level1: string; level2s: Array<{ level2: string; rows: ReplyTableRow[] }> }> {
  const out: ReturnType<typeof groups> = [];
  for (const r of rows) {
    let g1 = out[out.length - 1];
    if (!g1 || g1.level1 !== r.level1) out.push((g1 = { level1: r.level1, level2s: [] }));
    let g2 = g1.level2s[g1.level2s.length - 1];
    if (!g2 || g2.level2 !== r.level2) g1.level2s.push((g2 = { level2: r.level2, rows: [] }));
    g2.rows.push(r);
  }
  return out;
}

const rowText = (r: ReplyTableRow): string => `${r.n}. ${r.name}：${r.value}${r.estimate ? ESTIMATE_MARK : ''}`;

const rowButton = (c: Choice, danger: boolean): Card =>
  button(c.label, { choice: c.id, label: `${c.label}第 ${c.id.split(':')[1] ?? ''} 条` } satisfies ButtonValue, false, {
    type: danger ? 'danger_text' : 'primary_text',
    size: 'small',
  });

/** One indicator: its text (orange when the value is an estimate) and its buttons, on one line. */
function actionRow(r: ReplyTableRow): Card {
  const text = { tag: 'div', text: plain(rowText(r), r.estimate ? { text_color: 'orange' } : {}) };
  return {
    tag: 'column_set',
    horizontal_spacing: 'small',
    columns: [
      { tag: 'column', width: 'weighted', weight: 5, vertical_align: 'center', elements: [text] },
      ...r.actions.map((a) => ({ tag: 'column', width: 'auto', vertical_align: 'center', elements: [rowButton(a, a.label === '删')] })),
    ],
  };
}

/** The table body: with per-row buttons, or (for a list too long for one card) as grouped lines. */
function tableElements(table: ReplyTable, withActions: boolean): Card[] {
  const out: Card[] = [];
  for (const g1 of groups(table.rows)) {
    out.push({ tag: 'div', text: plain(g1.level1, { text_size: 'heading-4' }) });
    for (const g2 of g1.level2s) {
      out.push({ tag: 'div', text: plain(g2.level2, { text_size: 'notation', text_color: 'grey' }) });
      if (withActions) out.push(...g2.rows.map(actionRow));
      else out.push({ tag: 'div', text: plain(g2.rows.map(rowText).join('\n')) });
    }
  }
  return out;
}

/**
 * The indicator card. Every row gets 改 / 删 while the card stays within Feishu's limits; a longer
 * list is shown as grouped lines (edited by message: 删 4, 改 3 ≥98%); a list too long even so is
 * sent as text before a card that keeps the buttons (`overflow`).
 */
export function indicatorCard(text: string, table: ReplyTable, choices: readonly Choice[]): { card: Card; overflow?: string } {
  const estimates = table.rows.filter((r) => r.estimate).length;
  const build = (withActions: boolean, body: Card[]): Card =>
    cardShell(
      table.title.replace(/[：:]$/, ''),
      table.note?.includes('还缺') ? 'orange' : 'blue',
      [
        ...(table.lead ? textElements(table.lead) : []),
        ...body,
        ...(estimates ? [{ tag: 'div', text: plain(`标「估算」的 ${estimates} 条是按预算估算的数值，请按实际计划核对。`, { text_size: 'notation', text_color: 'orange' }) }] : []),
        { tag: 'hr' },
        ...(table.note ? textElements(withActions ? table.note : `${table.note}\n条目较多，请直接发消息增删改，例如：删 4、改 3 ≥98%。`) : []),
        ...buttonRows(choices),
      ],
      text,
    );
  const full = build(true, tableElements(table, true));
  if (fitsLimits(full)) return { card: full };
  const compact = build(false, tableElements(table, false));
  if (fitsLimits(compact)) return { card: compact };
  return { card: build(false, [{ tag: 'div', text: plain('（指标清单见上一条消息）') }]), overflow: text };
}

/** 改 on a row: the same card becomes a form with the value to change, prefilled; 保存 sends `改 <n> <值>`. */
export function editCard(text: string, edit: ReplyEdit, choices: readonly Choice[]): Card {
  const form: Card = {
    tag: 'form',
    name: 'indicator_form',
    elements: [
      {
        tag: 'input',
        name: 'value',
        required: true,
        label: plain('新的指标值'),
        label_position: 'top',
        default_value: edit.value,
        placeholder: plain(`例如：${edit.value}`),
        max_length: 200,
      },
      button('保存', { form: 'indicator', prefix: edit.prefix } satisfies FormSubmitValue, true, { name: 'indicator_submit', form_action_type: 'submit' }),
    ],
  };
  return cardShell(`修改第 ${edit.n} 条：${edit.name}`, 'blue', [...textElements(text), form, ...buttonRows(choices)], text);
}
