/**
 * Test helper: checks a card against the documented Feishu card JSON 2.0 structure ("卡片 JSON 2.0
 * 结构" and the 2.0 component pages: 分栏, 表单容器, 折叠面板, 普通文本, 富文本, 分割线, 按钮, 输入框),
 * as far as our cards use it. JSON 2.0 refuses a card with an unsupported property, so every
 * property is checked against the component's documented list. Returns the problems found (empty
 * when the card is valid).
 */
type Node = Record<string, unknown>;

/** Feishu's documented limits: 30 KB of JSON, 200 elements (components and text objects). */
const MAX_BYTES = 30 * 1024;
const MAX_ELEMENTS = 200;

const ROOT = ['schema', 'config', 'card_link', 'header', 'body'];
const CONFIG = ['streaming_mode', 'streaming_config', 'summary', 'locales', 'enable_forward', 'update_multi', 'width_mode', 'use_custom_translation', 'enable_forward_interaction', 'style'];
const HEADER = ['title', 'subtitle', 'text_tag_list', 'i18n_text_tag_list', 'template', 'icon', 'padding', 'element_id'];
const BODY = ['elements', 'direction', 'padding', 'horizontal_spacing', 'horizontal_align', 'vertical_spacing', 'vertical_align'];
const LAYOUT = ['direction', 'padding', 'vertical_spacing', 'horizontal_spacing', 'vertical_align', 'horizontal_align'];
const COMMON = ['tag', 'element_id', 'margin'];

/** Documented properties per component tag (JSON 2.0). `note` and `action` are gone in 2.0. */
const PROPS: Record<string, string[]> = {
  div: [...COMMON, 'width', 'text', 'icon'],
  markdown: [...COMMON, 'text_size', 'text_align', 'icon', 'content'],
  hr: COMMON,
  column_set: [...COMMON, 'flex_mode', 'horizontal_spacing', 'horizontal_align', 'background_style', 'columns', 'action'],
  column: [...COMMON, 'background_style', 'width', 'weight', 'action', 'elements', ...LAYOUT],
  form: [...COMMON, 'name', 'elements', ...LAYOUT],
  collapsible_panel: [...COMMON, 'expanded', 'background_color', 'header', 'border', 'elements', ...LAYOUT],
  button: [...COMMON, 'type', 'size', 'width', 'text', 'icon', 'hover_tips', 'disabled', 'disabled_tips', 'confirm', 'behaviors', 'name', 'form_action_type'],
  input: [...COMMON, 'name', 'required', 'disabled', 'disabled_tips', 'placeholder', 'default_value', 'width', 'max_length', 'input_type', 'show_icon', 'rows', 'auto_resize', 'max_rows', 'label', 'label_position', 'value', 'confirm', 'behaviors', 'fallback'],
};
const CONTAINERS = new Set(['form', 'column_set', 'column', 'collapsible_panel']);
const INTERACTIVE = new Set(['button', 'input', 'select_static', 'multi_select_static', 'date_picker', 'checker']);
const TEXT_PROPS = ['tag', 'content', 'text_size', 'text_color', 'text_align', 'lines', 'i18n_content'];

const TEMPLATES = new Set(['blue', 'wathet', 'turquoise', 'green', 'yellow', 'orange', 'red', 'carmine', 'violet', 'purple', 'indigo', 'grey', 'default']);
const BUTTON_TYPES = new Set(['default', 'primary', 'danger', 'text', 'primary_text', 'danger_text', 'primary_filled', 'danger_filled', 'laser']);
const SIZES = new Set(['tiny', 'small', 'medium', 'large']);
const FLEX = new Set(['none', 'stretch', 'flow', 'bisect', 'trisect']);
const TEXT_SIZES = new Set(['heading-0', 'heading-1', 'heading-2', 'heading-3', 'heading-4', 'heading', 'normal', 'notation', 'xxxx-large', 'xxx-large', 'xx-large', 'x-large', 'large', 'medium', 'small', 'x-small']);
const HUES = ['blue', 'carmine', 'green', 'indigo', 'lime', 'orange', 'purple', 'red', 'sunflower', 'turquoise', 'violet', 'wathet', 'yellow'];
/** The colour enumeration: a hue, optionally with a shade (-50 … -900), grey shades, or default/white. */
function isColour(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  if (['default', 'white', 'bg-white', 'grey'].includes(v)) return true;
  const m = /^([a-z]+)(?:-(\d+))?$/.exec(v);
  if (!m) return false;
  if (m[1] === 'grey') return m[2] !== undefined && Number(m[2]) <= 1000;
  return HUES.includes(m[1]!) && (m[2] === undefined || ['50', '100', '200', '300', '350', '400', '500', '600', '700', '800', '900'].includes(m[2]));
}

