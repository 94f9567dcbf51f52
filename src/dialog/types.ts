/** The platform-neutral conversation contract between channel adapters and the dialog engine. */

/** What a user sent. A channel maps its platform events to one of these. */
export type Input =
  | { type: 'text'; text: string }
  /** A button press; `id` is the choice id the engine gave (≤ 64 bytes, ASCII). */
  | { type: 'choice'; id: string }
  /** A file the user sent (a `.json` draft, a Word/Excel/PDF table, or something unsupported); `caption` 检查 checks it instead. */
  | { type: 'file'; name: string; mime?: string; bytes: Uint8Array; caption?: string };

export interface Choice {
  /** Short ASCII id (≤ 64 bytes, Telegram's callback_data limit). */
  id: string;
  /** Button label (简体中文). */
  label: string;
}

/**
 * A form a channel may show instead of asking field by field (a Feishu form card). Optional: the
 * reply's text is the question for channels without forms. The submitted values come back as one
 * pasted block of `字段：值` lines, which the engine reads like any paste.
 */
export type ReplyForm = 'basics';

/** What the engine answers. A channel maps these to platform calls. */
export type Reply =
  | { type: 'text'; text: string; form?: ReplyForm }
  | { type: 'choices'; text: string; choices: Choice[]; form?: ReplyForm }
  | { type: 'file'; name: string; mime: string; bytes: Uint8Array; caption?: string };

export interface HandleOptions {
  /**
   * Sends a reply at once, before the turn's own replies: 「正在生成，请稍候」 when a file has to wait
   * for the generator. Optional; a channel without it simply sends the turn's replies.
   */
  notify?(reply: Reply): void;
}

export interface Engine {
  /** One turn: `userKey` identifies the user and chat (`telegram:<chat>:<user>`, `feishu:<tenant>:<chat>:<user>`, `console:local`). */
  handle(userKey: string, input: Input, options?: HandleOptions): Promise<Reply[]>;
}

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
