/**
 * Test helper: checks a card against the documented Feishu card JSON 2.0 structure, as far as our
 * cards use it. Returns the problems found (empty when the card is valid).
 */
const CONTAINERS = new Set(['form', 'column_set', 'column', 'collapsible_panel', 'interactive_container']);
const COMPONENTS = new Set(['div', 'markdown', 'hr', 'button', 'input', 'note', 'table', 'img']);
const INTERACTIVE = new Set(['button', 'input', 'select_static', 'multi_select_static', 'date_picker', 'checker']);
/** Feishu's documented card size limit. */
const MAX_BYTES = 30 * 1024;

type Node = Record<string, unknown>;

export function cardProblems(card: Node): string[] {
  const out: string[] = [];
  if (card.schema !== '2.0') out.push('schema is not "2.0"');
  if ('elements' in card) out.push('JSON 1.0 root "elements"');
  const header = card.header as Node | undefined;
  if (!header || !isPlain(header.title)) out.push('header.title is not plain_text');
  const body = card.body as Node | undefined;
  if (!body || !Array.isArray(body.elements)) return [...out, 'body.elements missing'];
  if (Buffer.byteLength(JSON.stringify(card)) > MAX_BYTES) out.push('card larger than 30 KB');
  const names = new Set<string>();
  const walk = (el: Node, depth: number, inForm: boolean, atRoot: boolean) => {
    const tag = String(el.tag);
    if (!CONTAINERS.has(tag) && !COMPONENTS.has(tag)) out.push(`unknown tag ${tag}`);
    if (tag === 'action') out.push('JSON 1.0 action module');
    if (CONTAINERS.has(tag) && depth > 5) out.push(`${tag} nested deeper than 5 levels`);
    if (tag === 'form' && !atRoot) out.push('form not at the card root');
    if (inForm && (tag === 'form' || tag === 'table')) out.push(`${tag} inside a form`);
    if (tag === 'div' && !isPlain(el.text)) out.push('div text is not plain_text');
    if (tag === 'button') {
      if (!isPlain(el.text)) out.push('button text is not plain_text');
      const behaviors = el.behaviors as Node[] | undefined;
      if (!Array.isArray(behaviors) || !behaviors.some((b) => b.type === 'callback' && b.value !== undefined)) out.push('button without a callback behavior');
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
    for (const child of children(el)) walk(child, CONTAINERS.has(tag) ? depth + 1 : depth, inForm || tag === 'form', false);
  };
  for (const el of body.elements as Node[]) walk(el, 1, false, true);
  return out;
}

function isPlain(t: unknown): boolean {
  return !!t && typeof t === 'object' && (t as Node).tag === 'plain_text' && typeof (t as Node).content === 'string';
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
