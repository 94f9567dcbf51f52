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
/** JSON 2.0 allows at most 200 elements (components and text objects such as plain_text) per card. */
export const CARD_MAX_ELEMENTS = 200;
/** One text element is kept short so a phone can scroll past it. */
const TEXT_ELEMENT_MAX = 3000;
const TITLE_MAX = 40;

/** The value on every button: the engine's choice id and, for the card update, its label. */
export interface ButtonValue {
  choice: string;
  label: string;
}

/** The value on a form's submit button: the basics form, or one indicator's new value (`改 3 `). */
export type FormSubmitValue = { form: ReplyForm } | { form: 'indicator'; prefix: string };

/** The basics form: input names are the values' keys in `form_value`; all four are required. */
export const BASICS_FIELDS: ReadonlyArray<{ name: string; label: string; placeholder: string; multiline?: boolean }> = [
  { name: 'projectName', label: '项目名称', placeholder: '例如：社区矫正工作经费' },
  { name: 'department', label: '主管部门', placeholder: '例如：某区司法局' },
  { name: 'amount', label: '金额（万元，或写明「元」）', placeholder: '例如：20' },
  { name: 'fundUse', label: '资金用途', placeholder: '例如：用于社区矫正对象教育帮扶、走访和培训', multiline: true },
];

export const plain = (content: string, extra: Card = {}): Card => ({ tag: 'plain_text', content, ...extra });

function titleOf(text: string): string {
  const first = text.split('\n').find((l) => l.trim() !== '')?.trim() ?? '绩效目标表助手';
  return first.length > TITLE_MAX ? `${first.slice(0, TITLE_MAX - 1)}…` : first;
}

/** Colour of the header: findings that block generation are red, hints orange, the rest blue. */
export function templateOf(text: string): string {
  if (/需要修改：/.test(text)) return 'red';
  if (/^提示：/m.test(text)) return 'orange';
  return 'blue';
}

/** Text as plain_text blocks of bounded size, cut at line ends. */
function plainBlocks(text: string, extra: Card = {}): Card[] {
  const out: Card[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    if (current && current.length + line.length + 1 > TEXT_ELEMENT_MAX) {
      out.push({ tag: 'div', text: plain(current, extra) });
      current = '';
    }
    current = current ? `${current}\n${line}` : line.slice(0, TEXT_ELEMENT_MAX);
  }
  if (current.trim()) out.push({ tag: 'div', text: plain(current, extra) });
  return out;
}

/** The dialog's findings blocks: a heading line, then one ✗ / △ line per finding (see dialog/format.ts). */
const NOTE_HEADINGS: Record<string, { mark: string; colour: string }> = {
  '需要修改：': { mark: '✗', colour: 'red' },
  '提示：': { mark: '△', colour: 'orange' },
};

/** A coloured block: a tinted background, the heading in the colour, the lines as plain text. */
function noteBlock(heading: string, lines: string[], colour: string): Card {
  return {
    tag: 'column_set',
    background_style: `${colour}-50`,
    columns: [
      {
        tag: 'column',
        width: 'weighted',
        weight: 1,
        padding: '8px 12px 8px 12px',
        elements: [{ tag: 'div', text: plain(heading.replace(/：$/, ''), { text_color: colour }) }, ...plainBlocks(lines.join('\n'))],
      },
    ],
  };
}

/**
 * Text as card elements: plain_text blocks, with the findings (需要修改 / 提示 and their ✗ / △ lines)
 * as coloured notes, so that they stand out from the summary around them.
 */
export function textElements(text: string): Card[] {
  const out: Card[] = [];
  const lines = text.split('\n');
  let plainLines: string[] = [];
  const flushPlain = () => {
    const t = plainLines.join('\n');
    if (t.trim()) out.push(...plainBlocks(t.replace(/^\n+|\n+$/g, '')));
    plainLines = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const note = NOTE_HEADINGS[lines[i]!.trim()];
    const items: string[] = [];
    if (note) for (let j = i + 1; j < lines.length && lines[j]!.startsWith(note.mark); j++) items.push(lines[j]!);
    if (!note || items.length === 0) {
      plainLines.push(lines[i]!);
      continue;
    }
    flushPlain();
    out.push(noteBlock(lines[i]!.trim(), items, note.colour));
    i += items.length;
  }
  flushPlain();
  return out;
}

export function cardShell(title: string, template: string, elements: Card[], summary = title): Card {
  const t = titleOf(title);
  return {
    schema: '2.0',
    // update_multi: the card is shared by everyone in the chat and may be updated through the API.
    config: { update_multi: true, summary: { content: titleOf(summary) } },
    header: { title: plain(t), template },
    body: { elements },
  };
}

function card(text: string, elements: Card[]): Card {
  return cardShell(text, templateOf(text), elements);
}

export function button(label: string, value: ButtonValue | FormSubmitValue, primary: boolean, extra: Card = {}): Card {
  return {
    tag: 'button',
    text: plain(label),
    type: primary ? 'primary' : 'default',
    behaviors: [{ type: 'callback', value }],
    ...extra,
  };
}

