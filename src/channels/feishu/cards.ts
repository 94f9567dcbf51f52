/**
 * Feishu cards in JSON 2.0 (`schema: "2.0"`, `header` + `body.elements`). Pure builders, no I/O.
 * User text only ever goes into `plain_text`, so nothing a user typed is read as markup. Clients
 * below 7.20 show only the header and an upgrade hint, so the header title carries the question's
 * first line and `config.summary` the chat-list preview.
 */
import type { Choice, ReplyForm } from '../../dialog/types.ts';

export type Card = Record<string, unknown>;

/** Feishu refuses cards above 30 KB; we stay well below and move the rest into text messages. */
export const CARD_MAX_BYTES = 24 * 1024;
/** One text element is kept short so a phone can scroll past it. */
const TEXT_ELEMENT_MAX = 3000;
const TITLE_MAX = 40;

/** The value on every button: the engine's choice id and, for the card update, its label. */
export interface ButtonValue {
  choice: string;
  label: string;
}

/** The value on the basics form's submit button. */
export interface FormSubmitValue {
  form: ReplyForm;
}

/** The basics form: input names are the values' keys in `form_value`; all four are required. */
export const BASICS_FIELDS: ReadonlyArray<{ name: string; label: string; placeholder: string; multiline?: boolean }> = [
  { name: 'projectName', label: '项目名称', placeholder: '例如：社区矫正工作经费' },
  { name: 'department', label: '主管部门', placeholder: '例如：某区司法局' },
  { name: 'amount', label: '金额（万元，或写明「元」）', placeholder: '例如：20' },
  { name: 'fundUse', label: '资金用途', placeholder: '例如：用于社区矫正对象教育帮扶、走访和培训', multiline: true },
];

const plain = (content: string) => ({ tag: 'plain_text', content });

function titleOf(text: string): string {
  const first = text.split('\n').find((l) => l.trim() !== '')?.trim() ?? '绩效目标表助手';
  return first.length > TITLE_MAX ? `${first.slice(0, TITLE_MAX - 1)}…` : first;
}

/** Colour of the header: findings that block generation are red, hints orange, the rest blue. */
function templateOf(text: string): string {
  if (/需要修改：/.test(text)) return 'red';
  if (/^提示：/m.test(text)) return 'orange';
  return 'blue';
}

/** Text as plain_text blocks of bounded size, cut at line ends. */
function textElements(text: string): Card[] {
  const out: Card[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    if (current && current.length + line.length + 1 > TEXT_ELEMENT_MAX) {
      out.push({ tag: 'div', text: plain(current) });
      current = '';
    }
    current = current ? `${current}\n${line}` : line.slice(0, TEXT_ELEMENT_MAX);
  }
  if (current.trim()) out.push({ tag: 'div', text: plain(current) });
  return out;
}

function card(text: string, elements: Card[]): Card {
  return {
    schema: '2.0',
    // update_multi: the card is shared by everyone in the chat and may be updated through the API.
    config: { update_multi: true, summary: { content: titleOf(text) } },
    header: { title: plain(titleOf(text)), template: templateOf(text) },
    body: { elements },
  };
}

function button(label: string, value: ButtonValue | FormSubmitValue, primary: boolean, extra: Card = {}): Card {
  return {
    tag: 'button',
    text: plain(label),
    type: primary ? 'primary' : 'default',
    behaviors: [{ type: 'callback', value }],
    ...extra,
  };
}

/** Buttons three to a row: several short rows read better on phones than one long wrapped row. */
function buttonRows(choices: readonly Choice[]): Card[] {
  const rows: Card[] = [];
  for (let i = 0; i < choices.length; i += 3) {
    rows.push({
      tag: 'column_set',
      flex_mode: 'flow',
      columns: choices.slice(i, i + 3).map((c, j) => ({
        tag: 'column',
        width: 'auto',
        elements: [button(c.label, { choice: c.id, label: c.label } satisfies ButtonValue, i + j === 0)],
      })),
    });
  }
  return rows;
}

