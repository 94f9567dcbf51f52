/** Test helper: checks a message against Telegram's HTML parse-mode subset. */
const ALLOWED = new Set(['b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'span', 'tg-spoiler', 'a', 'code', 'pre', 'blockquote']);

/** Problems found: tags outside the subset, unbalanced tags, a bare `<`, `>` or `&`. */
export function htmlProblems(html: string): string[] {
  const out: string[] = [];
  const stack: string[] = [];
  for (const m of html.matchAll(/<(\/?)([a-z-]+)(?:\s[^<>]*)?>|[<>]|&(?!(?:lt|gt|amp|quot|#\d+|#x[0-9a-f]+);)/gi)) {
    if (m[0] === '<' || m[0] === '>' || m[0] === '&') {
      out.push(`bare ${m[0]} at ${m.index}`);
      continue;
    }
    const [, close, name] = m;
    if (!ALLOWED.has(name!.toLowerCase())) out.push(`tag <${name}> not allowed`);
    if (close) {
      if (stack.pop() !== name) out.push(`unbalanced </${name}>`);
    } else stack.push(name!);
  }
  if (stack.length) out.push(`unclosed <${stack.join('>, <')}>`);
  return out;
}

/** The text a user sees: tags removed, entities decoded. */
export function visibleText(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
