/**
 * How the terminal shows the engine's replies: plain text, with a long list of commands on one
 * line («可回复：A；B；C») broken into one command per line, and choices as a numbered menu. Pure.
 */
import type { Choice } from '../../dialog/types.ts';

/** Lines wider than this (in terminal columns, a CJK character counts two) are worth breaking up. */
const WIDE = 80;

/** Terminal columns of a string: CJK and full-width characters take two. */
export function columns(s: string): number {
  let n = 0;
  for (const ch of s) n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return n;
}

/** `可回复：全部采用；只留部分「1,3」；…` → the label, then each option on its own bulleted line. */
function listLine(line: string): string[] {
  const m = /^([^：]{1,8}：)(.+)$/.exec(line);
  if (!m || columns(line) <= WIDE) return [line];
  const items = m[2]!.replace(/。$/, '').split('；').map((s) => s.trim()).filter(Boolean);
  return items.length < 3 ? [line] : [m[1]!, ...items.map((s) => `  · ${s}`)];
}

export function consoleText(text: string): string {
  return text.split('\n').flatMap(listLine).join('\n');
}

/** The numbered menu under a question; the user types the number (or the label, or anything else). */
export function menuText(choices: readonly Choice[]): string {
  return [...choices.map((c, i) => `  ${i + 1}) ${c.label}`), '（输入编号选择，或直接输入文字）'].join('\n');
}
