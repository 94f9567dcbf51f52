/**
 * Prompts live in `prompts/<name>.txt` with `# system` and `# user` sections and `{{placeholder}}`s.
 * They are loaded and checked at start-up, so a missing or unknown placeholder is a start-up error.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../library/load.ts';

/** Every prompt and the placeholders it must use, no more, no less. */
export const PROMPT_SPECS = {
  extract: ['text'],
  indicators: ['framework', 'project', 'purpose', 'amount', 'composed', 'examples'],
  targets: ['project', 'purpose', 'indicators'],
} as const;

export type PromptName = keyof typeof PROMPT_SPECS;
export type PromptVars<N extends PromptName> = Record<(typeof PROMPT_SPECS)[N][number], string>;

export interface Prompt {
  system: string;
  user: string;
}

export type Prompts = Record<PromptName, Prompt>;

export const PROMPTS_DIR = join(REPO_ROOT, 'prompts');

const PLACEHOLDER = /\{\{(\w+)\}\}/g;

/** Splits and checks one prompt file's text. */
export function parsePrompt(name: PromptName, text: string): Prompt {
  const m = /^# system\s*\n([\s\S]*?)\n# user\s*\n([\s\S]*)$/.exec(text.replace(/\r\n/g, '\n').trim());
  if (!m) throw new Error(`prompt ${name}: expected a "# system" and a "# user" section`);
  const found = new Set([...text.matchAll(PLACEHOLDER)].map((x) => x[1]!));
  const wanted: readonly string[] = PROMPT_SPECS[name];
  const missing = wanted.filter((p) => !found.has(p));
  const unknown = [...found].filter((p) => !wanted.includes(p));
  if (missing.length) throw new Error(`prompt ${name}: missing placeholder(s) ${missing.join(', ')}`);
  if (unknown.length) throw new Error(`prompt ${name}: unknown placeholder(s) ${unknown.join(', ')}`);
  return { system: m[1]!.trim(), user: m[2]!.trim() };
}

export function loadPrompts(dir: string = PROMPTS_DIR): Prompts {
  const out = {} as Prompts;
  for (const name of Object.keys(PROMPT_SPECS) as PromptName[]) {
    out[name] = parsePrompt(name, readFileSync(join(dir, `${name}.txt`), 'utf8'));
  }
  return out;
}

/** Fills a prompt's placeholders; values are inserted verbatim (never re-scanned for placeholders). */
export function fillPrompt<N extends PromptName>(prompt: Prompt, vars: PromptVars<N>): Prompt {
  const fill = (s: string) => s.replace(PLACEHOLDER, (_, key: string) => (vars as Record<string, string>)[key] ?? '');
  return { system: fill(prompt.system), user: fill(prompt.user) };
}
