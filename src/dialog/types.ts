/** The platform-neutral conversation contract between channel adapters and the dialog engine. */

/** What a user sent. A channel maps its platform events to one of these. */
export type Input =
  | { type: 'text'; text: string }
  /** A button press; `id` is the choice id the engine gave (≤ 64 bytes, ASCII). */
  | { type: 'choice'; id: string }
  /** A file the user sent (a `.json` draft, a Word/Excel/PDF table, or something unsupported); `caption` 检查 checks it instead. */
  | { type: 'file'; name: string; mime?: string; bytes: Uint8Array; caption?: string }
  /**
   * A channel's report on a generated file (a reply with `receipt`): delivered, the draft is
   * archived; refused or lost, the user is told so and offered 重新发送. Only with `TurnRef.receipts`.
   */
  | { type: 'receipt'; draftId: string; delivered: boolean };

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

/** One indicator of a shown list, for channels that draw a table (the reply's text has the same list). */
export interface ReplyTableRow {
  /** The number the user types in 删 4 / 改 4 …: position in the list + 1. */
  n: number;
  level1: string;
  level2: string;
  name: string;
  value: string;
  /** The value is an estimate from the budget that the user should check. */
  estimate?: boolean;
  /** Per-row buttons (删 / 改), with ids of the same question as the reply's choices. */
  actions: Choice[];
}

/**
 * The indicator list of a reply as data. `lead` is the text before the list (feedback, intro),
 * `title` its heading line and `note` the text after it; the reply's `text` is the same content as
 * plain text, for channels (or clients) that show no table.
 */
export interface ReplyTable {
  lead?: string;
  title: string;
  rows: ReplyTableRow[];
  note?: string;
}

/** A single indicator's value being asked for (after 改 on a row): a channel may show an input. */
export interface ReplyEdit {
  n: number;
  name: string;
  value: string;
  /** The text the answer is sent as, with the new value appended: `改 3 `. */
  prefix: string;
}

/** What the engine answers. A channel maps these to platform calls. */
export type Reply =
  | { type: 'text'; text: string; form?: ReplyForm; table?: ReplyTable; edit?: ReplyEdit }
  | { type: 'choices'; text: string; choices: Choice[]; form?: ReplyForm; table?: ReplyTable; edit?: ReplyEdit }
  /** `receipt`: the id of the draft this file finishes; the channel reports delivery back (Input `receipt`). */
  | { type: 'file'; name: string; mime: string; bytes: Uint8Array; caption?: string; receipt?: string };

/**
 * The channel pipeline's handle on one turn (src/channels/pipeline.ts): the inbox update it answers.
 * The turn's one atomic save checks that the update was not applied before, marks it applied and
 * stores the replies in the outbox with `route`, so a crash can neither lose nor repeat the turn.
 */
export interface TurnRef {
  /** The update's id in the inbox. */
  id: string;
  /** Where the replies go: channel data, opaque to the engine, kept with them in the outbox. */
  route: unknown;
  /** The channel reports file delivery (Input `receipt`): 生成 archives only once the file arrived. */
  receipts?: boolean;
}

export interface HandleOptions {
  /**
   * Sends a reply at once, before the turn's own replies: 「正在生成，请稍候」 when a file has to wait
   * for the generator. Optional; a channel without it simply sends the turn's replies.
   */
  notify?(reply: Reply): void;
  /** The inbox update this turn answers (the channel pipeline): saved with the turn, see TurnRef. */
  ref?: TurnRef;
}

export interface Engine {
  /**
   * One turn: `userKey` identifies the user and chat (`telegram:<chat>:<user>`, `feishu:<tenant>:<chat>:<user>`, `console:local`).
   * With `options.ref` the turn's save records the update and its replies (and errors are thrown, not answered).
   */
  handle(userKey: string, input: Input, options?: HandleOptions): Promise<Reply[]>;
  /**
   * The store a turn with `ref` records its update and replies in (the real engine's); the channel
   * keeps its inbox beside it. Absent (a test's scripted engine), the pipeline records the replies.
   */
  readonly turnStore?: object;
}

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