function unknownKeys(where: string, o: Node, allowed: readonly string[], out: string[]): void {
  for (const k of Object.keys(o)) if (!allowed.includes(k)) out.push(`${where}: unsupported property "${k}"`);
}

function checkText(where: string, t: unknown, out: string[], nonEmpty = false): void {
  if (!t || typeof t !== 'object') return void out.push(`${where}: not a text object`);
  const o = t as Node;
  if (o.tag !== 'plain_text') out.push(`${where}: text is not plain_text`);
  if (typeof o.content !== 'string') out.push(`${where}: text without content`);
  else if (nonEmpty && o.content.trim() === '') out.push(`${where}: empty text`);
  unknownKeys(where, o, TEXT_PROPS, out);
  if (o.text_size !== undefined && !TEXT_SIZES.has(String(o.text_size))) out.push(`${where}: text_size ${String(o.text_size)}`);
  if (o.text_color !== undefined && !isColour(o.text_color)) out.push(`${where}: text_color ${String(o.text_color)}`);
}

export function cardProblems(card: Node): string[] {
  const out: string[] = [];
  if (card.schema !== '2.0') out.push('schema is not "2.0"');
  unknownKeys('card', card, ROOT, out);
  const config = card.config as Node | undefined;
  if (config) {
    unknownKeys('config', config, CONFIG, out);
    if (config.update_multi !== undefined && config.update_multi !== true) out.push('config.update_multi must be true in JSON 2.0');
  }
  const header = card.header as Node | undefined;
  if (!header) out.push('no header');
  else {
    unknownKeys('header', header, HEADER, out);
    checkText('header.title', header.title, out, true);
    if (header.subtitle !== undefined) checkText('header.subtitle', header.subtitle, out);
    if (header.template !== undefined && !TEMPLATES.has(String(header.template))) out.push(`header.template ${String(header.template)}`);
  }
  const body = card.body as Node | undefined;
  if (!body || !Array.isArray(body.elements)) return [...out, 'body.elements missing'];
  unknownKeys('body', body, BODY, out);
  if (Buffer.byteLength(JSON.stringify(card)) > MAX_BYTES) out.push('card larger than 30 KB');
  const elements = countElements(card);
  if (elements > MAX_ELEMENTS) out.push(`${elements} elements, more than ${MAX_ELEMENTS}`);
  const names = new Set<string>();
  const walk = (el: Node, depth: number, inForm: boolean, atRoot: boolean, parent: string) => {
    const tag = String(el.tag);
    const allowed = PROPS[tag];
    if (!allowed) return void out.push(`unsupported tag ${tag}`);
    unknownKeys(tag, el, allowed, out);
    if (CONTAINERS.has(tag) && depth > 5) out.push(`${tag} nested deeper than 5 levels`);
    if (tag === 'form' && !atRoot) out.push('form not at the card root');
    if (tag === 'column' && parent !== 'column_set') out.push('column outside a column_set');
    if (parent === 'column_set' && tag !== 'column') out.push(`${tag} directly in a column_set`);
    if (inForm && tag === 'form') out.push('form inside a form');
    if (tag === 'div') checkText('div.text', el.text, out);
    if (tag === 'markdown' && typeof el.content !== 'string') out.push('markdown without content');
    if (tag === 'column_set') {
      if (!Array.isArray(el.columns) || el.columns.length === 0) out.push('column_set without columns');
      if (el.flex_mode !== undefined && !FLEX.has(String(el.flex_mode))) out.push(`flex_mode ${String(el.flex_mode)}`);
    }
    if ((tag === 'column_set' || tag === 'column') && el.background_style !== undefined && !isColour(el.background_style)) out.push(`background_style ${String(el.background_style)}`);
    if (tag === 'column') {
      if (el.width !== undefined && !['auto', 'weighted'].includes(String(el.width)) && !/^\d+px$/.test(String(el.width))) out.push(`column width ${String(el.width)}`);
      if (el.weight !== undefined && !(Number.isInteger(el.weight) && (el.weight as number) >= 1 && (el.weight as number) <= 5)) out.push(`column weight ${String(el.weight)}`);
      if (flatten(el).some((e) => e.tag === 'form')) out.push('form inside a column');
    }
    if (tag === 'button') {
      checkText('button.text', el.text, out, true);
      if (el.type !== undefined && !BUTTON_TYPES.has(String(el.type))) out.push(`button type ${String(el.type)}`);
      if (el.size !== undefined && !SIZES.has(String(el.size))) out.push(`button size ${String(el.size)}`);
      const behaviors = el.behaviors as Node[] | undefined;
      const callback = Array.isArray(behaviors) && behaviors.some((b) => b.type === 'callback' && b.value !== undefined);
      if (!callback) out.push('button without a callback behavior');
      if (el.form_action_type !== undefined && !inForm) out.push('form_action_type on a button outside a form');
      if (Buffer.byteLength(JSON.stringify(behaviors ?? [])) > 2000) out.push('button value too large');
    }
    if (tag === 'input') {
      if (el.placeholder !== undefined) checkText('input.placeholder', el.placeholder, out);
      if (el.label !== undefined) checkText('input.label', el.label, out);
      if (el.input_type !== undefined && !['text', 'multiline_text', 'password'].includes(String(el.input_type))) out.push(`input_type ${String(el.input_type)}`);
      if (el.required !== undefined && !inForm) out.push('required on an input outside a form');
      if (el.max_length !== undefined && !(Number.isInteger(el.max_length) && (el.max_length as number) >= 1 && (el.max_length as number) <= 1000)) out.push('input max_length out of 1–1000');
    }
    if (inForm && INTERACTIVE.has(tag)) {
      if (typeof el.name !== 'string' || el.name === '') out.push(`${tag} in a form without a name`);
      else if (names.has(el.name)) out.push(`name ${el.name} used twice`);
      else names.add(el.name);
    }
    if (tag === 'form') {
      const inner = flatten(el);
      if (!inner.some((e) => e.tag === 'button' && e.form_action_type === 'submit')) out.push('form without a submit button');
      if (typeof el.name !== 'string' || el.name === '') out.push('form without a name');
    }
    if (tag === 'collapsible_panel') {
      const h = el.header as Node | undefined;
      if (!h) out.push('collapsible_panel without a header');
      else if (h.title !== undefined) checkText('collapsible_panel.header.title', h.title, out);
      if (flatten(el).some((e) => e.tag === 'form')) out.push('form inside a collapsible_panel');
    }
    for (const child of children(el)) walk(child, CONTAINERS.has(tag) ? depth + 1 : depth, inForm || tag === 'form', false, tag);
  };
  for (const el of body.elements as Node[]) walk(el, 1, false, true, 'body');
  return out;
}