/** Buttons three to a row: several short rows read better on phones than one long wrapped row. */
export function buttonRows(choices: readonly Choice[]): Card[] {
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
  return card(text, withFixes(textElements(text), choices));
}

/** A one-tap fix of a finding (the review step's `fx:<n>` choices, see dialog/flow/fixes.ts). */
const isFix = (c: Choice): boolean => /^\d+\.fx:/.test(c.id);

/**
 * Text elements and the buttons: the findings' one-tap fixes right under the last findings note
 * (where the user reads what they fix), the other choices at the end.
 */
export function withFixes(elements: Card[], choices: readonly Choice[]): Card[] {
  const fixes = choices.filter(isFix);
  const rest = choices.filter((c) => !isFix(c));
  const lastNote = elements.map((e) => e.tag === 'column_set' && /-50$/.test(String(e.background_style))).lastIndexOf(true);
  if (fixes.length === 0 || lastNote < 0) return [...elements, ...buttonRows(choices)];
  return [...elements.slice(0, lastNote + 1), ...buttonRows(fixes), ...elements.slice(lastNote + 1), ...buttonRows(rest)];
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

/** What a 「正在生成」 notice card says: while the file is built, and once it is out (or is not). */
export const NOTICE = {
  working: { title: '正在生成', text: '正在生成 Word 文件，请稍候，文件好了会发在下面。', template: 'blue' },
  none: { title: '没有生成文件', text: '这次没有生成文件，原因见下面的消息。', template: 'grey' },
  failed: { title: '文件没有发送成功', text: '文件没有发送成功，草稿已保留，请按下面的消息重新发送。', template: 'orange' },
} as const;

/** The notice card; `files`: the files sent (the card then says so). */
export function noticeCard(state: keyof typeof NOTICE | { files: string[] }): Card {
  if (typeof state === 'object') return cardShell('已生成', 'green', textElements(`已生成，文件已发送：${state.files.join('、')}`));
  const n = NOTICE[state];
  return cardShell(n.title, n.template, textElements(n.text));
}

export function cardBytes(c: Card): number {
  return Buffer.byteLength(JSON.stringify(c), 'utf8');
}

/** Elements as JSON 2.0 counts them: every object with a `tag` (components and text objects). */
export function cardElements(c: unknown): number {
  if (Array.isArray(c)) return c.reduce((n: number, x) => n + cardElements(x), 0);
  if (!c || typeof c !== 'object') return 0;
  const o = c as Record<string, unknown>;
  return (typeof o.tag === 'string' ? 1 : 0) + Object.values(o).reduce((n: number, v) => n + cardElements(v), 0);
}

export function fitsLimits(c: Card): boolean {
  return cardBytes(c) <= CARD_MAX_BYTES && cardElements(c) <= CARD_MAX_ELEMENTS;
}

/**
 * A card within the size limits: when the text makes it too big, the card keeps the head of the text
 * and its controls, and the whole text is sent before it as plain text (returned in `overflow`).
 */
export function fitCard(text: string, build: (text: string) => Card): { card: Card; overflow?: string } {
  const full = build(text);
  if (fitsLimits(full)) return { card: full };
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

/**
 * An indicator edit form's submit as the message the engine reads: `改 3 ≥300人`. Undefined when
 * the value is not such a submit or the input is empty. Line breaks in the value become spaces.
 */
export function indicatorEditText(value: unknown, formValue: unknown): string | undefined {
  const v = typeof value === 'string' ? parseObject(value) : value;
  if (!v || typeof v !== 'object') return undefined;
  const o = v as Record<string, unknown>;
  if (o.form !== 'indicator' || typeof o.prefix !== 'string' || !/^改 \d{1,3} $/.test(o.prefix)) return undefined;
  const raw = formValue && typeof formValue === 'object' ? (formValue as Record<string, unknown>).value : undefined;
  const text = typeof raw === 'string' ? raw.replace(/\s+/g, ' ').trim() : '';
  return text ? `${o.prefix}${text}` : undefined;
}

function parseObject(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

/** Text-only mode (FEISHU_CARDS=off): the question with its choices as a numbered list. */
export function textWithMenu(text: string, choices: readonly Choice[]): string {
  if (choices.length === 0) return text;
  return [text, '', ...choices.map((c, i) => `${i + 1}. ${c.label}`), '（回复编号选择，或直接输入文字）'].join('\n');
}

/** The choice a bare number picks from the last numbered list, if any. */
export function menuPick(text: string, menu: string | undefined): string | undefined {
  const m = /^\s*(\d{1,2})\s*$/.exec(text);
  if (!m || !menu) return undefined;
  try {
    const choices = JSON.parse(menu) as Choice[];
    return Array.isArray(choices) ? choices[Number(m[1]) - 1]?.id : undefined;
  } catch {
    return undefined;
  }
}