/** A question with one button per choice. */
export function choicesCard(text: string, choices: readonly Choice[]): Card {
  return card(text, [...textElements(text), ...buttonRows(choices)]);
}

/** A form container at the card root: four required inputs and a submit button. */
export function basicsFormCard(text: string, choices: readonly Choice[] = []): Card {
  const form: Card = {
    tag: 'form',
    name: 'basics_form',
    elements: [
      ...BASICS_FIELDS.map((f) => ({
        tag: 'input',
        name: f.name,
        required: true,
        label: plain(f.label),
        label_position: 'top',
        placeholder: plain(f.placeholder),
        ...(f.multiline ? { input_type: 'multiline_text', rows: 3 } : {}),
      })),
      button('填好了，提交', { form: 'basics' } satisfies FormSubmitValue, true, { name: 'basics_submit', form_action_type: 'submit' }),
    ],
  };
  const hint = '可以一次填好下面四项提交，也可以直接发消息逐项回答。';
  return card(text, [...textElements(`${text}\n${hint}`), form, ...buttonRows(choices)]);
}

/** The same card after a click or a submit: the question stays, the controls become a grey note. */
export function answeredCard(text: string | undefined, note: string): Card {
  const body = text ? textElements(text) : [];
  return card(text ?? note, [...body, { tag: 'markdown', content: escapeMarkdown(note), text_size: 'notation' }]);
}

function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_~[\]()<>#|&]/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function cardBytes(c: Card): number {
  return Buffer.byteLength(JSON.stringify(c), 'utf8');
}

/**
 * A card within the size limit: when the text makes it too big, the card keeps the head of the text
 * and its controls, and the whole text is sent before it as plain text (returned in `overflow`).
 */
export function fitCard(text: string, build: (text: string) => Card): { card: Card; overflow?: string } {
  const full = build(text);
  if (cardBytes(full) <= CARD_MAX_BYTES) return { card: full };
  const lines = text.split('\n');
  const head = `${lines.slice(0, 3).join('\n').slice(0, 300)}\n（完整内容见上一条消息）`;
  return { card: build(head), overflow: text };
}

export function buttonValueOf(value: unknown): ButtonValue | undefined {
  let v = value;
  // Older clients send the value as a JSON string.
  if (typeof v === 'string') v = parseObject(v);
  if (!v || typeof v !== 'object') return undefined;
  const o = v as Record<string, unknown>;
  if (typeof o.choice !== 'string' || o.choice === '') return undefined;
  return { choice: o.choice, label: typeof o.label === 'string' ? o.label : o.choice };
}

/**
 * The basics form's `form_value` as the pasted block the engine reads (`项目名称：…` lines).
 * Line breaks inside a value become spaces so one value cannot start another field's line.
 */
export function basicsPaste(formValue: unknown): string | undefined {
  if (!formValue || typeof formValue !== 'object') return undefined;
  const v = formValue as Record<string, unknown>;
  const labels: Record<string, string> = { projectName: '项目名称', department: '主管部门', amount: '金额', fundUse: '资金用途' };
  const lines: string[] = [];
  for (const [key, label] of Object.entries(labels)) {
    const raw = typeof v[key] === 'string' ? (v[key] as string).replace(/\s+/g, ' ').trim() : '';
    if (!raw) continue;
    // A bare number is the amount in 万元, as the question says.
    const text = key === 'amount' && /^\d+(\.\d+)?$/.test(raw) ? `${raw}万元` : raw;
    lines.push(`${label}：${text}`);
  }
  return lines.length ? lines.join('\n') : undefined;
}

export function isFormSubmit(value: unknown): boolean {
  const v = typeof value === 'string' ? parseObject(value) : value;
  return !!v && typeof v === 'object' && (v as Record<string, unknown>).form === 'basics';
}

function parseObject(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}