/** Every object with a `tag`: what Feishu counts against the 200-element limit. */
export function countElements(v: unknown): number {
  if (Array.isArray(v)) return v.reduce((n: number, x) => n + countElements(x), 0);
  if (!v || typeof v !== 'object') return 0;
  return (typeof (v as Node).tag === 'string' ? 1 : 0) + Object.values(v as Node).reduce((n: number, x) => n + countElements(x), 0);
}

function children(el: Node): Node[] {
  return [...((el.elements as Node[] | undefined) ?? []), ...((el.columns as Node[] | undefined) ?? [])];
}

/** Every element of a card or subtree, depth first. */
export function flatten(el: Node): Node[] {
  const kids = el.body ? ((el.body as Node).elements as Node[]) : children(el);
  return kids.flatMap((k) => [k, ...flatten(k)]);
}

/** The card's buttons with their label and callback value. */
export function buttonsOf(card: Node): Array<{ label: string; value: unknown; node: Node }> {
  return flatten(card)
    .filter((e) => e.tag === 'button')
    .map((b) => ({ label: String((b.text as Node).content), value: ((b.behaviors as Node[])[0] as Node).value, node: b }));
}

/** All plain text of a card, for content checks. */
export function cardText(card: Node): string {
  return flatten(card)
    .map((e) => (e.tag === 'div' ? String((e.text as Node).content) : e.tag === 'markdown' ? String(e.content) : ''))
    .filter(Boolean)
    .join('\n');
}
