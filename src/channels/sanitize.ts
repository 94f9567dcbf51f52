/**
 * Text that reaches other people or a terminal, made inert: no bidi overrides (`…‮xcod.exe` shown as
 * `…exe.docx`), no zero-width characters (invisible differences in names), no ANSI/OSC escape
 * sequences (a terminal would obey them: colours, titles, hyperlinks, clearing the screen), no other
 * C0/C1 controls except line breaks and tabs. Applied to what users send (at the channel edge, so
 * nothing hostile is stored) and to everything a channel echoes or uses as a file name.
 */

/** ESC [ … final byte (CSI), ESC ] … BEL/ST (OSC), ESC P/X/^/_ … ST (DCS, SOS, PM, APC), other 2-byte ESC sequences; and their 8-bit C1 forms. */
const ESCAPES =
  /\u001b\[[0-?]*[ -/]*[@-~]?|\u009b[0-?]*[ -/]*[@-~]?|(?:\u001b[\]PX^_]|[\u009d\u0090\u0098\u009e\u009f])[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u001b[ -~]?/g;
/** Bidi embeddings, overrides and isolates; the implicit marks too (they reorder neighbours as well). */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** Zero-width space/joiners, word joiner and invisible operators, BOM, soft hyphen, Mongolian vowel separator. */
const ZERO_WIDTH = /[\u00ad\u180e\u200b-\u200d\u2060-\u2064\ufeff]/g;
/** Remaining controls: C0 but tab/LF/CR, DEL, C1. */
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/** The text without escape sequences, bidi controls, zero-width characters and other controls. */
export function cleanText(text: string): string {
  return text.replace(ESCAPES, '').replace(BIDI, '').replace(ZERO_WIDTH, '').replace(CONTROLS, '');
}

/** A file name that is safe to show and to save: cleaned, no path separators, not empty. */
export function cleanFileName(name: string, fallback = 'file'): string {
  const cleaned = cleanText(name).replace(/[\r\n\t]/g, '_').replace(/[\\/:*?"<>|]+/g, '_').trim();
  return cleaned === '' || /^\.+$/.test(cleaned) ? fallback : cleaned;
}

/**
 * Feishu `text` messages interpret `<at user_id="all">` (and `<at>`-like tags, `<b>`, `<a>` …) as
 * markup: a project name could @所有人 in a group. A full-width ＜ keeps the text readable and inert.
 */
export function neutraliseFeishuText(text: string): string {
  return cleanText(text).replace(/<(?=\s*\/?\s*[A-Za-z])/g, '＜');
}

/** A reply as a channel may show it: every text, label, caption and file name cleaned. */
export function cleanReply<R extends { type: string }>(reply: R): R {
  const r = reply as unknown as { type: string; text?: string; caption?: string; name?: string; choices?: Array<{ id: string; label: string }> };
  const out: typeof r = { ...r };
  if (r.text !== undefined) out.text = cleanText(r.text);
  if (r.caption !== undefined) out.caption = cleanText(r.caption);
  if (r.type === 'file' && r.name !== undefined) out.name = cleanFileName(r.name, 'document.docx');
  if (r.choices) out.choices = r.choices.map((c) => ({ ...c, label: cleanText(c.label) }));
  return out as unknown as R;
}
